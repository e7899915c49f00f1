// The provider RPCs of the resource steps, with the fields pulumi/pulumi's engine sends (pkg/resource/plugin/
// provider_plugin.go, the engine's client of every provider RPC): each takes `call(method, request)`, the
// deployment's way of making and recording one RPC for one resource, and the provider's Configure answers.
import { randomBytes } from "node:crypto";
import { isDeepStrictEqual } from "node:util";
import { isSecret, providerPb, secret, structPb } from "./stubs.mjs";

const DIFF_UNKNOWN = 0, DIFF_NONE = 1;
export const DIFF_SOME = 2;
export const toStruct = (v) => structPb.Struct.fromJavaScript(v ?? {});
export const plain = (struct) => struct?.toJavaScript() ?? {};

/** A value with secret markers removed (step_generator.go unwrapResourceSecretsAndOutputs), for comparisons. */
export const unwrap = (v) => (isSecret(v) ? unwrap(v.value) : Array.isArray(v) ? v.map(unwrap)
  : v && typeof v === "object" ? Object.fromEntries(Object.entries(v).map(([k, x]) => [k, unwrap(x)])) : v);

/** A provider that did not accept secrets gets them as plain values (provider_plugin.go MarshalOptions.KeepSecrets). */
const wire = (prov, v) => toStruct(prov.acceptSecrets ? v : unwrap(v));

/** Outputs keep the secretness of the inputs of the same name (provider_plugin.go annotateSecrets). */
export const annotateSecrets = (outputs, inputs) => Object.fromEntries(Object.entries(outputs).map(([k, v]) =>
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

/** Check(urn, olds, news, name, type, randomSeed): the checked inputs (secretness restored) and the failures. */
export async function check(call, prov, resource, olds, news) {
  const req = resourceRequest(providerPb.CheckRequest, resource);
  req.setOlds(wire(prov, olds));
  req.setNews(wire(prov, news));
  req.setRandomseed(randomBytes(32));
  const res = await call("check", req);
  return {
    inputs: res.getInputs() ? annotateSecrets(plain(res.getInputs()), news) : news,
    failures: res.getFailuresList().map((f) => ({ property: f.getProperty(), reason: f.getReason() })),
  };
}

/** step_generator.go diffResource: the provider's Diff; DIFF_UNKNOWN becomes a comparison of old and new inputs. */
export async function diff(call, prov, old, state) {
  const req = resourceRequest(providerPb.DiffRequest, state, old.id);
  req.setOlds(wire(prov, old.outputs));
  req.setNews(wire(prov, state.inputs));
  req.setOldInputs(wire(prov, old.inputs));
  const res = await call("diff", req);
  let changes = res.getChanges();
  if (changes === DIFF_UNKNOWN) changes = isDeepStrictEqual(unwrap(old.inputs), unwrap(state.inputs)) ? DIFF_NONE : DIFF_SOME;
  return { changes, replaces: res.getReplacesList(), deleteBeforeReplace: res.getDeletebeforereplace() };
}

/**
 * CreateStep.Apply through provider_plugin.go Create: in a preview a provider that did not answer
 * supportsPreview is not called and its inputs stand for its state; otherwise Create(preview).
 */
export async function create(call, prov, state, dryRun) {
  if (dryRun && !prov.supportsPreview) return { id: "", outputs: state.inputs };
  const req = resourceRequest(providerPb.CreateRequest, state);
  req.setProperties(wire(prov, state.inputs));
  req.setPreview(dryRun);
  const res = await call("create", req);
  if (!dryRun && !res.getId()) throw new Error(`provider did not return an ID from Create of ${state.urn}`);
  return { id: res.getId(), outputs: annotateSecrets(plain(res.getProperties()), state.inputs) };
}

/** UpdateStep.Apply through provider_plugin.go Update: the same preview rule as Create. */
export async function update(call, prov, old, state, dryRun) {
  if (dryRun && !prov.supportsPreview) return state.inputs;
  const req = resourceRequest(providerPb.UpdateRequest, state, old.id);
  req.setOlds(wire(prov, old.outputs));
  req.setNews(wire(prov, state.inputs));
  req.setOldInputs(wire(prov, old.inputs));
  req.setPreview(dryRun);
  const res = await call("update", req);
  return annotateSecrets(plain(res.getProperties()), state.inputs);
}

/** DeleteStep.Apply: Delete(id, urn, properties = old outputs, old_inputs). */
export async function remove(call, prov, old) {
  const req = resourceRequest(providerPb.DeleteRequest, old, old.id);
  req.setProperties(wire(prov, old.outputs));
  req.setOldInputs(wire(prov, old.inputs));
  await call("delete", req);
}

/** Read(id, urn, properties, inputs) as RefreshStep sends it, or with no state as an ImportStep does. */
export async function read(call, prov, resource, id, { outputs, inputs } = {}) {
  const req = resourceRequest(providerPb.ReadRequest, resource, id);
  if (outputs) req.setProperties(wire(prov, outputs));
  if (inputs) req.setInputs(wire(prov, inputs));
  const res = await call("read", req);
  return {
    id: res.getId(),
    outputs: res.getProperties() ? plain(res.getProperties()) : undefined,
    inputs: res.getInputs() ? plain(res.getInputs()) : undefined,
  };
}
