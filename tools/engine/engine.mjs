// A test engine: it serves pulumirpc.ResourceMonitor and pulumirpc.Engine to a program, through Pulumi's
// generated stubs, and answers what pulumi/pulumi's engine answers (pkg/resource/deploy/source_eval.go):
// invokes, and custom resources through a Deployment (deployment.mjs) that plays the step generator and
// executor. Default providers are loaded on first use, from the project's plugins.providers or the plugin
// cache, and configured with the stack's config.
import { Deployment, monitorShutDown } from "./deployment.mjs";
import { enginePb, emptyPb, engineRpc, grpc, providerPb, resourcePb, resourceRpc, structPb } from "./stubs.mjs";
import { CheckFailureError, configurePlugin, providerInputs, resolvePlugin, startPlugin } from "./plugins.mjs";

/** Monitor features the real engine reports (resmon.supportsFeatureID). */
const FEATURES = new Set(["secrets", "resourceReferences", "outputValues", "aliasSpecs", "replacementTrigger", "deletedWith",
  "replaceWith", "transforms", "invokeTransforms", "parameterization", "resourceHooks", "errorHooks", "sendsOptionsToHooks"]);

const SEVERITY = ["debug", "info", "warning", "error"];

export class TestEngine {
  /**
   * Everything the run left behind, for assertions: engine log, invokes, provider loads, stack outputs, every
   * provider RPC ({ plugin, method, request }), the steps, and the problems the engine reported on resources.
   */
  record = { logs: [], invokes: [], providers: [], outputs: undefined, stackUrn: undefined, pluginOutput: [], rpcs: [], steps: [], diagnostics: [] };

  #server = new grpc.Server();
  #providers = new Map(); // "name@version" -> Promise<plugin>
  #rootUrn = "";

  constructor({ project, stack, stackConfig, dryRun, env, olds = [], beforeStep }) {
    Object.assign(this, { project, stack, stackConfig, dryRun, env });
    this.deployment = new Deployment({
      stack, projectName: project.name, dryRun, olds, beforeStep,
      provider: (name, version, url, inputs) => this.#provider(name, version, url, inputs),
    });
    this.record.steps = this.deployment.steps;
    this.record.diagnostics = this.deployment.diagnostics;
    this.#server.addService(resourceRpc.ResourceMonitorService, this.#monitor());
    this.#server.addService(engineRpc.EngineService, this.#engine());
  }

  async start() {
    const port = await new Promise((resolve, reject) =>
      this.#server.bindAsync("127.0.0.1:0", grpc.ServerCredentials.createInsecure(), (err, p) => (err ? reject(err) : resolve(p))));
    this.address = `127.0.0.1:${port}`;
    return this;
  }

  /** Stops every plugin the way the engine does at the end of a run, then the servers. */
  async stop() {
    for (const loading of this.#providers.values()) {
      const plugin = await loading.catch(() => null); // one whose load failed was stopped then
      if (plugin) this.record.providers.find((p) => p.plugin === plugin.plugin).exitCode = await plugin.plugin.stop();
    }
    await new Promise((resolve) => this.#server.tryShutdown(resolve));
  }

  urn(type, name) {
    return `urn:pulumi:${this.stack}::${this.project.name}::${type}::${name}`;
  }

  #log(severity, message, urn, source) {
    this.record.logs.push({ severity: SEVERITY[severity] ?? String(severity), message, urn, source });
  }

  #monitor() {
    const ok = (cb, value) => cb(null, value);
    const fail = (cb, code, details) => cb({ code, details });
    return {
      supportsFeature: (call, cb) => {
        const res = new resourcePb.SupportsFeatureResponse();
        res.setHassupport(FEATURES.has(call.request.getId()));
        ok(cb, res);
      },
      registerResource: (call, cb) => {
        const req = call.request;
        this.deployment.register(req).then((res) => {
          if (req.getType() === "pulumi:pulumi:Stack") this.record.stackUrn = res.getUrn();
          ok(cb, res);
        }, (e) => {
          // A failed step was reported on its resource (the CLI shows it there); the program only learns that the
          // deployment stopped, as from resmon.RegisterResource when the step's done channel never answers.
          if (e.reported) {
            this.deployment.cancel();
            e = monitorShutDown("resource monitor shut down while waiting on step's done channel");
          }
          fail(cb, e.grpcCode ?? grpc.status.UNKNOWN, e.grpcDetails ?? e.message);
        });
      },
      registerResourceOutputs: (call, cb) => {
        const outputs = call.request.getOutputs()?.toJavaScript() ?? {};
        this.deployment.registerOutputs(call.request.getUrn(), outputs);
        if (call.request.getUrn() === this.record.stackUrn) this.record.outputs = outputs;
        ok(cb, new emptyPb.Empty());
      },
      invoke: (call, cb) => this.#invoke(call.request).then((res) => ok(cb, res), (e) => fail(cb, grpc.status.UNKNOWN, e.message)),
      signalAndWaitForShutdown: (_call, cb) => ok(cb, new emptyPb.Empty()),
      getDeploymentInfo: (_c, cb) => fail(cb, grpc.status.UNIMPLEMENTED, "GetDeploymentInfo is not played by the test engine"),
      call: (_c, cb) => fail(cb, grpc.status.UNIMPLEMENTED, "Call is not played by the test engine"),
      readResource: (_c, cb) => fail(cb, grpc.status.UNIMPLEMENTED, "ReadResource is not played by the test engine"),
      existsResource: (_c, cb) => fail(cb, grpc.status.UNIMPLEMENTED, "ExistsResource is not played by the test engine"),
      registerStackTransform: (_c, cb) => fail(cb, grpc.status.UNIMPLEMENTED, "transforms are not played by the test engine"),
      registerStackInvokeTransform: (_c, cb) => fail(cb, grpc.status.UNIMPLEMENTED, "transforms are not played by the test engine"),
      registerResourceHook: (_c, cb) => fail(cb, grpc.status.UNIMPLEMENTED, "hooks are not played by the test engine"),
      registerErrorHook: (_c, cb) => fail(cb, grpc.status.UNIMPLEMENTED, "hooks are not played by the test engine"),
      registerPackage: (_c, cb) => fail(cb, grpc.status.UNIMPLEMENTED, "parameterized packages are not played by the test engine"),
    };
  }

