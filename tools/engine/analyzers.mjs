// Policy packs as `pulumi preview|up --policy-pack DIR [--policy-pack-config FILE]` runs them (pulumi/pulumi):
// pkg/engine/update.go installAndLoadPolicyPlugins loads each local pack (loadPolicyAnalyzer -> pkg/resource/plugin/
// analyzer_plugin.go NewPolicyAnalyzer), asks GetAnalyzerInfo, reconciles the pack's defaults with the config file
// (pkg/resource/analyzer/config.go ReconcilePolicyPackConfig) and calls Configure; the step generator sends each
// resource to Analyze before its step (step_generator.go analyzeAll -> analyze_snapshot.go analyzeResource) and,
// after a successful deployment, every resource to AnalyzeStack (step_generator.go AnalyzeResources, called from
// deployment_executor.go Execute). At the end every analyzer is closed like any plugin (plugin.go kill).
import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import YAML from "yaml";
import { describeRequest, launchPlugin } from "./plugins.mjs";
import { stopGroup } from "./processes.mjs";
import { analyzerPb, analyzerRpc, emptyPb, grpc, structPb, unary } from "./stubs.mjs";

/** apitype.EnforcementLevel names by pulumirpc.EnforcementLevel number (analyzer_plugin.go convertEnforcementLevel). */
const LEVELS = ["advisory", "mandatory", "disabled", "remediate"];
const SEVERITIES = ["", "low", "medium", "high", "critical"];

/** A problem loading or configuring a pack: the CLI prints it as `error: <message>` and the run fails (exit 1). */
export class PolicyPackError extends Error {}

/**
 * The policy config file (config.go parsePolicyPackConfig): per policy either an enforcement level string or an
 * object whose `enforcementLevel` key is the level and whose other keys are the policy's properties; the key `all`
 * sets every policy's level (applyConfig).
 */
export function loadPolicyConfigFile(file) {
  const text = fs.readFileSync(file, "utf8");
  if (text.trim() === "") return {};
  let config;
  try {
    config = JSON.parse(text);
  } catch (e) {
    throw new PolicyPackError(`${file}: the policy pack config is not JSON: ${e.message}`);
  }
  const result = {};
  for (const [name, value] of Object.entries(config)) {
    if (name === "environments") continue; // ESC environments: not played by the test engine
    const { level, properties } = typeof value === "string" ? { level: value, properties: {} }
      : value && typeof value === "object" && !Array.isArray(value) ? (({ enforcementLevel, ...rest }) => ({ level: enforcementLevel, properties: rest }))(value)
      : fail(`parsing "${name}": ${JSON.stringify(value)} is not a valid value; must be a string or object`);
    if (level !== undefined && !LEVELS.includes(level)) fail(`parsing enforcement level for "${name}": "${level}" is not a valid enforcement level`);
    if (level === undefined && Object.keys(properties).length === 0) continue;
    result[name] = { enforcementLevel: level, properties };
  }
  return result;
  function fail(message) { throw new PolicyPackError(`${file}: ${message}`); }
}

/**
 * ReconcilePolicyPackConfig: each policy's default level and its schema's `default` values, then the pack's initial
 * config, then the file's. Validation (validatePolicyPackConfig) is played for the schema's `required` keys only;
 * the rest of JSON Schema is left to the pack.
 */
export function reconcilePolicyConfig(policies, initialConfig, fileConfig) {
  const result = Object.fromEntries(policies.map((p) => [p.name, {
    enforcementLevel: p.enforcementLevel,
    properties: Object.fromEntries(Object.entries(p.schema?.properties ?? {}).filter(([, s]) => "default" in s).map(([k, s]) => [k, s.default])),
  }]));
  for (const config of [initialConfig, fileConfig]) {
    const all = config.all?.enforcementLevel;
    if (all) for (const r of Object.values(result)) r.enforcementLevel = all;
    for (const [name, given] of Object.entries(config)) {
      if (name === "all") continue;
      const r = (result[name] ??= { enforcementLevel: undefined, properties: {} });
      if (given.enforcementLevel) r.enforcementLevel = given.enforcementLevel;
      Object.assign(r.properties, given.properties);
    }
  }
  const errors = policies.flatMap((p) => (p.schema?.required ?? []).filter((k) => !(k in (result[p.name]?.properties ?? {})))
    .map((k) => `${p.name}: ${k} is required`));
  return { config: result, errors: errors.sort() };
}

