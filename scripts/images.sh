#!/usr/bin/env bash
# Builds the services' release images with no registry and no container daemon (#25 point 11):
#   1. a self-contained publish of each service (dotnet publish -r linux-x64 --self-contained: the
#      runtime packs come from NuGet, so no base image is pulled);
#   2. one minimal root filesystem from Debian's own packages (only the libraries the runtime needs:
#      libc6, libgcc-s1, libstdc++6, libssl3, zlib1g, libicu72, ca-certificates, tzdata; no shell,
#      no package manager), with a non-root user `app` (uid/gid 64198);
#   3. an OCI image per service assembled by umoci (two layers: that root filesystem, then /app and
#      the SBOM), run as 64198:64198, written as an OCI layout:
#        artifacts/images/<service>/oci/      the layout (tag = the version)
#        artifacts/images/<service>/digest    sha256:... of the image's manifest
#        artifacts/images/<service>/sbom.cdx.json  CycloneDX SBOM (also in the image, /sbom/)
#
# Usage: scripts/images.sh [--version V] [service...]      (no service: all of them)
#   IMAGES_OUT=<dir> writes elsewhere than artifacts/images (the tests use a temporary folder).
# Development settings never go into an image: appsettings.Development.json is removed from the
# publish output and the build fails if any *.Development.* file or demo setting is still there.
# Pushing: skopeo copy --preserve-digests oci:artifacts/images/<s>/oci:<V> docker://<registry>/village-platform/<s>:<V>
# (scripts/release.sh pins the digests into the production overlay).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
out=${IMAGES_OUT:-$root/artifacts/images}
version=0.0.0-local
services=()
while [ $# -gt 0 ]; do
  case "$1" in
    --version) version=$2; shift 2 ;;
    -h|--help) sed -n '2,22p' "$0"; exit 0 ;;
    *) services+=("$1"); shift ;;
  esac
