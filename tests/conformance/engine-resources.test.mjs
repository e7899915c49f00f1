// The test engine (tools/engine, standing in for the Pulumi CLI and engine) playing custom resources:
// tests/programs/notebooks (real Pulumi .NET SDK) registers huaweicloud:ModelArts/notebook:Notebook resources,
// served by the fixture provider (tools/engine/fixtures/pulumi-resource-huaweicloud, standing in for
// pulumi-huaweicloud), which records every RPC it receives and keeps its notebooks in a file standing in for the
// cloud. Each case asserts the stack state file and the RPCs the provider received, in the order pulumi/pulumi's
// step generator and steps make them (pkg/resource/deploy/step_generator.go, step.go).
import { test } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { runProgram } from "../../tools/engine/run.mjs";
import { SECRET_SIG, SIG_KEY, UNKNOWN } from "../../tools/engine/stubs.mjs";
import { repoRoot } from "./harness.mjs";

const program = path.join(repoRoot, "tests", "programs", "notebooks");
const NOTEBOOK = "huaweicloud:ModelArts/notebook:Notebook";
const stackUrn = "urn:pulumi:dev::notebooks::pulumi:pulumi:Stack::notebooks-dev";
const providerUrn = "urn:pulumi:dev::notebooks::pulumi:providers:huaweicloud::default";
const urnOf = (name) => `urn:pulumi:dev::notebooks::${NOTEBOOK}::${name}`;
const IMAGE = "278e88d1-5a3a-4bb6-a1d6-c4b3d9f7e2a1", OTHER_IMAGE = "9a1b2c3d-0000-4000-8000-00000000beef";
// The provider RPCs every load makes before any resource: not what these cases are about.
const LOAD = new Set(["handshake", "getPluginInfo", "checkConfig", "configure", "cancel"]);

/** A fresh stack: its state file, the fixture's call record and its store of live notebooks. */
function stack(t, fixtureEnv = {}) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "engine-resources-"));
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }));
  const files = { state: path.join(dir, "state.json"), record: path.join(dir, "calls.jsonl"), store: path.join(dir, "cloud.json") };
  const env = { HUAWEICLOUD_FIXTURE_RECORD: files.record, HUAWEICLOUD_FIXTURE_STORE: files.store, ...fixtureEnv };
  return {
    ...files,
    async run(operation, { config = {}, skipPreview = true, ...more } = {}) {
      fs.rmSync(files.record, { force: true });
      const r = await runProgram({ projectDir: program, operation, skipPreview, stateFile: files.state, env, config: { imageId: IMAGE, ...config }, ...more });
      assert.equal(r.timedOut, false);
      return r;
    },
    /** The resource RPCs the fixture received in the last run: [method, request]. */
    calls: () => (fs.existsSync(files.record) ? fs.readFileSync(files.record, "utf8").trim().split("\n").map((l) => JSON.parse(l)) : [])
      .filter((c) => !LOAD.has(c.method)).map((c) => [c.method, c.request]),
    state: () => JSON.parse(fs.readFileSync(files.state, "utf8")).deployment.resources,
    cloud: () => JSON.parse(fs.readFileSync(files.store, "utf8")),
  };
}

const methods = (calls) => calls.map(([m, req]) => `${m}${req.preview ? "(preview)" : ""} ${req.urn.split("::").at(-1)}`);
const resource = (state, name) => state.find((r) => r.urn === urnOf(name));
const errorsOf = (r) => JSON.stringify({ diagnostics: r.diagnostics, logs: r.logs.filter((l) => l.severity === "error") });

test("engine (for the CLI) preview of a new notebook: Check, then Create with preview=true; no state written", async (t) => {
  const s = stack(t);
  const r = await s.run("preview");
  assert.equal(r.exitCode, 0, errorsOf(r));
  const calls = s.calls();
  assert.deepEqual(methods(calls), ["check notebook", "create(preview) notebook"]);
  assert.deepEqual(calls[0][1].olds, {}, "a new resource is checked against no old inputs");
  assert.equal(calls[0][1].news.imageId, IMAGE);
  assert.equal(calls[0][1].type, NOTEBOOK);
  assert.equal(r.outputs.url, UNKNOWN, "an output the provider leaves unknown in preview stays unknown");
  assert.deepEqual(r.steps.map((x) => `${x.op} ${x.name}`), ["create notebooks-dev", "create default", "create notebook"]);
  assert.equal(fs.existsSync(s.state), false);
});

