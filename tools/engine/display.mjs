// What the Pulumi CLI prints for a run, in its non-interactive form: a header, one line per resource step, the
// Diagnostics section grouped by resource, the stack outputs, the resource summary and the duration (pulumi/pulumi
// pkg/backend/display; the rendered outputs under pkg/engine/lifecycletest/testdata/output/ show the same sections).
import path from "node:path";
import { isSecret, UNKNOWN } from "./stubs.mjs";

const HEADERS = { preview: "Previewing update", up: "Updating", refresh: "Refreshing", destroy: "Destroying", import: "Importing" };
const PREVIEW_HEADERS = { up: "Previewing update", refresh: "Previewing refresh", destroy: "Previewing destroy", import: "Previewing import" };
// display.StepOp: symbol, what a preview says, what the operation says.
const OPS = {
  create: ["+ ", "create", "created"], update: ["~ ", "update", "updated"], delete: ["- ", "delete", "deleted"],
  replace: ["+-", "replace", "replaced"], import: ["= ", "import", "imported"],
};

/** The messages the user sees, once each: the engine's own problems first, then the program's and plugins' log. */
function diagnosticsOf(record) {
  const engine = record.diagnostics.map((d) => ({ ...d }));
  const program = record.logs.filter((l) => l.severity !== "debug").map((l) => ({ severity: l.severity, urn: l.urn, message: cleanMessage(l.message) }))
    // An error the engine already reported on a resource comes back as the program's exception: show it once.
    .filter((l) => l.severity !== "error" || !engine.some((d) => l.message.includes(d.message)));
  return [...engine, ...program];
}

/** A .NET exception's text without its stack trace: the user's message is the rest. */
const cleanMessage = (message) => message.split("\n").filter((l) => !/^\s+at /.test(l) && !/^\s+--- End of /.test(l)).join("\n").trimEnd();

const nameOf = (urn) => urn.split("::").at(-1);
const typeOf = (urn) => urn.split("::")[2]?.split("$").at(-1);

/** A value as the CLI prints a property: lists as `[i]: value` lines, objects as `key: value` lines, nested. */
function valueText(v, indent = "    ") {
  if (v === UNKNOWN) return "output<string>";
  if (isSecret(v)) return "[secret]";
  if (typeof v === "string") return JSON.stringify(v);
  const inner = `${indent}    `;
  if (Array.isArray(v)) return v.length === 0 ? "[]" : `[\n${v.map((x, i) => `${inner}[${i}]: ${valueText(x, inner)}`).join("\n")}\n${indent}]`;
  if (v && typeof v === "object") {
    const entries = Object.entries(v);
    if (entries.length === 0) return "{}";
    const width = Math.max(...entries.map(([k]) => k.length));
    return `{\n${entries.map(([k, x]) => `${inner}${k.padEnd(width)}: ${valueText(x, inner)}`).join("\n")}\n${indent}}`;
  }
  return String(v);
}

/** A policy pack's local path as the CLI prints it (update.go abbreviateFilePath): long paths keep 2 + ... + 2 parts. */
function abbreviatePath(p) {
  const dirs = path.normalize(p).split("/");
  return p.length > 75 && dirs.length > 4 ? [...dirs.slice(0, 2), "...", ...dirs.slice(-2)].join("/") : path.normalize(p);
}

const RANK = { remediate: 0, mandatory: 1, advisory: 2, disabled: 3 };
const SEVERITY_RANK = { critical: 0, high: 1, medium: 2, low: 3, "": 4 };

/**
 * The Policies section (progress.go printPolicies, diff.go renderDiffPolicyViolationEvent): each pack that ran as
 * `✅|⚠️|❌ name@vversion (local: path)`, then its violations sorted by level, severity, policy and URN, each
 * `- [level] [severity: s]  policy  (type: name)` and the message beneath. Resolves whether one was mandatory.
 */
