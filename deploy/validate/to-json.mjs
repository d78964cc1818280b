// Prints the YAML documents on stdin as one JSON array (for the deploy tests, which read JSON).
import { readFileSync } from "node:fs";
import { parseAllDocuments } from "yaml";

const objects = parseAllDocuments(readFileSync(0, "utf8")).map((d) => d.toJS()).filter(Boolean);
process.stdout.write(JSON.stringify(objects));
