// Drift between the schema and the committed SDKs: what `make sdk-gen` would change, file by file.
import fs from "node:fs";
import path from "node:path";
import { manifestText } from "./generate.mjs";

/** Files a generator owns in a language folder, by extension; bin/, obj/ and node_modules/ are build output. */
function ownedFiles(dir, extensions) {
  const found = [];
  const walk = (rel) => {
    for (const entry of fs.readdirSync(path.join(dir, rel), { withFileTypes: true })) {
      const p = path.posix.join(rel, entry.name);
      if (entry.isDirectory()) { if (!["bin", "obj", "node_modules"].includes(entry.name)) walk(p); }
      else if (extensions.some((e) => entry.name.endsWith(e))) found.push(p);
    }
  };
  if (fs.existsSync(dir)) walk("");
  return found;
}

const EXTENSIONS = { dotnet: [".cs"], nodejs: [".ts"] };

/**
 * Every difference between generated ({ language: Map(path -> text) }) and what sdkRoot holds: a file that differs,
 * is missing, or is code the generator no longer writes (a leftover of a removed function or type).
 * Returns [{ language, file, problem }], empty when the SDKs are the schema's.
 */
export function drift(generated, sdkRoot) {
  const problems = [];
  for (const [language, files] of Object.entries(generated)) {
    const dir = path.join(sdkRoot, language);
    for (const [file, text] of files) {
      const full = path.join(dir, file);
      if (!fs.existsSync(full)) problems.push({ language, file, problem: "missing" });
      else if (fs.readFileSync(full, "utf8") !== text) problems.push({ language, file, problem: "differs" });
    }
    const manifest = manifestText(files);
    const manifestPath = path.join(dir, "codegen-manifest.json");
    if (!fs.existsSync(manifestPath) || fs.readFileSync(manifestPath, "utf8") !== manifest) problems.push({ language, file: "codegen-manifest.json", problem: "differs" });
    for (const file of ownedFiles(dir, EXTENSIONS[language] ?? [])) {
      if (!files.has(file)) problems.push({ language, file, problem: "not generated from the schema" });
    }
  }
  return problems;
}