function policiesSection(record, lines) {
  if (!record.policyPacks?.length) return false;
  let mandatory = false;
  lines.push("Policies:");
  const packs = [...record.policyPacks].sort((a, b) => `${a.name}@v${a.version}`.localeCompare(`${b.name}@v${b.version}`));
  for (const pack of packs) {
    const violations = record.policyViolations.filter((v) => v.policyPackName === pack.name && v.policyPackVersion === pack.version)
      .sort((a, b) => RANK[a.enforcementLevel] - RANK[b.enforcementLevel] || SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity] ||
        a.policyName.localeCompare(b.policyName) || a.urn.localeCompare(b.urn));
    const packMandatory = violations.some((v) => v.enforcementLevel === "mandatory");
    mandatory ||= packMandatory;
    lines.push(`    ${packMandatory ? "❌" : violations.length > 0 ? "⚠️" : "✅"} ${pack.name}@v${pack.version} (local: ${abbreviatePath(pack.localPath)})`);
    for (const v of violations) {
      const severity = v.severity ? ` [severity: ${v.severity}]` : "";
      const target = v.urn ? `  (${displayType(v.urn)}: ${nameOf(v.urn)})` : "";
      lines.push(`        - [${v.enforcementLevel}]${severity}  ${v.policyName}${target}`);
      lines.push(`          ${v.message.replace(/\n$/, "").split("\n").join("\n          ")}`);
    }
  }
  lines.push("");
  return mandatory;
}

/** tokens.Type.DisplayName: `pkg:module/file:Name` is shown as `pkg:module:Name` when file is Name camel-cased. */
function displayType(urn) {
  const type = typeOf(urn);
  const [pkg, module, name, ...rest] = type.split(":");
  const slash = module?.lastIndexOf("/") ?? -1;
  if (rest.length > 0 || !name || slash < 0 || module.slice(slash + 1) !== name[0].toLowerCase() + name.slice(1)) return type;
  return `${pkg}:${module.slice(0, slash)}:${name}`;
}

/** One run's sections; `dryRun` decides between "to create" and "created". */
export function render(record, { operation, stack, durationMs }) {
  const lines = [];
  const dryRun = record.dryRun;
  lines.push(`${dryRun ? (PREVIEW_HEADERS[operation] ?? HEADERS.preview) : HEADERS[operation]} (${stack}):`);
  const steps = record.steps.filter((s) => !s.type.startsWith("pulumi:providers:") && OPS[s.op]);
  const problems = diagnosticsOf(record);
  const failed = new Set(problems.filter((d) => d.severity === "error" && d.urn).map((d) => d.urn));
  for (const s of steps) lines.push(` ${OPS[s.op][0]} ${s.type} ${s.name} ${dryRun ? OPS[s.op][1] : OPS[s.op][2]}`);
  for (const urn of failed) if (!urn.includes("::pulumi:pulumi:Stack::")) lines.push(`    ${typeOf(urn)} ${nameOf(urn)} **failed** 1 error`);
  lines.push("");

  // Policies come before the diagnostics; after a mandatory violation the summary is left out (processEndSteps).
  const mandatoryViolations = policiesSection(record, lines);
  if (problems.length > 0) {
    lines.push("Diagnostics:");
    // The CLI files a message with no resource under the stack, registered or not.
    const stackUrn = record.stackUrn ?? `urn:pulumi:${stack}::${record.project.name}::pulumi:pulumi:Stack::${record.project.name}-${stack}`;
    const byUrn = new Map();
    for (const d of problems) {
      const urn = d.urn || stackUrn;
      if (!byUrn.has(urn)) byUrn.set(urn, []);
      byUrn.get(urn).push(d);
    }
    for (const [urn, ds] of byUrn) {
      lines.push(`  ${typeOf(urn)} (${nameOf(urn)}):`);
      for (const d of ds) lines.push(`    ${d.severity}: ${d.message.split("\n").join("\n    ")}`);
      lines.push("");
    }
  }

  const outputs = Object.entries(record.outputs ?? {}).sort(([a], [b]) => a.localeCompare(b));
  if (outputs.length > 0 && operation !== "destroy") {
    lines.push("Outputs:");
    const width = Math.max(...outputs.map(([k]) => k.length));
    for (const [k, v] of outputs) lines.push(`    ${k.padEnd(width)}: ${valueText(v)}`);
    lines.push("");
  }

  if (mandatoryViolations) return lines.join("\n");
  lines.push("Resources:");
  const counts = new Map();
  for (const s of record.steps.filter((x) => !x.type.startsWith("pulumi:providers:"))) {
    const key = OPS[s.op] ? s.op : s.op === "same" ? "same" : null;
    if (key) counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  for (const [op, n] of counts) {
    if (op === "same") continue;
    lines.push(`    ${OPS[op][0]}${n} ${dryRun ? `to ${OPS[op][1]}` : OPS[op][2]}`);
  }
  if (failed.size > 0) lines.push(`    ${failed.size} errored`);
  if (counts.get("same")) lines.push(`    ${counts.get("same")} unchanged`);
  lines.push("");
  lines.push(`Duration: ${Math.max(1, Math.round((durationMs ?? 0) / 1000))}s`);
  lines.push("");
  return lines.join("\n");
}
