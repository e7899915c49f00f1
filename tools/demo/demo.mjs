// make demo: runs the C# example program (examples/csharp) as `pulumi preview` runs it, with the test
// engine in the CLI's place, against the bundled ModelArts API emulator, then once more with a framework
// whose only training image the platform's imagePolicy blocks, to show a failing lookup as a user sees it.
// With a project id in the environment (HW_PROJECT_ID, OS_PROJECT_ID or HUAWEICLOUD_SDK_PROJECT_ID) it
// queries the real ModelArts API instead: the plugin reads region and credentials from the environment.
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { diagnostics, runProgram } from "../engine/run.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");
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
  const child = spawn("dotnet", [dll, "--access-key", accessKey, "--secret-key", secretKey, "--project-id", projectId], { stdio: ["ignore", "pipe", "pipe"] });
  const url = await new Promise((resolve, reject) => {
    child.stdout.once("data", (d) => resolve(d.toString().split("\n")[0].trim()));
    child.once("exit", (code) => reject(new Error(`the emulator exited with code ${code}`)));
  });
  return { url, stop: () => new Promise((r) => { child.once("exit", r); child.kill("SIGTERM"); }) };
}

function show(title, record) {
  console.log(`\n== ${title}: ${record.preview ? "pulumi preview" : "pulumi up"}, exit code ${record.exitCode}`);
  for (const [key, value] of Object.entries(record.outputs ?? {}).sort()) {
    const lines = Array.isArray(value) ? value.map((v) => `    - ${v}`) : [`    ${value}`];
    console.log(`  ${key}:${Array.isArray(value) ? ` (${value.length})` : ""}\n${lines.join("\n")}`);
  }
  for (const line of diagnostics(record, "warning")) {
    // An unhandled exception's text carries a .NET stack trace; the user's message is the rest.
    console.log(line.split("\n").filter((l) => !/^\s+at /.test(l)).map((l) => `  ${l}`).join("\n"));
  }
  const versions = [...new Set(record.invokes.map((i) => i.version))].join(", ");
  console.log(`  (${record.invokes.length} invokes through Pulumi.ModelArts ${versions}; plugin ${record.providers.map((p) => path.relative(root, p.path)).join(", ")})`);
}

let emulator;
try {
  const config = {};
  if (cloudProject) {
    console.log(`Running examples/csharp against the real ModelArts API (project from ${cloudProject}; credentials from the environment).`);
  } else {
    // A fresh secret per run: the emulator checks real signatures, and nothing fixed needs protecting.
    const accessKey = "DEMOACCESSKEY", secretKey = randomBytes(16).toString("hex"), projectId = "0a1b2c3d4e5f60718293a4b5c6d7e8f9";
    emulator = await startEmulator(options.emulator ?? path.join(root, "emulator", "bin", "Release", "net10.0", "modelarts-emulator.dll"), accessKey, secretKey, projectId);
    Object.assign(config, {
      "modelarts:endpoint": emulator.url, "modelarts:projectId": projectId,
      "modelarts:accessKey": { value: accessKey, secret: true }, "modelarts:secretKey": { value: secretKey, secret: true },
    });
    console.log(`Running examples/csharp (C#, Pulumi .NET SDK) with stack config examples/csharp/Pulumi.${options.stack}.yaml, ` +
      `against the ModelArts API emulator at ${emulator.url}.`);
  }

  const chosen = await runProgram({ projectDir, stack: options.stack, preview: true, config });
  show("framework pytorch (the default)", chosen);
  const blocked = await runProgram({ projectDir, stack: options.stack, preview: true, config: { ...config, framework: "modelbox" } });
  show("framework modelbox (pulumi config set framework modelbox)", blocked);
  const ok = chosen.exitCode === 0 && blocked.exitCode !== 0;
  console.log(ok ? "\nThe first run chose its images; the second failed as the policy requires." : "\nUnexpected result: see above.");
  process.exitCode = ok ? 0 : 1;
} catch (e) {
  console.error(`demo: ${e.message}`);
  process.exitCode = 1;
} finally {
  await emulator?.stop();
}
