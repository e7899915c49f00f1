#!/usr/bin/env node
// `make sdk-gen`: writes sdk/dotnet and sdk/nodejs from provider/schema.json, the one source of truth.
//   node tools/gen-sdk/main.mjs [--schema provider/schema.json] [--out sdk]
// Each language folder gets a codegen-manifest.json listing the files written (as gen-sdk writes one); a file
// an earlier run listed and this one does not is removed, so a function or type dropped from the schema leaves
// no stale code. Hand-kept files (sdk/dotnet's csproj, both READMEs) are not generated and not listed.
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { generate, manifestText } from "./generate.mjs";

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");

function parseArgs(argv) {
  const o = { schema: path.join(repoRoot, "provider", "schema.json"), out: path.join(repoRoot, "sdk") };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    if ((flag === "--schema" || flag === "--out") && argv[i + 1]) o[flag.slice(2)] = path.resolve(argv[++i]);
    else {
      console.error(`gen-sdk: unknown argument ${flag}; usage: gen-sdk [--schema <schema.json>] [--out <folder for dotnet/ and nodejs/>]`);
      process.exit(2);
    }
  }
  return o;
}

export function writeSdks({ schema, out }) {
  const languages = generate(JSON.parse(fs.readFileSync(schema, "utf8")), { schemaPath: path.relative(repoRoot, schema) });
  for (const [language, files] of Object.entries(languages)) {
    const dir = path.join(out, language);
    const manifestPath = path.join(dir, "codegen-manifest.json");
    fs.mkdirSync(dir, { recursive: true });
    const before = fs.existsSync(manifestPath) ? JSON.parse(fs.readFileSync(manifestPath, "utf8")).emittedFiles : [];
    for (const stale of before.filter((f) => !files.has(f))) fs.rmSync(path.join(dir, stale), { force: true });
    for (const [file, text] of files) {
      fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
      fs.writeFileSync(path.join(dir, file), text);
    }
    fs.writeFileSync(manifestPath, manifestText(files));
  }
  return languages;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const o = parseArgs(process.argv.slice(2));
  let languages;
  try {
    languages = writeSdks(o);
  } catch (e) {
    console.error(`gen-sdk: ${path.relative(process.cwd(), o.schema)}: ${e.message}`);
    process.exit(1);
  }
  for (const [language, files] of Object.entries(languages)) console.log(`gen-sdk: wrote ${files.size} files to ${path.relative(process.cwd(), path.join(o.out, language)) || "."}`);
}
