// Installing a release as a Pulumi user does: the linux-amd64 archive from `make dist` is laid out in a fresh
// PULUMI_HOME as `pulumi plugin install resource modelarts v<version> --file <archive>` lays it out
// (tools/engine/install.mjs), then the C# example runs end to end with the test engine (standing in for the
// Pulumi engine) finding the plugin from the invoke request's name and version alone: the project has no
// plugins.providers entry. Then the engine's automatic install: with an empty cache, the plugin that the SDK
// package's pulumi-plugin.json names is downloaded from its pluginDownloadURL (redirected, with Pulumi's own
// PULUMI_PLUGIN_DOWNLOAD_URL_OVERRIDES, to a loopback server standing in for the GitHub release) and installed.
// Expected outputs come from the emulator's catalog (oracle.mjs).
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import * as tar from "tar";
import { standardAssetName } from "../../tools/engine/download.mjs";
import { installPluginFile } from "../../tools/engine/install.mjs";
import { runProgram } from "../../tools/engine/run.mjs";
import { allowedBy, devPolicy, expectedImages } from "./oracle.mjs";
import { emulatorStackConfig, repoRoot, SECRETS, startEmulator } from "./harness.mjs";

const version = fs.readFileSync(path.join(repoRoot, "VERSION"), "utf8").trim();
// Pulumi's standard asset name for this machine: what the engine downloads, and what make dist must have written.
const assetName = standardAssetName("resource", "modelarts", version);
const platform = assetName.replace(`pulumi-resource-modelarts-v${version}-`, "").replace(".tar.gz", "");
const archive = path.join(repoRoot, "dist", assetName);
const downloadUrl = "github://api.github.com/pulumi-modelarts";
const example = path.join(repoRoot, "examples", "csharp");

let emulator, scratch;

before(async () => {
  assert.ok(fs.existsSync(archive), `${archive} is missing: \`make dist\` writes it (make test does)`);
  scratch = fs.mkdtempSync(path.join(os.tmpdir(), "install-"));
  emulator = await startEmulator();
});

after(async () => {
  await emulator?.stop();
  fs.rmSync(scratch, { recursive: true, force: true });
});

/** The example program, as a project with no plugins.providers: only the plugin cache can supply the plugin. */
function exampleWithoutLocalPlugin() {
  const dir = fs.mkdtempSync(path.join(scratch, "project-"));
  fs.writeFileSync(path.join(dir, "Pulumi.yaml"), `name: modelarts-images-csharp\nruntime: dotnet\nmain: ${JSON.stringify(example)}\n`);
  fs.copyFileSync(path.join(example, "Pulumi.dev.yaml"), path.join(dir, "Pulumi.dev.yaml"));
  return dir;
}

function run(pulumiHome, { env = {}, installPlugins = false } = {}) {
  return runProgram({
    projectDir: exampleWithoutLocalPlugin(), preview: true, env: { PULUMI_HOME: pulumiHome, ...env }, installPlugins,
    config: emulatorStackConfig(emulator.url),
  });
}

const errors = (r) => r.logs.filter((l) => l.severity === "error").map((l) => l.message).join("\n");

test(`the ${platform} release archive installs as \`pulumi plugin install --file\` lays it out, and the example runs from the plugin cache`, async () => {
  const home = fs.mkdtempSync(path.join(scratch, "home-"));
  const dir = await installPluginFile({ name: "modelarts", version, file: archive, env: { PULUMI_HOME: home } });

  assert.equal(dir, path.join(home, "plugins", `resource-modelarts-v${version}`));
  assert.deepEqual(fs.readdirSync(dir).sort(), ["LICENSE", "README.md", "pulumi-resource-modelarts"]);
  assert.ok((fs.statSync(path.join(dir, "pulumi-resource-modelarts")).mode & 0o100) !== 0, "the executable lost its run bit");
  assert.equal(fs.existsSync(`${dir}.partial`), false);

  const r = await run(home);
  assert.equal(r.timedOut, false);
  assert.equal(r.exitCode, 0, errors(r) || r.stderr);
  // The engine found the plugin by the invoke's name and version, in the cache, and it stopped cleanly.
  assert.deepEqual(r.providers.map((p) => [p.name, p.version, p.source, p.path, p.exitCode]),
    [["modelarts", version, "plugin cache", path.join(dir, "pulumi-resource-modelarts"), 0]]);
  // Every invoke names where a missing plugin would be downloaded from, and that source serves this asset.
  assert.ok(r.invokes.length > 0);
  for (const i of r.invokes) assert.deepEqual([i.version, i.pluginDownloadURL], [version, downloadUrl], i.tok);
  // The answers are the catalog's, under the stack's imagePolicy.
  const allowed = allowedBy(devPolicy);
  const notebooks = expectedImages({ name: "pytorch", arch: "X86_64", resourceCategories: ["GPU"], devServices: ["NOTEBOOK"] }).filter(allowed);
  const training = expectedImages({ name: "pytorch", serviceType: "TRAIN" }).filter(allowed)[0];
  assert.deepEqual([r.outputs.notebookImageId, r.outputs.notebookSwrPath], [notebooks[0].id, notebooks[0].swr_path]);
  assert.deepEqual([r.outputs.trainingImageId, r.outputs.trainingSwrPath], [training.id, training.swr_path]);
  const recorded = JSON.stringify([r.logs, r.outputs, r.stdout, r.stderr, r.pluginOutput]);
  for (const s of SECRETS) assert.ok(!recorded.includes(s), "a secret reached the run's output");
});

