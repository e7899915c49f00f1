// The policy pack (policy/) started exactly as Pulumi's policy host starts it,
// `node <@pulumi/pulumi>/cmd/run-policy-pack <engine-address> <pack dir>`, and driven through
// @pulumi/pulumi's generated analyzer stubs, against the emulator. The pack judges through the plugin.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { createRequire } from "node:module";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { launchPlugin } from "../../tools/engine/plugins.mjs";
import { killGroup } from "../../tools/engine/processes.mjs";
import { creds, grpc, PLUGIN, repoRoot, SECRETS, startEmulator, startFakeEngine, structPb, UNKNOWN } from "./harness.mjs";
import { catalog } from "./oracle.mjs";

const require = createRequire(import.meta.url);
const analyzerRpc = require("@pulumi/pulumi/proto/analyzer_grpc_pb.js");
const analyzerPb = require("@pulumi/pulumi/proto/analyzer_pb.js");
const emptyPb = require("google-protobuf/google/protobuf/empty_pb.js");
const runPolicyPack = path.join(path.dirname(require.resolve("@pulumi/pulumi/package.json")), "cmd", "run-policy-pack");
const packDir = path.join(repoRoot, "policy");
const NOTEBOOK = "huaweicloud:ModelArts/notebook:Notebook";
const MANDATORY = 1; // pulumirpc.EnforcementLevel

let emulator, engine;
const packs = [];
const diagnostics = [];

before(async () => {
  emulator = await startEmulator();
  engine = await startFakeEngine();
});
after(async () => {
  // As the CLI stops an analyzer: SIGKILL to its whole process group, which holds the plugin the pack started.
  for (const p of packs) await killGroup(p.child);
  await emulator?.stop();
  await engine?.stop();
});

/** Starts the pack as the CLI does and configures its policy; credentials only through the environment. */
async function startPack(properties, env = {}) {
  let stderr = "";
  const { child, port } = await launchPlugin({
    command: process.execPath, args: [runPolicyPack, engine.address, packDir], label: "run-policy-pack",
    cwd: packDir, // the CLI runs a pack in its own folder
    env: { PATH: process.env.PATH, HOME: process.env.HOME, HW_ACCESS_KEY: creds.accessKey, HW_SECRET_KEY: creds.secretKey, HW_SECURITY_TOKEN: creds.securityToken, ...env },
    onOutput: (stream, text) => { if (stream === "stderr") stderr += text; },
  });
  const client = new analyzerRpc.AnalyzerClient(`127.0.0.1:${port}`, grpc.credentials.createInsecure());
  const call = (method, req) => new Promise((resolve, reject) =>
    client[method](req, { deadline: Date.now() + 120_000 }, (err, res) => (err ? reject(err) : resolve(res))));
  const pack = { child, client, call, stderr: () => stderr };
  packs.push(pack);
  if (properties) {
    const req = new analyzerPb.ConfigureAnalyzerRequest();
    const config = new analyzerPb.PolicyConfig();
    config.setEnforcementlevel(MANDATORY);
    config.setProperties(structPb.Struct.fromJavaScript(properties));
    req.getPolicyconfigMap().set("modelarts-allowed-images", config);
    await call("configure", req);
  }
  return pack;
}

const packConfig = (imagePolicy, more = {}) => ({ imagePolicy, endpoint: emulator.url, projectId: creds.projectId, pluginPath: path.dirname(PLUGIN), ...more });

function notebook(name, imageId) {
  const r = new analyzerPb.AnalyzerResource();
  r.setType(NOTEBOOK);
  r.setName(name);
  r.setUrn(`urn:pulumi:dev::ml::${NOTEBOOK}::${name}`);
  r.setProperties(structPb.Struct.fromJavaScript({ name, flavorId: "modelarts.vm.cpu.2u", imageId, volume: { type: "EFS" } }));
  r.setOptions(new analyzerPb.AnalyzerResourceOptions()); // the CLI always sends the resource's options
  return r;
}

