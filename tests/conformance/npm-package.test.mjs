// The npm package step of `make dist` alone (tools/dist/pack.mjs npm, which scripts/dist.sh --sdk runs after a clean
// tsc build of sdk/nodejs): what npm pack puts in the .tgz, and that the version is stamped without editing a file.
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { nodejsRequiredPackages } from "../../tools/engine/required-packages-nodejs.mjs";
import { repoRoot } from "./harness.mjs";

const sdk = path.join(repoRoot, "sdk", "nodejs");

test("pack.mjs npm: @pulumi-modelarts/modelarts 9.9.9 as a .tgz of compiled bin/, README and a package.json stamped 9.9.9", () => {
  const out = fs.mkdtempSync(path.join(os.tmpdir(), "npm-pack-"));
  const committed = fs.readFileSync(path.join(sdk, "package.json"), "utf8");
  try {
    execFileSync(process.execPath, [path.join(repoRoot, "tools", "dist", "pack.mjs"), "npm", sdk, "9.9.9", out], { stdio: "pipe" });
    assert.deepEqual(fs.readdirSync(out), ["pulumi-modelarts-modelarts-9.9.9.tgz"], "only the package: the staging folder is gone");
    const tgz = path.join(out, "pulumi-modelarts-modelarts-9.9.9.tgz");
    const listed = execFileSync("tar", ["-tzf", tgz], { encoding: "utf8" }).trim().split("\n");
    for (const f of ["package/package.json", "package/README.md", "package/bin/index.js", "package/bin/index.d.ts", "package/bin/getImages.js", "package/bin/getImage.js", "package/bin/utilities.js"]) {
      assert.ok(listed.includes(f), `${f} in ${listed.join(", ")}`);
    }
    assert.deepEqual(listed.filter((f) => f.endsWith(".ts") && !f.endsWith(".d.ts")), [], "TypeScript sources are not shipped, only their compiled output");
    const manifest = JSON.parse(execFileSync("tar", ["-xzOf", tgz, "package/package.json"], { encoding: "utf8" }));
    assert.equal(manifest.name, "@pulumi-modelarts/modelarts");
    assert.equal(manifest.version, "9.9.9");
    assert.deepEqual(manifest.pulumi, { resource: true, name: "modelarts", version: "9.9.9", server: "github://api.github.com/pulumi-modelarts" });
    assert.equal(manifest.main, "bin/index.js");
    assert.equal(fs.readFileSync(path.join(sdk, "package.json"), "utf8"), committed, "the committed package.json is not edited");
  } finally {
    fs.rmSync(out, { recursive: true, force: true });
  }
});

test("pack.mjs npm refuses an SDK that was not compiled, naming the build command", () => {
  const empty = fs.mkdtempSync(path.join(os.tmpdir(), "npm-pack-src-"));
  try {
    fs.copyFileSync(path.join(sdk, "package.json"), path.join(empty, "package.json"));
    assert.throws(() => execFileSync(process.execPath, [path.join(repoRoot, "tools", "dist", "pack.mjs"), "npm", empty, "9.9.9", empty], { stdio: "pipe", encoding: "utf8" }),
      (e) => e.status === 2 && /bin\/index\.js is missing: build the SDK first \(npm run build --workspace sdk\/nodejs\)/.test(e.stderr));
  } finally {
    fs.rmSync(empty, { recursive: true, force: true });
  }
});

test("the packed package, installed as npm lays it out, names its plugin, version and server as pulumi-language-nodejs reads them", () => {
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "npm-installed-"));
  try {
    execFileSync(process.execPath, [path.join(repoRoot, "tools", "dist", "pack.mjs"), "npm", sdk, "9.9.9", scratch], { stdio: "pipe" });
    // npm install <tgz> unpacks the tarball's package/ into node_modules/<name>; @pulumi/pulumi (no plugin) beside it.
    const installed = path.join(scratch, "program", "node_modules", "@pulumi-modelarts", "modelarts");
    fs.mkdirSync(installed, { recursive: true });
    execFileSync("tar", ["-xzf", path.join(scratch, "pulumi-modelarts-modelarts-9.9.9.tgz"), "-C", installed, "--strip-components=1"]);
    fs.mkdirSync(path.join(scratch, "program", "node_modules", "@pulumi"), { recursive: true });
    fs.symlinkSync(path.join(repoRoot, "node_modules", "@pulumi", "pulumi"), path.join(scratch, "program", "node_modules", "@pulumi", "pulumi"));

    assert.deepEqual(nodejsRequiredPackages(path.join(scratch, "program")),
      [{ name: "modelarts", version: "9.9.9", server: "github://api.github.com/pulumi-modelarts", kind: "resource" }]);
  } finally {
    fs.rmSync(scratch, { recursive: true, force: true });
  }
});