test("engine (for the CLI) preview with a provider that does not support preview: Create is not called", async (t) => {
  const s = stack(t, { HUAWEICLOUD_FIXTURE_SUPPORTS_PREVIEW: "false" });
  const r = await s.run("preview");
  assert.equal(r.exitCode, 0, errorsOf(r));
  assert.deepEqual(methods(s.calls()), ["check notebook"]);
  assert.equal(r.outputs.imageId, IMAGE, "the inputs stand for the state (provider_plugin.go Create)");
  assert.equal(r.outputs.url, UNKNOWN, "an output-only property is unknown to the program");
});

test("engine (for the CLI) up without --skip-preview: a preview first, then the update; the state file as Pulumi's checkpoint", async (t) => {
  const s = stack(t);
  const r = await s.run("up", { skipPreview: false });
  assert.equal(r.exitCode, 0, errorsOf(r));
  assert.equal(r.previewRun.dryRun, true);
  assert.deepEqual(methods(s.calls()), ["check notebook", "create(preview) notebook", "check notebook", "create notebook"]);
  const state = s.state();
  assert.deepEqual(state.map((x) => x.urn), [stackUrn, providerUrn, urnOf("notebook")]);
  const [stackState, provider, notebook] = state;
  assert.equal(stackState.custom, false);
  assert.equal(stackState.outputs.notebookId, notebook.id);
  assert.equal(provider.custom, true);
  assert.match(provider.id, /^[0-9a-f-]{36}$/);
  assert.equal(notebook.provider, `${providerUrn}::${provider.id}`);
  assert.equal(notebook.parent, stackUrn);
  assert.equal(notebook.type, NOTEBOOK);
  assert.ok(s.cloud()[notebook.id], "the id in state is the one the provider created");
  assert.equal(notebook.inputs.imageId, IMAGE);
  assert.equal(notebook.outputs.status, "ACTIVE");
  assert.equal(r.outputs.url, notebook.outputs.url);
});

test("engine (for the CLI) second up with the same inputs: Check and Diff only; a changed input is an Update", async (t) => {
  const s = stack(t);
  await s.run("up");
  const before = resource(s.state(), "notebook");

  const again = await s.run("up");
  assert.equal(again.exitCode, 0, errorsOf(again));
  const calls = s.calls();
  assert.deepEqual(methods(calls), ["check notebook", "diff notebook"]);
  assert.deepEqual(calls[0][1].olds, before.inputs, "Check: olds are the old inputs");
  assert.equal(calls[1][1].id, before.id);
  assert.deepEqual(calls[1][1].olds, before.outputs, "Diff: olds are the old outputs");
  assert.deepEqual(calls[1][1].oldInputs, before.inputs);
  assert.deepEqual(resource(s.state(), "notebook"), before);
  assert.deepEqual(again.steps.map((x) => x.op), ["same", "same", "same"]);

  const changed = await s.run("up", { config: { imageId: OTHER_IMAGE } });
  assert.equal(changed.exitCode, 0, errorsOf(changed));
  const update = s.calls();
  assert.deepEqual(methods(update), ["check notebook", "diff notebook", "update notebook"]);
  assert.equal(update[2][1].id, before.id);
  assert.deepEqual(update[2][1].olds, before.outputs);
  assert.deepEqual(update[2][1].oldInputs, before.inputs);
  assert.equal(update[2][1].news.imageId, OTHER_IMAGE);
  const after = resource(s.state(), "notebook");
  assert.equal(after.id, before.id, "an update keeps the id");
  assert.equal(after.outputs.imageId, OTHER_IMAGE);
});

test("engine (for the CLI) a Diff with replaces: create the replacement, then delete the old one", async (t) => {
  const s = stack(t);
  await s.run("up");
  const old = resource(s.state(), "notebook");
  const r = await s.run("up", { config: { volumeType: "EVS" } });
  assert.equal(r.exitCode, 0, errorsOf(r));
  const calls = s.calls();
  assert.deepEqual(methods(calls), ["check notebook", "diff notebook", "create notebook", "delete notebook"]);
  assert.equal(calls[3][1].id, old.id);
  assert.deepEqual(calls[3][1].properties, old.outputs, "Delete: properties are the old outputs");
  assert.deepEqual(calls[3][1].oldInputs, old.inputs);
  const replaced = resource(s.state(), "notebook");
  assert.notEqual(replaced.id, old.id);
  assert.deepEqual(Object.keys(s.cloud()), [replaced.id]);
  assert.deepEqual(r.steps.filter((x) => x.name === "notebook").map((x) => x.op), ["create-replacement", "replace", "delete-replaced"]);
});

