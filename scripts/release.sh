#!/usr/bin/env bash
# The release step (#25 point 11): builds every service's image at <version> without a registry or a
# container daemon (scripts/images.sh), pins the built digests into the production overlay
# (deploy/overlays/production/kustomization.yaml: `images` entries with newName and digest, no tag),
# then renders the overlay and validates it. Commit the changed kustomization.yaml with the release.
#   scripts/release.sh <version> [--registry R] [--push] [service...]
# --push copies each OCI layout to R/village-platform/<service>:<version> with skopeo, keeping the digest
# (credentials: skopeo login R first). Default registry: registry.example.org (the overlay's placeholder).
set -euo pipefail
cd "$(dirname "$0")/.."
[ $# -ge 1 ] && [[ "$1" != -* ]] || { sed -n '2,8p' "$0"; exit 2; }
version=$1; shift
registry=registry.example.org push=0 services=()
while [ $# -gt 0 ]; do
  case "$1" in
    --registry) registry=$2; shift 2 ;;
    --push) push=1; shift ;;
    *) services+=("$1"); shift ;;
  esac
done
out=${IMAGES_OUT:-$PWD/artifacts/images}
overlay=${RELEASE_OVERLAY:-deploy/overlays/production}

IMAGES_OUT=$out scripts/images.sh --version "$version" "${services[@]}"
[ -d deploy/validate/node_modules/yaml ] || npm ci --prefix deploy/validate --no-audit --no-fund >/dev/null
built=()
for d in "$out"/*/digest; do
  s=$(basename "$(dirname "$d")")
  if [ ${#services[@]} -eq 0 ] || [[ " ${services[*]} " == *" $s "* ]]; then built+=("$s"); fi
done
if [ "$push" = 1 ]; then
  for s in "${built[@]}"; do
    skopeo copy --preserve-digests "oci:$out/$s/oci:$version" "docker://$registry/village-platform/$s:$version"
  done
fi
node deploy/images/pin-digests.mjs "$overlay/kustomization.yaml" "$out" "$registry" "${built[@]}"
kubectl kustomize "$overlay" | node deploy/validate/validate.mjs | tail -n 1
echo "Pinned ${#built[@]} image(s) in $overlay/kustomization.yaml; run tests/Deploy.Tests (ReleaseManifestTests) and commit it."
