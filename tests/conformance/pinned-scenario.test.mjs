// A pinned image's life, end to end: examples/csharp (the real Pulumi .NET SDK, built against the packed
// Pulumi.ModelArts package) run step after step by the test engine (tools/engine, standing in for the Pulumi CLI:
// preview, up, refresh, import, destroy) with one stack state file, against the AOT plugin and the emulator
// (standing in for ModelArts), which publishes and deletes images between the steps. Each step asserts the state
// file, the RPCs the plugin received for the pin and what the engine log shows; expected images come from the
// emulator's catalog (oracle.mjs), never from the provider.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { runProgram } from "../../tools/engine/run.mjs";
import { allowedBy, catalog, devPolicy, expectedImages } from "./oracle.mjs";
import { configure, emulatorStackConfig, invoke, repoRoot, SECRETS, startEmulator, startFakeEngine, startPlugin } from "./harness.mjs";

const example = path.join(repoRoot, "examples", "csharp");
const TYPE = "modelarts:index:PinnedImage";
const urnOf = (name) => `urn:pulumi:dev::modelarts-images-csharp::${TYPE}::${name}`;
const PIN = urnOf("notebook-image");
const NOTEBOOK = { name: "pytorch", arch: "X86_64", resourceCategories: ["GPU"], devServices: ["NOTEBOOK"] };
const label = (i) => `${i.name}:${i.tag} (${i.id})`;
// The RPCs every provider load makes before any resource or invoke: not what this scenario is about.
const LOAD = new Set(["handshake", "getPluginInfo", "checkConfig", "configure", "cancel"]);

let emulator, dir, stateFile;
const runs = [];

before(async () => {
  emulator = await startEmulator();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "pinned-scenario-"));
  stateFile = path.join(dir, "dev.json");
});

after(async () => {
  await emulator?.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});

/** One command of the CLI on the stack, with the emulator's config plus `config`. */
async function run(operation, { config = {}, skipPreview = true, ...more } = {}) {
  const r = await runProgram({ projectDir: example, operation, skipPreview, stateFile, config: emulatorStackConfig(emulator.url, config), ...more });
  runs.push(r);
  assert.equal(r.timedOut, false, `the run did not finish: ${r.stderr}`);
  return r;
}

/** The resource RPCs of a run on one resource, as `method` or `method(preview)`. */
const rpcsOn = (r, urn = PIN) => r.rpcs.filter((c) => !LOAD.has(c.method) && c.request.urn === urn).map((c) => `${c.method}${c.request.preview ? "(preview)" : ""}`);
const requestOf = (r, method, urn = PIN) => r.rpcs.find((c) => c.method === method && c.request.urn === urn)?.request;
const stepsOn = (r, urn = PIN) => r.steps.filter((s) => s.urn === urn).map((s) => s.op);
const pinIn = (urn = PIN) => JSON.parse(fs.readFileSync(stateFile, "utf8")).deployment.resources.find((x) => x.urn === urn);
const warnings = (r) => r.logs.filter((l) => l.severity === "warning");
const errors = (r) => JSON.stringify({ diagnostics: r.diagnostics, errors: r.logs.filter((l) => l.severity === "error").map((l) => l.message), stderr: r.stderr.slice(-2000) });

const allowed = allowedBy(devPolicy);
const X = expectedImages(NOTEBOOK).filter(allowed)[0];
const release = (n) => ({ notebookImageRelease: String(n) });

/** Asserts the pin in the state file is `image`, with the keepers given, and returns it. */
function assertPinned(image, keepers) {
  const pin = pinIn();
  assert.ok(pin, "the pin is in the state file");
  assert.equal(pin.type, TYPE);
  assert.equal(pin.id, image.id, "the resource id is the pinned image's id");
  assert.equal(pin.outputs.imageId, image.id);
  assert.equal(pin.outputs.swrPath, image.swr_path);
  assert.equal(pin.outputs.image.id, image.id);
  assert.match(pin.outputs.pinnedAt, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/);
  assert.deepEqual(pin.inputs.keepers, keepers);
  assert.equal(pin.inputs.name, "pytorch");
  return pin;
}

/** The catalog listings (GET /images) the emulator served while `action` ran. */
async function listingsDuring(action) {
  const before = (await emulator.stats()).listRequests;
  const result = await action();
  return { result, listings: (await emulator.stats()).listRequests - before };
}

/**
 * The listings the run's invokes (getImage/getImages) make by themselves: the same invokes, replayed with the run's
 * own Configure arguments against a fresh plugin process (a fresh run's provider, with nothing remembered).
 */
