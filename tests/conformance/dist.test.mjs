// What `make dist` ships (make test runs it first): five archives named and laid out as Pulumi's plugin
// installer expects, SHA256SUMS, the NuGet and npm packages, every version stamp equal, and executables of the right
// format for each platform; the two Linux ones answer Pulumi's ResourceProvider protocol, linux-arm64 under
// qemu-aarch64 (qemu-user, standing in for an arm64 machine). A second build with VERSION=9.9.9 shows the
// version is set in one place and reaches every stamp without editing a file.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import * as tar from "tar";
import { startPlugin } from "../../tools/engine/plugins.mjs";
import { emptyPb, providerPb, unary } from "../../tools/engine/stubs.mjs";
import { repoRoot, startFakeEngine } from "./harness.mjs";

const version = fs.readFileSync(path.join(repoRoot, "VERSION"), "utf8").trim();
const dist = path.join(repoRoot, "dist");
const downloadUrl = "github://api.github.com/pulumi-modelarts";
const exe = (platform) => (platform.startsWith("windows") ? "pulumi-resource-modelarts.exe" : "pulumi-resource-modelarts");
// What `file` says of each platform's executable.
const formats = {
  "linux-amd64": /^ELF 64-bit LSB .*x86-64/,
  "linux-arm64": /^ELF 64-bit LSB .*ARM aarch64/,
  "darwin-amd64": /^Mach-O 64-bit x86_64 executable/,
  "darwin-arm64": /^Mach-O 64-bit arm64 executable/,
  "windows-amd64": /^PE32\+ executable .*x86-64/,
};
const archiveName = (v, platform) => `pulumi-resource-modelarts-v${v}-${platform}.tar.gz`;
const npmName = (v) => `pulumi-modelarts-modelarts-${v}.tgz`;

let engine, scratch;
before(async () => {
  assert.ok(fs.existsSync(dist), "dist/ is missing: `make dist` writes it (make test does)");
  scratch = fs.mkdtempSync(path.join(os.tmpdir(), "dist-"));
  engine = await startFakeEngine();
});
after(async () => {
  await engine?.stop();
  fs.rmSync(scratch, { recursive: true, force: true });
});

async function unpack(archive) {
  const dir = fs.mkdtempSync(path.join(scratch, "unpacked-"));
  await tar.extract({ file: archive, cwd: dir, strict: true });
  return dir;
}

async function entries(archive) {
  const found = [];
  await tar.list({ file: archive, onReadEntry: (e) => found.push({ path: e.path, type: e.type, mode: e.mode }) });
  return found;
}

/** GetPluginInfo's version and the schema's version and pluginDownloadURL, from the running executable. */
async function stampsServedBy(binary, launcher) {
  const plugin = await startPlugin({ binary, engineAddress: engine.address, launcher });
  try {
    const info = await unary(plugin.client, "getPluginInfo", new emptyPb.Empty(), 120_000);
    const schema = JSON.parse((await unary(plugin.client, "getSchema", new providerPb.GetSchemaRequest(), 120_000)).getSchema());
    return { pluginInfo: info.getVersion(), schema: schema.version, pluginDownloadURL: schema.pluginDownloadURL };
  } finally {
    await plugin.stop();
  }
}

function nupkgStamps(nupkg) {
  const read = (entry) => execFileSync("unzip", ["-p", nupkg, entry], { encoding: "utf8" });
  const nuspec = read("Pulumi.ModelArts.nuspec");
  const plugin = JSON.parse(read("content/pulumi-plugin.json"));
  return { nuspec: /<version>([^<]+)<\/version>/.exec(nuspec)?.[1], versionTxt: read("content/version.txt").trim(), plugin, readme: /<readme>README\.md<\/readme>/.test(nuspec) && read("README.md").startsWith("# Pulumi.ModelArts") };
}

