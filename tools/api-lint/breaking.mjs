// Compares each committed API document with its version at a base commit and lists the breaking
// changes (docs/api/versioning.md): removed paths, operations, success statuses, response
// properties and enum values; parameters and request properties that became required; a type that
// changed. A document whose info.version changed may break (that is what a new version is for).
// Usage: node breaking.mjs <base-commit> <document>...   Exit 1 on a breaking change.
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";

const [base, ...files] = process.argv.slice(2);
const methods = ["get", "put", "post", "delete", "patch"];
let broken = 0;

for (const file of files) {
  let before;
  try {
    before = JSON.parse(execFileSync("git", ["show", `${base}:${file}`], { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }));
  } catch {
    continue; // new document: nothing to break
  }
  const after = JSON.parse(readFileSync(file, "utf8"));
  if (before.info?.version !== after.info?.version) continue;
  const problems = [];
  const resolve = (doc, schema) => {
    for (let i = 0; schema?.$ref && i < 20; i++) schema = doc.components?.schemas?.[schema.$ref.split("/").pop()];
    return schema ?? {};
  };
  const typeOf = (s) => [].concat(s.type ?? []).filter((t) => t !== "null").sort().join("|");
  // Output schemas: nothing may disappear. Input schemas: nothing may become required.
  const compare = (a, b, at, direction, seen = new Set()) => {
    a = resolve(before, a); b = resolve(after, b);
    const key = `${at}`;
    if (seen.has(key) || seen.size > 2000) return;
    seen.add(key);
    if (typeOf(a) && typeOf(b) && typeOf(a) !== typeOf(b)) problems.push(`${at}: type ${typeOf(a)} became ${typeOf(b)}`);
    if (direction === "out") {
      for (const value of a.enum ?? []) if (b.enum && !b.enum.includes(value)) problems.push(`${at}: value ${JSON.stringify(value)} removed`);
      for (const name of Object.keys(a.properties ?? {}))
        if (!(name in (b.properties ?? {}))) problems.push(`${at}.${name}: removed`);
    } else {
      const was = new Set(a.required ?? []);
      for (const name of b.required ?? []) if (!was.has(name)) problems.push(`${at}.${name}: became required`);
    }
    for (const [name, prop] of Object.entries(a.properties ?? {}))
      if (b.properties?.[name]) compare(prop, b.properties[name], `${at}.${name}`, direction, seen);
    if (a.items && b.items) compare(a.items, b.items, `${at}[]`, direction, seen);
  };
  for (const [path, item] of Object.entries(before.paths ?? {})) {
    const now = after.paths?.[path];
    if (!now) { problems.push(`${path}: removed`); continue; }
    for (const method of methods) {
      const op = item[method];
      if (!op) continue;
      const at = `${method.toUpperCase()} ${path}`;
      const next = now[method];
      if (!next) { problems.push(`${at}: removed`); continue; }
      const params = (o) => new Map((o.parameters ?? []).map((p) => [`${p.in}:${p.name}`, p]));
      const was = params(op);
      for (const [name, p] of params(next)) if (p.required && !was.get(name)?.required) problems.push(`${at}: parameter ${name} is required now`);
      for (const [status, response] of Object.entries(op.responses ?? {})) {
        if (!status.startsWith("2")) continue;
        const nowResponse = next.responses?.[status];
        if (!nowResponse) { problems.push(`${at}: answer ${status} removed`); continue; }
        const schema = (r) => Object.values(r.content ?? {})[0]?.schema;
        if (schema(response) && schema(nowResponse)) compare(schema(response), schema(nowResponse), `${at} ${status}`, "out");
      }
      const body = (o) => Object.values(o.requestBody?.content ?? {})[0]?.schema;
      if (body(op) && body(next)) compare(body(op), body(next), `${at} body`, "in");
      else if (!body(op) && next.requestBody?.required) problems.push(`${at}: a body is required now`);
    }
  }
  if (problems.length) {
    broken += problems.length;
    console.log(`${file}: ${problems.length} breaking change(s) without a new info.version:`);
    for (const p of problems) console.log(`  - ${p}`);
  }
}
if (broken) {
  console.log("A breaking change needs a new version (docs/api/versioning.md).");
  process.exit(1);
}
console.log(`No breaking change against ${base} in ${files.length} document(s).`);
