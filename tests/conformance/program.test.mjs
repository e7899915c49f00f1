// End to end through the real Pulumi .NET SDK: C# programs built against the packed Pulumi.ModelArts
// package, started as Pulumi's .NET language host starts them, talking to the test engine (which stands in
// for the Pulumi CLI and engine, through Pulumi's own generated stubs), which loads the AOT plugin as a
// default provider, which talks to the emulator (standing in for ModelArts). Expected values come from the
// emulator's catalog file (oracle.mjs), never from the provider.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { runProgram } from "../../tools/engine/run.mjs";
import { allowedBy, catalog, devPolicy, expectedImages } from "./oracle.mjs";
import { creds, emulatorStackConfig, modelboxFailure, repoRoot, runErrors, SECRETS, startEmulator } from "./harness.mjs";

const example = path.join(repoRoot, "examples", "csharp");
const forms = path.join(repoRoot, "tests", "programs", "sdk-forms");
const sdkVersion = fs.readFileSync(path.join(repoRoot, "VERSION"), "utf8").trim();

// One image bigger than 2^31 KB and created after 2^31 ms, to check that numbers cross the SDK exactly.
const largeImage = {
  ...catalog.find((i) => i.type === "BUILD_IN" && i.status === "ACTIVE"),
  id: "0f0f0f0f-1111-4222-8333-444455556666", name: "llm-70b-large-image", size: 2 ** 34 + 1, create_at: 1751328000123,
};

let emulator, catalogFile;
const runs = [];

const emulatorConfig = (overrides) => emulatorStackConfig(emulator.url, overrides);

async function run(projectDir, { preview = true, config = {}, ...rest } = {}) {
  const record = await runProgram({ projectDir, preview, config: emulatorConfig(config), ...rest });
  runs.push(record);
  assert.equal(record.timedOut, false, `the program did not finish: ${record.stderr}`);
  return record;
}

const errors = runErrors;

const allowedByDevPolicy = allowedBy(devPolicy);

before(async () => {
  catalogFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "e2e-catalog-")), "images.json");
  fs.writeFileSync(catalogFile, JSON.stringify([...catalog, largeImage]));
  emulator = await startEmulator(["--catalog", catalogFile]);
});

after(async () => {
  await emulator?.stop();
  fs.rmSync(path.dirname(catalogFile), { recursive: true, force: true });
});

const ids = (images) => images.map((i) => i.id);

for (const preview of [true, false]) {
  test(`example program (${preview ? "preview" : "update"}): stack outputs are the catalog's answer under the stack's imagePolicy`, async () => {
    const r = await run(example, { preview });
    assert.equal(r.exitCode, 0, errors(r) || r.stderr);
    const all = [...catalog, largeImage];
    const notebooks = expectedImages({ name: "pytorch", arch: "X86_64", resourceCategories: ["GPU"], devServices: ["NOTEBOOK"] }, all).filter(allowedByDevPolicy);
    const training = expectedImages({ name: "pytorch", serviceType: "TRAIN" }, all).filter(allowedByDevPolicy)[0];
    const team = expectedImages({ type: "DEDICATED" }, all);
    assert.deepEqual(r.outputs.notebookCandidates, ids(notebooks));
    assert.equal(r.outputs.notebookImageId, notebooks[0].id);
    assert.equal(r.outputs.notebookSwrPath, notebooks[0].swr_path);
    assert.equal(r.outputs.trainingImageId, training.id);
    assert.equal(r.outputs.trainingSwrPath, training.swr_path);
    assert.deepEqual(r.outputs.teamImageIds, ids(team.filter(allowedByDevPolicy)));
    const blocked = team.filter((i) => !allowedByDevPolicy(i));
    assert.ok(blocked.length > 0);
    for (const image of blocked) assert.ok(r.outputs.blockedTeamImages.some((b) => b.startsWith(`${image.name}:${image.tag} (`)), `${image.name}:${image.tag} not reported blocked`);

    // What the engine saw: invokes carry the SDK package's version, the plugin came from plugins.providers and stopped cleanly.
    assert.equal(r.invokes.length, 3);
    assert.ok(r.invokes.every((i) => i.version === sdkVersion), JSON.stringify(r.invokes.map((i) => i.version)));
    assert.deepEqual(r.providers.map((p) => [p.name, p.version, p.source, p.exitCode]), [["modelarts", sdkVersion, "plugins.providers", 0]]);
    assert.equal(errors(r), "");
  });
}

