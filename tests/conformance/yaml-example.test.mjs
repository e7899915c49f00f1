// examples/yaml: its fn::invoke queries, with the config of its dev stack, through the plugin (the YAML
// language host itself cannot be had here). Answers must be the catalog's under the stack's imagePolicy.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import YAML from "yaml";
import { loadProject, loadStackConfig } from "../../tools/engine/project.mjs";
import { providerInputs } from "../../tools/engine/plugins.mjs";
import { configFor, configure, interrupt, invoke, repoRoot, startEmulator, startFakeEngine, startPlugin } from "./harness.mjs";
import { allowedBy, devPolicy, expectedImages } from "./oracle.mjs";

const dir = path.join(repoRoot, "examples", "yaml");
let emulator, engine, plugin;

before(async () => {
  emulator = await startEmulator();
  engine = await startFakeEngine();
  plugin = await startPlugin(engine.address, { cwd: dir });
  const stackConfig = providerInputs("modelarts", "", loadStackConfig(loadProject(dir), "dev"));
  await configure(plugin.client, configFor(emulator.url, stackConfig));
});

after(async () => {
  if (plugin) await interrupt(plugin.child);
  await emulator?.stop();
  await engine?.stop();
});

const program = YAML.parse(fs.readFileSync(path.join(dir, "Pulumi.yaml"), "utf8"));
const invokes = Object.entries(program.variables).filter(([, v]) => v["fn::invoke"]).map(([name, v]) => [name, v["fn::invoke"]]);
const allowed = allowedBy(devPolicy);

test("examples/yaml declares the three lookups of examples/csharp", () => {
  assert.deepEqual(invokes.map(([name]) => name), ["notebookImages", "trainingImage", "teamImages"]);
});

for (const [name, { function: tok, arguments: args }] of invokes) {
  test(`examples/yaml ${name}: ${tok} answers as the catalog under the dev stack's imagePolicy`, async () => {
    const { failures, result } = await invoke(plugin.client, tok, args);
    assert.deepEqual(failures, []);
    const expected = expectedImages(args).filter(allowed);
    if (tok.endsWith("getImage")) assert.equal(result.id, expected[0].id);
    else assert.deepEqual(result.ids, expected.map((i) => i.id));
  });
}
