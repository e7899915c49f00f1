// The test engine (tools/engine, standing in for the Pulumi CLI and engine) playing
// `pulumi preview|up --policy-pack policy --policy-pack-config FILE`: the real pack (policy/, built by make build),
// started as the CLI starts an analyzer, judging the real .NET SDK program tests/programs/notebooks, whose
// notebooks the fixture provider (tools/engine/fixtures/pulumi-resource-huaweicloud, standing in for
// pulumi-huaweicloud) serves and records; the pack's own plugin (bin/pulumi-resource-modelarts) lists images from
// the emulator (standing in for the ModelArts API), with credentials from the HW_* environment only.
// What is expected follows pulumi/pulumi: step_generator.go (Analyze before the step; a mandatory violation makes
// the resource invalid in an update, fails a preview at its end), deployment_executor.go (AnalyzeStack after the
// steps) and pkg/backend/display (progress.go printPolicies, diff.go renderDiffPolicyViolationEvent).
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { once } from "node:events";
import { randomUUID } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { runProgram } from "../../tools/engine/run.mjs";
import { creds, PLUGIN, repoRoot, SECRETS, startEmulator } from "./harness.mjs";
import { catalog } from "./oracle.mjs";

const cli = path.join(repoRoot, "tools", "engine", "cli.mjs");
const program = path.join(repoRoot, "tests", "programs", "notebooks");
const packDir = path.join(repoRoot, "policy");
const NOTEBOOK = "huaweicloud:ModelArts/notebook:Notebook";
const POLICY = "modelarts-allowed-images";
const urnOf = (name) => `urn:pulumi:dev::notebooks::${NOTEBOOK}::${name}`;
const LOAD = new Set(["handshake", "getPluginInfo", "checkConfig", "configure", "cancel"]);

const image = (predicate) => catalog.find((i) => i.status === "ACTIVE" && predicate(i));
const label = (i) => `${i.name}:${i.tag} (${i.id})`;
const allowed = image((i) => i.namespace === "atelier" && i.type === "BUILD_IN");
const disallowed = image((i) => i.namespace === "sandbox");

let emulator;
// Every process a run of this suite starts carries this variable (the analyzer and the pack's plugin inherit it).
const MARK = `ENGINE_POLICY_RUN=${randomUUID()}`;
before(async () => { emulator = await startEmulator(); });
after(async () => { await emulator?.stop(); });

/** A fresh stack with a policy config file; `run` plays runProgram, `cli` the front door. */
function stack(t, { enforcementLevel } = {}) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "engine-policy-"));
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }));
  const files = { state: path.join(dir, "state.json"), record: path.join(dir, "calls.jsonl"), store: path.join(dir, "cloud.json"), config: path.join(dir, "policy-config.json") };
  const policy = {
    imagePolicy: { allowedNamespaces: ["atelier"] }, endpoint: emulator.url, projectId: creds.projectId, pluginPath: path.dirname(PLUGIN),
    ...(enforcementLevel ? { enforcementLevel } : {}),
  };
  fs.writeFileSync(files.config, JSON.stringify({ [POLICY]: policy }, null, 2));
  const env = {
    HUAWEICLOUD_FIXTURE_RECORD: files.record, HUAWEICLOUD_FIXTURE_STORE: files.store,
    HW_ACCESS_KEY: creds.accessKey, HW_SECRET_KEY: creds.secretKey, HW_SECURITY_TOKEN: creds.securityToken,
    [MARK.split("=")[0]]: MARK.split("=")[1],
  };
  return {
    ...files,
    async run(operation, imageId, more = {}) {
      fs.rmSync(files.record, { force: true });
      const r = await runProgram({ projectDir: program, operation, skipPreview: true, stateFile: files.state, env, config: { imageId },
        policyPacks: [{ dir: packDir, config: files.config }], ...more });
      assert.equal(r.timedOut, false);
      return r;
    },
    async cli(...args) {
      fs.rmSync(files.record, { force: true });
      const child = spawn(process.execPath, [cli, ...args, "--cwd", program, "--state", files.state, "--policy-pack", packDir, "--policy-pack-config", files.config],
        { env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe"] });
      let stdout = "", stderr = "";
      child.stdout.on("data", (d) => { stdout += d; });
      child.stderr.on("data", (d) => { stderr += d; });
      const [status] = await once(child, "close");
      return { status, stdout, stderr };
    },
    /** The resource RPCs the fixture received in the last run: "method(preview) name". */
    calls: () => (fs.existsSync(files.record) ? fs.readFileSync(files.record, "utf8").trim().split("\n").map((l) => JSON.parse(l)) : [])
      .filter((c) => !LOAD.has(c.method)).map((c) => `${c.method}${c.request.preview ? "(preview)" : ""} ${c.request.urn.split("::").at(-1)}`),
    state: () => (fs.existsSync(files.state) ? JSON.parse(fs.readFileSync(files.state, "utf8")).deployment.resources : []),
  };
}

/** The one violation of the pack's policy on the notebook: policy name, URN, `name:tag (id)` and the broken rule. */
function assertViolation(r, level, img) {
  const mine = r.policyViolations.filter((v) => v.policyName === POLICY);
  assert.equal(mine.length, 1, JSON.stringify(r.policyViolations));
  const [v] = mine;
  assert.equal(v.enforcementLevel, level);
  assert.equal(v.urn, urnOf("notebook"));
  assert.equal(v.policyPackName, "modelarts-images");
  assert.ok(v.message.includes(urnOf("notebook")), v.message);
  assert.ok(v.message.includes(label(img)), v.message);
  assert.match(v.message, /allowedNamespaces/);
  return v;
}

/** The analyzer RPCs of a run, in order, with the resource each named. */
const analyzerCalls = (r) => r.rpcs.filter((c) => c.plugin.startsWith("analyzer ")).map((c) => `${c.method}${c.request.name ? ` ${c.request.name}` : ""}`);

/** Processes of this suite still alive: found by the variable every one of them inherits. */
function survivors() {
  return fs.readdirSync("/proc").filter((p) => /^\d+$/.test(p)).filter((pid) => {
    try {
      return fs.readFileSync(`/proc/${pid}/environ`, "utf8").split("\0").includes(MARK) && !/^Z/.test(fs.readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]);
    } catch { return false; }
  }).map((pid) => `${pid} ${fs.readFileSync(`/proc/${pid}/cmdline`, "utf8").replaceAll("\0", " ")}`);
}