test("root Pulumi.yaml: `pulumi preview` at the repository root runs examples/csharp with the root stack config", async () => {
  const r = await run(repoRoot);
  assert.equal(r.exitCode, 0, errors(r) || r.stderr);
  assert.equal(r.stackUrn, "urn:pulumi:dev::modelarts-images::pulumi:pulumi:Stack::modelarts-images-dev");
  const training = expectedImages({ name: "pytorch", serviceType: "TRAIN" }, [...catalog, largeImage]).filter(allowedByDevPolicy)[0];
  assert.equal(r.outputs.trainingImageId, training.id);
  assert.ok(r.outputs.blockedTeamImages.length > 0, "the root stack's imagePolicy applies");
});

test("example program: framework modelbox (a lookup the imagePolicy blocks, no image to pin) fails the program with the provider's message and a non-zero exit", async () => {
  const r = await run(example, { config: { framework: "modelbox" } });
  assert.notEqual(r.exitCode, 0);
  assert.ok(modelboxFailure(errors(r)), errors(r));
  assert.equal(r.providers[0].exitCode, 0);
});

test("example program: audit mode returns disallowed images and each one reaches the engine log as one warning", async () => {
  const policy = { mode: "audit", allowedNamespaces: ["atelier"] };
  const r = await run(example, { config: { "modelarts:imagePolicy": policy } });
  assert.equal(r.exitCode, 0, errors(r));
  const team = expectedImages({ type: "DEDICATED" }, [...catalog, largeImage]);
  assert.deepEqual(r.outputs.teamImageIds, ids(team), "audit mode keeps every image");
  const warnings = r.logs.filter((l) => l.severity === "warning");
  for (const image of team) {
    assert.equal(warnings.filter((w) => w.message.includes(image.id)).length, 1, `one warning for ${image.id}: ${warnings.map((w) => w.message).join("\n")}`);
  }
});

test("example program: a plugin that cannot reach the API fails the program with a clear error, and nothing hangs", async () => {
  const r = await run(example, { config: { "modelarts:endpoint": "http://127.0.0.1:1", "modelarts:maxRetries": 0, "modelarts:requestTimeoutSeconds": 5 } });
  assert.notEqual(r.exitCode, 0);
  // The program's lookups and its pin all need the API; whichever fails first ends the run: an invoke's error, which
  // the program logs, or the pin's step failure, which the engine reports on the pin. The same clear cause either way.
  assert.match(errors(r), /ModelArts API request failed: no HTTP response, http:\/\/127\.0\.0\.1:1 refused the connection/);
  assert.equal(r.providers[0].exitCode, 0);
});

test("example program: bad provider config stops the load with the plugin's CheckConfig failure", async () => {
  const r = await run(example, { config: { "modelarts:maxRetries": "lots" } });
  assert.notEqual(r.exitCode, 0);
  assert.match(errors(r), /maxRetries/);
});

test("sdk forms: InvokeAsync, Invoke with plain and Output inputs, InvokeOutputOptions, GetImage with MostRecent", async () => {
  const r = await run(forms, { config: { case: "forms" } });
  assert.equal(r.exitCode, 0, errors(r));
  const all = [...catalog, largeImage];
  const gpuPytorch = ids(expectedImages({ name: "pytorch", arch: "X86_64", resourceCategories: ["GPU"] }, all).filter(allowedByDevPolicy));
  assert.deepEqual(r.outputs.invokeAsyncIds, gpuPytorch);
  assert.deepEqual(r.outputs.invokeIds, gpuPytorch);
  const newestTensorflow = expectedImages({ name: "tensorflow" }, all)[0];
  assert.equal(r.outputs.chainedId, expectedImages({ name: newestTensorflow.name, nameFuzzyMatch: false }, all)[0].id);
  assert.deepEqual(r.outputs.outputOptionsIds, ids(expectedImages({ type: "DEDICATED", namespace: "team-vision" }, all)));
  const readme = expectedImages({ name: "pytorch", arch: "X86_64", resourceCategories: ["GPU"], devServices: ["NOTEBOOK"] }, all)[0];
  assert.equal(r.outputs.readmeId, readme.id);
  assert.equal(r.outputs.readmeSwrPath, readme.swr_path);
  assert.ok(r.invokes.every((i) => i.version === sdkVersion));
});

