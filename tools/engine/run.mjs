// Runs a Pulumi program the way `pulumi preview` / `pulumi up` do, with the test engine in the CLI's place, and
// plays `pulumi refresh`, `pulumi destroy` and `pulumi import`, which run no program, against a stack state file.
// For a .NET program the launch is the language host's (pulumi/pulumi-dotnet pulumi-language-dotnet):
// `dotnet run --no-build --project <program dir>` after a build, with the PULUMI_* environment it sets; for a
// Node.js program pulumi-language-nodejs's way (nodejs.mjs).
import { once } from "node:events";
import { PolicyPacks } from "./analyzers.mjs";
import { ensurePlugins } from "./download.mjs";
import { TestEngine } from "./engine.mjs";
import { nodejsLaunch } from "./nodejs.mjs";
import { killGroup, spawnGroup } from "./processes.mjs";
import { fullKey, configText, loadProject, loadStackConfig } from "./project.mjs";
import { requiredPackages } from "./required-packages.mjs";
import { nodejsRequiredPackages } from "./required-packages-nodejs.mjs";
import { readState, writeState } from "./state.mjs";

export const OPERATIONS = ["preview", "up", "refresh", "destroy", "import"];

/**
 * @param {object} o
 * @param {string} o.projectDir  folder holding Pulumi.yaml
 * @param {string} [o.stack]     stack name; its Pulumi.<stack>.yaml supplies config
 * @param {"preview"|"up"|"refresh"|"destroy"|"import"} [o.operation] the command played (default: from `preview`)
 * @param {boolean} [o.preview]  legacy form: true is `pulumi preview`, false `pulumi up --skip-preview`
 * @param {boolean} [o.skipPreview] up, refresh, destroy: without it the CLI previews first, then operates
 * @param {string} [o.stateFile] the stack's state (state.mjs); without one the run starts empty and writes nothing
 * @param {{type: string, name: string, id: string}} [o.resource] import: what to import
 * @param {(step: object) => Promise<void>} [o.beforeStep] the seam before each step (Deployment), before the packs' Analyze
 * @param {{dir: string, config?: string}[]} [o.policyPacks] `--policy-pack DIR [--policy-pack-config FILE]` each
 *   (analyzers.mjs): Analyze before each step, AnalyzeStack after; a mandatory violation fails the run
 * @param {object} [o.config]    `pulumi config set` on top of the stack file: key -> value, or { value, secret: true }
 * @param {object} [o.env]       extra environment for the program and the plugins it loads
 * @param {number} [o.timeoutMs] the run is killed and reported as timed out past this
 * @param {boolean} [o.installPlugins] first install the plugins the program's packages name and the cache
 *   lacks, from their pluginDownloadURL, as `pulumi preview` does (download.mjs)
 * @returns the run's record (engine.mjs TestEngine.record) plus exitCode, timedOut, stdout, stderr, state (the
 *   resources after the run) and, for an operation the CLI previews first, `previewRun` (the preview's record); with
 *   policy packs, `policyPacks` (those that ran) and `policyViolations` (each violation event)
 */
export async function runProgram({ projectDir, stack = "dev", operation, preview = true, skipPreview, stateFile, resource, beforeStep,
  policyPacks = [], config = {}, env = {}, timeoutMs = 180_000, command, installPlugins = false }) {
  operation ??= preview ? "preview" : "up";
  skipPreview ??= operation !== "preview" && !preview; // the legacy `preview: false` was a single update
  if (!OPERATIONS.includes(operation)) throw new Error(`unknown operation ${operation}; one of ${OPERATIONS.join(", ")}`);
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
  if (policyPacks.length > 0 && !["preview", "up"].includes(operation)) throw new Error(`--policy-pack is played for preview and up only, not ${operation}`);
  const context = { project, stack, stackConfig, env: childEnv, stateFile, resource, beforeStep, policyPacks, timeoutMs, command, operation };

  let previewRun;
  if (operation !== "preview" && !skipPreview) {
    previewRun = await runOnce({ ...context, dryRun: true });
    if (previewRun.exitCode !== 0) return { ...previewRun, installedPlugins, operation };
  }
  const run = await runOnce({ ...context, dryRun: operation === "preview" });
  return { ...run, installedPlugins, operation, previewRun };
}

