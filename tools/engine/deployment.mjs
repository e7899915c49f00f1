// One deployment as pulumi/pulumi's engine runs it for custom resources: the step generator decides a step from
// the provider's Check and Diff answers (pkg/resource/deploy/step_generator.go), each step calls the provider
// (pkg/resource/deploy/step.go), deletes run last in reverse dependency order, and the new state replaces the old
// (deployment_executor.go). Refresh, destroy and import play the same steps without a program.
import { randomBytes, randomUUID } from "node:crypto";
import { isDeepStrictEqual } from "node:util";
import { CheckFailureError } from "./plugins.mjs";
import { providerReference } from "./state.mjs";
import { isSecret, providerPb, resourcePb, secret, structPb, UNKNOWN } from "./stubs.mjs";

export const STACK = "pulumi:pulumi:Stack";
const DIFF_UNKNOWN = 0, DIFF_SOME = 2;
const isProviderType = (type) => type.startsWith("pulumi:providers:");
const toStruct = (v) => structPb.Struct.fromJavaScript(v ?? {});
const plain = (struct) => struct?.toJavaScript() ?? {};

/** A value with secret markers removed (step_generator.go unwrapResourceSecretsAndOutputs), for comparisons. */
const unwrap = (v) => (isSecret(v) ? unwrap(v.value) : Array.isArray(v) ? v.map(unwrap)
  : v && typeof v === "object" ? Object.fromEntries(Object.entries(v).map(([k, x]) => [k, unwrap(x)])) : v);

/** A provider that did not accept secrets gets them as plain values (provider_plugin.go MarshalOptions.KeepSecrets). */
const wire = (prov, v) => toStruct(prov.acceptSecrets ? v : unwrap(v));

/** Outputs keep the secretness of the inputs of the same name (provider_plugin.go annotateSecrets). */
const annotateSecrets = (outputs, inputs) => Object.fromEntries(Object.entries(outputs).map(([k, v]) =>
  [k, isSecret(inputs?.[k]) && !isSecret(v) ? secret(v) : v]));