async function analyzeStack(pack, resources) {
  const req = new analyzerPb.AnalyzeStackRequest();
  req.setResourcesList(resources);
  const res = await pack.call("analyzeStack", req);
  const ds = res.getDiagnosticsList().map((d) => ({ policy: d.getPolicyname(), message: d.getMessage(), urn: d.getUrn(), level: d.getEnforcementlevel() }));
  diagnostics.push(...ds);
  return ds;
}

const image = (predicate) => catalog.find((i) => i.status === "ACTIVE" && predicate(i));
const pytorch = image((i) => i.namespace === "atelier" && i.name.startsWith("pytorch") && i.type === "BUILD_IN");
const sandbox = image((i) => i.namespace === "sandbox");

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

test("an allowed image: no violation", async () => {
  const pack = await startPack(packConfig({ allowedNamespaces: ["atelier"] }));
  assert.deepEqual(await analyzeStack(pack, [notebook("nb1", pytorch.id)]), []);
});

test("Analyze (one resource at a time, during the run) leaves the verdict to AnalyzeStack: a stack policy sees final values", async () => {
  const pack = await startPack(packConfig({ allowedNamespaces: ["atelier"] }));
  const req = new analyzerPb.AnalyzeRequest();
  const r = notebook("nb1", sandbox.id);
  req.setType(r.getType());
  req.setName(r.getName());
  req.setUrn(r.getUrn());
  req.setProperties(r.getProperties());
  req.setOptions(r.getOptions());
  const res = await pack.call("analyze", req);
  assert.deepEqual(res.getDiagnosticsList(), []);
  const ds = await analyzeStack(pack, [r]);
  assert.equal(ds.length, 1, "the same notebook is judged in AnalyzeStack");
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
  test(`disallowed by ${rule}: a violation naming the resource, the image and the rule`, async () => {
    const pack = await startPack(packConfig(policy));
    const resources = [notebook("nb1", img.id)];
    if (rule !== "maxAgeDays") resources.push(notebook("ok", pytorch.id)); // every catalog image is older than a day
    const ds = await analyzeStack(pack, resources);
    assert.equal(ds.length, 1, JSON.stringify(ds));
    const [d] = ds;
    assert.equal(d.policy, "modelarts-allowed-images");
    assert.equal(d.level, MANDATORY);
    assert.equal(d.urn, `urn:pulumi:dev::ml::${NOTEBOOK}::nb1`);
    assert.ok(d.message.includes(`urn:pulumi:dev::ml::${NOTEBOOK}::nb1`));
    assert.ok(d.message.includes(`${img.name}:${img.tag} (${img.id})`), d.message);
    assert.ok(d.message.includes(`Rules broken: ${rule}`), d.message);
  });
}

test("an id that no image in the project has is a violation", async () => {
  const pack = await startPack(packConfig({ allowedNamespaces: ["atelier"] }));
  const ds = await analyzeStack(pack, [notebook("ghost", "00000000-0000-4000-8000-000000000000")]);
  assert.equal(ds.length, 1);
  assert.match(ds[0].message, new RegExp(`no image with id 00000000-0000-4000-8000-000000000000 in project ${creds.projectId}`));
});

test("an imageId not known yet in preview is not a violation, and says so at debug level", async () => {
  const pack = await startPack(packConfig({ allowedNamespaces: ["atelier"] }));
  assert.deepEqual(await analyzeStack(pack, [notebook("later", UNKNOWN)]), []);
  assert.match(pack.stderr(), /imageId is not known yet/);
});

test("API down: fails closed with a violation that says why and what to fix", async () => {
  const pack = await startPack(packConfig({ allowedNamespaces: ["atelier"] }, { endpoint: "http://127.0.0.1:1" }), { HW_MAX_RETRIES: "0" });
  const ds = await analyzeStack(pack, [notebook("nb1", pytorch.id)]);
  assert.equal(ds.length, 1);
  assert.match(ds[0].message, /could not be checked against the imagePolicy: .*127\.0\.0\.1:1/s);
  assert.match(ds[0].message, /endpoint/);
});

test("wrong credentials: fails closed naming the refusal; no secret in any diagnostic", async () => {
  const pack = await startPack(packConfig({ allowedNamespaces: ["atelier"] }), { HW_SECRET_KEY: "wrong-secret-key-123456" });
  const ds = await analyzeStack(pack, [notebook("nb1", pytorch.id)]);
  assert.equal(ds.length, 1);
  assert.match(ds[0].message, /401/);
  assert.match(ds[0].message, /HW_\* credentials/);
  assert.ok(!ds[0].message.includes("wrong-secret-key-123456"));
});

// The CLI checks --policy-pack-config against the configSchema before Configure; the pack itself has the
// plugin's CheckConfig apply the full modelarts:imagePolicy validation before it judges anything.
for (const [label, config, key] of [
  ["an imagePolicy value of the wrong kind", () => packConfig({ allowedTypes: ["SOMETIMES"] }), /invalid policy config: imagePolicy\.allowedTypes/],
  ["an endpoint that is not an http(s) URL", () => packConfig({ allowedNamespaces: ["atelier"] }, { endpoint: "ftp://nowhere" }), /invalid policy config: endpoint/],
]) {
  test(`invalid config (${label}): an error naming the key, before any resource is judged`, async () => {
    const pack = await startPack(config());
    const before = (await emulator.stats()).listRequests;
    await assert.rejects(analyzeStack(pack, [notebook("nb1", pytorch.id)]), (e) => key.test(e.details ?? e.message));
    assert.equal((await emulator.stats()).listRequests, before);
  });
}

test("200 notebooks in one AnalyzeStack: one plugin, one listing, a verdict for each disallowed notebook", async () => {
  const single = await startPack(packConfig({ allowedNamespaces: ["atelier", "team-vision"] }));
  let before = (await emulator.stats()).listRequests;
  await analyzeStack(single, [notebook("one", pytorch.id)]);
  const oneLookup = (await emulator.stats()).listRequests - before;

  const pack = await startPack(packConfig({ allowedNamespaces: ["atelier", "team-vision"] }));
  const images = catalog.filter((i) => i.status === "ACTIVE").slice(0, 20);
  const resources = Array.from({ length: 200 }, (_, k) => notebook(`nb${k}`, images[k % images.length].id));
  before = (await emulator.stats()).listRequests;
  const ds = await analyzeStack(pack, resources);
  assert.equal((await emulator.stats()).listRequests - before, oneLookup, "one listing for 200 notebooks");
  const disallowed = resources.filter((_, k) => !["atelier", "team-vision"].includes(images[k % images.length].namespace));
  assert.deepEqual(ds.map((d) => d.urn).sort(), disallowed.map((r) => r.getUrn()).sort());
  const plugins = fs.readdirSync("/proc").filter((p) => /^\d+$/.test(p)).filter((p) => {
    try { return fs.readFileSync(`/proc/${p}/cmdline`, "utf8").startsWith(PLUGIN) && fs.readFileSync(`/proc/${p}/status`, "utf8").includes(`PPid:\t${pack.child.pid}`); } catch { return false; }
  });
  assert.equal(plugins.length, 1, "one plugin process for the analyzer");
});

test("the plugin is found through PATH and the Pulumi plugin cache (newest version) when no pluginPath is given", () => {
  const { locatePlugin } = require(path.join(packDir, "bin", "locate.js"));
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
    assert.throws(() => locatePlugin(undefined, { PATH: "/nonexistent", PULUMI_HOME: "/nonexistent" }), /pluginPath.*PATH.*plugin install/s);
  } finally {
    fs.rmSync(home, { recursive: true, force: true });
  }
});

test("no secret in any diagnostic of the suite", () => {
  assert.ok(diagnostics.length > 5);
  for (const s of SECRETS) assert.ok(!JSON.stringify(diagnostics).includes(s));
});