  #engine() {
    return {
      log: (call, cb) => {
        const r = call.request;
        this.#log(r.getSeverity(), r.getMessage(), r.getUrn(), "engine.Log");
        cb(null, new emptyPb.Empty());
      },
      getRootResource: (_call, cb) => {
        const res = new enginePb.GetRootResourceResponse();
        res.setUrn(this.#rootUrn);
        cb(null, res);
      },
      setRootResource: (call, cb) => {
        this.#rootUrn = call.request.getUrn();
        cb(null, new enginePb.SetRootResourceResponse());
      },
      requirePulumiVersion: (_call, cb) => cb(null, new emptyPb.Empty()),
      startDebugging: (_c, cb) => cb({ code: grpc.status.UNIMPLEMENTED, details: "debugging is not played by the test engine" }),
    };
  }

  /** ResourceMonitor.Invoke: load the default provider, forward, answer with its return and failures. */
  async #invoke(req) {
    const tok = req.getTok();
    const pkg = tok.split(":")[0];
    this.record.invokes.push({ tok, version: req.getVersion(), pluginDownloadURL: req.getPlugindownloadurl(), args: req.getArgs()?.toJavaScript() ?? {} });
    let plugin;
    try {
      plugin = await this.deployment.defaultProvider(pkg, req.getVersion(), req.getPlugindownloadurl());
    } catch (e) {
      throw new Error(`Invoke: ${e.message}`);
    }
    const forward = new providerPb.InvokeRequest();
    forward.setTok(tok);
    forward.setArgs(req.getArgs() ?? new structPb.Struct());
    forward.setPreview(this.dryRun);
    let res;
    try {
      res = await plugin.plugin.call("invoke", forward);
    } catch (e) {
      throw new Error(`invocation of ${tok} returned an error: ${e.details ?? e.message}`);
    }
    const answer = new resourcePb.ResourceInvokeResponse();
    if (res.getReturn()) answer.setReturn(res.getReturn());
    answer.setFailuresList(res.getFailuresList());
    return answer;
  }

  #provider(name, version, pluginDownloadURL, inputs) {
    const key = `${name}@${version}`;
    if (!this.#providers.has(key)) this.#providers.set(key, this.#loadProvider(name, version, pluginDownloadURL, inputs));
    return this.#providers.get(key);
  }

  /**
   * A default provider (default_providers.go; its name `default` or `default_<version>`), started and
   * configured with the stack config, or with `inputs` (an old provider's, for refresh and destroy). A failing
   * CheckConfig is reported once, on the provider resource, as the CLI reports it.
   */
  async #loadProvider(name, version, pluginDownloadURL, inputs) {
    const found = resolvePlugin({ name, version, pluginDownloadURL, project: this.project, env: this.env });
    const plugin = await startPlugin({
      binary: found.path, engineAddress: this.address, cwd: this.project.programDir, env: this.env, rpcs: this.record.rpcs, name,
      onOutput: (stream, text) => this.record.pluginOutput.push({ stream, text }),
    });
    this.record.providers.push({ name, version, path: found.path, source: found.source, plugin });
    const urn = this.urn(`pulumi:providers:${name}`, `default${version ? "_" + version.replace(/[.-]/g, "_") : ""}`);
    try {
      const configured = await configurePlugin(plugin, {
        name, urn, inputs: inputs ?? providerInputs(name, version, this.stackConfig),
        engineAddress: this.address, programDir: this.project.programDir, rootDir: this.project.dir,
      });
      return { plugin, urn, ...configured };
    } catch (e) {
      if (e instanceof CheckFailureError) {
        for (const message of e.lines) this.record.diagnostics.push({ severity: "error", urn: e.urn, message });
        e.reported = true;
      }
      this.record.providers.at(-1).exitCode = await plugin.stop();
      throw e;
    }
  }
}