/** The policy pack project (workspace.LoadPolicyPack): PulumiPolicy.yaml's runtime, version and description. */
function loadPolicyProject(dir) {
  const file = path.join(dir, "PulumiPolicy.yaml");
  let project;
  try {
    project = YAML.parse(fs.readFileSync(file, "utf8")) ?? {};
  } catch (e) {
    throw new PolicyPackError(`failed to load Pulumi policy project located at "${dir}": ${e.code === "ENOENT" ? `${file} does not exist` : e.message}`);
  }
  const runtime = typeof project.runtime === "object" ? project.runtime?.name : project.runtime;
  if (runtime !== "nodejs") throw new PolicyPackError(`policy pack at "${dir}": runtime ${runtime} is not played by the test engine (nodejs only)`);
  return { version: project.version === undefined ? "" : String(project.version), description: project.description ?? "" };
}

/**
 * NewPolicyAnalyzer's launch for a Node.js pack: `node <@pulumi/pulumi>/cmd/run-policy-pack <engine address> .` with
 * the pack's folder as working directory, so that the pack's own @pulumi/pulumi is used (the pulumi-analyzer-policy
 * path of analyzer_plugin.go), in a process group of its own (launchPlugin).
 */
function runPolicyPackScript(dir) {
  try {
    return path.join(path.dirname(createRequire(path.join(dir, "package.json")).resolve("@pulumi/pulumi/package.json")), "cmd", "run-policy-pack");
  } catch {
    throw new PolicyPackError(`it looks like the policy pack's dependencies are not installed; try running npm install or yarn install in "${dir}"`);
  }
}

/** One loaded pack: its process, client, info and config, as analyzer_plugin.go's `analyzer` keeps them. */
class Analyzer {
  constructor({ dir, child, client, project, rpcs }) {
    Object.assign(this, { dir, child, client, project, rpcs });
  }

  /** A unary RPC, recorded with the provider RPCs ({ plugin: "analyzer <dir>", method, request }), so order shows. */
  call(method, request) {
    this.rpcs.push({ plugin: `analyzer ${this.dir}`, method, request: describeRequest(request) });
    return unary(this.client, method, request);
  }

  /** GetAnalyzerInfo: the pack's name, version (PulumiPolicy.yaml's wins), policies with level and config schema. */
  async info() {
    const res = await this.call("getAnalyzerInfo", new emptyPb.Empty());
    this.name = res.getName();
    this.version = this.project.version || res.getVersion();
    this.supportsConfig = res.getSupportsconfig();
    this.policies = res.getPoliciesList().map((p) => ({
      name: p.getName(), enforcementLevel: LEVELS[p.getEnforcementlevel()], severity: SEVERITIES[p.getSeverity?.() ?? 0] ?? "",
      schema: p.getConfigschema() ? { properties: p.getConfigschema().getProperties()?.toJavaScript() ?? {}, required: p.getConfigschema().getRequiredList() } : undefined,
    }));
    this.initialConfig = Object.fromEntries(res.getInitialconfigMap().toArray().map(([k]) => {
      const c = res.getInitialconfigMap().get(k);
      return [k, { enforcementLevel: LEVELS[c.getEnforcementlevel()], properties: c.getProperties()?.toJavaScript() ?? {} }];
    }));
  }

  /** Configure (analyzer.Configure): one PolicyConfig per policy; nothing is sent for an empty config. */
  async configure(config) {
    if (Object.keys(config).length === 0) return;
    const req = new analyzerPb.ConfigureAnalyzerRequest();
    for (const [name, { enforcementLevel, properties }] of Object.entries(config)) {
      const c = new analyzerPb.PolicyConfig();
      c.setEnforcementlevel(LEVELS.indexOf(enforcementLevel));
      c.setProperties(structPb.Struct.fromJavaScript(properties ?? {}));
      req.getPolicyconfigMap().set(name, c);
    }
    await this.call("configure", req);
  }

  /** A diagnostic as the engine keeps it (convertDiagnostics), with the pack's version and the policy's severity. */
  diagnostic(d) {
    const policy = this.policies.find((p) => p.name === d.getPolicyname());
    let level = LEVELS[d.getEnforcementlevel()];
    if (level === "remediate") level = "mandatory"; // analyzeResource: a remediation that still fails is mandatory
    return {
      policyPackName: d.getPolicypackname() || this.name, policyPackVersion: this.version || d.getPolicypackversion(),
      policyName: d.getPolicyname(), message: d.getMessage(), enforcementLevel: level, urn: d.getUrn(),
      severity: SEVERITIES[d.getSeverity?.() ?? 0] || policy?.severity || "",
    };
  }

  stop() {
    this.client.close();
    return stopGroup(this.child);
  }
}

