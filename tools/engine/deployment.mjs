// One deployment as pulumi/pulumi's engine runs it for custom resources: the step generator decides a step from
// the provider's Check and Diff answers (pkg/resource/deploy/step_generator.go), each step calls the provider
// (pkg/resource/deploy/step.go), deletes run last in reverse dependency order, and the new state replaces the old
// (deployment_executor.go). Refresh, destroy and import play the same steps without a program.
import { randomUUID } from "node:crypto";
import { isDeepStrictEqual } from "node:util";
import { CheckFailureError } from "./plugins.mjs";
import * as rpcs from "./resource-rpcs.mjs";
import { providerReference } from "./state.mjs";
import { grpc, resourcePb, UNKNOWN } from "./stubs.mjs";

export const STACK = "pulumi:pulumi:Stack";

/** resmon's answer once the deployment is cancelled: codes.Unavailable with source_eval.go's words. */
export function monitorShutDown(details) {
  return Object.assign(new Error(details), { grpcCode: grpc.status.UNAVAILABLE, grpcDetails: details });
}
const isProviderType = (type) => type.startsWith("pulumi:providers:");
const { toStruct, plain, unwrap } = rpcs;

export class Deployment {
  /** Steps in the order they were decided: { op, urn, type, name }; ops are Pulumi's display.StepOp names. */
  steps = [];
  /** Problems the engine itself reports on a resource, as the CLI's Diagnostics section shows them. */
  diagnostics = [];
  #news = [];
  #olds;
  #registered = new Set();
  #condemned = []; // olds a create-before-delete replacement leaves for the delete phase
  #gone = new Set(); // olds already deleted (delete-before-replace)

  /**
   * @param {object} o
   * @param {boolean} o.dryRun  preview: providers are asked with preview=true, nothing is deleted, state is not written
   * @param {object[]} o.olds   the previous state's resources, in dependency order
   * @param {(pkg: string, version: string, pluginDownloadURL: string, inputs?: object) => Promise<object>} o.provider
   *   the default provider of a package: { plugin, urn, inputs, supportsPreview, acceptSecrets }
   * @param {(step: object) => Promise<void>} [o.beforeStep] called for each custom resource after Check, before its step
   *   is decided and executed, where pulumi/pulumi sends the resource to analyzers
   *   (step_generator.go, "Send the resource off to any Analyzers before being operated on"), with { urn, type, name,
   *   properties (checked inputs), options, providerState, dryRun, old }; throwing stops the step and fails the
   *   resource. Policy packs (analyzers.mjs) plug Analyze in here.
   */
  constructor({ stack, projectName, dryRun, olds, provider, beforeStep = async () => {} }) {
    Object.assign(this, { stack, projectName, dryRun, provider, beforeStep });
    this.#olds = new Map(olds.map((r) => [r.urn, r]));
    this.stackUrn = this.urnOf(STACK, `${projectName}-${stack}`, "");
  }

  /** resource.NewURN: a parent other than the stack prefixes its type to the child's (`parent$child`). */
  urnOf(type, name, parent) {
    const parentType = parent ? parent.split("::")[2] : "";
    const qualified = parentType && parentType !== STACK ? `${parentType}$${type}` : type;
    return `urn:pulumi:${this.stack}::${this.projectName}::${qualified}::${name}`;
  }

