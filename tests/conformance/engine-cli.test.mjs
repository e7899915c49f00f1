// The front door (tools/engine/cli.mjs), the test engine standing in for the Pulumi CLI: what it prints and its
// exit codes, for tests/programs/notebooks (real .NET SDK; the huaweicloud fixture provider standing in for
// pulumi-huaweicloud) and for examples/csharp with a bad provider config. Expected text follows the CLI's
// rendered outputs (pulumi/pulumi pkg/engine/lifecycletest/testdata/output/) and exit codes (cmdutil/exit.go).
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { repoRoot } from "./harness.mjs";

const cli = path.join(repoRoot, "tools", "engine", "cli.mjs");
const notebooks = path.join(repoRoot, "tests", "programs", "notebooks");
const NOTEBOOK = "huaweicloud:ModelArts/notebook:Notebook";

function scratch(t) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "engine-cli-"));
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }));
  const env = { ...process.env, HUAWEICLOUD_FIXTURE_STORE: path.join(dir, "cloud.json"), HUAWEICLOUD_FIXTURE_RECORD: path.join(dir, "calls.jsonl") };
  return {
    dir, record: env.HUAWEICLOUD_FIXTURE_RECORD, state: path.join(dir, "state.json"),
    run: (...args) => spawnSync(process.execPath, [cli, ...args], { encoding: "utf8", env, timeout: 300_000 }),
  };
}

const count = (text, part) => text.split(part).length - 1;

test("front door (for the CLI): an unknown stack is an error with exit code 6, and no program runs", (t) => {
  const s = scratch(t);
  const r = s.run("preview", "--cwd", notebooks, "--stack", "nope", "--state", s.state);
  assert.equal(r.status, 6);
  assert.equal(r.stderr, "error: no stack named 'nope' found\n");
  assert.equal(r.stdout, "");
  assert.equal(fs.existsSync(s.record), false, "no provider was started");
});

test("front door (for the CLI): flags as a non-interactive CLI takes them; a bad one is one line and exit code 2", (t) => {
  const s = scratch(t);
  const noYes = s.run("up", "--cwd", notebooks);
  assert.equal(noYes.status, 2);
  assert.equal(noYes.stderr, "error: --yes or --skip-preview must be passed in to proceed when running in non-interactive mode\n");
  for (const args of [["presto"], ["preview", "--bogus"], ["preview", "--config", "novalue"], ["preview", "--secret-config", "novalue"], []]) {
    const r = s.run(...args);
    assert.equal(r.status, 2, `${args.join(" ")}: ${r.stderr}`);
    assert.equal(r.stderr.trim().split("\n").length, 1, r.stderr);
    assert.match(r.stderr, /^error: /);
  }
});

test("front door (for the CLI): a state file that is not one is one line naming the file, exit code 1", (t) => {
  const s = scratch(t);
  for (const [content, reason] of [["{oops", /is not JSON .*; restore it or remove it/], ['{"version":2}', /not a state file of version 3/]]) {
    fs.writeFileSync(s.state, content);
    const r = s.run("preview", "--cwd", notebooks, "--state", s.state);
    assert.equal(r.status, 1);
    assert.equal(r.stderr.trim().split("\n").length, 1, r.stderr);
    assert.ok(r.stderr.startsWith(`error: ${s.state}: `), r.stderr);
    assert.match(r.stderr, reason);
  }
});

test("front door (for the CLI): up, preview and destroy print the steps, outputs and summary, and exit 0", (t) => {
  const s = scratch(t);
  const up = s.run("up", "--yes", "--cwd", notebooks, "--state", s.state, "--config", "count=2");
  assert.equal(up.status, 0, up.stdout + up.stderr);
  const [previewPart, updatePart] = up.stdout.split("Updating (dev):");
  assert.match(previewPart, /^Previewing update \(dev\):\n/);
  assert.match(previewPart, new RegExp(` \\+  ${NOTEBOOK} notebook1 create\\n`));
  assert.match(previewPart, /    notebookId *: output<string>\n/, "an unknown output in preview");
  assert.match(previewPart, /Resources:\n    \+ 3 to create\n/);
  assert.match(updatePart, new RegExp(` \\+  ${NOTEBOOK} notebook created\\n`));
  const id = JSON.parse(fs.readFileSync(s.state, "utf8")).deployment.resources.find((r) => r.urn.endsWith("::notebook")).id;
  assert.match(updatePart, new RegExp(`    notebookId *: "${id}"\\n`));
  assert.match(updatePart, /Resources:\n    \+ 3 created\n\nDuration: \d+s\n/);

  const again = s.run("preview", "--cwd", notebooks, "--state", s.state, "--config", "count=2");
  assert.equal(again.status, 0, again.stderr);
  assert.match(again.stdout, /Resources:\n    3 unchanged\n/);
  assert.doesNotMatch(again.stdout, new RegExp(NOTEBOOK), "unchanged resources get no step line");

  const destroy = s.run("destroy", "--skip-preview", "--cwd", notebooks, "--state", s.state);
  assert.equal(destroy.status, 0, destroy.stderr);
  assert.match(destroy.stdout, /^Destroying \(dev\):\n -  huaweicloud:ModelArts\/notebook:Notebook notebook1 deleted\n -  huaweicloud:ModelArts\/notebook:Notebook notebook deleted\n -  pulumi:pulumi:Stack notebooks-dev deleted\n/);
  assert.match(destroy.stdout, /Resources:\n    - 3 deleted\n/);
});

