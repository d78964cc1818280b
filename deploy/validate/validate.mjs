// Validates Kubernetes manifests (the output of `kubectl kustomize`, on stdin) against the
// Kubernetes API schemas shipped in the `kubernetes-models` package. Custom resources of the
// operators we use (RabbitMQ Cluster Operator, CloudNativePG, Prometheus Operator) have no published models there:
// their required fields are checked here instead. Prints one line per object; exits 1 on any error.
import { readFileSync } from "node:fs";
import { parseAllDocuments } from "yaml";

const customResources = {
  "rabbitmq.com/v1beta1/RabbitmqCluster": (o) => [
    Number.isInteger(o.spec?.replicas) && o.spec.replicas >= 1 || "spec.replicas must be a positive integer",
  ],
  // The RabbitMQ Messaging Topology Operator's users and permissions (one per service, #25 point 8).
  "rabbitmq.com/v1beta1/User": (o) => [
    typeof o.spec?.rabbitmqClusterReference?.name === "string" || "spec.rabbitmqClusterReference.name is required",
    typeof o.spec?.importCredentialsSecret?.name === "string" || "spec.importCredentialsSecret.name is required (credentials from a Secret)",
  ],
  "rabbitmq.com/v1beta1/Permission": (o) => [
    typeof o.spec?.rabbitmqClusterReference?.name === "string" || "spec.rabbitmqClusterReference.name is required",
    typeof o.spec?.vhost === "string" || "spec.vhost is required",
    typeof o.spec?.userReference?.name === "string" || typeof o.spec?.user === "string" || "spec.userReference.name (or spec.user) is required",
    ["configure", "write", "read"].every((k) => typeof o.spec?.permissions?.[k] === "string") || "spec.permissions needs configure, write and read",
  ],
  "cert-manager.io/v1/Certificate": (o) => [
    typeof o.spec?.secretName === "string" || "spec.secretName is required",
    typeof o.spec?.issuerRef?.name === "string" || "spec.issuerRef.name is required",
    Array.isArray(o.spec?.dnsNames) && o.spec.dnsNames.length > 0 || "spec.dnsNames is required",
  ],
  "postgresql.cnpg.io/v1/Cluster": (o) => [
    Number.isInteger(o.spec?.instances) && o.spec.instances >= 1 || "spec.instances must be a positive integer",
    typeof o.spec?.storage?.size === "string" || "spec.storage.size is required",
    (o.spec?.managed?.roles ?? []).every((r) => r.name && r.passwordSecret?.name) || "every managed role needs a name and a passwordSecret",
  ],
  "postgresql.cnpg.io/v1/Database": (o) => [
    typeof o.spec?.cluster?.name === "string" || "spec.cluster.name is required",
    typeof o.spec?.name === "string" || "spec.name is required",
    typeof o.spec?.owner === "string" || "spec.owner is required",
  ],
  "monitoring.coreos.com/v1/ServiceMonitor": (o) => [
    typeof o.spec?.selector === "object" || "spec.selector is required",
    Array.isArray(o.spec?.endpoints) && o.spec.endpoints.length > 0 && o.spec.endpoints.every((e) => e.port) || "spec.endpoints need a port each",
  ],
  "monitoring.coreos.com/v1/PodMonitor": (o) => [
    typeof o.spec?.selector === "object" || "spec.selector is required",
    Array.isArray(o.spec?.podMetricsEndpoints) && o.spec.podMetricsEndpoints.length > 0 || "spec.podMetricsEndpoints is required",
  ],
  "monitoring.coreos.com/v1/PrometheusRule": (o) => [
    Array.isArray(o.spec?.groups) && o.spec.groups.length > 0 || "spec.groups is required",
    (o.spec?.groups ?? []).every((g) => g.name && Array.isArray(g.rules)) || "every group needs a name and rules",
    // An alert an operator cannot act on is noise: each names its severity and its runbook.
    (o.spec?.groups ?? []).flatMap((g) => g.rules ?? []).filter((r) => r.alert)
      .every((r) => r.expr && r.labels?.severity && r.annotations?.runbook_url && r.annotations?.summary)
      || "every alert needs an expr, a severity label, a summary and a runbook_url",
  ],
  "postgresql.cnpg.io/v1/ScheduledBackup": (o) => [
    typeof o.spec?.schedule === "string" || "spec.schedule is required",
    typeof o.spec?.cluster?.name === "string" || "spec.cluster.name is required",
  ],
};

async function modelFor(apiVersion, kind) {
  const [group, version] = apiVersion.includes("/") ? apiVersion.split("/") : [null, apiVersion];
  const path = group ? `kubernetes-models/${group}/${version}/${kind}` : `kubernetes-models/${version}/${kind}`;
  try {
    return (await import(path))[kind];
  } catch {
    return undefined;
  }
}

const documents = parseAllDocuments(readFileSync(0, "utf8"));
let errors = 0;
let count = 0;
for (const document of documents) {
  if (document.errors.length) { console.log(`YAML error: ${document.errors[0].message}`); errors++; continue; }
  const object = document.toJS();
  if (!object) continue;
  count++;
  const name = `${object.kind}/${object.metadata?.name}`;
  const custom = customResources[`${object.apiVersion}/${object.kind}`];
  if (custom) {
    const problems = custom(object).filter((r) => r !== true);
    if (!object.metadata?.name) problems.push("metadata.name is required");
    problems.forEach((p) => console.log(`INVALID ${name}: ${p}`));
    if (problems.length) errors++; else console.log(`ok      ${name} (custom resource: required fields)`);
    continue;
  }
  const Model = await modelFor(object.apiVersion, object.kind);
  if (!Model) { console.log(`UNKNOWN ${name}: no schema for ${object.apiVersion} ${object.kind}`); errors++; continue; }
  try {
    new Model(object).validate();
    console.log(`ok      ${name}`);
  } catch (e) {
    console.log(`INVALID ${name}: ${e.message}`);
    errors++;
  }
}
console.log(`${count} objects, ${errors} invalid`);
process.exit(errors === 0 && count > 0 ? 0 : 1);