/** A resource RPC's request, naming the resource as every one does: urn, name, type, and the id when it has one. */
function resourceRequest(Request, { urn, type }, id) {
  const req = new Request();
  req.setUrn(urn);
  req.setName(urn.split("::").at(-1));
  req.setType(type);
  if (id !== undefined) req.setId(id);
  return req;
}

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
   * @param {(step: object) => Promise<void>} [o.beforeStep] called after Check and before the step is decided and
   *   executed, where pulumi/pulumi sends the resource to analyzers (step_generator.go, "Send the resource off to
   *   any Analyzers before being operated on"); throwing stops the step and fails the resource. The policy work
   *   plugs Analyze in here.
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

  /** A provider RPC for a resource; a gRPC error is the resource's failure, reported on it with the provider's words. */
  async #rpc(prov, urn, method, request) {
    try {
      return await prov.plugin.call(method, request);
    } catch (e) {
      return this.#fail(urn, e.reported || e.details === undefined ? e : new Error(e.details));
    }
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
      prov.state = { urn: prov.urn, custom: true, id, type: `pulumi:providers:${pkg}`, inputs: prov.inputs, outputs: prov.inputs };
      this.#step(!old ? "create" : same ? "same" : "update", prov.state);
      this.#news.push(prov.state);
    }
    prov.reference = providerReference(prov.urn, prov.state.id);
    return prov;
  }

  /** ResourceMonitor.RegisterResource (source_eval.go resmon.RegisterResource) through the step generator and executor. */
  async register(req) {
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
    const state = goal.custom ? await this.#registerCustom(req, goal) : this.#registerComponent(goal);
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

  /** Component resources (the stack among them) have no provider: same or update by their inputs alone (diff()). */
  #registerComponent(goal) {
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
    const check = resourceRequest(providerPb.CheckRequest, goal);
    check.setOlds(wire(prov, old?.inputs));
    check.setNews(wire(prov, goal.inputs));
    check.setRandomseed(randomBytes(32));
    const checked = await this.#rpc(prov, urn, "check", check);
    const failures = checked.getFailuresList().map((f) => ({ property: f.getProperty(), reason: f.getReason() }));
    if (failures.length > 0) this.#fail(urn, new CheckFailureError(type, name, urn, failures, goal.inputs));
    const inputs = checked.getInputs() ? annotateSecrets(plain(checked.getInputs()), goal.inputs) : goal.inputs;

    try {
      await this.beforeStep({ urn, type, name, properties: inputs, provider: prov.reference, dryRun: this.dryRun, old });
    } catch (e) {
      this.#fail(urn, e);
    }

    const state = { ...goal, inputs, provider: prov.reference };
    let op = "create";
    let diff;
    if (old) {
      diff = await this.#diff(prov, old, state);
      op = diff.changes !== DIFF_SOME ? "same" : diff.replaces.length === 0 ? "update" : "replace";
    }
    try {
      if (op === "same") Object.assign(state, { id: old.id, outputs: old.outputs });
      else if (op === "update") Object.assign(state, { id: old.id, outputs: await this.#update(prov, old, state) });
      else if (op === "create") Object.assign(state, await this.#create(prov, state));
      else await this.#replace(prov, old, state, diff.deleteBeforeReplace);
    } catch (e) {
      if (!e.reported) this.#fail(urn, e);
      throw e;
    }
    if (op !== "replace") this.#step(op, state);
    this.#news.push(state);
    return { ...state, op };
  }

  /** diffResource: the provider's Diff; DIFF_UNKNOWN becomes a comparison of old and new inputs. */
  async #diff(prov, old, state) {
    const req = resourceRequest(providerPb.DiffRequest, state, old.id);
    req.setOlds(wire(prov, old.outputs));
    req.setNews(wire(prov, state.inputs));
    req.setOldInputs(wire(prov, old.inputs));
    const res = await this.#rpc(prov, state.urn, "diff", req);
    let changes = res.getChanges();
    if (changes === DIFF_UNKNOWN) changes = isDeepStrictEqual(unwrap(old.inputs), unwrap(state.inputs)) ? 1 : DIFF_SOME;
    return { changes, replaces: res.getReplacesList(), deleteBeforeReplace: res.getDeletebeforereplace() };
  }

  /**
   * continueStepsFromDiff's replacement: create-before-delete by default (the old one is deleted after every
   * create and update, in the delete phase); delete-before-replace when the provider's Diff asks for it.
   */
  async #replace(prov, old, state, deleteBeforeReplace) {
    if (deleteBeforeReplace) {
      this.#step("delete-replaced", old);
      if (!this.dryRun) await this.#delete(prov, old);
      this.#gone.add(old.urn);
      this.#step("replace", state);
      Object.assign(state, await this.#create(prov, state));
      this.#step("create-replacement", state);
    } else {
      Object.assign(state, await this.#create(prov, state));
      this.#step("create-replacement", state);
      this.#step("replace", state);
      this.#condemned.push(old);
    }
  }

  /**
   * CreateStep.Apply through provider_plugin.go Create: in a preview a provider that did not answer
   * supportsPreview is not called and its inputs stand for its state; otherwise Create(preview).
   */
  async #create(prov, state) {
    if (this.dryRun && !prov.supportsPreview) return { id: "", outputs: state.inputs };
    const req = resourceRequest(providerPb.CreateRequest, state);
    req.setProperties(wire(prov, state.inputs));
    req.setPreview(this.dryRun);
    const res = await this.#rpc(prov, state.urn, "create", req);
    if (!this.dryRun && !res.getId()) throw new Error(`provider did not return an ID from Create of ${state.urn}`);
    return { id: res.getId(), outputs: annotateSecrets(plain(res.getProperties()), state.inputs) };
  }

  /** UpdateStep.Apply through provider_plugin.go Update: the same preview rule as Create. */
  async #update(prov, old, state) {
    if (this.dryRun && !prov.supportsPreview) return state.inputs;
    const req = resourceRequest(providerPb.UpdateRequest, state, old.id);
    req.setOlds(wire(prov, old.outputs));
    req.setNews(wire(prov, state.inputs));
    req.setOldInputs(wire(prov, old.inputs));
    req.setPreview(this.dryRun);
    const res = await this.#rpc(prov, state.urn, "update", req);
    return annotateSecrets(plain(res.getProperties()), state.inputs);
  }

  /** DeleteStep.Apply: Delete(id, urn, properties = old outputs, old_inputs). */
  async #delete(prov, old) {
    const req = resourceRequest(providerPb.DeleteRequest, old, old.id);
    req.setProperties(wire(prov, old.outputs));
    req.setOldInputs(wire(prov, old.inputs));
    await this.#rpc(prov, old.urn, "delete", req);
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
      const req = resourceRequest(providerPb.ReadRequest, old, old.id);
      req.setProperties(wire(prov, old.outputs));
      req.setInputs(wire(prov, old.inputs));
      const res = await this.#rpc(prov, old.urn, "read", req);
      if (!res.getId()) { this.#step("delete", old); continue; }
      const refreshed = { ...old, id: res.getId(), outputs: annotateSecrets(plain(res.getProperties()), old.inputs), inputs: res.getInputs() ? plain(res.getInputs()) : old.inputs };
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
    const res = await this.#rpc(prov, urn, "read", resourceRequest(providerPb.ReadRequest, { urn, type }, id));
    if (!res.getProperties() || !res.getId()) this.#fail(urn, new Error(`resource '${id}' does not exist`));
    if (!res.getInputs()) this.#fail(urn, new Error(`provider does not support importing resources; please try updating the '${type.split(":")[0]}' plugin`));
    const inputs = plain(res.getInputs());
    const check = resourceRequest(providerPb.CheckRequest, { urn, type });
    check.setOlds(wire(prov, inputs));
    check.setNews(wire(prov, inputs));
    check.setRandomseed(randomBytes(32));
    const checked = await this.#rpc(prov, urn, "check", check);
    const failures = checked.getFailuresList().map((f) => ({ property: f.getProperty(), reason: f.getReason() }));
    for (const line of failures.length ? new CheckFailureError(type, name, urn, failures, inputs).lines : []) {
      this.diagnostics.push({ severity: "warning", urn, message: line });
    }
    const state = { urn, custom: true, id: res.getId(), type, inputs, outputs: plain(res.getProperties()), parent: this.stackUrn, provider: prov.reference };
    this.#step("import", state);
    resources.push(state);
    return resources;
  }
}