/** package.json of a packed npm package: its version and the pulumi block the Node.js language host reads. */
function npmStamps(tgz) {
  const manifest = JSON.parse(execFileSync("tar", ["-xzOf", tgz, "package/package.json"], { encoding: "utf8" }));
  return { name: manifest.name, version: manifest.version, plugin: manifest.pulumi };
}

test("make dist wrote the five archives, the NuGet and npm packages and SHA256SUMS, which sha256sum -c accepts", () => {
  const expected = [...Object.keys(formats).map((p) => archiveName(version, p)), `Pulumi.ModelArts.${version}.nupkg`, npmName(version)].sort();
  assert.deepEqual(fs.readdirSync(dist).filter((f) => f !== "SHA256SUMS").sort(), expected);
  const sums = fs.readFileSync(path.join(dist, "SHA256SUMS"), "utf8").trim().split("\n");
  assert.deepEqual(sums.map((l) => l.split(/\s+/)[1]).sort(), expected);
  const checked = execFileSync("sha256sum", ["-c", "SHA256SUMS"], { cwd: dist, encoding: "utf8" });
  assert.equal(checked.trim().split("\n").filter((l) => l.endsWith(": OK")).length, expected.length, checked);
});

for (const platform of Object.keys(formats)) {
  test(`${platform}: the executable sits at the archive's root with its run bit, beside LICENSE and README.md, and is a ${formats[platform].source} file`, async () => {
    const archive = path.join(dist, archiveName(version, platform));
    const listed = await entries(archive);
    assert.deepEqual(listed.map((e) => e.path).sort(), ["LICENSE", "README.md", exe(platform)]);
    assert.ok(listed.every((e) => e.type === "File"), JSON.stringify(listed));
    assert.equal(listed.find((e) => e.path === exe(platform)).mode & 0o755, 0o755);
    const dir = await unpack(archive);
    const kind = execFileSync("file", ["-b", path.join(dir, exe(platform))], { encoding: "utf8" }).trim();
    assert.match(kind, formats[platform]);
  });
}

test("linux-amd64 natively and linux-arm64 under qemu-aarch64 answer GetPluginInfo and GetSchema with the release version", async () => {
  const amd64 = await unpack(path.join(dist, archiveName(version, "linux-amd64")));
  const arm64 = await unpack(path.join(dist, archiveName(version, "linux-arm64")));
  // -L: the aarch64 loader and libc Debian's cross toolchain installs; LD_LIBRARY_PATH keeps a host's own
  // multiarch arm64 libc (a different build) from being mixed in, which hangs the runtime in pthread_create.
  const qemu = ["qemu-aarch64", "-L", "/usr/aarch64-linux-gnu", "-E", "LD_LIBRARY_PATH=/usr/aarch64-linux-gnu/lib"];
  const expected = { pluginInfo: version, schema: version, pluginDownloadURL: downloadUrl };
  assert.deepEqual(await stampsServedBy(path.join(amd64, "pulumi-resource-modelarts")), expected);
  assert.deepEqual(await stampsServedBy(path.join(arm64, "pulumi-resource-modelarts"), qemu), expected);
});

test("the NuGet package carries the release version in its nuspec, version.txt and pulumi-plugin.json, with the download server and its README", () => {
  assert.deepEqual(nupkgStamps(path.join(dist, `Pulumi.ModelArts.${version}.nupkg`)),
    { nuspec: version, versionTxt: version, plugin: { resource: true, name: "modelarts", version, server: downloadUrl }, readme: true });
  // One assembly for each target framework the SDK's project names.
  const csproj = fs.readFileSync(path.join(repoRoot, "sdk/dotnet/Pulumi.ModelArts.csproj"), "utf8");
  const frameworks = /<TargetFrameworks?>([^<]+)</.exec(csproj)[1].split(";").map((f) => f.trim()).filter(Boolean);
  const entries = execFileSync("unzip", ["-Z1", path.join(dist, `Pulumi.ModelArts.${version}.nupkg`)], { encoding: "utf8" }).split("\n");
  assert.deepEqual(entries.filter((e) => /^lib\/[^/]+\/Pulumi\.ModelArts\.dll$/.test(e)).sort(), frameworks.map((f) => `lib/${f}/Pulumi.ModelArts.dll`).sort());
});