test("sdk forms: a list input the program only read goes out as [] and means the default, ACTIVE only", async () => {
  const r = await run(forms, { config: { case: "readList" } });
  assert.equal(r.exitCode, 0, errors(r));
  assert.equal(r.outputs.statusesRead, 0);
  const sent = r.invokes.find((i) => Array.isArray(i.args.statuses) && i.args.statuses.length === 0);
  assert.ok(sent, `no invoke sent statuses: []: ${JSON.stringify(r.invokes.map((i) => i.args))}`);
  assert.deepEqual(r.outputs.ids, ids(expectedImages({ name: "pytorch2.3.0" })));
  assert.deepEqual(r.outputs.anyStatusIds, ids(expectedImages({ name: "pytorch2.3.0", statuses: ["*"] })));
  assert.ok(r.outputs.anyStatusIds.length > r.outputs.ids.length);
});

test("sdk forms: size and createAt above 2^31 arrive exact", async () => {
  const r = await run(forms, { config: { case: "large", imageId: largeImage.id, "modelarts:imagePolicy": { mode: "audit" } } });
  assert.equal(r.exitCode, 0, errors(r));
  assert.equal(r.outputs.size, String(largeImage.size));
  assert.equal(r.outputs.createAt, String(largeImage.create_at));
});

test("sdk forms: getImages with no match returns every output, empty", async () => {
  const r = await run(forms, { config: { case: "noMatch" } });
  assert.equal(r.exitCode, 0, errors(r));
  assert.deepEqual(r.outputs, { images: 0, ids: [], id: "", swrPath: "", policyViolations: 0 });
});

test("secrets given as secret stack config appear in nothing the programs, the plugins or the engine recorded", () => {
  assert.ok(runs.length >= 8);
  for (const r of runs) {
    const recorded = JSON.stringify({ logs: r.logs, outputs: r.outputs, invokes: r.invokes, pluginOutput: r.pluginOutput, stdout: r.stdout, stderr: r.stderr });
    for (const s of SECRETS) assert.ok(!recorded.includes(s), `a secret leaked in a run of ${r.project.name}`);
  }
});

test("the same program through the Pulumi CLI (`pulumi preview` on a local backend)", (t) => {
  let cli;
  try { cli = execFileSync("pulumi", ["version"], { encoding: "utf8" }).trim(); } catch { cli = null; }
  if (!cli) {
    // GitHub's CI installs the CLI and sets PULUMI_CLI_REQUIRED: there a missing CLI is a failure, not a skip.
    assert.ok(!process.env.PULUMI_CLI_REQUIRED, "PULUMI_CLI_REQUIRED is set, but there is no `pulumi` on PATH");
    console.log("# pulumi CLI leg not run: no `pulumi` on PATH");
    t.skip("no pulumi CLI on PATH: not run");
    return;
  }
  const home = fs.mkdtempSync(path.join(os.tmpdir(), "pulumi-cli-"));
  const env = { ...process.env, PULUMI_HOME: home, PULUMI_BACKEND_URL: `file://${home}`, PULUMI_CONFIG_PASSPHRASE: "e2e", PULUMI_SKIP_UPDATE_CHECK: "1" };
  const pulumi = (...args) => execFileSync("pulumi", [...args, "--non-interactive", "--cwd", example], { env, encoding: "utf8" });
  const stack = `e2e${process.pid}`;
  const stackFile = path.join(example, `Pulumi.${stack}.yaml`);
  fs.copyFileSync(path.join(example, "Pulumi.dev.yaml"), stackFile); // the stack config a platform team set
  pulumi("stack", "init", stack);
  try {
    pulumi("config", "set", "modelarts:endpoint", emulator.url);
    pulumi("config", "set", "modelarts:projectId", creds.projectId);
    pulumi("config", "set", "--secret", "modelarts:accessKey", creds.accessKey);
    pulumi("config", "set", "--secret", "modelarts:secretKey", creds.secretKey);
    pulumi("config", "set", "--secret", "modelarts:securityToken", creds.securityToken);
    const out = pulumi("preview", "--json");
    assert.match(out, new RegExp(expectedImages({ name: "pytorch", serviceType: "TRAIN" }).filter(allowedByDevPolicy)[0].id));
  } finally {
    pulumi("stack", "rm", "--yes", "--force", stack);
    fs.rmSync(stackFile, { force: true });
  }
});
