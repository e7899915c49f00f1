// A Pulumi project as the CLI reads it: Pulumi.yaml (name, runtime, main, plugins.providers) and the
// stack file Pulumi.<stack>.yaml, whose config values reach programs and providers as strings.
import fs from "node:fs";
import path from "node:path";
import YAML from "yaml";

export function loadProject(projectDir) {
  const file = path.join(projectDir, "Pulumi.yaml");
  const doc = YAML.parse(fs.readFileSync(file, "utf8")) ?? {};
  if (!doc.name) throw new Error(`${file}: a Pulumi project needs a name`);
  const runtime = typeof doc.runtime === "object" ? doc.runtime?.name : doc.runtime;
  return {
    dir: path.resolve(projectDir),
    name: doc.name,
    runtime,
    programDir: path.resolve(projectDir, doc.main ?? "."),
    providers: (doc.plugins?.providers ?? []).map((p) => ({ name: p.name, path: p.path && path.resolve(projectDir, p.path), version: p.version })),
  };
}

/** Stack config as the engine holds it: full key -> { value: string, secret: boolean }. */
export function loadStackConfig(project, stack) {
  const file = path.join(project.dir, `Pulumi.${stack}.yaml`);
  const config = new Map();
  if (!fs.existsSync(file)) return config;
  const doc = YAML.parse(fs.readFileSync(file, "utf8")) ?? {};
  for (const [key, value] of Object.entries(doc.config ?? {})) {
    if (value && typeof value === "object" && "secure" in value) {
      // The CLI would decrypt it with the stack's secrets provider; the test engine has none.
      throw new Error(`${file}: ${key} is encrypted ("secure:"), and the test engine has no secrets provider to decrypt it. ` +
        `Remove it from the file and give the value at run time instead: --secret-config ${key}=<value> (node tools/engine/cli.mjs), ` +
        "or { value, secret: true } in runProgram's config, or the environment variable the provider reads (e.g. HW_SECRET_KEY)");
    }
    config.set(fullKey(project, key), { value: configText(value), secret: false });
  }
  return config;
}

/** `pulumi config set` without a namespace means the project's own. */
export const fullKey = (project, key) => (key.includes(":") ? key : `${project.name}:${key}`);

/** Numbers and booleans as text, objects and lists as JSON text: the form every Pulumi runtime receives. */
export const configText = (value) => (typeof value === "string" ? value : JSON.stringify(value));
