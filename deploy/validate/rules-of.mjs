// Prints the rule groups of a PrometheusRule manifest (the file given) as a plain Prometheus rules file,
// so `promtool check rules` and `promtool test rules` test exactly what the cluster gets.
import { readFileSync } from "node:fs";
import { parse, stringify } from "yaml";

const rule = parse(readFileSync(process.argv[2], "utf8"));
if (rule?.kind !== "PrometheusRule" || !Array.isArray(rule.spec?.groups)) {
  console.error(`${process.argv[2]}: not a PrometheusRule with spec.groups`);
  process.exit(1);
}
process.stdout.write(stringify({ groups: rule.spec.groups }));
