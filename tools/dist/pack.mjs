// Release packaging steps that must behave the same on Linux, macOS and Windows runners (GNU and BSD tar
// disagree on flags; Windows has no sha256sum), used by scripts/dist.sh:
//   node tools/dist/pack.mjs archive <stage-dir> <out.tar.gz>   one plugin archive, files at its root
//   node tools/dist/pack.mjs sums <dist-dir>                     SHA256SUMS over the archives and packages
//
// Pulumi's installer (`pulumi plugin install`, and the engine's automatic install) unpacks an archive into
// ~/.pulumi/plugins/resource-<name>-v<version>/ and runs pulumi-resource-<name> from that folder's root, with
// the file mode the archive records: so the executable sits at the root with its run bit.
import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import * as tar from "tar";

const usage = "usage: node tools/dist/pack.mjs archive <stage-dir> <out.tar.gz> | sums <dist-dir>";

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

function sums(dir) {
  if (!fs.statSync(dir, { throwIfNoEntry: false })?.isDirectory()) fail(`${dir} is not a folder`);
  const names = fs.readdirSync(dir).filter((f) => f.endsWith(".tar.gz") || f.endsWith(".nupkg")).sort();
  if (names.length === 0) fail(`${dir} holds no .tar.gz or .nupkg to sum`);
  // The format `sha256sum -c` reads: hash, two spaces, name.
  const lines = names.map((n) => `${createHash("sha256").update(fs.readFileSync(path.join(dir, n))).digest("hex")}  ${n}\n`);
  fs.writeFileSync(path.join(dir, "SHA256SUMS"), lines.join(""));
  console.log(`wrote ${path.join(dir, "SHA256SUMS")} (${names.length} files)`);
}

const [command, ...args] = process.argv.slice(2);
if (command === "archive" && args.length === 2) await archive(args[0], args[1]);
else if (command === "sums" && args.length === 1) sums(args[0]);
else fail(`unexpected arguments ${JSON.stringify(process.argv.slice(2))}; ${usage}`);
