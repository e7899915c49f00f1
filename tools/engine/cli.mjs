#!/usr/bin/env node
// The front door to the test engine: plays `pulumi preview | up | refresh | destroy | import` for a program folder
// and stack, prints what the CLI prints for the same events (display.mjs) and exits as the CLI does
// (pulumi/pulumi sdk/go/common/util/cmdutil/exit.go: 0 success, 1 a failed operation, 2 bad flags or config,
// 6 stack not found). Like a CLI run without a terminal, up, refresh, destroy and import need --yes (preview
// first) or --skip-preview. The stack's state is a file (state.mjs), by default where `pulumi login
// file://<project dir>` keeps it: <project dir>/.pulumi/stacks/<project>/<stack>.json.
import fs from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { render } from "./display.mjs";
import { loadProject } from "./project.mjs";
import { OPERATIONS, runProgram } from "./run.mjs";

const EXIT = { error: 1, configuration: 2, stackNotFound: 6 };
const usage = "usage: node tools/engine/cli.mjs preview|up|refresh|destroy|import [<type> <name> <id>] [--yes | --skip-preview] " +
  "[--stack dev] [--cwd DIR] [--state FILE] [--config key=value ...] [--secret-config key=value ...] [--policy-pack DIR [--policy-pack-config FILE]] ...";

function fail(message, code) {
  console.error(`error: ${message}`);
  process.exit(code);
}

let options, positionals;
try {
  ({ values: options, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      stack: { type: "string", short: "s", default: "dev" }, cwd: { type: "string", short: "C", default: "." },
      state: { type: "string" }, config: { type: "string", short: "c", multiple: true, default: [] },
      // `pulumi config set --secret`: the value reaches the program and provider marked secret (no secrets provider here).
      "secret-config": { type: "string", multiple: true, default: [] },
      "policy-pack": { type: "string", multiple: true, default: [] }, "policy-pack-config": { type: "string", multiple: true, default: [] },
      yes: { type: "boolean", short: "y" }, "skip-preview": { type: "boolean" }, help: { type: "boolean", short: "h" },
    },
  }));
} catch (e) {
  fail(`${e.message}; ${usage}`, EXIT.configuration);
}
if (options.help) { console.log(usage); process.exit(0); }
const [operation, ...rest] = positionals;
if (!OPERATIONS.includes(operation)) fail(`${operation ? `unknown command "${operation}"` : "no command given"}; ${usage}`, EXIT.configuration);
if (operation === "import" ? rest.length !== 3 : rest.length > 0) fail(`unexpected arguments ${JSON.stringify(rest)}; ${usage}`, EXIT.configuration);
if (operation !== "preview" && !options.yes && !options["skip-preview"]) {
  fail("--yes or --skip-preview must be passed in to proceed when running in non-interactive mode", EXIT.configuration);
}

// up.go validatePolicyPackConfig: config files pair with packs, in order.
const [packDirs, packConfigs] = [options["policy-pack"], options["policy-pack-config"]];
if (packConfigs.length > 0 && packDirs.length === 0) fail('"--policy-pack-config" must be specified with "--policy-pack"', EXIT.configuration);
if (packConfigs.length > 0 && packConfigs.length !== packDirs.length) {
  fail('the number of "--policy-pack-config" flags must match the number of "--policy-pack" flags', EXIT.configuration);
}
if (packDirs.length > 0 && !["preview", "up"].includes(operation)) fail(`unknown flag: --policy-pack (not a flag of ${operation})`, EXIT.configuration);

const config = {};
for (const [flag, secret] of [["config", false], ["secret-config", true]]) {
  for (const pair of options[flag]) {
    const eq = pair.indexOf("=");
    if (eq <= 0) fail(`--${flag} ${JSON.stringify(pair)} is not key=value`, EXIT.configuration);
    config[pair.slice(0, eq)] = secret ? { value: pair.slice(eq + 1), secret: true } : pair.slice(eq + 1);
  }
}

const projectDir = path.resolve(options.cwd);
let project;
try {
  project = loadProject(projectDir);
} catch (e) {
  fail(e.code === "ENOENT" ? `no Pulumi.yaml project file found in ${projectDir}` : e.message, EXIT.configuration);
}
const stateFile = path.resolve(options.state ?? path.join(project.dir, ".pulumi", "stacks", project.name, `${options.stack}.json`));
// A stack exists once it has config or state (pulumi stack init writes neither here); otherwise the CLI's error.
if (!fs.existsSync(path.join(project.dir, `Pulumi.${options.stack}.yaml`)) && !fs.existsSync(stateFile)) {
  fail(`no stack named '${options.stack}' found`, EXIT.stackNotFound);
}

// Interrupted, stop like the CLI's own exit: every plugin and program group is SIGKILLed (processes.mjs on exit).
for (const signal of ["SIGINT", "SIGTERM"]) process.once(signal, () => process.exit(EXIT.error));

let record;
try {
  record = await runProgram({
    projectDir, stack: options.stack, operation, skipPreview: Boolean(options["skip-preview"]), stateFile, config,
    policyPacks: packDirs.map((dir, i) => ({ dir, config: packConfigs[i] })),
    resource: operation === "import" ? { type: rest[0], name: rest[1], id: rest[2] } : undefined,
  });
} catch (e) {
  fail(e.message, EXIT.error);
}
// With --yes the preview comes first; a failed preview is the whole run (runProgram stops there).
for (const run of [record.previewRun, record].filter(Boolean)) {
  console.log(render(run, { operation, stack: options.stack, durationMs: run.durationMs }));
}
process.exitCode = record.exitCode === 0 && !record.timedOut ? 0 : EXIT.error;
