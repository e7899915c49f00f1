// The policy pack (policy/) started exactly as the Pulumi CLI starts an analyzer,
// `node <@pulumi/pulumi>/cmd/run-policy-pack <engine-address> <pack dir>` in a process group of its own, and
// driven through @pulumi/pulumi's generated analyzer stubs, against the emulator. The pack judges through the
// plugin. Stopping an analyzer is what the CLI does (pulumi/pulumi sdk/go/common/resource/plugin/plugin.go, its
// kill: SIGINT to the group, 5 s, then SIGKILL to the group; sdk/go/common/util/cmdutil/child_unix.go KillChildren).
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { createRequire } from "node:module";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { creds, grpc, PLUGIN, providerRpc, repoRoot, SECRETS, startEmulator, startFakeEngine, structPb, unary, UNKNOWN } from "./harness.mjs";
import { catalog } from "./oracle.mjs";

const require = createRequire(import.meta.url);
const analyzerRpc = require("@pulumi/pulumi/proto/analyzer_grpc_pb.js");
const analyzerPb = require("@pulumi/pulumi/proto/analyzer_pb.js");
const emptyPb = require("google-protobuf/google/protobuf/empty_pb.js");
const runPolicyPack = path.join(path.dirname(require.resolve("@pulumi/pulumi/package.json")), "cmd", "run-policy-pack");
const packDir = path.join(repoRoot, "policy");
const { startPlugin } = require(path.join(packDir, "bin", "launch.js")); // the pack's own launcher
const { locatePlugin } = require(path.join(packDir, "bin", "locate.js"));
const { ImageVerdicts } = require(path.join(packDir, "bin", "verdicts.js"));
const NOTEBOOK = "huaweicloud:ModelArts/notebook:Notebook";
const MANDATORY = 1, ADVISORY = 0; // pulumirpc.EnforcementLevel
const GONE_WITHIN_MS = 5_000; // the acceptance bound: no plugin may survive its analyzer longer

let emulator, engine;
const packs = [];
const diagnostics = [];
const pluginPids = new Set(); // every plugin an analyzer of this suite started

before(async () => {
  emulator = await startEmulator();
  engine = await startFakeEngine();
});
after(async () => {
  for (const p of packs) killGroup(p, "SIGKILL");
  await emulator?.stop();
  await engine?.stop();
});

// --- processes, read from /proc (Linux) ---
function stat(pid) {
  try {
    const text = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
    const [state, ppid, pgrp] = text.slice(text.lastIndexOf(")") + 2).split(" ");
    return { state, ppid: Number(ppid), pgrp: Number(pgrp) };
  } catch { return undefined; }
}
const alive = (pid) => { const s = stat(pid); return s !== undefined && s.state !== "Z"; };
const exeOf = (pid) => { try { return fs.readlinkSync(`/proc/${pid}/exe`); } catch { return ""; } };
const allPids = () => fs.readdirSync("/proc").filter((p) => /^\d+$/.test(p)).map(Number);
const pluginsOf = (analyzerPid) => allPids().filter((p) => stat(p)?.ppid === analyzerPid && alive(p) && exeOf(p) === PLUGIN);
async function eventually(condition, ms = GONE_WITHIN_MS) {
  for (const until = Date.now() + ms; Date.now() < until; await new Promise((r) => setTimeout(r, 100))) if (condition()) return true;
  return condition();
}
/** As KillChildren: the signal to the analyzer's whole process group (its pid is the group's id). */
function killGroup(pack, signal) {
  try { process.kill(-pack.child.pid, signal); } catch (e) { if (e.code !== "ESRCH") throw e; }
}

/**
 * Starts the pack as the CLI does, through the pack's own launcher (in a process group of its own, its folder as
 * the working directory, stdin a pipe), and configures its policy; credentials only through the environment.
 */
