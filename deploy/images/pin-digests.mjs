// Pins built image digests into an overlay's kustomization.yaml (the release step, scripts/release.sh):
// for every service whose artifacts/images/<service>/digest exists, its `images` entry becomes
//   { name: village-platform/<service>, newName: <registry>/village-platform/<service>, digest: sha256:... }
// (no tag: a digest is what runs). Other entries and the file's comments stay as they are.
//   node deploy/images/pin-digests.mjs <kustomization.yaml> <images folder> <registry> [service...]
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { createRequire } from "node:module";

// The yaml package is the validator's (npm ci --prefix deploy/validate).
const require = createRequire(new URL("../validate/package.json", import.meta.url));
const { parseDocument } = require("yaml");

const [file, imagesFolder, registry, ...only] = process.argv.slice(2);
if (!registry) {
  console.error("usage: pin-digests.mjs <kustomization.yaml> <images folder> <registry> [service...]");
  process.exit(2);
}
const document = parseDocument(readFileSync(file, "utf8"));
const images = document.get("images");
if (!images) { console.error(`${file} has no images list`); process.exit(1); }
let pinned = 0;
for (const entry of images.items) {
  const name = entry.get("name");
  const service = name?.replace(/^village-platform\//, "");
  if (!service || service === name || (only.length && !only.includes(service))) continue;
  const digestFile = join(imagesFolder, service, "digest");
  if (!existsSync(digestFile)) continue;
  const digest = readFileSync(digestFile, "utf8").trim();
  if (!/^sha256:[0-9a-f]{64}$/.test(digest)) { console.error(`${digestFile}: not a sha256 digest: ${digest}`); process.exit(1); }
  entry.set("newName", `${registry}/village-platform/${service}`);
  entry.delete("newTag");
  entry.set("digest", digest);
  console.log(`${service}: ${registry}/village-platform/${service}@${digest}`);
  pinned++;
}
if (only.length && pinned !== only.length) { console.error(`pinned ${pinned} of ${only.join(", ")}: a digest or an images entry is missing`); process.exit(1); }
writeFileSync(file, document.toString({ lineWidth: 0 }));
