// make demo: runs the C# example program (examples/csharp) as `pulumi up` and `pulumi preview` run it, with the
// test engine in the CLI's place, against the bundled ModelArts API emulator, on a stack whose state is kept in a
// temporary folder: up pins the notebook image; the emulator then publishes a newer match, and preview keeps the
// pin and warns once, naming both images; last, a preview with a framework that has no notebook image to pin and
// whose only training image the platform's imagePolicy blocks, to show a failing run as a user sees it.
// With a project id in the environment (HW_PROJECT_ID, OS_PROJECT_ID or HUAWEICLOUD_SDK_PROJECT_ID) it
// queries the real ModelArts API instead: the plugin reads region and credentials from the environment.
import { spawn } from "node:child_process";
import { once } from "node:events";
import { randomBytes, randomUUID } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
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

// The stack's state lives here for the demo's runs, never in the checkout.
const stateDir = fs.mkdtempSync(path.join(os.tmpdir(), "modelarts-demo-"));
const stateFile = path.join(stateDir, `${options.stack}.json`);

/** A command through the front door (tools/engine/cli.mjs), e.g. ["preview"], its output shown as it is; its exit code. */
async function frontDoorRun(title, command, config, env) {
  console.log(`\n== ${title}: node tools/engine/cli.mjs ${command.join(" ")} --cwd examples/csharp --stack ${options.stack}`);
  const args = [frontDoor, ...command, "--cwd", projectDir, "--stack", options.stack, "--state", stateFile,
    ...Object.entries(config).flatMap(([k, v]) => ["--config", `${k}=${v}`])];
  const child = spawn(process.execPath, args, { stdio: ["ignore", "inherit", "inherit"], env: { ...process.env, ...env } });
  const [code] = await once(child, "exit");
  return code;
}

/** Publishes into the emulator an image like the pinned one, a day newer than anything in its bundled catalog. */
async function publishNewerThanPin(emulatorUrl) {
  const state = JSON.parse(fs.readFileSync(stateFile, "utf8"));
  const pin = state.deployment.resources.find((r) => r.type === "modelarts:index:PinnedImage");
  const catalog = JSON.parse(fs.readFileSync(path.join(root, "emulator", "catalog", "images.json"), "utf8"));
  const pinned = catalog.find((i) => i.id === pin.id);
  const newest = Math.max(...catalog.map((i) => i.create_at ?? 0));
  const image = { ...pinned, id: randomUUID(), tag: `${pinned.tag}-next`, swr_path: `${pinned.swr_path}-next`, create_at: newest + 86_400_000 };
  const res = await fetch(`${emulatorUrl}/_emulator/images`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(image) });
  if (!res.ok) throw new Error(`the emulator did not publish the image: HTTP ${res.status}`);
  console.log(`\n== The emulator publishes a newer match of the pin: ${image.name}:${image.tag} (${image.id})`);
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

  const chosen = await frontDoorRun("framework pytorch (the default): pin the notebook image", ["up", "--skip-preview"], config, env);
  if (chosen === 6) throw new Error(`there is no stack ${options.stack}: examples/csharp has no Pulumi.${options.stack}.yaml`);
  let kept = 0;
  if (emulator) {
    await publishNewerThanPin(emulator.url);
    kept = await frontDoorRun("the same inputs: the pin stays, and preview names the newer image", ["preview"], config, env);
  }
  const blocked = await frontDoorRun("framework modelbox (pulumi config set framework modelbox)", ["preview"], { ...config, framework: "modelbox" }, env);
  const ok = chosen === 0 && kept === 0 && blocked !== 0;
  console.log(ok ? "\nThe first run pinned and chose its images; the next kept the pin and named the newer image; the last failed, as it must:\n" +
      "modelbox has no notebook image to pin, and the imagePolicy blocks its only training image (the run stops at whichever comes first)."
    : "\nUnexpected result: see above.");
  process.exitCode = ok ? 0 : 1;
} catch (e) {
  console.error(`demo: ${e.message}`);
  process.exitCode = 1;
} finally {
  await emulator?.stop();
  fs.rmSync(stateDir, { recursive: true, force: true });
}