async function startPack(properties, { env = {}, enforcementLevel = MANDATORY, nodeArgs = [] } = {}) {
  let stderr = "";
  const analyzer = await startPlugin(process.execPath, {
    args: [...nodeArgs, runPolicyPack, engine.address, packDir], cwd: packDir, ownProcessGroup: true,
    env: { PATH: process.env.PATH, HOME: process.env.HOME, HW_ACCESS_KEY: creds.accessKey, HW_SECRET_KEY: creds.secretKey, HW_SECURITY_TOKEN: creds.securityToken, ...env },
    onOutput: (stream, text) => { if (stream === "stderr") stderr += text; },
  });
  const { child, port } = analyzer;
  const exited = new Promise((resolve) => child.once("exit", (code, signal) => resolve({ code, signal })));
  const client = new analyzerRpc.AnalyzerClient(`127.0.0.1:${port}`, grpc.credentials.createInsecure());
  const call = (method, req) => unary(client, method, req);
  const pack = { child, client, call, exited, stderr: () => stderr };
  packs.push(pack);
  if (properties) {
    const req = new analyzerPb.ConfigureAnalyzerRequest();
    const config = new analyzerPb.PolicyConfig();
    config.setEnforcementlevel(enforcementLevel);
    config.setProperties(structPb.Struct.fromJavaScript(properties));
    req.getPolicyconfigMap().set("modelarts-allowed-images", config);
    await call("configure", req);
  }
  return pack;
}

const packConfig = (imagePolicy, more = {}) => ({ imagePolicy, endpoint: emulator.url, projectId: creds.projectId, pluginPath: path.dirname(PLUGIN), ...more });
const urnOf = (name) => `urn:pulumi:dev::ml::${NOTEBOOK}::${name}`;

/** Analyze as the engine sends it before a resource's step: its inputs, type, URN, name and options. */
function analyzeRequest(name, imageId, type = NOTEBOOK) {
  const req = new analyzerPb.AnalyzeRequest();
  req.setType(type);
  req.setName(name);
  req.setUrn(type === NOTEBOOK ? urnOf(name) : `urn:pulumi:dev::ml::${type}::${name}`);
  const props = { name, flavorId: "modelarts.vm.cpu.2u", volume: { type: "EFS" } };
  if (imageId !== undefined) props.imageId = imageId;
  req.setProperties(structPb.Struct.fromJavaScript(props));
  req.setOptions(new analyzerPb.AnalyzerResourceOptions()); // the CLI always sends the resource's options
  return req;
}

const toDiagnostics = (res) => res.getDiagnosticsList().map((d) =>
  ({ policy: d.getPolicyname(), message: d.getMessage(), urn: d.getUrn(), level: d.getEnforcementlevel() }));

async function analyze(pack, name, imageId, type) {
  const ds = toDiagnostics(await pack.call("analyze", analyzeRequest(name, imageId, type)));
  diagnostics.push(...ds);
  for (const p of pluginsOf(pack.child.pid)) pluginPids.add(p);
  return ds;
}

/** Exactly one mandatory diagnostic of the pack's policy, on the notebook's URN; its message. */
function theOneViolation(ds, name, level = MANDATORY) {
  assert.equal(ds.length, 1, JSON.stringify(ds));
  const [d] = ds;
  assert.equal(d.policy, "modelarts-allowed-images");
  assert.equal(d.level, level);
  assert.equal(d.urn, urnOf(name));
  assert.ok(d.message.includes(urnOf(name)), d.message);
  return d.message;
}

const image = (predicate) => catalog.find((i) => i.status === "ACTIVE" && predicate(i));
const label = (i) => `${i.name}:${i.tag} (${i.id})`;
const pytorch = image((i) => i.namespace === "atelier" && i.name.startsWith("pytorch") && i.type === "BUILD_IN");
const sandbox = image((i) => i.namespace === "sandbox");
const vision = image((i) => i.namespace === "team-vision" && i.type === "DEDICATED");
const deleted = catalog.find((i) => i.status === "DELETED" && i.namespace === "atelier");
const GHOST = "00000000-0000-4000-8000-000000000000";

test("GetAnalyzerInfo: pack modelarts-images with the mandatory policy modelarts-allowed-images and its config schema", async () => {
  const pack = await startPack();
  const info = await pack.call("getAnalyzerInfo", new emptyPb.Empty());
  assert.equal(info.getName(), "modelarts-images");
  const policy = info.getPoliciesList().find((p) => p.getName() === "modelarts-allowed-images");
  assert.ok(policy);
  assert.equal(policy.getEnforcementlevel(), MANDATORY);
  const schema = policy.getConfigschema().getProperties().toJavaScript();
  assert.deepEqual(Object.keys(schema).sort(), ["endpoint", "imagePolicy", "pluginPath", "projectId", "region"]);
  assert.ok(!JSON.stringify(schema).match(/secretKey|accessKey|authToken/), "credentials are not policy config");
});

