// Processes as the Pulumi CLI handles them (sdk/go/common/util/cmdutil/child_unix.go): the survivor check that
// make test runs (scripts/survivors.mjs) catches a plugin left running, and a run of the test engine (standing in
// for the CLI) leaves no plugin or program behind, even when the program is killed mid-run.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawn, spawnSync } from "node:child_process";
import { once } from "node:events";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { runProgram } from "../../tools/engine/run.mjs";
import { PLUGIN, repoRoot } from "./harness.mjs";

const survivors = path.join(repoRoot, "scripts", "survivors.mjs");
const check = (file) => spawnSync(process.execPath, [survivors, "check", file], { encoding: "utf8", timeout: 60_000 });

function snapshot(t) {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "survivors-")), "before.json");
  t.after(() => fs.rmSync(path.dirname(file), { recursive: true, force: true }));
  spawnSync(process.execPath, [survivors, "snapshot", file]);
  return file;
}

test("the survivor check fails on a plugin left running, naming it, and passes once it is gone", async (t) => {
  const before = snapshot(t);
  // Started the way the old tests started the pack's plugin: detached from us and never stopped.
  const leaked = spawn(PLUGIN, [], { stdio: ["ignore", "pipe", "ignore"], detached: true, cwd: repoRoot });
  await once(leaked.stdout, "data"); // its port line: it is serving
  try {
    const caught = check(before);
    assert.equal(caught.status, 1, caught.stdout);
    assert.match(caught.stdout, new RegExp(`processes: 1 of ours survived the suites .*\\n  ${leaked.pid} ${PLUGIN.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&")}`));
  } finally {
    const exit = once(leaked, "exit");
    process.kill(leaked.pid, "SIGKILL");
    await exit;
  }
  const clean = check(before);
  assert.equal(clean.status, 0, clean.stdout);
});

test("engine (for the CLI): a run whose program is killed mid-run leaves no plugin or program process", async (t) => {
  const before = snapshot(t);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "processes-"));
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }));
  // The program registers a notebook and hangs there (the step never ends), until the engine's timeout kills its
  // process group: the plugin the engine started for it must still be stopped, and nothing else left behind.
  const r = await runProgram({
    projectDir: path.join(repoRoot, "tests", "programs", "notebooks"), operation: "preview", config: { imageId: "img" },
    env: { HUAWEICLOUD_FIXTURE_STORE: path.join(dir, "cloud.json") }, timeoutMs: 10_000,
    beforeStep: () => new Promise(() => {}),
  });
  assert.equal(r.timedOut, true);
  assert.deepEqual(r.providers.map((p) => p.name), ["huaweicloud"], "the plugin was running when the program died");
  const after = check(before);
  assert.equal(after.status, 0, after.stdout);
});
