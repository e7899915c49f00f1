// End to end through the real Pulumi Node.js runtime: TypeScript programs on the generated SDK (sdk/nodejs, the npm
// package @pulumi-modelarts/modelarts), started as pulumi-language-nodejs starts them (tools/engine/nodejs.mjs), talking
// to the test engine (standing in for the Pulumi CLI), which loads the AOT plugin, which talks to the emulator (standing
// in for ModelArts). Each TypeScript run is held against the same run of its C# twin (examples/csharp,
// tests/programs/sdk-forms) on the same catalog and stack config, and against the emulator's catalog (oracle.mjs).
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { runProgram } from "../../tools/engine/run.mjs";
import { allowedBy, catalog, devPolicy, expectedImages } from "./oracle.mjs";
import { emulatorStackConfig, modelboxFailure, repoRoot, runErrors, SECRETS, startEmulator, UNKNOWN } from "./harness.mjs";

const examples = { ts: path.join(repoRoot, "examples", "typescript"), cs: path.join(repoRoot, "examples", "csharp") };
const forms = { ts: path.join(repoRoot, "tests", "programs", "ts-forms"), cs: path.join(repoRoot, "tests", "programs", "sdk-forms") };
const sdkPackage = JSON.parse(fs.readFileSync(path.join(repoRoot, "sdk", "nodejs", "package.json"), "utf8"));
const schema = JSON.parse(fs.readFileSync(path.join(repoRoot, "provider", "schema.json"), "utf8"));

let emulator;
const runs = [];

async function run(projectDir, { preview = true, config = {} } = {}) {
  const record = await runProgram({ projectDir, preview, config: emulatorStackConfig(emulator.url, config) });
  runs.push(record);
  assert.equal(record.timedOut, false, `the program did not finish: ${record.stderr}`);
  return record;
}

/** The same program in both languages, one after the other (the catalog and config are the same). */
const both = async (programs, options) => ({ ts: await run(programs.ts, options), cs: await run(programs.cs, options) });

const errors = runErrors;

before(async () => { emulator = await startEmulator(); });
after(async () => { await emulator?.stop(); });

test("sdk/nodejs package.json: the pulumi block the Node.js language host reads names the plugin, its version and server", () => {
  assert.equal(sdkPackage.name, "@pulumi-modelarts/modelarts");
  assert.deepEqual(sdkPackage.pulumi, { resource: true, name: schema.name, version: schema.version, server: schema.pluginDownloadURL });
  assert.equal(sdkPackage.version, fs.readFileSync(path.join(repoRoot, "VERSION"), "utf8").trim());
  assert.match(sdkPackage.dependencies["@pulumi/pulumi"], /^\^3\./);
  // The example pins the SDK of this version, so npm links the workspace package rather than fetching another.
  const example = JSON.parse(fs.readFileSync(path.join(examples.ts, "package.json"), "utf8"));
  assert.equal(example.dependencies["@pulumi-modelarts/modelarts"], sdkPackage.version);
  assert.equal(fs.realpathSync(path.join(repoRoot, "node_modules", "@pulumi-modelarts", "modelarts")), path.join(repoRoot, "sdk", "nodejs"));
});

for (const preview of [true, false]) {
  test(`TypeScript example (${preview ? "preview" : "update"}): the same stack outputs as the C# example, and the catalog's answer`, async () => {
    const { ts, cs } = await both(examples, { preview });
    assert.equal(ts.exitCode, 0, errors(ts) || ts.stderr);
    assert.equal(cs.exitCode, 0, errors(cs) || cs.stderr);
    // pinnedAt is when each run's Create chose the image: unknown in a preview, a time of its own in an update.
    const { pinnedNotebookPinnedAt: tsPinnedAt, ...tsOutputs } = ts.outputs, { pinnedNotebookPinnedAt: csPinnedAt, ...csOutputs } = cs.outputs;
    assert.deepEqual(tsOutputs, csOutputs);
    for (const at of [tsPinnedAt, csPinnedAt]) {
      if (preview) assert.equal(at, UNKNOWN);
      else assert.match(at, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/);
    }

    const allowed = allowedBy(devPolicy);
    const notebooks = expectedImages({ name: "pytorch", arch: "X86_64", resourceCategories: ["GPU"], devServices: ["NOTEBOOK"] }).filter(allowed);
    assert.deepEqual(ts.outputs.notebookCandidates, notebooks.map((i) => i.id));
    assert.equal(ts.outputs.trainingImageId, expectedImages({ name: "pytorch", serviceType: "TRAIN" }).filter(allowed)[0].id);
    assert.ok(ts.outputs.blockedTeamImages.length > 0, "the stack's imagePolicy blocks some team images");

    // From the package to the engine: every invoke carries the package's version and pluginDownloadURL.
    assert.equal(ts.stackUrn, "urn:pulumi:dev::modelarts-images-typescript::pulumi:pulumi:Stack::modelarts-images-typescript-dev");
    assert.equal(ts.invokes.length, 3);
    for (const invoke of ts.invokes) assert.deepEqual([invoke.version, invoke.pluginDownloadURL], [sdkPackage.version, schema.pluginDownloadURL]);
    assert.deepEqual(ts.providers.map((p) => [p.name, p.version, p.source, p.exitCode]), [["modelarts", sdkPackage.version, "plugins.providers", 0]]);
  });
}

test("TypeScript example: framework modelbox (a lookup the imagePolicy blocks, no image to pin) fails the program with the provider's message, as in C#", async () => {
  const { ts, cs } = await both(examples, { config: { framework: "modelbox" } });
  for (const r of [ts, cs]) {
    assert.notEqual(r.exitCode, 0);
    assert.ok(modelboxFailure(errors(r) + r.stderr), errors(r) + r.stderr);
    assert.equal(r.providers[0].exitCode, 0);
  }
});

test("ts-forms: the Promise form, an input that is another lookup's output, and InvokeOutputOptions answer as sdk-forms does", async () => {
  const { ts, cs } = await both(forms, { config: { case: "forms" } });
  assert.equal(ts.exitCode, 0, errors(ts) || ts.stderr);
  assert.equal(cs.exitCode, 0, errors(cs) || cs.stderr);
  for (const key of ["invokeAsyncIds", "chainedId", "outputOptionsIds"]) assert.deepEqual(ts.outputs[key], cs.outputs[key], key);
  assert.ok(ts.outputs.invokeAsyncIds.length > 0 && ts.outputs.chainedId);
});

test("ts-forms (preview): an unknown input gives an unknown result and no invoke, as in C#; a known lookup still resolves", async () => {
  const { ts, cs } = await both(forms, { config: { case: "unknownInput" } });
  for (const r of [ts, cs]) {
    assert.equal(r.exitCode, 0, errors(r) || r.stderr);
    assert.equal(r.outputs.unknownId, UNKNOWN);
    assert.deepEqual(r.invokes.map((i) => i.tok), ["modelarts:index:getImages"]);
    assert.deepEqual(r.outputs.knownIds, expectedImages({ name: "pytorch" }).map((i) => i.id));
  }
});

test("secrets given as secret stack config appear in nothing the TypeScript programs, the plugins or the engine recorded", () => {
  assert.ok(runs.length > 0);
  const seen = JSON.stringify(runs.map((r) => [r.stdout, r.stderr, r.logs, r.outputs, r.invokes, r.pluginOutput]));
  for (const secret of SECRETS) assert.ok(!seen.includes(secret), "a secret leaked");
});