test("Analyze: allowed images (built-in, dedicated, any status) give no diagnostic; resources of other types are not judged", async () => {
  const pack = await startPack(packConfig({ allowedNamespaces: ["atelier", "team-vision"] }));
  assert.deepEqual(await analyze(pack, "nb1", pytorch.id), []);
  assert.deepEqual(await analyze(pack, "nb2", vision.id), []);
  assert.deepEqual(await analyze(pack, "nb3", deleted.id), []);
  assert.deepEqual(await analyze(pack, "bucket", GHOST, "huaweicloud:Obs/bucket:Bucket"), []);
});

const rules = [
  ["allowedIds", { allowedIds: [pytorch.id] }, sandbox],
  ["allowedNamespaces", { allowedNamespaces: ["atelier"] }, sandbox],
  ["allowedNamePatterns", { allowedNamePatterns: ["pytorch*"] }, sandbox],
  ["allowedTypes", { allowedTypes: ["BUILD_IN"] }, sandbox],
  ["allowedSwrPathPrefixes", { allowedSwrPathPrefixes: ["swr.cn-north-4.myhuaweicloud.com/atelier/"] }, sandbox],
  ["maxAgeDays", { maxAgeDays: 1 }, pytorch],
];
for (const [rule, policy, img] of rules) {
  test(`Analyze, disallowed by ${rule}: one mandatory diagnostic naming the URN, name:tag (id) and the rule`, async () => {
    const pack = await startPack(packConfig(policy));
    const message = theOneViolation(await analyze(pack, "nb1", img.id), "nb1");
    assert.ok(message.includes(`image ${label(img)} is not allowed by the imagePolicy`), message);
    assert.match(message, new RegExp(`Rules broken: ${rule} \\(`));
    if (rule !== "maxAgeDays") assert.deepEqual(await analyze(pack, "ok", pytorch.id), []); // every catalog image is older than a day
  });
}