test("engine (for the CLI) a Diff asking deleteBeforeReplace: delete the old one, then create", async (t) => {
  const s = stack(t, { HUAWEICLOUD_FIXTURE_DELETE_BEFORE_REPLACE: "true" });
  await s.run("up");
  const old = resource(s.state(), "notebook");
  const r = await s.run("up", { config: { volumeType: "EVS" } });
  assert.equal(r.exitCode, 0, errorsOf(r));
  assert.deepEqual(methods(s.calls()), ["check notebook", "diff notebook", "delete notebook", "create notebook"]);
  assert.notEqual(resource(s.state(), "notebook").id, old.id);
});

test("engine (for the CLI) DIFF_UNKNOWN: same inputs are no change, changed inputs an update", async (t) => {
  const s = stack(t, { HUAWEICLOUD_FIXTURE_DIFF: "unknown" });
  await s.run("up");
  await s.run("up");
  assert.deepEqual(methods(s.calls()), ["check notebook", "diff notebook"]);
  await s.run("up", { config: { flavorId: "modelarts.vm.gpu.t4" } });
  assert.deepEqual(methods(s.calls()), ["check notebook", "diff notebook", "update notebook"]);
});

test("engine (for the CLI) refresh: a Read that answers an empty id drops the resource from state", async (t) => {
  const s = stack(t);
  await s.run("up", { config: { count: 2 } });
  const [first, second] = [resource(s.state(), "notebook"), resource(s.state(), "notebook1")];
  const cloud = s.cloud();
  delete cloud[second.id];
  fs.writeFileSync(s.store, JSON.stringify(cloud));
  const r = await s.run("refresh");
  assert.equal(r.exitCode, 0, errorsOf(r));
  const calls = s.calls();
  assert.deepEqual(methods(calls), ["read notebook", "read notebook1"]);
  assert.equal(calls[0][1].id, first.id);
  assert.deepEqual(calls[0][1].properties, first.outputs);
  assert.deepEqual(calls[0][1].inputs, first.inputs);
  assert.deepEqual(s.state().map((x) => x.urn), [stackUrn, providerUrn, urnOf("notebook")]);
});

test("engine (for the CLI) import <type> <name> <id>: Read by id, Check of what it read, the resource joins the state", async (t) => {
  const s = stack(t);
  await s.run("up");
  const existing = resource(s.state(), "notebook");
  const r = await s.run("import", { resource: { type: NOTEBOOK, name: "adopted", id: existing.id } });
  assert.equal(r.exitCode, 0, errorsOf(r));
  const calls = s.calls();
  assert.deepEqual(methods(calls), ["read adopted", "check adopted"]);
  assert.equal(calls[0][1].id, existing.id);
  assert.equal(calls[0][1].properties, undefined, "an import reads with no state");
  assert.deepEqual(calls[1][1].olds, calls[1][1].news);
  assert.equal(calls[1][1].news.imageId, IMAGE);
  const adopted = resource(s.state(), "adopted");
  assert.equal(adopted.id, existing.id);
  assert.equal(adopted.parent, stackUrn);
  assert.equal(adopted.provider, existing.provider);
  assert.equal(adopted.inputs.imageId, IMAGE);

  const missing = await s.run("import", { resource: { type: NOTEBOOK, name: "ghost", id: "nb-missing" } });
  assert.notEqual(missing.exitCode, 0);
  assert.match(missing.diagnostics.map((d) => d.message).join("\n"), /resource 'nb-missing' does not exist/);
});

test("engine (for the CLI) destroy: deletes in reverse dependency order and leaves an empty state", async (t) => {
  const s = stack(t);
  await s.run("up", { config: { count: 3 } });
  const ids = ["notebook2", "notebook1", "notebook"].map((n) => resource(s.state(), n).id);
  assert.deepEqual(resource(s.state(), "notebook2").dependencies, [urnOf("notebook1")]);
  const r = await s.run("destroy");
  assert.equal(r.exitCode, 0, errorsOf(r));
  const calls = s.calls();
  assert.deepEqual(methods(calls), ["delete notebook2", "delete notebook1", "delete notebook"]);
  assert.deepEqual(calls.map(([, req]) => req.id), ids);
  assert.deepEqual(s.state(), []);
  assert.deepEqual(s.cloud(), {});
});

test("engine (for the CLI) unknowns in preview: an input computed from a new resource reaches Check and Create as the unknown sentinel", async (t) => {
  const s = stack(t);
  const r = await s.run("preview", { config: { count: 2 } });
  assert.equal(r.exitCode, 0, errorsOf(r));
  const calls = s.calls().filter(([, req]) => req.urn === urnOf("notebook1"));
  assert.deepEqual(calls.map(([m]) => m), ["check", "create"]);
  assert.equal(calls[0][1].news.description, UNKNOWN);
  assert.equal(calls[1][1].properties.description, UNKNOWN);
  assert.equal(calls[1][1].preview, true);
});