const noSecrets = (text) => { for (const s of SECRETS) assert.ok(!text.includes(s), "a secret leaked"); };

test("engine (for the CLI) up --skip-preview --policy-pack, disallowed image: the deployment fails with the mandatory violation and Create is never called", async (t) => {
  const s = stack(t);
  const r = await s.run("up", disallowed.id);
  assert.notEqual(r.exitCode, 0);
  assertViolation(r, "mandatory", disallowed);
  assert.deepEqual(s.calls(), ["check notebook"], "Check, then no step: the notebook is invalid");
  assert.equal(s.state().some((x) => x.urn === urnOf("notebook")), false, "the notebook is not in the state");
  // GetAnalyzerInfo and Configure when loaded, Analyze for each resource before its step; no AnalyzeStack after a failed deployment.
  const calls = analyzerCalls(r);
  assert.deepEqual(calls.slice(0, 4), ["handshake", "configureStack", "getAnalyzerInfo", "configure"]);
  assert.ok(calls.includes("analyze notebook"), calls.join(", "));
  assert.equal(calls.includes("analyzeStack"), false);
  const analyze = r.rpcs.find((c) => c.method === "analyze" && c.request.name === "notebook");
  assert.equal(analyze.request.type, NOTEBOOK);
  assert.equal(analyze.request.urn, urnOf("notebook"));
  assert.equal(analyze.request.properties.imageId, disallowed.id, "Analyze carries the checked inputs");
  assert.equal(analyze.request.properties.flavorId, "modelarts.vm.cpu.2u", "checked: the provider's defaults are in");
  noSecrets(JSON.stringify(r));
});

test("engine (for the CLI) up --skip-preview --policy-pack, allowed image: no violation, the notebook is created once and AnalyzeStack runs after the steps", async (t) => {
  const s = stack(t);
  const seen = new Set();
  const watching = setInterval(() => { for (const p of survivors()) seen.add(p.split(" ").slice(1).join(" ")); }, 100);
  const r = await s.run("up", allowed.id).finally(() => clearInterval(watching));
  assert.equal(r.exitCode, 0, JSON.stringify({ diagnostics: r.diagnostics, violations: r.policyViolations }));
  // What the last test finds gone was there: the analyzer (run-policy-pack) and the pack's plugin, marked.
  assert.ok([...seen].some((c) => c.includes("run-policy-pack")), [...seen].join("\n"));
  assert.ok([...seen].some((c) => c.startsWith(PLUGIN)), [...seen].join("\n"));
  assert.deepEqual(r.policyViolations, []);
  assert.deepEqual(s.calls(), ["check notebook", "create notebook"]);
  const notebook = s.state().find((x) => x.urn === urnOf("notebook"));
  assert.equal(notebook.inputs.imageId, allowed.id);
  const calls = analyzerCalls(r);
  assert.equal(calls.at(-1), "analyzeStack", "AnalyzeStack once, last");
  assert.equal(calls.filter((c) => c === "analyzeStack").length, 1);
  // Each resource is analyzed before its step: the notebook after its Check and before its Create.
  const order = r.rpcs.map((c) => `${c.method} ${c.request.name ?? ""}`.trim());
  assert.ok(order.indexOf("check notebook") < order.indexOf("analyze notebook") && order.indexOf("analyze notebook") < order.indexOf("create notebook"), order.join(", "));
});

