// How pulumi-language-nodejs starts a Node.js program (pulumi/pulumi sdk/nodejs/cmd/pulumi-language-nodejs/main.go):
// Run resolves `@pulumi/pulumi/cmd/run` from the program directory (locateModule, defaultRunPath), then execRuntime
// runs `node <that> --monitor A --engine A --organization O --project P --root-directory R --stack S --pwd D
// [--dry-run] --parallel N <entry point>` (constructArguments; the engine passes "." as the entry point) with the
// user's environment plus PULUMI_CONFIG, PULUMI_CONFIG_SECRET_KEYS (constructConfig, constructConfigSecretKeys) and
// PULUMI_NODEJS_TYPESCRIPT=true (the runtime option `typescript` defaults to true: parseOptions). The program is
// then @pulumi/pulumi's own runtime (sdk/nodejs/cmd/run/run.ts), which registers the stack and talks to the monitor.
// Not played: the host's monitor proxy (it forwards every call unchanged, so the program talks to the engine's monitor
// itself) and `--sync <pipes folder>` (createAndServePipes), which only synchronous invokes use; the generated SDK
// makes none (getX returns a Promise, getXOutput an Output).
import { createRequire } from "node:module";
import path from "node:path";

/** [executable, ...args] and the environment for one run of a Node.js program. */
export function nodejsLaunch({ project, stack, preview, engineAddress, organization, parallel, config, secretKeys, env }) {
  const runPath = createRequire(path.join(project.programDir, "package.json")).resolve("@pulumi/pulumi/cmd/run");
  const args = [runPath,
    "--monitor", engineAddress, "--engine", engineAddress, "--organization", organization, "--project", project.name,
    "--root-directory", project.dir, "--stack", stack, "--pwd", project.programDir,
    ...(preview ? ["--dry-run"] : []), "--parallel", String(parallel), "."];
  return {
    command: [process.execPath, ...args],
    env: { ...env, PULUMI_CONFIG: config, PULUMI_CONFIG_SECRET_KEYS: secretKeys, PULUMI_NODEJS_TYPESCRIPT: "true" },
  };
}