/** One pass of the engine: a preview (dryRun) or the operation itself; the state is written only by the latter. */
async function runOnce({ project, stack, stackConfig, env, stateFile, resource, beforeStep, policyPacks, timeoutMs, command, operation, dryRun }) {
  const started = Date.now();
  const olds = readState(stateFile).resources;
  let packs;
  const seam = async (step) => {
    await beforeStep?.(step);
    if (packs) await packs.beforeStep(step);
  };
  const engine = await new TestEngine({ project, stack, stackConfig, dryRun, env, olds, beforeStep: seam }).start();
  let outcome = { exitCode: 0, timedOut: false, stdout: "", stderr: "" };
  let resources = olds;
  try {
    if (operation === "preview" || operation === "up") {
      // update.go newUpdateSource: the policy packs are loaded and configured before the program runs.
      if (policyPacks.length > 0) {
        packs = await PolicyPacks.load(policyPacks, { engineAddress: engine.address, env, project, stack, dryRun, stackConfig,
          rpcs: engine.record.rpcs, onOutput: (stream, text) => engine.record.pluginOutput.push({ stream, text, source: "analyzer" }) });
        Object.assign(engine.record, { policyPacks: packs.packs, policyViolations: packs.violations });
      }
      outcome = await runLanguageHost({ project, stack, stackConfig, env, engine, dryRun, timeoutMs, command });
      resources = await engine.deployment.finish({ failed: outcome.exitCode !== 0 });
      // deployment_executor.go Execute: AnalyzeStack once the steps succeeded; a mandatory violation anywhere fails the run.
      if (packs && outcome.exitCode === 0) await packs.analyzeStack(resources, engine.deployment.stackUrn);
      if (packs?.sawMandatory) outcome = { ...outcome, exitCode: outcome.exitCode || 1 };
    } else {
      resources = await offProgram(engine.deployment, operation, resource);
    }
  } catch (e) {
    if (!e.reported) for (const message of e.lines ?? [e.message]) engine.record.diagnostics.push({ severity: "error", urn: "", message });
    outcome = { ...outcome, exitCode: outcome.exitCode || 1 };
  }
  await packs?.stop();
  await engine.stop();
  if (!dryRun && stateFile) writeState(stateFile, resources);
  return { ...engine.record, ...outcome, state: resources, project, stack, preview: dryRun, dryRun, durationMs: Date.now() - started };
}

/** refresh, destroy, import: steps the CLI plays from the state alone, without running the program. */
function offProgram(deployment, operation, resource) {
  if (operation === "refresh") return deployment.refresh();
  if (operation === "destroy") return deployment.destroy();
  if (!resource?.type || !resource.name || !resource.id) throw new Error("import needs a resource: { type, name, id }");
  return deployment.import(resource);
}

/**
 * The language host's part: start the program with the engine's addresses and the PULUMI_* environment, in a
 * process group of its own, and wait for it. Kept in one function: other runtimes add a branch here.
 */
async function runLanguageHost({ project, stack, stackConfig, env, engine, dryRun, timeoutMs, command }) {
  const programEnv = {
    ...env,
    PULUMI_MONITOR: engine.address,
    PULUMI_ENGINE: engine.address,
    PULUMI_PROJECT: project.name,
    PULUMI_STACK: stack,
    PULUMI_ORGANIZATION: "organization",
    PULUMI_ROOT_DIRECTORY: project.dir,
    PULUMI_PWD: project.dir,
    PULUMI_DRY_RUN: String(dryRun),
    PULUMI_QUERY_MODE: "false",
    PULUMI_PARALLEL: "16",
    PULUMI_CONFIG: JSON.stringify(Object.fromEntries([...stackConfig].map(([k, { value }]) => [k, value]))),
    PULUMI_CONFIG_SECRET_KEYS: JSON.stringify([...stackConfig].filter(([, { secret }]) => secret).map(([k]) => k)),
  };
  // A Node.js program gets what pulumi-language-nodejs passes it (nodejs.mjs), not the .NET host's environment.
  const launch = project.runtime === "nodejs" && !command
    ? nodejsLaunch({ project, stack, preview: dryRun, engineAddress: engine.address, organization: programEnv.PULUMI_ORGANIZATION, parallel: programEnv.PULUMI_PARALLEL,
      config: programEnv.PULUMI_CONFIG, secretKeys: programEnv.PULUMI_CONFIG_SECRET_KEYS, env })
    : { command: command ?? ["dotnet", "run", "--no-build", "--project", project.programDir], env: programEnv };
  const [exe, ...args] = launch.command;
  const child = spawnGroup(exe, args, { cwd: project.programDir, env: launch.env });
  let stdout = "", stderr = "";
  child.stdout.on("data", (d) => { stdout += d; });
  child.stderr.on("data", (d) => { stderr += d; });
  let timedOut = false;
  const timer = setTimeout(() => { timedOut = true; killGroup(child); }, timeoutMs);
  const [exitCode] = await once(child, "close");
  clearTimeout(timer);
  await killGroup(child); // anything the program left running in its group
  return { exitCode, timedOut, stdout, stderr };
}

/** The lines `pulumi preview` would show the user: the engine log at info and above. */
export function diagnostics(record, minimum = "info") {
  const order = ["debug", "info", "warning", "error"];
  return record.logs.filter((l) => order.indexOf(l.severity) >= order.indexOf(minimum)).map((l) => `${l.severity}: ${l.message}`);
}