test("Analyze, two rules broken: still one diagnostic, naming both rules", async () => {
  const pack = await startPack(packConfig({ allowedNamespaces: ["atelier"], maxAgeDays: 1 }));
  const message = theOneViolation(await analyze(pack, "nb1", sandbox.id), "nb1");
  assert.match(message, /Rules broken: allowedNamespaces \(.*\); maxAgeDays \(/);
});

test("the verdict is read from getImages' policyViolations fields, whatever the reasons' wording", () => {
  const verdicts = ImageVerdicts.from([{
    images: [{ id: "a" }],
    policyViolations: [{ id: "b", name: "n", tag: "t", rule: "allowedTypes", reason: "anything at all, reworded" }],
  }]);
  assert.deepEqual(verdicts.judge("a"), { kind: "allowed" });
  assert.deepEqual(verdicts.judge("b"), { kind: "blocked", label: "n:t (b)", broken: [{ rule: "allowedTypes", reason: "anything at all, reworded" }] });
  assert.deepEqual(verdicts.judge("c"), { kind: "not-found" });
});

test("Analyze, an id no image in the project has: one mandatory diagnostic naming the URN, the id and the rules it cannot pass", async () => {
  const pack = await startPack(packConfig({ allowedNamespaces: ["atelier"], maxAgeDays: 400 }));
  const message = theOneViolation(await analyze(pack, "ghost", GHOST), "ghost");
  assert.ok(message.includes(`no image with id ${GHOST} in project ${creds.projectId}`), message);
  assert.match(message, /imagePolicy rules allowedNamespaces, maxAgeDays/);
});

test("Analyze, imageId not set: one mandatory diagnostic naming the input", async () => {
  const pack = await startPack(packConfig({ allowedNamespaces: ["atelier"] }));
  assert.match(theOneViolation(await analyze(pack, "bare", undefined), "bare"), /imageId is not set to an image id/);
});

test("Analyze in preview, imageId computed (unknown): no diagnostic at all, said at debug level; no listing", async () => {
  const pack = await startPack(packConfig({ allowedNamespaces: ["atelier"] }));
  const before = (await emulator.stats()).listRequests;
  assert.deepEqual(await analyze(pack, "later", UNKNOWN), []);
  assert.match(pack.stderr(), /imageId is not known yet/);
  assert.equal((await emulator.stats()).listRequests, before);
});

test("Analyze, API down: fails closed with one mandatory diagnostic naming the URN, the id, the rules and the error", async () => {
  const pack = await startPack(packConfig({ allowedNamespaces: ["atelier"] }, { endpoint: "http://127.0.0.1:1" }), { env: { HW_MAX_RETRIES: "0" } });
  for (const name of ["nb1", "nb2"]) {
    const message = theOneViolation(await analyze(pack, name, pytorch.id), name);
    assert.ok(message.includes(`image (${pytorch.id}) could not be checked against the imagePolicy rules allowedNamespaces: `), message);
    assert.match(message, /127\.0\.0\.1:1/);
    assert.match(message, /endpoint/);
  }
});

test("Analyze, wrong credentials: one mandatory diagnostic each, naming the refusal; one listing attempt in all; no secret", async () => {
  await emulator.reset();
  const pack = await startPack(packConfig({ allowedNamespaces: ["atelier"] }), { env: { HW_SECRET_KEY: "wrong-secret-key-123456" } });
  for (const name of ["nb1", "nb2", "nb3"]) {
    const message = theOneViolation(await analyze(pack, name, pytorch.id), name);
    assert.ok(message.includes(`image (${pytorch.id}) could not be checked against the imagePolicy rules allowedNamespaces: `), message);
    assert.match(message, /401/);
    assert.match(message, /HW_\* credentials/);
    assert.ok(!message.includes("wrong-secret-key-123456"));
  }
  // One refused listing per image type, not per notebook: repeated failures would lock the access key.
  assert.equal((await emulator.stats()).authFailures, 2);
});

test("enforcementLevel advisory in policy config: the same verdict, as an advisory diagnostic", async () => {
  const pack = await startPack(packConfig({ allowedNamespaces: ["atelier"] }), { enforcementLevel: ADVISORY });
  assert.match(theOneViolation(await analyze(pack, "nb1", sandbox.id), "nb1", ADVISORY), /Rules broken: allowedNamespaces/);
});

test("AnalyzeStack adds nothing: the verdict was Analyze's, before each step", async () => {
  const pack = await startPack(packConfig({ allowedNamespaces: ["atelier"] }));
  const r = new analyzerPb.AnalyzerResource();
  const req = analyzeRequest("nb1", sandbox.id);
  r.setType(req.getType()); r.setName(req.getName()); r.setUrn(req.getUrn()); r.setProperties(req.getProperties()); r.setOptions(req.getOptions());
  const stackReq = new analyzerPb.AnalyzeStackRequest();
  stackReq.setResourcesList([r]);
  assert.deepEqual(toDiagnostics(await pack.call("analyzeStack", stackReq)), []);
});

// The CLI checks --policy-pack-config against the configSchema before Configure; the pack itself has the
// plugin's CheckConfig apply the full modelarts:imagePolicy validation before it judges anything.
for (const [label_, config, key] of [
  ["an imagePolicy value of the wrong kind", () => packConfig({ allowedTypes: ["SOMETIMES"] }), /invalid policy config: imagePolicy\.allowedTypes/],
  ["an endpoint that is not an http(s) URL", () => packConfig({ allowedNamespaces: ["atelier"] }, { endpoint: "ftp://nowhere" }), /invalid policy config: endpoint/],
]) {
  test(`invalid config (${label_}): Analyze fails naming the key, before any listing; the analyzer keeps serving`, async () => {
    const pack = await startPack(config());
    const before = (await emulator.stats()).listRequests;
    await assert.rejects(analyze(pack, "nb1", pytorch.id), (e) => key.test(e.details ?? e.message));
    await assert.rejects(analyze(pack, "nb2", pytorch.id), (e) => key.test(e.details ?? e.message));
    assert.equal((await emulator.stats()).listRequests, before);
    assert.equal(pluginsOf(pack.child.pid).length, 0, "the refused plugin was stopped");
  });
}

test("200 notebooks analyzed concurrently, as the engine steps them: one plugin, one listing, a verdict for each disallowed one", async () => {
  const allowed = ["atelier", "team-vision"];
  const single = await startPack(packConfig({ allowedNamespaces: allowed }));
  let before = (await emulator.stats()).listRequests;
  await analyze(single, "one", pytorch.id);
  const oneNotebook = (await emulator.stats()).listRequests - before;
  assert.ok(oneNotebook >= 2, "a listing of each image type");

  const pack = await startPack(packConfig({ allowedNamespaces: allowed }));
  const images = catalog.filter((i) => i.status === "ACTIVE").filter((_, k) => k % 3 === 0); // both types, allowed and not
  before = (await emulator.stats()).listRequests;
  const results = await Promise.all(Array.from({ length: 200 }, (_, k) => analyze(pack, `nb${k}`, images[k % images.length].id)));
  assert.equal((await emulator.stats()).listRequests - before, oneNotebook, "one listing for 200 notebooks");
  const disallowed = Array.from({ length: 200 }, (_, k) => k).filter((k) => !allowed.includes(images[k % images.length].namespace));
  assert.ok(disallowed.length > 0);
  assert.deepEqual(results.map((ds, k) => (ds.length > 0 ? k : -1)).filter((k) => k >= 0), disallowed);
  for (const k of disallowed) theOneViolation(results[k], `nb${k}`);
  assert.equal(pluginsOf(pack.child.pid).length, 1, "one plugin process for the analyzer");
});

test("the pack's launcher: a port from the first line, a plugin that answers, stopped by stop()", async () => {
  const plugin = await startPlugin(PLUGIN, { args: [] });
  assert.ok(plugin.port > 0);
  const client = new providerRpc.ResourceProviderClient(`127.0.0.1:${plugin.port}`, grpc.credentials.createInsecure());
  const info = await new Promise((resolve, reject) => client.getPluginInfo(new emptyPb.Empty(), (e, r) => (e ? reject(e) : resolve(r))));
  assert.match(info.getVersion(), /^\d+\.\d+\.\d+/);
  client.close();
  await plugin.stop();
  assert.ok(!alive(plugin.child.pid));
});

test("the pack's launcher with ownProcessGroup (as the CLI starts a plugin): a group of its own, stopped through it", async () => {
  const plugin = await startPlugin(PLUGIN, { ownProcessGroup: true });
  assert.equal(stat(plugin.child.pid).pgrp, plugin.child.pid);
  await plugin.stop();
  assert.ok(!alive(plugin.child.pid));
  assert.deepEqual(allPids().filter((p) => stat(p)?.pgrp === plugin.child.pid && alive(p)), []);
});

test("the pack's launcher: a program that is not a plugin, or one that exits first, is refused and not left running", async () => {
  await assert.rejects(startPlugin("/bin/echo", { args: ["hello"] }), /is not a Pulumi plugin: its first output was "hello", not a port/);
  await assert.rejects(startPlugin("/bin/false"), /exited \(code 1\) before it printed its port/);
  await assert.rejects(startPlugin("/nonexistent/pulumi-resource-modelarts"), /could not start \/nonexistent/);
});

/** An analyzer that has started its plugin (one Analyze of a notebook); the plugin shares its process group. */
async function packWithPlugin(options) {
  const pack = await startPack(packConfig({ allowedNamespaces: ["atelier"] }), options);
  await analyze(pack, "nb1", pytorch.id);
  const [plugin] = pluginsOf(pack.child.pid);
  assert.ok(plugin, "the analyzer started its plugin");
  assert.equal(stat(plugin).pgrp, pack.child.pid, "the plugin is in the analyzer's process group");
  return { pack, plugin };
}

for (const [how, end] of [
  ["SIGKILL to the analyzer's process group (how the CLI kills a plugin, KillChildren)", (pack) => killGroup(pack, "SIGKILL")],
  ["SIGINT to the analyzer's process group (the CLI's first step, InterruptChildren)", (pack) => killGroup(pack, "SIGINT")],
  ["SIGINT to the analyzer alone", (pack) => pack.child.kill("SIGINT")],
  ["SIGTERM to the analyzer alone", (pack) => pack.child.kill("SIGTERM")],
]) {
  test(`lifetime: ${how}: the analyzer ends and no plugin survives it`, async () => {
    const { pack, plugin } = await packWithPlugin();
    end(pack);
    const { signal } = await pack.exited;
    assert.ok(signal !== null, "the analyzer ended by the signal, as without the pack's handler");
    assert.ok(await eventually(() => !alive(plugin)), `plugin ${plugin} still running ${GONE_WITHIN_MS} ms after its analyzer ended`);
  });
}

test("lifetime: the analyzer process exits by itself (process.exit, as after a fatal error): no plugin survives it", async () => {
  // A test hook stands in for the fatal error: on SIGUSR2 the analyzer calls process.exit(3).
  const { pack, plugin } = await packWithPlugin({ nodeArgs: ["--import", "data:text/javascript,process.on('SIGUSR2',()=>process.exit(3))"] });
  pack.child.kill("SIGUSR2");
  assert.equal((await pack.exited).code, 3);
  assert.ok(await eventually(() => !alive(plugin)), `plugin ${plugin} still running ${GONE_WITHIN_MS} ms after its analyzer exited`);
});

test("the plugin is found through PATH and the Pulumi plugin cache (newest version) when no pluginPath is given", () => {
  const home = fs.mkdtempSync(path.join(os.tmpdir(), "pulumi-home-"));
  try {
    for (const v of ["0.1.0", "0.10.0", "0.9.1"]) {
      fs.mkdirSync(path.join(home, "plugins", `resource-modelarts-v${v}`), { recursive: true });
      fs.copyFileSync(PLUGIN, path.join(home, "plugins", `resource-modelarts-v${v}`, "pulumi-resource-modelarts"));
    }
    fs.mkdirSync(path.join(home, "plugins", "resource-modelarts-v0.11.0"));
    fs.copyFileSync(PLUGIN, path.join(home, "plugins", "resource-modelarts-v0.11.0", "pulumi-resource-modelarts"));
    fs.writeFileSync(path.join(home, "plugins", "resource-modelarts-v0.11.0.partial"), ""); // still installing: skipped
    assert.equal(locatePlugin(undefined, { PATH: "/nonexistent", PULUMI_HOME: home }), path.join(home, "plugins", "resource-modelarts-v0.10.0", "pulumi-resource-modelarts"));
    assert.equal(locatePlugin(undefined, { PATH: path.dirname(PLUGIN), PULUMI_HOME: home }), PLUGIN);
    // Install by name needs --server: without it the CLI looks in Pulumi's own releases (docs/installation-configuration.md).
    const { pluginDownloadURL } = JSON.parse(fs.readFileSync(path.join(repoRoot, "provider", "schema.json"), "utf8"));
    assert.throws(() => locatePlugin(undefined, { PATH: "/nonexistent", PULUMI_HOME: "/nonexistent" }),
      (e) => /pluginPath.*PATH.*/s.test(e.message) && e.message.includes(`pulumi plugin install resource modelarts <version> --server ${pluginDownloadURL}`));
  } finally {
    fs.rmSync(home, { recursive: true, force: true });
  }
});

test("no secret in any diagnostic or analyzer output of the suite", () => {
  assert.ok(diagnostics.length > 5);
  const seen = JSON.stringify(diagnostics) + packs.map((p) => p.stderr()).join("");
  for (const s of SECRETS) assert.ok(!seen.includes(s));
});

test("no plugin outlives the suite's analyzers, each stopped as the CLI stops it (SIGKILL to its group)", async () => {
  assert.ok(pluginPids.size >= 10, `the suite's analyzers started ${pluginPids.size} plugins`);
  for (const p of packs) killGroup(p, "SIGKILL");
  await Promise.all(packs.map((p) => p.exited));
  assert.ok(await eventually(() => [...pluginPids].every((p) => !alive(p))), `still running: ${[...pluginPids].filter(alive).join(", ")}`);
  assert.deepEqual(packs.flatMap((p) => allPids().filter((q) => stat(q)?.pgrp === p.child.pid && alive(q))), [], "nothing left in any analyzer's group");
});

test("the pack's imagePolicy config has exactly the provider's ImagePolicy keys, of the same shapes (schema.json is their one declaration)", () => {
  const { configSchema } = require(path.join(packDir, "bin", "config.js"));
  const schema = JSON.parse(fs.readFileSync(path.join(repoRoot, "provider", "schema.json"), "utf8"));
  const provider = schema.types["modelarts:index:ImagePolicy"].properties;
  const pack = configSchema.properties.imagePolicy.properties;
  assert.deepEqual(Object.keys(pack).sort(), Object.keys(provider).sort());
  const shape = (p) => (p.type === "array" ? `array of ${p.items.type}` : p.type === "integer" ? "number" : p.type);
  for (const key of Object.keys(provider)) assert.equal(shape(pack[key]), shape(provider[key]), key);
});
