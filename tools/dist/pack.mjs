// Release packaging steps that must behave the same on Linux, macOS and Windows runners (GNU and BSD tar
// disagree on flags; Windows has no sha256sum), used by scripts/dist.sh:
//   node tools/dist/pack.mjs archive <stage-dir> <out.tar.gz>   one plugin archive, files at its root
//   node tools/dist/pack.mjs npm <sdk-dir> <version> <dist-dir>  the Node.js SDK as npm pack packs it, version stamped
//   node tools/dist/pack.mjs sums <dist-dir>                     SHA256SUMS over the archives and packages
//
// Pulumi's installer (`pulumi plugin install`, and the engine's automatic install) unpacks an archive into
// ~/.pulumi/plugins/resource-<name>-v<version>/ and runs pulumi-resource-<name> from that folder's root, with
// the file mode the archive records: so the executable sits at the root with its run bit.
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import * as tar from "tar";

const usage = "usage: node tools/dist/pack.mjs archive <stage-dir> <out.tar.gz> | npm <sdk-dir> <version> <dist-dir> | sums <dist-dir>";

function fail(message) {
  console.error(`pack: ${message}`);
  process.exit(2);
}

async function archive(stage, out) {
  if (!fs.statSync(stage, { throwIfNoEntry: false })?.isDirectory()) fail(`${stage} is not a folder`);
  const files = fs.readdirSync(stage).sort();
  if (!files.some((f) => /^pulumi-resource-modelarts(\.exe)?$/.test(f))) fail(`${stage} has no pulumi-resource-modelarts executable at its root`);
  // A fixed mtime and no owner names make the archive depend on its contents only.
  const epoch = Number(process.env.SOURCE_DATE_EPOCH ?? 0);
  await tar.create({ gzip: { level: 9 }, file: out, cwd: stage, portable: true, noDirRecurse: true, mtime: new Date(epoch * 1000) }, files);
  console.log(`wrote ${out} (${files.join(", ")})`);
}

// The npm package from a built sdk/nodejs (bin/ compiled by tsc): a staged copy whose package.json carries the
// version, in `version` and in the `pulumi` block the Node.js language host reads to install the plugin, packed by
// npm itself. The compiled code holds no version: utilities.getVersion reads package.json.
function npmPack(sdk, version, out) {
  const manifest = JSON.parse(fs.readFileSync(path.join(sdk, "package.json"), "utf8"));
  if (!fs.existsSync(path.join(sdk, "bin", "index.js"))) fail(`${sdk}/bin/index.js is missing: build the SDK first (npm run build --workspace sdk/nodejs)`);
  const stage = fs.mkdtempSync(path.join(out, ".npm-stage-"));
  try {
    for (const f of manifest.files) fs.cpSync(path.join(sdk, f), path.join(stage, f), { recursive: true, filter: (src) => !src.endsWith(".tsbuildinfo") });
    fs.writeFileSync(path.join(stage, "package.json"), JSON.stringify({ ...manifest, version, pulumi: { ...manifest.pulumi, version } }, null, 4) + "\n");
    const npm = process.platform === "win32" ? "npm.cmd" : "npm";
    const [packed] = JSON.parse(execFileSync(npm, ["pack", "--json", "--pack-destination", out], { cwd: stage, encoding: "utf8", shell: process.platform === "win32" }));
    console.log(`wrote ${path.join(out, packed.filename)} (${packed.entryCount} files)`);
  } finally {
    fs.rmSync(stage, { recursive: true, force: true });
  }
}

function sums(dir) {
  if (!fs.statSync(dir, { throwIfNoEntry: false })?.isDirectory()) fail(`${dir} is not a folder`);
  const names = fs.readdirSync(dir).filter((f) => f.endsWith(".tar.gz") || f.endsWith(".nupkg") || f.endsWith(".tgz")).sort();
  if (names.length === 0) fail(`${dir} holds no .tar.gz, .nupkg or .tgz to sum`);
  // The format `sha256sum -c` reads: hash, two spaces, name.
  const lines = names.map((n) => `${createHash("sha256").update(fs.readFileSync(path.join(dir, n))).digest("hex")}  ${n}\n`);
  fs.writeFileSync(path.join(dir, "SHA256SUMS"), lines.join(""));
  console.log(`wrote ${path.join(dir, "SHA256SUMS")} (${names.length} files)`);
}

const [command, ...args] = process.argv.slice(2);
if (command === "archive" && args.length === 2) await archive(args[0], args[1]);
else if (command === "npm" && args.length === 3) npmPack(args[0], args[1], args[2]);
else if (command === "sums" && args.length === 1) sums(args[0]);
else fail(`unexpected arguments ${JSON.stringify(process.argv.slice(2))}; ${usage}`);
