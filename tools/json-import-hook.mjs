// Lets Node 20 load packages that import .json files without `with { type: "json" }` (bundler style), such as
// @actions/workflow-parser: such an import is loaded as a JSON module. Use: node --import ./tools/json-import-hook.mjs
import { register } from "node:module";

register("data:text/javascript," + encodeURIComponent(`
import fs from "node:fs";
export async function load(url, context, nextLoad) {
  if (url.startsWith("file:") && url.endsWith(".json") && !context.importAttributes?.type) {
    return { format: "json", source: fs.readFileSync(new URL(url), "utf8"), shortCircuit: true };
  }
  return nextLoad(url, context);
}`));