test("engine (for the CLI) preview --policy-pack, disallowed image: the preview fails with the mandatory violation; nothing is created", async (t) => {
  const s = stack(t);
  const r = await s.run("preview", disallowed.id);
  assert.equal(r.exitCode, 1);
  assertViolation(r, "mandatory", disallowed);
  // A preview goes on after a mandatory violation (analyzeResource: invalid only when not a dry run) and fails at the end.
  assert.deepEqual(s.calls(), ["check notebook", "create(preview) notebook"]);
  assert.equal(fs.existsSync(s.state), false);
});

test("engine (for the CLI) up --skip-preview --policy-pack at advisory level: the violation is reported and the notebook is created", async (t) => {
  const s = stack(t, { enforcementLevel: "advisory" });
  const r = await s.run("up", disallowed.id);
  assert.equal(r.exitCode, 0, JSON.stringify(r.diagnostics));
  assertViolation(r, "advisory", disallowed);
  assert.deepEqual(s.calls(), ["check notebook", "create notebook"]);
  const configure = r.rpcs.find((c) => c.plugin.startsWith("analyzer ") && c.method === "configure");
  assert.ok(configure, "Configure carries the file's enforcementLevel");
});

test("front door (for the CLI): up --skip-preview --policy-pack prints the Policies section, no summary, exit code 1; preview likewise; advisory succeeds", async (t) => {
  const s = stack(t);
  const up = await s.cli("up", "--skip-preview", "--config", `imageId=${disallowed.id}`);
  assert.equal(up.status, 1, up.stdout + up.stderr);
  const header = "Policies:\n    ❌ modelarts-images@v0.1.0 (local: " + packDir + ")\n" +
    `        - [mandatory]  ${POLICY}  (huaweicloud:ModelArts:Notebook: notebook)\n`;
  assert.ok(up.stdout.includes(header), up.stdout);
  const message = up.stdout.slice(up.stdout.indexOf(header) + header.length).split("\n\n")[0];
  assert.ok(message.includes(urnOf("notebook")) && message.includes(label(disallowed)) && message.includes("allowedNamespaces"), message);
  assert.doesNotMatch(up.stdout, /^Resources:/m, "after a mandatory violation the CLI prints no summary");
  assert.equal(s.calls().includes("create notebook"), false);
  noSecrets(up.stdout + up.stderr);

  const preview = await s.cli("preview", "--config", `imageId=${disallowed.id}`);
  assert.equal(preview.status, 1, preview.stdout + preview.stderr);
  assert.match(preview.stdout, /^Previewing update \(dev\):\n/);
  assert.ok(preview.stdout.includes(header), preview.stdout);

  const ok = await s.cli("up", "--skip-preview", "--config", `imageId=${allowed.id}`);
  assert.equal(ok.status, 0, ok.stdout + ok.stderr);
  assert.ok(ok.stdout.includes(`Policies:\n    ✅ modelarts-images@v0.1.0 (local: ${packDir})\n`), ok.stdout);
  assert.match(ok.stdout, /Resources:\n    \+ 1 created\n/);
});

test("front door (for the CLI): --policy-pack-config without --policy-pack, or a count that differs, is a flag error (exit code 2)", async (t) => {
  const s = stack(t);
  const r = spawn(process.execPath, [cli, "preview", "--cwd", program, "--policy-pack-config", s.config], { stdio: ["ignore", "pipe", "pipe"] });
  let stderr = "";
  r.stderr.on("data", (d) => { stderr += d; });
  const [status] = await once(r, "close");
  assert.equal(status, 2);
  assert.equal(stderr, 'error: "--policy-pack-config" must be specified with "--policy-pack"\n');
});

test("engine (for the CLI) with a policy pack: no process of the runs survives them (the pack's plugin dies with the analyzer's group)", async () => {
  // Runs after the others; every analyzer and plugin they started carried MARK.
  const deadline = Date.now() + 5_000;
  while (survivors().length > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
  assert.deepEqual(survivors(), []);
});