async function listingsOfInvokes(r) {
  const engine = await startFakeEngine();
  const plugin = await startPlugin(engine.address);
  try {
    await configure(plugin.client, r.rpcs.find((c) => c.method === "configure").request.args);
    const invokes = r.rpcs.filter((c) => c.method === "invoke");
    assert.equal(invokes.length, 3, "the example's three lookups");
    return (await listingsDuring(async () => {
      for (const { request } of invokes) await invoke(plugin.client, request.tok, request.args, { preview: true });
    })).listings;
  } finally {
    await plugin.stop();
    await engine.stop();
  }
}

test("pinned image scenario through the engine (standing in for the Pulumi CLI): pin, newer image, keepers, refresh, policy, import, destroy", async (t) => {
  let pinned, newer;

  await t.test("up pins the newest allowed match X: preview then update, Check and Create each time", async () => {
    const r = await run("up", { skipPreview: false, config: release(1) });
    assert.equal(r.exitCode, 0, errors(r));
    assert.deepEqual(rpcsOn(r.previewRun), ["check", "create(preview)"]);
    assert.deepEqual(rpcsOn(r), ["check", "create"]);
    assert.deepEqual(requestOf(r, "check").olds, {}, "a new pin is checked against no old inputs");
    assert.deepEqual(stepsOn(r), ["create"]);
    pinned = assertPinned(X, { release: "1" });
    assert.equal(r.outputs.pinnedNotebookImageId, X.id);
    assert.equal(r.outputs.pinnedNotebookSwrPath, X.swr_path);
    assert.equal(r.outputs.pinnedNotebookPinnedAt, pinned.outputs.pinnedAt);
    assert.equal(r.outputs.notebookImageId, X.id, "the lookup and the pin agree today");
    assert.deepEqual(warnings(r), []);
  });

  await t.test("a newer match X' published: preview shows no change for the pin and one warning naming X and X'", async () => {
    const newest = Math.max(...catalog.map((i) => i.create_at ?? 0));
    newer = await emulator.publish({ ...X, id: "7e57ab1e-0000-4000-8000-0000000000a1", tag: `${X.tag}-next`, swr_path: `${X.swr_path}-next`, create_at: newest + 86_400_000 });
    assert.equal(newer.id, "7e57ab1e-0000-4000-8000-0000000000a1");

    const { result: r, listings } = await listingsDuring(() => run("preview", { config: release(1) }));
    assert.equal(r.exitCode, 0, errors(r));
    assert.deepEqual(rpcsOn(r), ["check", "diff"], "no Create or Update: the pin stays");
    const diff = requestOf(r, "diff");
    assert.equal(diff.id, X.id);
    assert.deepEqual(diff.olds, pinned.outputs, "Diff: olds are the old outputs");
    assert.deepEqual(diff.oldInputs, pinned.inputs);
    assert.deepEqual(stepsOn(r), ["same"]);
    assert.equal(r.outputs.pinnedNotebookImageId, X.id);
    assert.equal(r.outputs.notebookImageId, newer.id, "the lookup follows the newest image; the pin does not");

    const notices = warnings(r);
    assert.equal(notices.length, 1, JSON.stringify(notices));
    const [notice] = notices;
    assert.equal(notice.urn, PIN, "logged against the pin, so the CLI shows it under that resource");
    for (const part of [label(X), label(newer), "keepers"]) assert.ok(notice.message.includes(part), `${part} in: ${notice.message}`);

    // The newer-image check shares the listing of the run's lookups: no more than they make on their own.
    const byInvokes = await listingsOfInvokes(r);
    assert.ok(byInvokes > 0);
    assert.ok(listings <= byInvokes, `the no-change preview listed the catalog ${listings} times; its lookups alone ${byInvokes}`);
    assert.deepEqual(pinIn(), pinned, "a preview writes no state");
  });

  await t.test("up with the same inputs keeps X: Check and Diff only, the state unchanged, the notice once", async () => {
    const r = await run("up", { config: release(1) });
    assert.equal(r.exitCode, 0, errors(r));
    assert.deepEqual(rpcsOn(r), ["check", "diff"]);
    assert.deepEqual(stepsOn(r), ["same"]);
    assert.deepEqual(pinIn(), pinned);
    assert.equal(warnings(r).filter((w) => w.message.includes(label(newer))).length, 1);
  });

  await t.test("a changed keeper (stack config notebookImageRelease) moves the pin to X' as a create-before-delete replace", async () => {
    const r = await run("up", { config: release(2) });
    assert.equal(r.exitCode, 0, errors(r));
    assert.deepEqual(rpcsOn(r), ["check", "diff", "create", "delete"], "the replacement is created before the old pin is deleted");
    assert.deepEqual(requestOf(r, "check").news.keepers, { release: "2" });
    const del = requestOf(r, "delete");
    assert.equal(del.id, X.id);
    assert.deepEqual(del.properties, pinned.outputs, "Delete: properties are the old outputs");
    assert.deepEqual(stepsOn(r), ["create-replacement", "replace", "delete-replaced"]);
    const moved = assertPinned(newer, { release: "2" });
    assert.ok(moved.outputs.pinnedAt >= pinned.outputs.pinnedAt, "chosen again");
    assert.equal(r.outputs.pinnedNotebookImageId, newer.id);
    assert.deepEqual(warnings(r), [], "nothing newer than the new pin");
  });

  await t.test("refresh after X' is deleted from the API drops the pin; the next up pins the newest remaining, X", async () => {
    await emulator.remove(newer.id);
    const r = await run("refresh");
    assert.equal(r.exitCode, 0, errors(r));
    assert.deepEqual(rpcsOn(r), ["read"]);
    const read = requestOf(r, "read");
    assert.equal(read.id, newer.id);
    assert.equal(read.properties.imageId, newer.id, "Read gets the old outputs");
    assert.deepEqual(read.inputs.keepers, { release: "2" }, "and the old inputs");
    assert.deepEqual(stepsOn(r), ["delete"]);
    assert.equal(pinIn(), undefined, "the pin left the state");

    const again = await run("up", { config: release(2) });
    assert.equal(again.exitCode, 0, errors(again));
    assert.deepEqual(rpcsOn(again), ["check", "create"], "pinned afresh");
    pinned = assertPinned(X, { release: "2" });
  });

  await t.test("a policy that now blocks the pin (stack config modelarts:imagePolicy) fails preview naming the rule", async () => {
    // Training images stay allowed, so only the pin is blocked; the getImages lookup just returns fewer images.
    const policy = { ...devPolicy, mode: "enforce", allowedNamePatterns: ["pytorch*-train*", "tensorflow*", "mindspore*", "team-*"] };
    assert.equal(allowedBy(policy)(X), false);
    const r = await run("preview", { config: { ...release(2), "modelarts:imagePolicy": policy } });
    assert.notEqual(r.exitCode, 0);
    assert.deepEqual(rpcsOn(r), ["check", "diff"]);
    const onPin = r.diagnostics.filter((d) => d.urn === PIN && d.severity === "error").map((d) => d.message).join("\n");
    assert.match(onPin, /allowedNamePatterns/, errors(r));
    assert.ok(onPin.includes(X.id), onPin);
    assert.deepEqual(pinIn(), pinned, "a failed preview writes nothing");
  });

  await t.test("import by id adopts an image: Read with only the id, Check of what it read; inputs {imageId}", async () => {
    const training = expectedImages({ name: "pytorch", serviceType: "TRAIN" }).filter(allowed)[0];
    const adopted = urnOf("training-image");
    const r = await run("import", { resource: { type: TYPE, name: "training-image", id: training.id } });
    assert.equal(r.exitCode, 0, errors(r));
    assert.deepEqual(rpcsOn(r, adopted), ["read", "check"]);
    const read = requestOf(r, "read", adopted);
    assert.equal(read.id, training.id);
    assert.equal(read.properties, undefined, "an import reads with no state");
    const state = pinIn(adopted);
    assert.equal(state.id, training.id);
    assert.deepEqual(state.inputs, { imageId: training.id });
    assert.equal(state.outputs.swrPath, training.swr_path);
    assert.deepEqual(stepsOn(r, adopted), ["import"]);
    assert.deepEqual(pinIn(), pinned, "the other pin is untouched");
  });

  await t.test("destroy deletes both pins, dependents first, and makes no API request", async () => {
    const before = await emulator.stats();
    const r = await run("destroy");
    assert.equal(r.exitCode, 0, errors(r));
    const after = await emulator.stats();
    assert.equal(after.listRequests, before.listRequests);
    assert.equal(after.requests, before.requests);
    const deletes = r.rpcs.filter((c) => c.method === "delete");
    assert.deepEqual(deletes.map((c) => c.request.urn), [urnOf("training-image"), PIN]);
    assert.equal(deletes[1].request.id, X.id);
    assert.deepEqual(JSON.parse(fs.readFileSync(stateFile, "utf8")).deployment.resources, []);
  });
});

test("pinned image scenario: no secret given as stack config appears in anything the runs recorded", () => {
  assert.ok(runs.length >= 8);
  for (const r of runs) {
    const recorded = JSON.stringify({ logs: r.logs, diagnostics: r.diagnostics, outputs: r.outputs, pluginOutput: r.pluginOutput, stdout: r.stdout, stderr: r.stderr });
    for (const s of SECRETS) assert.ok(!recorded.includes(s), "a secret leaked");
  }
});