test("front door (for the CLI): a failing program is an error under the stack, without its stack trace, exit code 1", (t) => {
  const s = scratch(t);
  // A stack with state and no stack config file: the program's required imageId is missing.
  fs.writeFileSync(s.state, JSON.stringify({ version: 3, deployment: { resources: [] } }));
  const r = s.run("preview", "--cwd", notebooks, "--stack", "bare", "--state", s.state);
  assert.equal(r.status, 1, r.stdout + r.stderr);
  assert.match(r.stdout, /^Previewing update \(bare\):\n/);
  assert.match(r.stdout, /Diagnostics:\n  pulumi:pulumi:Stack \(notebooks-bare\):\n    error: .*\n(    .*\n)*.*notebooks:imageId/);
  assert.doesNotMatch(r.stdout, /^\s+at /m, "no .NET stack trace");
});

test("front door (for the CLI): a Check failure is a problem on the resource, shown once, exit code 1", (t) => {
  const s = scratch(t);
  const r = s.run("up", "--skip-preview", "--cwd", notebooks, "--state", s.state, "--config", "imageId=");
  assert.equal(r.status, 1);
  const line = `error: ${NOTEBOOK} resource 'notebook': property imageId value {} has a problem: imageId is required`;
  assert.equal(count(r.stdout, line), 1, r.stdout);
  assert.match(r.stdout, new RegExp(`Diagnostics:\\n  ${NOTEBOOK} \\(notebook\\):\\n    ${line.replace(/[()[\]{}.*+?^$|\\/]/g, "\\$&")}\\n`));
  assert.match(r.stdout, /Resources:\n(.*\n)*    1 errored\n/);
  // The failed step cancelled the deployment; the .NET program's RegisterResource then fails as against the real
  // resmon (source_eval.go: Unavailable, "resource monitor shut down ..."), and the SDK logs that under the stack.
  assert.match(r.stdout, /  pulumi:pulumi:Stack \(notebooks-dev\):\n    error: Running program .*\n    Grpc\.Core\.RpcException: Status\(StatusCode="Unavailable", Detail="resource monitor shut down while waiting on step's done channel"\)\n/);
});

test("front door (for the CLI): a failing CheckConfig is a problem on the default provider, shown once, not a raw RpcException", (t) => {
  const s = scratch(t);
  const r = s.run("preview", "--cwd", path.join(repoRoot, "examples", "csharp"), "--state", s.state,
    "--config", "modelarts:maxRetries=lots", "--config", "modelarts:projectId=0a1b2c3d4e5f60718293a4b5c6d7e8f9",
    "--config", "modelarts:endpoint=http://127.0.0.1:1");
  assert.equal(r.status, 1, r.stdout + r.stderr);
  assert.match(r.stdout, /Diagnostics:\n  pulumi:providers:modelarts \(default_\d+_\d+_\d+\):\n/);
  const problem = /error: pulumi:providers:modelarts resource 'default_\d+_\d+_\d+': property maxRetries value \{lots\} has a problem: /g;
  assert.equal((r.stdout.match(problem) ?? []).length, 1, r.stdout);
  // The provider's failure is never relayed as a raw RpcException. When the pin's registration, not an invoke, meets
  // the failed provider first, the deployment is cancelled and the program hears only what the real resmon says then.
  assert.doesNotMatch(r.stdout + r.stderr, /StatusCode="Unknown"/);
  for (const e of (r.stdout + r.stderr).match(/Grpc\.Core\.RpcException: .*/g) ?? []) {
    assert.equal(e, `Grpc.Core.RpcException: Status(StatusCode="Unavailable", Detail="resource monitor shut down while waiting on step's done channel")`);
  }
});

test("front door (for the CLI): an encrypted (secure:) stack value says why it cannot be read and how to give it instead", (t) => {
  const s = scratch(t);
  fs.writeFileSync(path.join(s.dir, "Pulumi.yaml"), "name: sec\nruntime: dotnet\n");
  fs.writeFileSync(path.join(s.dir, "Pulumi.dev.yaml"), "config:\n  modelarts:secretKey:\n    secure: v1:AAAA\n");
  const r = s.run("preview", "--cwd", s.dir, "--state", s.state);
  assert.equal(r.status, 1);
  assert.equal(r.stderr.trim().split("\n").length, 1, r.stderr);
  assert.match(r.stderr, /modelarts:secretKey is encrypted \("secure:"\), and the test engine has no secrets provider to decrypt it\. /);
  assert.match(r.stderr, /--secret-config modelarts:secretKey=<value>/);
  assert.doesNotMatch(r.stderr, /secret override/);
});