/** AnalyzerResourceOptions from what the step generator knows of the resource (analyzeAll's `Options`). */
function resourceOptions(options = {}) {
  const o = new analyzerPb.AnalyzerResourceOptions();
  o.setProtect(Boolean(options.protect));
  o.setIgnorechangesList(options.ignoreChanges ?? []);
  if (options.deleteBeforeReplace !== undefined) {
    o.setDeletebeforereplace(options.deleteBeforeReplace);
    o.setDeletebeforereplacedefined(true);
  }
  o.setAdditionalsecretoutputsList(options.additionalSecretOutputs ?? []);
  o.setParent(options.parent ?? "");
  return o;
}

/** AnalyzerProviderResource: the provider's URN, type, name and inputs (getProviderResource). */
function providerResource(state) {
  if (!state) return undefined;
  const p = new analyzerPb.AnalyzerProviderResource();
  p.setUrn(state.urn);
  p.setType(state.type);
  p.setName(state.urn.split("::").at(-1));
  p.setProperties(structPb.Struct.fromJavaScript(state.inputs ?? {}));
  return p;
}

/** The loaded packs of one run; `violations` is every policy violation event, in the order they arrived. */
export class PolicyPacks {
  violations = [];
  /** Packs that ran, for the display's Policies section: { name, version, localPath }. */
  packs = [];
  /** A mandatory violation was seen (the step generator's sawError): the run fails. */
  sawMandatory = false;

  constructor(analyzers) { this.analyzers = analyzers; this.packs = analyzers.map((a) => ({ name: a.name, version: a.version, localPath: a.localPath })); }

  /**
   * Loads every pack in parallel, as installAndLoadPolicyPlugins does; the first failure stops the others and is
   * the run's error. `packs`: [{ dir, config (file path) }].
   */
  static async load(packs, { engineAddress, env, project, stack, dryRun, stackConfig, onOutput = () => {}, rpcs = [] }) {
    const loaded = [];
    const results = await Promise.allSettled(packs.map(async ({ dir, config }) => {
      const analyzer = await startAnalyzer(dir, { engineAddress, env, project, stack, dryRun, stackConfig, onOutput, rpcs });
      loaded.push(analyzer);
      await analyzer.info();
      if (!analyzer.supportsConfig) {
        if (config) throw new PolicyPackError(`policy pack "${analyzer.name}" at "${dir}" does not support config`);
        return analyzer;
      }
      const { config: reconciled, errors } = reconcilePolicyConfig(analyzer.policies, analyzer.initialConfig, config ? loadPolicyConfigFile(config) : {});
      if (errors.length > 0) {
        const e = new PolicyPackError("validating policy config");
        e.lines = errors.map((m) => `${analyzer.name} ${analyzer.version}  ${m}`); // appendValidationErrors
        throw e;
      }
      await analyzer.configure(reconciled).catch((e) => {
        throw new PolicyPackError(`configuring policy pack "${analyzer.name}" at "${dir}": ${e.details ?? e.message}`);
      });
      return analyzer;
    }));
    const failed = results.find((r) => r.status === "rejected");
    if (failed) {
      await Promise.all(loaded.map((a) => a.stop()));
      throw failed.reason;
    }
    return new PolicyPacks(results.map((r) => r.value));
  }

  /**
   * analyzeResource: Analyze on every pack with the resource's checked inputs; each diagnostic is a violation
   * event. Resolves true when a mandatory one makes the resource invalid (never in a preview, which goes on and
   * fails at the end).
   */
  async analyze({ urn, type, name, properties, options, providerState, dryRun }) {
    let invalid = false;
    await Promise.all(this.analyzers.map(async (a) => {
      const req = new analyzerPb.AnalyzeRequest();
      req.setUrn(urn);
      req.setType(type);
      req.setName(name);
      req.setProperties(structPb.Struct.fromJavaScript(properties ?? {}));
      req.setOptions(resourceOptions(options));
      const provider = providerResource(providerState);
      if (provider) req.setProvider(provider);
      const res = await a.call("analyze", req).catch((e) => { throw new Error(`failed to run policy: ${e.details ?? e.message}`); });
      for (const d of res.getDiagnosticsList().map((x) => a.diagnostic(x))) {
        if (d.enforcementLevel === "mandatory") { this.sawMandatory = true; if (!dryRun) invalid = true; }
        this.violations.push({ ...d, urn });
      }
    }));
    return invalid;
  }

  /**
   * Deployment's seam before a step: a resource a mandatory violation made invalid fails with the step
   * generator's bail ("resource <urn> is invalid"), whose text the CLI does not print: the violation is the report.
   */
  async beforeStep(step) {
    if (await this.analyze(step)) {
      const e = new Error(`resource ${step.urn} is invalid`);
      e.lines = []; // already reported, as a policy violation; the program hears that the deployment stopped (engine.mjs)
      throw e;
    }
  }