done
all=(identity gateway intake funding attendance handover monitoring subscriptions directory audit portal)
[ ${#services[@]} -gt 0 ] || services=("${all[@]}")

uid=64198
debs=(libc6 libgcc-s1 libstdc++6 libssl3 zlib1g libicu72 ca-certificates tzdata)
for tool in umoci skopeo dpkg-deb apt-get node jq dotnet; do
  command -v "$tool" >/dev/null || { echo "images.sh needs $tool (umoci and skopeo: apt-get install umoci skopeo)" >&2; exit 1; }
done
rootless=()
[ "$(id -u)" = 0 ] || rootless=(--rootless)
mkdir -p "$out"
out=$(cd "$out" && pwd)

# The project folder of a service: src/<Name> whose lower-case name is the service's.
project_of() {
  local d
  for d in src/*/; do
    d=${d%/}
    if [ "$(basename "$d" | tr '[:upper:]' '[:lower:]')" = "$1" ] && [ -f "$d/$(basename "$d").csproj" ]; then
      echo "$d"; return
    fi
  done
  echo "No project for service '$1' under src/" >&2; exit 1
}
for s in "${services[@]}"; do project_of "$s" >/dev/null; done

# --- 1. The root filesystem, from Debian's packages (downloaded once per output folder) ------------
base=$out/.base
if [ ! -f "$base/packages.txt" ]; then
  echo "Root filesystem from Debian packages: ${debs[*]}"
  rm -rf "$base" "$out/.debs"
  mkdir -p "$out/.debs" "$base/rootfs"
  if ! (cd "$out/.debs" && apt-get download -q "${debs[@]}" >/dev/null 2>&1); then
    # apt's package lists may be missing on a fresh machine.
    if [ "$(id -u)" = 0 ]; then apt-get update -qq; else sudo apt-get update -qq; fi
    (cd "$out/.debs" && apt-get download -q "${debs[@]}" >/dev/null)
  fi
  rootfs=$base/rootfs
  for deb in "$out"/.debs/*.deb; do
    dpkg-deb -x "$deb" "$rootfs"
    dpkg-deb -f "$deb" Package Version Architecture | awk -F': ' '{printf "%s%s", (NR>1?" ":""), $2} END {print ""}'
  done | sort >"$base/packages.txt.tmp"
  # What the runtime never reads: documentation (the copyright files stay), man pages, lintian, gdb.
  find "$rootfs/usr/share/doc" -type f ! -name copyright -delete
  rm -rf "$rootfs/usr/share/man" "$rootfs/usr/share/lintian" "$rootfs/usr/share/gdb" "$rootfs/usr/share/info"
  # The CA bundle update-ca-certificates would make (no maintainer scripts run here), where OpenSSL looks.
  mkdir -p "$rootfs/etc/ssl/certs" "$rootfs/usr/lib/ssl"
  find "$rootfs/usr/share/ca-certificates" -name '*.crt' | sort | xargs cat >"$rootfs/etc/ssl/certs/ca-certificates.crt"
  ln -sfn /etc/ssl/certs "$rootfs/usr/lib/ssl/certs"
  ln -sfn /etc/ssl/certs/ca-certificates.crt "$rootfs/usr/lib/ssl/cert.pem"
  ln -sfn /usr/share/zoneinfo/Etc/UTC "$rootfs/etc/localtime"
  echo "Etc/UTC" >"$rootfs/etc/timezone"
  # The user the services run as; no shell (there is none in the image).
  printf 'root:x:0:0:root:/root:/usr/sbin/nologin\napp:x:%s:%s:app:/app:/usr/sbin/nologin\n' $uid $uid >"$rootfs/etc/passwd"
  printf 'root:x:0:\napp:x:%s:\n' $uid >"$rootfs/etc/group"
  printf 'passwd: files\ngroup: files\nhosts: files dns\n' >"$rootfs/etc/nsswitch.conf"
  mkdir -p "$rootfs/tmp" "$rootfs/app"
  chmod 1777 "$rootfs/tmp"
  # The dynamic linker's cache, so libssl and libicu are found wherever the runtime asks.
  if [ "$(id -u)" = 0 ]; then ldconfig -r "$rootfs"; fi
  mv "$base/packages.txt.tmp" "$base/packages.txt"
fi

# --- 2. Per service: publish, SBOM, image -----------------------------------------------------------
for s in "${services[@]}"; do
  started=$SECONDS
  project=$(project_of "$s")
  app=$(basename "$project")
  work=$out/.work/$s
  rm -rf "$work" "$out/$s"
  mkdir -p "$work" "$out/$s"
  echo "$s: publishing $project (self-contained, linux-x64)"
  # Its own artifacts path: nothing is written into src/*/obj, where the developer's build lives.
  # One MSBuild node and no build servers: every process it starts is this script's child, so its CPU is counted.
  # IMAGES_REUSE_BUILD_SERVERS=1 (the CI test, tests/Deploy.Tests/ImageTests.cs) lets the publish use the compiler server
  # the test run's own build left warm instead of starting a cold compiler per project (still one MSBuild node, not kept):
  # the image is the same, the CPU figure below is then not the publish's whole cost.
  servers=(--disable-build-servers)
  if [ "${IMAGES_REUSE_BUILD_SERVERS:-0}" = 1 ]; then servers=(-nodeReuse:false); fi
  dotnet publish "$project/$app.csproj" -c Release -r linux-x64 --self-contained "${servers[@]}" -m:1 -nologo -v q \
    -p:Version="$version" --artifacts-path "$out/.build" -o "$work/app" >"$work/publish.log" 2>&1 \
    || { cat "$work/publish.log" >&2; exit 1; }
  # Development settings (demo clients, the demo password, local connection strings) stay out.
  find "$work/app" -iname '*.Development.json' -delete
  leftovers=$(find "$work/app" -iname '*development*' -o -iname 'launchSettings.json')
  if [ -n "$leftovers" ] || grep -rlq --include='*.json' -e 'UserPassword' "$work/app"; then
    echo "$s: development settings in the publish output: $leftovers" >&2; exit 1
  fi

  mkdir -p "$work/sbom"
  node deploy/images/sbom.mjs "village-platform/$s" "$version" "$work/app/$app.deps.json" "$base/packages.txt" \
    >"$work/sbom/$s.cdx.json"
  cp "$work/sbom/$s.cdx.json" "$out/$s/sbom.cdx.json"

  layout=$out/$s/oci
  umoci init --layout "$layout"
  umoci new --image "$layout:$version"
  umoci unpack "${rootless[@]}" --image "$layout:$version" "$work/bundle" >/dev/null
  cp -a "$base/rootfs/." "$work/bundle/rootfs/"
  umoci repack --refresh-bundle --image "$layout:$version" --history.created_by "scripts/images.sh: Debian packages ${debs[*]}" "$work/bundle"
  cp -a "$work/app/." "$work/bundle/rootfs/app/"
  mkdir -p "$work/bundle/rootfs/sbom"
  cp "$work/sbom/$s.cdx.json" "$work/bundle/rootfs/sbom/"
  umoci repack --image "$layout:$version" --history.created_by "scripts/images.sh: dotnet publish $project (self-contained)" "$work/bundle"
  umoci config --image "$layout:$version" \
    --config.user "$uid:$uid" --config.workingdir /app --config.entrypoint "/app/$app" \
    --config.exposedports 8080/tcp \
    --config.env ASPNETCORE_HTTP_PORTS=8080 --config.env DOTNET_RUNNING_IN_CONTAINER=true \
    --config.env SSL_CERT_FILE=/etc/ssl/certs/ca-certificates.crt --config.env TZ=Etc/UTC \
    --config.label "org.opencontainers.image.title=village-platform/$s" \
    --config.label "org.opencontainers.image.version=$version" \
    --config.label "org.opencontainers.image.source=https://example.org/village-platform" \
    --config.label "org.opencontainers.image.base.name=debian:bookworm (packages: ${debs[*]})" \
    --config.label "dev.village-platform.sbom=/sbom/$s.cdx.json" \
    --os linux --architecture amd64 --history.created_by "scripts/images.sh: config (user $uid)"
  umoci gc --layout "$layout"
  digest=$(jq -r --arg v "$version" '.manifests[] | select(.annotations["org.opencontainers.image.ref.name"] == $v) | .digest' "$layout/index.json")
  echo "$digest" >"$out/$s/digest"
  rm -rf "$work"
  echo "$s: $layout:$version $digest ($((SECONDS - started)) s)"
done
# What it cost (docs/testing.md quotes the gateway's figure): wall time, and CPU time of every process it ran.
times >"$out/.times" # in this shell: a command substitution's subshell has no children to count
cpu=$(awk 'NR == 2 { split($1, u, "m"); split($2, s, "m"); sub("s", "", u[2]); sub("s", "", s[2]); printf "%d", u[1] * 60 + u[2] + s[1] * 60 + s[2] }' "$out/.times")
echo "images.sh: ${#services[@]} image(s) in $SECONDS s, $cpu s of CPU"
