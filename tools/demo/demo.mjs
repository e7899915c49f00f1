// make demo: runs the C# example program (examples/csharp) as `pulumi preview` runs it, with the test
// engine in the CLI's place, against the bundled ModelArts API emulator, then once more with a framework
// whose only training image the platform's imagePolicy blocks, to show a failing lookup as a user sees it.
// With a project id in the environment (HW_PROJECT_ID, OS_PROJECT_ID or HUAWEICLOUD_SDK_PROJECT_ID) it
// queries the real ModelArts API instead: the plugin reads region and credentials from the environment.
import { spawn } from "node:child_process";
import { once } from "node:events";
import { randomBytes } from "node:crypto";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { signalGroup, spawnGroup } from "../engine/processes.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");
const frontDoor = path.join(root, "tools", "engine", "cli.mjs");
const usage = "usage: node tools/demo/demo.mjs [--emulator <modelarts-emulator.dll>] [--stack <name>]";
let options;
try {
  ({ values: options } = parseArgs({ options: { emulator: { type: "string" }, stack: { type: "string", default: "dev" }, help: { type: "boolean" } } }));
} catch (e) {
  console.error(`demo: ${e.message}; ${usage}`);
  process.exit(2);
}
if (options.help) { console.log(usage); process.exit(0); }

const projectDir = path.join(root, "examples", "csharp");
const cloudProject = ["HW_PROJECT_ID", "OS_PROJECT_ID", "HUAWEICLOUD_SDK_PROJECT_ID"].find((v) => process.env[v]);

async function startEmulator(dll, accessKey, secretKey, projectId) {
  const child = spawnGroup("dotnet", [dll, "--access-key", accessKey, "--secret-key", secretKey, "--project-id", projectId]);
  child.stderr.resume();
  const url = await new Promise((resolve, reject) => {
    child.stdout.once("data", (d) => resolve(d.toString().split("\n")[0].trim()));
    child.once("exit", (code) => reject(new Error(`the emulator exited with code ${code}`)));
  });
  child.stdout.resume();
  return { url, stop: async () => { const exit = once(child, "exit"); signalGroup(child, "SIGTERM"); await exit; signalGroup(child, "SIGKILL"); } };
}

/** `pulumi preview` through the front door (tools/engine/cli.mjs), its output shown as it is; its exit code. */
async function preview(title, config, env) {
  console.log(`\n== ${title}: node tools/engine/cli.mjs preview --cwd examples/csharp --stack ${options.stack}`);
  const args = [frontDoor, "preview", "--cwd", projectDir, "--stack", options.stack, ...Object.entries(config).flatMap(([k, v]) => ["--config", `${k}=${v}`])];
  const child = spawn(process.execPath, args, { stdio: ["ignore", "inherit", "inherit"], env: { ...process.env, ...env } });
  const [code] = await once(child, "exit");
  return code;
}

let emulator;
try {
  const config = {}, env = {};
  if (cloudProject) {
    console.log(`Running examples/csharp against the real ModelArts API (project from ${cloudProject}; credentials from the environment).`);
  } else {
    // A fresh secret per run: the emulator checks real signatures, and nothing fixed needs protecting. The
    // credentials reach the plugin through its HW_* environment variables, never a command line.
    const accessKey = "DEMOACCESSKEY", secretKey = randomBytes(16).toString("hex"), projectId = "0a1b2c3d4e5f60718293a4b5c6d7e8f9";
    emulator = await startEmulator(options.emulator ?? path.join(root, "emulator", "bin", "Release", "net10.0", "modelarts-emulator.dll"), accessKey, secretKey, projectId);
    Object.assign(config, { "modelarts:endpoint": emulator.url, "modelarts:projectId": projectId });
    Object.assign(env, { HW_ACCESS_KEY: accessKey, HW_SECRET_KEY: secretKey });
    console.log(`Running examples/csharp (C#, Pulumi .NET SDK) with stack config examples/csharp/Pulumi.${options.stack}.yaml, ` +
      `against the ModelArts API emulator at ${emulator.url}.`);
  }

  const chosen = await preview("framework pytorch (the default)", config, env);
  if (chosen === 6) throw new Error(`there is no stack ${options.stack}: examples/csharp has no Pulumi.${options.stack}.yaml`);
  const blocked = await preview("framework modelbox (pulumi config set framework modelbox)", { ...config, framework: "modelbox" }, env);
  const ok = chosen === 0 && blocked !== 0;
  console.log(ok ? "\nThe first run chose its images; the second failed as the policy requires." : "\nUnexpected result: see above.");
  process.exitCode = ok ? 0 : 1;
} catch (e) {
  console.error(`demo: ${e.message}`);
  process.exitCode = 1;
} finally {
  await emulator?.stop();
}
