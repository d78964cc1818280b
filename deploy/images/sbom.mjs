// Writes a CycloneDX 1.5 SBOM (JSON, on stdout) for one release image from what is really in it:
// the .NET packages and runtime packs of the published service (its <App>.deps.json) and the Debian
// packages its root filesystem was made of (a "name version architecture" line each).
//   node deploy/images/sbom.mjs <image name> <version> <App.deps.json> <packages.txt>
// No tool from outside: scripts/images.sh calls it for every image it builds.
import { readFileSync } from "node:fs";
import { randomUUID } from "node:crypto";

const [image, version, depsFile, packagesFile] = process.argv.slice(2);
if (!packagesFile) {
  console.error("usage: sbom.mjs <image> <version> <App.deps.json> <packages.txt>");
  process.exit(2);
}
const deps = JSON.parse(readFileSync(depsFile, "utf8"));
const components = [];

for (const [key, library] of Object.entries(deps.libraries ?? {})) {
  const slash = key.lastIndexOf("/");
  let name = key.slice(0, slash);
  const libraryVersion = key.slice(slash + 1);
  if (library.type === "project") {
    components.push({ type: "application", "bom-ref": `project:${name}`, name, version: libraryVersion });
    continue;
  }
  // The runtime packs are NuGet packages too (the SDK restores them): "runtimepack.<id>/<version>".
  if (library.type === "runtimepack") name = name.replace(/^runtimepack\./, "");
  const purl = `pkg:nuget/${name}@${libraryVersion}`;
  components.push({
    type: library.type === "runtimepack" ? "framework" : "library",
    "bom-ref": purl, name, version: libraryVersion, purl,
    ...(library.sha512 ? { hashes: [{ alg: "SHA-512", content: Buffer.from(library.sha512.replace(/^sha512-/, ""), "base64").toString("hex") }] } : {}),
  });
}

for (const line of readFileSync(packagesFile, "utf8").split("\n").filter(Boolean)) {
  const [name, packageVersion, architecture] = line.trim().split(/\s+/);
  const purl = `pkg:deb/debian/${name}@${encodeURIComponent(packageVersion)}?arch=${architecture}&distro=debian-12`;
  components.push({ type: "library", "bom-ref": purl, name, version: packageVersion, purl });
}

const bom = {
  bomFormat: "CycloneDX",
  specVersion: "1.5",
  serialNumber: `urn:uuid:${randomUUID()}`,
  version: 1,
  metadata: {
    timestamp: new Date().toISOString(),
    tools: { components: [{ type: "application", name: "village-platform scripts/images.sh" }] },
    component: { type: "container", "bom-ref": `${image}:${version}`, name: image, version },
  },
  components,
};
process.stdout.write(JSON.stringify(bom, null, 2) + "\n");
