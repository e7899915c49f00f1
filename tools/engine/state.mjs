// The stack's state file, kept close to Pulumi's checkpoint (`pulumi stack export`: apitype.UntypedDeployment
// version 3, deployment.resources[] as apitype.ResourceV3). Secrets are written as apitype.SecretV1 with a
// `plaintext` member, the form `pulumi stack export --show-secrets` writes: this engine has no secrets manager,
// so the file is marked secret but not encrypted. It is test state; keep it out of version control.
import fs from "node:fs";
import path from "node:path";
import { isSecret, secret, SECRET_SIG, SIG_KEY } from "./stubs.mjs";

/** Resource fields in the order Pulumi writes them (apitype.ResourceV3). */
const FIELDS = ["urn", "custom", "id", "type", "inputs", "outputs", "parent", "provider", "dependencies", "propertyDependencies"];

const toFile = (v) => {
  if (isSecret(v)) return { [SIG_KEY]: SECRET_SIG, plaintext: JSON.stringify(toFile(v.value)) };
  if (Array.isArray(v)) return v.map(toFile);
  if (v && typeof v === "object") return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, toFile(x)]));
  return v;
};

const fromFile = (v) => {
  if (v && typeof v === "object" && v[SIG_KEY] === SECRET_SIG && "plaintext" in v) return secret(fromFile(JSON.parse(v.plaintext)));
  if (Array.isArray(v)) return v.map(fromFile);
  if (v && typeof v === "object") return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, fromFile(x)]));
  return v;
};

/** The resources of a state file (secrets as the wire's secret objects), or none when the file does not exist. */
export function readState(file) {
  if (!file || !fs.existsSync(file)) return { exists: false, resources: [] };
  let doc;
  try {
    doc = JSON.parse(fs.readFileSync(file, "utf8"));
  } catch (e) {
    throw new Error(`${file}: the stack's state file is not JSON (${e.message}); restore it or remove it to start the stack afresh`);
  }
  if (doc?.version !== 3 || !Array.isArray(doc.deployment?.resources)) throw new Error(`${file}: not a state file of version 3 (deployment.resources[])`);
  return { exists: true, resources: doc.deployment.resources.map(fromFile) };
}

/** Writes resources in dependency order (as given), each with Pulumi's fields only, through a temporary file. */
export function writeState(file, resources) {
  const deployment = {
    manifest: { time: new Date().toISOString(), magic: "", version: "test-engine" },
    resources: resources.map((r) => Object.fromEntries(FIELDS.filter((f) => r[f] !== undefined && r[f] !== "" &&
      !(Array.isArray(r[f]) && r[f].length === 0) && !(f === "propertyDependencies" && Object.keys(r[f]).length === 0)).map((f) => [f, toFile(r[f])]))),
  };
  fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  fs.writeFileSync(`${file}.tmp`, JSON.stringify({ version: 3, deployment }, null, 2) + "\n");
  fs.renameSync(`${file}.tmp`, file);
}

/** `<provider urn>::<provider id>`, the provider reference of a resource (providers.Reference). */
export const providerReference = (urn, id) => `${urn}::${id}`;