test("an archive with the executable in a subfolder installs, but the engine finds no plugin and names the download source", async () => {
  const stage = fs.mkdtempSync(path.join(scratch, "stage-"));
  await tar.extract({ file: archive, cwd: stage });
  fs.mkdirSync(path.join(stage, "bin"));
  fs.renameSync(path.join(stage, "pulumi-resource-modelarts"), path.join(stage, "bin", "pulumi-resource-modelarts"));
  const nested = path.join(scratch, "nested.tar.gz");
  await tar.create({ gzip: true, file: nested, cwd: stage }, ["bin", "LICENSE", "README.md"]);
  const home = fs.mkdtempSync(path.join(scratch, "home-"));
  await installPluginFile({ name: "modelarts", version, file: nested, env: { PULUMI_HOME: home } });

  const r = await run(home);
  assert.notEqual(r.exitCode, 0);
  assert.deepEqual(r.providers, []);
  assert.match(errors(r), new RegExp(`no resource plugin 'pulumi-resource-modelarts' found in the workspace at version v${version.replace(/\./g, "\\.")} from ${downloadUrl}`));
});

test("an install that did not finish (a .partial left beside the folder) does not count as installed", async () => {
  const home = fs.mkdtempSync(path.join(scratch, "home-"));
  const dir = await installPluginFile({ name: "modelarts", version, file: archive, env: { PULUMI_HOME: home } });
  fs.writeFileSync(`${dir}.partial`, "");

  const r = await run(home);
  assert.notEqual(r.exitCode, 0);
  assert.deepEqual(r.providers, []);
  assert.match(errors(r), /no resource plugin 'pulumi-resource-modelarts' found/);
});

test("an archive entry that escapes the plugin folder is refused, as Pulumi's extractor refuses it", async () => {
  const stage = fs.mkdtempSync(path.join(scratch, "escape-"));
  fs.mkdirSync(path.join(stage, "inner"));
  fs.writeFileSync(path.join(stage, "evil"), "x");
  const evil = path.join(scratch, "evil.tar.gz");
  await tar.create({ gzip: true, file: evil, cwd: path.join(stage, "inner"), preservePaths: true }, ["../evil"]);
  const home = fs.mkdtempSync(path.join(scratch, "home-"));
  await assert.rejects(installPluginFile({ name: "modelarts", version, file: evil, env: { PULUMI_HOME: home } }));
  assert.equal(fs.existsSync(path.join(home, "plugins", "evil")), false);
  assert.equal(fs.existsSync(path.join(home, "plugins", `resource-modelarts-v${version}.partial`)), true, "a failed install leaves its .partial, so it never counts");
});

/** A loopback stand-in for the GitHub release: serves dist/ at /releases/download/v<version>/<asset>, recording requests. */
async function startReleaseMirror() {
  const requests = [];
  const server = http.createServer((req, res) => {
    requests.push(req.url);
    const m = /^\/releases\/download\/v([^/]+)\/([^/]+)$/.exec(req.url);
    const file = m && m[1] === version && path.join(repoRoot, "dist", decodeURIComponent(m[2]));
    if (!file || !fs.existsSync(file)) { res.writeHead(404).end(); return; }
    res.writeHead(200, { "content-type": "application/octet-stream" }).end(fs.readFileSync(file));
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { url: `http://127.0.0.1:${server.address().port}`, requests, stop: () => new Promise((r) => server.close(r)) };
}

test("with an empty plugin cache, the engine installs the plugin the SDK package's pulumi-plugin.json names, from its download URL", async () => {
  const mirror = await startReleaseMirror();
  try {
    const home = fs.mkdtempSync(path.join(scratch, "home-"));
    // Pulumi matches overrides against the source's URL: github://<host>/<org>/<repository>.
    const env = { PULUMI_PLUGIN_DOWNLOAD_URL_OVERRIDES: `^github://api.github.com/pulumi-modelarts/pulumi-modelarts$=${mirror.url}/releases/download/v\${VERSION}` };

    const r = await run(home, { env, installPlugins: true });
    assert.equal(r.exitCode, 0, errors(r) || r.stderr);
    assert.deepEqual(r.installedPlugins.map((p) => [p.name, p.version, p.server]), [["modelarts", version, downloadUrl]]);
    assert.deepEqual(mirror.requests, [`/releases/download/v${version}/${assetName}`]);
    assert.deepEqual(r.providers.map((p) => [p.source, p.path]), [["plugin cache", path.join(home, "plugins", `resource-modelarts-v${version}`, "pulumi-resource-modelarts")]]);
    assert.ok(r.outputs.notebookImageId);

    // Installed once: the next run downloads nothing.
    const again = await run(home, { env, installPlugins: true });
    assert.equal(again.exitCode, 0, errors(again));
    assert.deepEqual(again.installedPlugins, []);
    assert.equal(mirror.requests.length, 1);
  } finally {
    await mirror.stop();
  }
});

test("without a route to GitHub, the missing plugin's install fails naming the source and the override to set", async () => {
  const home = fs.mkdtempSync(path.join(scratch, "home-"));
  await assert.rejects(run(home, { installPlugins: true, env: { PULUMI_PLUGIN_DOWNLOAD_URL_OVERRIDES: "" } }),
    /cannot download resource plugin modelarts v[^ ]+ from github:\/\/api\.github\.com\/pulumi-modelarts\/pulumi-modelarts .*PULUMI_PLUGIN_DOWNLOAD_URL_OVERRIDES/);
  assert.equal(fs.existsSync(path.join(home, "plugins", `resource-modelarts-v${version}`)), false);
});