  /**
   * AnalyzeResources: every resource of the new state with its outputs, parent and dependencies; a violation on a
   * URN outside the stack is filed under the stack (resolveStackPolicyViolationURN). UNIMPLEMENTED is no answer.
   */
  async analyzeStack(resources, stackUrn) {
    const byUrn = new Map(resources.map((r) => [r.urn, r]));
    const protos = resources.map((r) => {
      const res = new analyzerPb.AnalyzerResource();
      res.setUrn(r.urn);
      res.setType(r.type);
      res.setName(r.urn.split("::").at(-1));
      res.setProperties(structPb.Struct.fromJavaScript(r.outputs ?? {}));
      res.setOptions(resourceOptions({ parent: r.parent }));
      const providerUrn = r.provider ? r.provider.slice(0, r.provider.lastIndexOf("::")) : "";
      const provider = providerResource(byUrn.get(providerUrn));
      if (provider) res.setProvider(provider);
      res.setParent(r.parent ?? "");
      res.setDependenciesList(r.dependencies ?? []);
      for (const [key, urns] of Object.entries(r.propertyDependencies ?? {})) {
        if (urns.length === 0) continue;
        const deps = new analyzerPb.AnalyzerPropertyDependencies();
        deps.setUrnsList(urns);
        res.getPropertydependenciesMap().set(key, deps);
      }
      return res;
    });
    await Promise.all(this.analyzers.map(async (a) => {
      const req = new analyzerPb.AnalyzeStackRequest();
      req.setResourcesList(protos);
      let res;
      try {
        res = await a.call("analyzeStack", req);
      } catch (e) {
        if (e.code === grpc.status.UNIMPLEMENTED) return;
        throw new Error(`failed to analyze resources: ${e.details ?? e.message}`);
      }
      for (const d of res.getDiagnosticsList().map((x) => a.diagnostic(x))) {
        if (d.enforcementLevel === "mandatory") this.sawMandatory = true;
        this.violations.push({ ...d, urn: byUrn.has(d.urn) ? d.urn : stackUrn });
      }
    }));
  }

  /** Plugin.Close for every analyzer: the connection closed, SIGINT to its group, 5 s, SIGKILL to its group. */
  async stop() {
    return Promise.all(this.analyzers.map((a) => a.stop()));
  }
}

/**
 * NewPolicyAnalyzer: PulumiPolicy.yaml loaded, the pack started, Handshake (UNIMPLEMENTED is fine) and
 * ConfigureStack with the stack's identity and config (UNIMPLEMENTED is fine; another error closes the plugin).
 */
async function startAnalyzer(given, { engineAddress, env, project, stack, dryRun, stackConfig, onOutput, rpcs }) {
  const dir = path.resolve(given);
  const policyProject = loadPolicyProject(dir);
  const script = runPolicyPackScript(dir);
  const { child, port } = await launchPlugin({
    command: process.execPath, args: [script, engineAddress, "."], cwd: dir, env, label: `${dir} (analyzer)`,
    onOutput: (stream, text) => onOutput(stream, text),
  }).catch((e) => { throw new PolicyPackError(`policy pack "${dir}" failed to start: ${e.message}`); });
  const client = new analyzerRpc.AnalyzerClient(`127.0.0.1:${port}`, grpc.credentials.createInsecure());
  const analyzer = new Analyzer({ dir, child, client, project: policyProject, rpcs });
  analyzer.localPath = given; // as the user gave it, for the display (LocalPolicyPack.NameForEvents)
  const tolerate = (e) => { if (e.code !== grpc.status.UNIMPLEMENTED) throw e; };
  try {
    const handshake = new analyzerPb.AnalyzerHandshakeRequest();
    handshake.setEngineAddress(engineAddress);
    handshake.setRootDirectory(dir);
    handshake.setProgramDirectory(dir);
    await analyzer.call("handshake", handshake).catch(tolerate);
    const configure = new analyzerPb.AnalyzerStackConfigureRequest();
    configure.setStack(stack);
    configure.setProject(project.name);
    configure.setOrganization("organization");
    configure.setDryRun(dryRun);
    for (const [key, { value }] of stackConfig) configure.getConfigMap().set(key, value);
    configure.setConfigSecretKeysList([...stackConfig].filter(([, { secret }]) => secret).map(([k]) => k));
    await analyzer.call("configureStack", configure).catch(tolerate);
  } catch (e) {
    await analyzer.stop();
    throw new PolicyPackError(`policy pack "${dir}" failed to start: ${e.details ?? e.message}`);
  }
  return analyzer;
}