test("engine (for the CLI) secrets: a secret input stays secret in Check, in the state file (inputs and outputs) and in the stack outputs", async (t) => {
  const s = stack(t);
  const secretText = "notebook-secret-description-5f1e";
  const r = await s.run("up", { config: { description: { value: secretText, secret: true } } });
  assert.equal(r.exitCode, 0, errorsOf(r));
  const check = s.calls().find(([m]) => m === "check")[1];
  assert.deepEqual(check.news.description, { [SIG_KEY]: SECRET_SIG, value: secretText });
  const notebook = resource(s.state(), "notebook");
  for (const where of [notebook.inputs, notebook.outputs]) {
    assert.equal(where.description[SIG_KEY], SECRET_SIG);
    assert.equal(JSON.parse(where.description.plaintext), secretText);
  }
  const stackOutputs = s.state()[0].outputs;
  assert.equal(stackOutputs.description[SIG_KEY], SECRET_SIG, "the stack output of a secret is secret");
  assert.ok(!JSON.stringify(r.logs).includes(secretText));
});

test("engine (for the CLI) secrets to a provider that does not accept them: sent plain, still secret in state", async (t) => {
  const s = stack(t, { HUAWEICLOUD_FIXTURE_ACCEPT_SECRETS: "false" });
  const secretText = "notebook-secret-description-77aa";
  const r = await s.run("up", { config: { description: { value: secretText, secret: true } } });
  assert.equal(r.exitCode, 0, errorsOf(r));
  const [, check] = s.calls().find(([m]) => m === "check");
  assert.equal(check.news.description, secretText, "MarshalOptions.KeepSecrets is false for this provider");
  const notebook = resource(s.state(), "notebook");
  assert.equal(notebook.inputs.description[SIG_KEY], SECRET_SIG, "the engine marks the checked input secret again");
  assert.equal(notebook.outputs.description[SIG_KEY], SECRET_SIG);
});

test("engine (for the CLI) a Check failure is reported on the resource, once, and nothing is created", async (t) => {
  const s = stack(t);
  const r = await s.run("up", { config: { imageId: "" } });
  assert.notEqual(r.exitCode, 0);
  assert.deepEqual(methods(s.calls()), ["check notebook"]);
  assert.deepEqual(r.diagnostics, [{ severity: "error", urn: urnOf("notebook"),
    message: `${NOTEBOOK} resource 'notebook': property imageId value {} has a problem: imageId is required` }]);
});

test("engine (for the CLI) a provider error in Create fails that resource with the provider's words; the state keeps what succeeded", async (t) => {
  const s = stack(t, { HUAWEICLOUD_FIXTURE_FAIL: "create" });
  const r = await s.run("up");
  assert.notEqual(r.exitCode, 0);
  assert.deepEqual(methods(s.calls()), ["check notebook", "create notebook"]);
  assert.deepEqual(r.diagnostics, [{ severity: "error", urn: urnOf("notebook"), message: "the fixture refuses create (HUAWEICLOUD_FIXTURE_FAIL)" }]);
  assert.deepEqual(s.state().map((x) => x.urn), [stackUrn, providerUrn]);
  // The failed step cancels the deployment: the program's RegisterResource is answered as resmon answers it then
  // (source_eval.go), Unavailable, and the provider's words reach the user only on the resource.
  const programErrors = r.logs.filter((l) => l.severity === "error").map((l) => l.message).join("\n");
  assert.match(programErrors, /StatusCode="Unavailable", Detail="resource monitor shut down while waiting on step's done channel"/);
  assert.doesNotMatch(programErrors, /the fixture refuses create/);
});

test("engine (for the CLI) the hook before each step sees the checked inputs, and a failure there stops the step", async (t) => {
  const s = stack(t);
  const seen = [];
  const r = await s.run("up", {
    beforeStep: async (step) => {
      seen.push(step);
      throw new Error(`stopped before ${step.name}`);
    },
  });
  assert.notEqual(r.exitCode, 0);
  assert.deepEqual(methods(s.calls()), ["check notebook"], "Create was never called");
  assert.deepEqual(seen.map((x) => [x.urn, x.type, x.properties.imageId, x.dryRun]), [[urnOf("notebook"), NOTEBOOK, IMAGE, false]]);
  assert.match(seen[0].provider, new RegExp(`^${providerUrn}::`));
  assert.deepEqual(r.diagnostics.map((d) => d.message), ["stopped before notebook"]);
  assert.equal(resource(s.state(), "notebook"), undefined);
});