  #step(op, res) {
    this.steps.push({ op, urn: res.urn, type: res.type, name: res.urn.split("::").at(-1) });
  }

  /**
   * How the resource steps call a provider for one resource: the RPC recorded, and a gRPC error made that
   * resource's failure, reported on it with the provider's words.
   */
  #caller(prov, urn) {
    return async (method, request) => {
      try {
        return await prov.plugin.call(method, request);
      } catch (e) {
        return this.#fail(urn, e.reported || e.details === undefined ? e : new Error(e.details));
      }
    };
  }

  #fail(urn, e) {
    for (const message of e.lines ?? [e.message]) this.diagnostics.push({ severity: "error", urn, message });
    e.reported = true;
    throw e;
  }

  /**
   * The default provider of a package for a resource or an invoke (default_providers.go getDefaultProviderRef /
   * newRegisterDefaultProviderEvent), whose resource joins the new state once, before its first user.
   */
  defaultProvider(pkg, version, pluginDownloadURL) {
    return this.#defaultProvider(pkg, version, pluginDownloadURL);
  }

  async #defaultProvider(pkg, version, pluginDownloadURL, inputs, { register = true } = {}) {
    const prov = await this.provider(pkg, version, pluginDownloadURL, inputs);
    if (!register) return prov;
    if (!this.#registered.has(prov.urn)) {
      this.#registered.add(prov.urn);
      const old = this.#olds.get(prov.urn);
      const same = old && isDeepStrictEqual(unwrap(old.inputs), unwrap(prov.inputs));
      // providers/registry.go Create: a fresh UUID, unknown in a preview.
      const id = same ? old.id : this.dryRun ? UNKNOWN : randomUUID();
      const type = `pulumi:providers:${pkg}`;
      prov.state = { urn: prov.urn, custom: true, id, type, inputs: prov.inputs, outputs: prov.inputs };
      this.#step(!old ? "create" : same ? "same" : "update", prov.state);
      this.#news.push(prov.state);
    }
    prov.reference = providerReference(prov.urn, prov.state.id);
    return prov;
  }

  /**
   * A step failed: step_executor.go cancelDueToError cancels the deployment (no --continue-on-error here), and
   * deployment_executor.go Execute then cancels the source (resmon.Cancel closes rm.cancel), so every registration
   * still waiting, and every one sent after, is answered Unavailable (source_eval.go resmon.RegisterResource).
   */
  cancel() {
    this.cancelled = true;
  }

  /** ResourceMonitor.RegisterResource (source_eval.go resmon.RegisterResource) through the step generator and executor. */
  async register(req) {
    if (this.cancelled) throw monitorShutDown("resource monitor shut down while sending resource registration");
    const type = req.getType(), name = req.getName();
    const parent = req.getParent() || (type === STACK ? "" : this.stackUrn);
    const urn = this.urnOf(type, name, parent);
    if (this.#registered.has(urn)) this.#fail(urn, new Error(`Duplicate resource URN '${urn}'; try giving it a unique name`));
    this.#registered.add(urn);
    const goal = {
      urn, type, parent, custom: req.getCustom(), inputs: plain(req.getObject()),
      dependencies: req.getDependenciesList(),
      propertyDependencies: Object.fromEntries(req.getPropertydependenciesMap().toArray().map(([k, v]) => [k, v[0] ?? []])),
    };
    const state = goal.custom ? await this.#registerCustom(req, goal) : await this.#registerComponent(req, goal);
    // resmon.RegisterResource's answer: urn, id, the outputs and the property dependencies of the new state.
    const res = new resourcePb.RegisterResourceResponse();
    res.setUrn(urn);
    if (state.id && state.id !== UNKNOWN) res.setId(state.id);
    res.setObject(toStruct(goal.custom ? state.outputs : {}));
    for (const [key, urns] of Object.entries(goal.propertyDependencies)) {
      const deps = new resourcePb.RegisterResourceResponse.PropertyDependencies();
      deps.setUrnsList(urns);
      res.getPropertydependenciesMap().set(key, deps);
    }
    return res;
  }

  /** The seam before a step (beforeStep); what it throws fails the resource. */
  async #analyze(urn, step) {
    try {
      await this.beforeStep({ ...step, name: urn.split("::").at(-1), dryRun: this.dryRun });
    } catch (e) {
      this.#fail(urn, e);
    }
  }

  /** The resource options an analyzer sees (step_generator.go analyzeAll: AnalyzerResourceOptions). */
  #options(req, goal) {
    return {
      parent: goal.parent, protect: req.getProtect(), ignoreChanges: req.getIgnorechangesList(),
      deleteBeforeReplace: req.getDeletebeforereplacedefined() ? req.getDeletebeforereplace() : undefined,
      additionalSecretOutputs: req.getAdditionalsecretoutputsList(),
    };
  }

  /** Component resources (the stack among them) have no provider: same or update by their inputs alone (diff()). */
  async #registerComponent(req, goal) {
    const old = this.#olds.get(goal.urn);
    const op = !old ? "create" : isDeepStrictEqual(unwrap(old.inputs ?? {}), unwrap(goal.inputs)) ? "same" : "update";
    const state = { ...goal, custom: false, outputs: old?.outputs ?? {} };
    this.#step(op, state);
    this.#news.push(state);
    return { op };
  }

  async #registerCustom(req, goal) {
    const { urn, type } = goal;
    const name = urn.split("::").at(-1);
    if (isProviderType(type) || req.getProvider()) {
      this.#fail(urn, new Error(`${type} ${name}: explicit provider resources are not played by the test engine (default providers only)`));
    }
    let prov;
    try {
      prov = await this.#defaultProvider(type.split(":")[0], req.getVersion(), req.getPlugindownloadurl());
    } catch (e) {
      if (!e.reported && e instanceof CheckFailureError) this.#fail(e.urn, e);
      throw e;
    }
    const old = this.#olds.get(urn);

    // generateResourceSteps: Check with the old inputs (none for a new resource) and the program's inputs.
    const call = this.#caller(prov, urn);
    const { inputs, failures } = await rpcs.check(call, prov, goal, old?.inputs, goal.inputs);
    if (failures.length > 0) this.#fail(urn, new CheckFailureError(type, name, urn, failures, goal.inputs));

    await this.#analyze(urn, { urn, type, properties: inputs, options: this.#options(req, goal), providerState: prov.state, provider: prov.reference, old });

    const state = { ...goal, inputs, provider: prov.reference };
    let op = "create";
    let diff;
    if (old) {
      diff = await rpcs.diff(call, prov, old, state);
      op = diff.changes !== rpcs.DIFF_SOME ? "same" : diff.replaces.length === 0 ? "update" : "replace";
    }
    try {
      if (op === "same") Object.assign(state, { id: old.id, outputs: old.outputs });
      else if (op === "update") Object.assign(state, { id: old.id, outputs: await rpcs.update(call, prov, old, state, this.dryRun) });
      else if (op === "create") Object.assign(state, await rpcs.create(call, prov, state, this.dryRun));
      else await this.#replace(call, prov, old, state, diff.deleteBeforeReplace);
    } catch (e) {
      if (!e.reported) this.#fail(urn, e);
      throw e;
    }
    if (op !== "replace") this.#step(op, state);
    this.#news.push(state);
    return { ...state, op };
  }

  /**
   * continueStepsFromDiff's replacement: create-before-delete by default (the old one is deleted after every
   * create and update, in the delete phase); delete-before-replace when the provider's Diff asks for it.
   */
  async #replace(call, prov, old, state, deleteBeforeReplace) {
    if (deleteBeforeReplace) {
      this.#step("delete-replaced", old);
      if (!this.dryRun) await this.#delete(prov, old);
      this.#gone.add(old.urn);
      this.#step("replace", state);
      Object.assign(state, await rpcs.create(call, prov, state, this.dryRun));
      this.#step("create-replacement", state);
    } else {
      Object.assign(state, await rpcs.create(call, prov, state, this.dryRun));
      this.#step("create-replacement", state);
      this.#step("replace", state);
      this.#condemned.push(old);
    }
  }

  /** DeleteStep.Apply for an old resource, with the provider that manages it. */
  async #delete(prov, old) {
    await rpcs.remove(this.#caller(prov, old.urn), prov, old);
  }

  /** The provider an old resource was managed by, from its provider reference and that provider's old inputs. */
  async #oldProvider(old) {
    const providerUrn = old.provider.slice(0, old.provider.lastIndexOf("::"));
    const providerState = this.#olds.get(providerUrn);
    const pkg = providerUrn.split("::")[2].slice("pulumi:providers:".length);
    return this.#defaultProvider(pkg, providerState?.inputs?.version ?? "", "", providerState?.inputs, { register: false });
  }

  /** ResourceMonitor.RegisterResourceOutputs: the stack's (or a component's) outputs. */
  registerOutputs(urn, outputs) {
    const state = this.#news.find((r) => r.urn === urn);
    if (state) state.outputs = outputs;
  }

  /**
   * After the program: the delete phase (GenerateDeletes, then ScheduleDeletes: reverse dependency order, which is
   * the reverse of the state's order) for every old resource the program no longer registers and every one a
   * replacement condemned. A failed program deletes nothing. Resolves with the new state's resources.
   */
  async finish({ failed = false } = {}) {
    const untouched = [...this.#olds.values()].filter((r) => !this.#registered.has(r.urn) && !this.#gone.has(r.urn));
    if (failed) return [...this.#news, ...untouched, ...this.#condemned];
    const condemned = new Set([...untouched, ...this.#condemned]);
    const order = [...this.#olds.values()].reverse();
    for (const old of order.filter((r) => condemned.has(r))) {
      this.#step(this.#condemned.includes(old) ? "delete-replaced" : "delete", old);
      if (!this.dryRun && old.custom && !isProviderType(old.type)) await this.#delete(await this.#oldProvider(old), old);
    }
    return this.#news;
  }

  /** `pulumi destroy`: every old resource deleted, dependents first. */
  async destroy() {
    for (const old of [...this.#olds.values()].reverse()) {
      this.#step("delete", old);
      if (!this.dryRun && old.custom && !isProviderType(old.type)) await this.#delete(await this.#oldProvider(old), old);
    }
    return [];
  }

  /**
   * `pulumi refresh` (RefreshStep.Apply): Read(id, urn, properties = old outputs, inputs = old inputs) for each
   * custom resource; an empty id means the resource is gone and it leaves the state.
   */
  async refresh() {
    const resources = [];
    for (const old of this.#olds.values()) {
      if (!old.custom || isProviderType(old.type)) { resources.push(old); continue; }
      const prov = await this.#oldProvider(old);
      const res = await rpcs.read(this.#caller(prov, old.urn), prov, old, old.id, { outputs: old.outputs, inputs: old.inputs });
      if (!res.id) { this.#step("delete", old); continue; }
      const refreshed = { ...old, id: res.id, outputs: rpcs.annotateSecrets(res.outputs ?? {}, old.inputs), inputs: res.inputs ?? old.inputs };
      this.#step(isDeepStrictEqual(refreshed.outputs, old.outputs) ? "same" : "update", old);
      resources.push(refreshed);
    }
    return resources;
  }

  /**
   * `pulumi import <type> <name> <id>` (a planned ImportStep.Apply): Read(id) with no inputs, then Check(olds =
   * news = the inputs Read returned), whose failures are warnings; the resource joins the state under the stack.
   */
  async import({ type, name, id, version = "", pluginDownloadURL = "" }) {
    const resources = [...this.#olds.values()];
    if (!this.#olds.has(this.stackUrn)) {
      const stackState = { urn: this.stackUrn, custom: false, type: STACK, outputs: {} };
      this.#step("create", stackState);
      resources.push(stackState);
    }
    const urn = this.urnOf(type, name, this.stackUrn);
    if (this.#olds.has(urn)) this.#fail(urn, new Error(`resource '${urn}' already exists`));
    const prov = await this.#defaultProvider(type.split(":")[0], version, pluginDownloadURL);
    if (!this.#olds.has(prov.urn)) resources.push(prov.state);
    const call = this.#caller(prov, urn);
    const res = await rpcs.read(call, prov, { urn, type }, id);
    if (!res.outputs || !res.id) this.#fail(urn, new Error(`resource '${id}' does not exist`));
    if (!res.inputs) this.#fail(urn, new Error(`provider does not support importing resources; please try updating the '${type.split(":")[0]}' plugin`));
    const { failures } = await rpcs.check(call, prov, { urn, type }, res.inputs, res.inputs);
    for (const line of failures.length ? new CheckFailureError(type, name, urn, failures, res.inputs).lines : []) {
      this.diagnostics.push({ severity: "warning", urn, message: line });
    }
    const state = { urn, custom: true, id: res.id, type, inputs: res.inputs, outputs: res.outputs, parent: this.stackUrn, provider: prov.reference };
    this.#step("import", state);
    resources.push(state);
    return resources;
  }
}
