// Schema in, files out, nothing written: main.mjs writes them, the drift test compares them.
import { loadPackage } from "./model.mjs";
import { csharpFiles } from "./csharp/files.mjs";
import { nodejsFiles } from "./nodejs/files.mjs";

/** { dotnet: Map(path -> text), nodejs: Map(path -> text) }. generatedBy names the tool and schema in headers. */
export function generate(schema, { schemaPath = "provider/schema.json", generatedBy = `tools/gen-sdk from ${schemaPath}` } = {}) {
  const pkg = loadPackage(schema);
  return { dotnet: csharpFiles(pkg, { generatedBy }), nodejs: nodejsFiles(pkg, { generatedBy }) };
}

/** codegen-manifest.json of one language folder: the files written, as gen-sdk lists them (emittedFiles). */
export const manifestText = (files) => JSON.stringify({ emittedFiles: [...files.keys()].sort() }, null, 2) + "\n";
