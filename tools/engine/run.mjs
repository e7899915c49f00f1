// Runs a Pulumi program the way `pulumi preview` / `pulumi up` do, with the test engine in the CLI's place.
// For a .NET program that is the language host's way (pulumi/pulumi-dotnet pulumi-language-dotnet):
// `dotnet run --no-build --project <program dir>` after a build, with the PULUMI_* environment it sets; for a
// Node.js program pulumi-language-nodejs's way (nodejs.mjs).
import { spawn } from "node:child_process";
import { ensurePlugins } from "./download.mjs";
import { TestEngine } from "./engine.mjs";
import { nodejsLaunch } from "./nodejs.mjs";
import { fullKey, configText, loadProject, loadStackConfig } from "./project.mjs";
import { requiredPackages } from "./required-packages.mjs";
import { nodejsRequiredPackages } from "./required-packages-nodejs.mjs";

/**
 * @param {object} o
 * @param {string} o.projectDir  folder holding Pulumi.yaml
 * @param {string} [o.stack]     stack name; its Pulumi.<stack>.yaml supplies config
 * @param {boolean} [o.preview]  true: `pulumi preview` (dry run); false: `pulumi up`
 * @param {object} [o.config]    `pulumi config set` on top of the stack file: key -> value, or { value, secret: true }
 * @param {object} [o.env]       extra environment for the program and the plugins it loads
 * @param {number} [o.timeoutMs] the run is killed and reported as timed out past this
 * @param {boolean} [o.installPlugins] first install the plugins the program's packages name and the cache
 *   lacks, from their pluginDownloadURL, as `pulumi preview` does (download.mjs)
 */
export async function runProgram({ projectDir, stack = "dev", preview = true, config = {}, env = {}, timeoutMs = 180_000, command, installPlugins = false }) {
  const project = loadProject(projectDir);
  if (!["dotnet", "nodejs"].includes(project.runtime) && !command) throw new Error(`${project.dir}: runtime ${project.runtime} is not played by the test engine (dotnet and nodejs only)`);
  const stackConfig = loadStackConfig(project, stack);
  for (const [key, v] of Object.entries(config)) {
    const { value, secret = false } = v !== null && typeof v === "object" && "value" in v ? v : { value: v };
    stackConfig.set(fullKey(project, key), { value: configText(value), secret });
  }

  const childEnv = { ...process.env, ...env };
  const required = () => (project.runtime === "nodejs" ? nodejsRequiredPackages(project.programDir) : requiredPackages(project.programDir, childEnv));
  const installedPlugins = installPlugins ? await ensurePlugins(required(), childEnv) : [];
  const engine = await new TestEngine({ project, stack, stackConfig, dryRun: preview, env: childEnv }).start();
  const programEnv = {
    ...childEnv,
    PULUMI_MONITOR: engine.address,
    PULUMI_ENGINE: engine.address,
    PULUMI_PROJECT: project.name,
    PULUMI_STACK: stack,
    PULUMI_ORGANIZATION: "organization",
    PULUMI_ROOT_DIRECTORY: project.dir,
    PULUMI_PWD: project.dir,
    PULUMI_DRY_RUN: String(preview),
    PULUMI_QUERY_MODE: "false",
    PULUMI_PARALLEL: "16",
    PULUMI_CONFIG: JSON.stringify(Object.fromEntries([...stackConfig].map(([k, { value }]) => [k, value]))),
    PULUMI_CONFIG_SECRET_KEYS: JSON.stringify([...stackConfig].filter(([, { secret }]) => secret).map(([k]) => k)),
  };
  // A Node.js program gets what pulumi-language-nodejs passes it (nodejs.mjs), not the .NET host's environment.
  const launch = project.runtime === "nodejs" && !command
    ? nodejsLaunch({ project, stack, preview, engineAddress: engine.address, organization: programEnv.PULUMI_ORGANIZATION, parallel: programEnv.PULUMI_PARALLEL,
      config: programEnv.PULUMI_CONFIG, secretKeys: programEnv.PULUMI_CONFIG_SECRET_KEYS, env: childEnv })
    : { command: command ?? ["dotnet", "run", "--no-build", "--project", project.programDir], env: programEnv };
  const [exe, ...args] = launch.command;
  const child = spawn(exe, args, { cwd: project.programDir, env: launch.env, stdio: ["ignore", "pipe", "pipe"] });
  let stdout = "", stderr = "";
  child.stdout.on("data", (d) => { stdout += d; });
  child.stderr.on("data", (d) => { stderr += d; });
  let timedOut = false;
  const timer = setTimeout(() => { timedOut = true; child.kill("SIGKILL"); }, timeoutMs);
  const exitCode = await new Promise((resolve) => child.once("close", (code) => resolve(code)));
  clearTimeout(timer);
  await engine.stop();
  return { ...engine.record, installedPlugins, exitCode, timedOut, stdout, stderr, project, stack, preview };
}

/** The lines `pulumi preview` would show the user: the engine log at info and above. */
export function diagnostics(record, minimum = "info") {
  const order = ["debug", "info", "warning", "error"];
  return record.logs.filter((l) => order.indexOf(l.severity) >= order.indexOf(minimum)).map((l) => `${l.severity}: ${l.message}`);
}