test("the npm package carries the release version in package.json and its pulumi block, with the download server", () => {
  assert.deepEqual(npmStamps(path.join(dist, npmName(version))),
    { name: "@pulumi-modelarts/modelarts", version, plugin: { resource: true, name: "modelarts", version, server: downloadUrl } });
});

test("VERSION=9.9.9 stamps 9.9.9 into the archive name, GetPluginInfo, the schema and the NuGet and npm packages, editing no file", async () => {
  const status = () => execFileSync("git", ["status", "--porcelain", "--untracked-files=no"], { cwd: repoRoot, encoding: "utf8" });
  const before = status();
  const out = path.join(scratch, "dist-9.9.9");
  execFileSync("bash", ["scripts/dist.sh", "--version", "9.9.9", "--out", out, "--platforms", "linux-amd64", "--sdk", "--sums"],
    { cwd: repoRoot, stdio: ["ignore", "ignore", "inherit"] });

  assert.deepEqual(fs.readdirSync(out).sort(), ["Pulumi.ModelArts.9.9.9.nupkg", "SHA256SUMS", npmName("9.9.9"), archiveName("9.9.9", "linux-amd64")]);
  assert.deepEqual(npmStamps(path.join(out, npmName("9.9.9"))),
    { name: "@pulumi-modelarts/modelarts", version: "9.9.9", plugin: { resource: true, name: "modelarts", version: "9.9.9", server: downloadUrl } });
  const dir = await unpack(path.join(out, archiveName("9.9.9", "linux-amd64")));
  assert.deepEqual(await stampsServedBy(path.join(dir, "pulumi-resource-modelarts")), { pluginInfo: "9.9.9", schema: "9.9.9", pluginDownloadURL: downloadUrl });
  assert.deepEqual(nupkgStamps(path.join(out, "Pulumi.ModelArts.9.9.9.nupkg")),
    { nuspec: "9.9.9", versionTxt: "9.9.9", plugin: { resource: true, name: "modelarts", version: "9.9.9", server: downloadUrl }, readme: true });
  assert.equal(status(), before, "the 9.9.9 build edited a tracked file");
  assert.equal(fs.readFileSync(path.join(repoRoot, "VERSION"), "utf8").trim(), version);
});

test("a version that is not semver, an unknown platform or an unknown flag is refused before anything is built", () => {
  const refusal = (args) => {
    try {
      execFileSync("bash", ["scripts/dist.sh", "--out", path.join(scratch, "bad"), ...args], { cwd: repoRoot, encoding: "utf8", stdio: "pipe" });
    } catch (e) {
      return { status: e.status, stderr: e.stderr };
    }
    return { status: 0, stderr: "" };
  };
  const cases = [
    [["--version", "1.2", "--platforms", "linux-amd64"], /version '1\.2' is not a semantic version/],
    [["--platforms", "linux-amd64 solaris-sparc"], /unknown platform 'solaris-sparc' \(one of linux-amd64 linux-arm64 darwin-amd64 darwin-arm64 windows-amd64\)/],
    [["--platfroms", "linux-amd64"], /unknown argument '--platfroms'; usage: /],
  ];
  for (const [args, message] of cases) {
    const { status, stderr } = refusal(args);
    assert.equal(status, 2, args.join(" "));
    assert.match(stderr, message);
    assert.equal(stderr.trim().split("\n").length, 1, "one line, no build output");
  }
  assert.deepEqual(fs.existsSync(path.join(scratch, "bad")) ? fs.readdirSync(path.join(scratch, "bad")) : [], []);
});
