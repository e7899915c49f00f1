// Conformance of the PinnedImage resource: every resource RPC through Pulumi's own provider stubs, sent as the
// engine sends them (pulumi/pulumi pkg/resource/plugin/provider_plugin.go: Check with olds/news, Diff with
// olds = old outputs, old_inputs and news, Create/Update with preview, Read with the state or only the id on
// import, Delete), against the AOT plugin and the emulator process. A fresh Configure plays a new preview/up.
import { describe, it, before, after, beforeEach } from "node:test";
import assert from "node:assert/strict";
import {
  startSuite, stopSuite, startEmulator, startFakeEngine, startPlugin, call, configure, configFor, toStruct, providerPb, secret, SIG_KEY, SECRET_SIG, UNKNOWN, transcript,
} from "./harness.mjs";
import { expectedImages, catalog } from "./oracle.mjs";

const TYPE = "modelarts:index:PinnedImage";
const urnOf = (name) => `urn:pulumi:dev::proj::${TYPE}::${name}`;
const WARNING = 2;
const NOTEBOOK = { name: "pytorch", arch: "X86_64", resourceCategories: ["GPU"], devServices: ["NOTEBOOK"], mostRecent: true };
let emulator, engine, plugin;

before(async () => ({ emulator, engine, plugin } = await startSuite()));
after(() => stopSuite({ plugin, emulator, engine }));

/** A new preview or up: the engine configures a fresh provider, so listings are not kept from the last run. */
const newRun = (overrides = {}) => configure(plugin.client, configFor(emulator.url, overrides));

beforeEach(async () => {
  await emulator.reset();
  engine.logs.length = 0;
  await newRun();
});

function request(Type, fields) {
  const req = new providerPb[Type]();
  for (const [setter, value] of Object.entries(fields)) req[setter](value);
  return req;
}

async function check(name, news, olds = {}) {
  const res = await call(plugin.client, "check", request("CheckRequest", { setUrn: urnOf(name), setName: name, setType: TYPE, setOlds: toStruct(olds), setNews: toStruct(news) }));
  return { inputs: res.getInputs()?.toJavaScript(), failures: res.getFailuresList().map((f) => ({ property: f.getProperty(), reason: f.getReason() })) };
}

async function create(name, inputs, { preview = false } = {}) {
  const res = await call(plugin.client, "create", request("CreateRequest", { setUrn: urnOf(name), setName: name, setType: TYPE, setProperties: toStruct(inputs), setPreview: preview }));
  return { id: res.getId(), outputs: res.getProperties().toJavaScript() };
}

/** Check then Create, as the engine does for a new resource; returns what the state file would keep. */
async function pin(name, news) {
  const { inputs, failures } = await check(name, news);
  assert.deepEqual(failures, []);
  const { id, outputs } = await create(name, inputs);
  return { name, id, inputs, outputs };
}

async function diff(state, news) {
  const res = await call(plugin.client, "diff", request("DiffRequest", {
    setId: state.id, setUrn: urnOf(state.name), setName: state.name, setType: TYPE,
    setOlds: toStruct(state.outputs), setOldInputs: toStruct(state.inputs), setNews: toStruct(news),
  }));
  const kinds = {};
  res.getDetaileddiffMap().forEach((v, k) => { kinds[k] = v.getKind(); });
  return { changes: res.getChanges(), replaces: res.getReplacesList(), diffs: res.getDiffsList(), kinds };
}

async function read(name, id, outputs = {}, inputs = {}) {
  const res = await call(plugin.client, "read", request("ReadRequest", { setId: id, setUrn: urnOf(name), setName: name, setType: TYPE, setProperties: toStruct(outputs), setInputs: toStruct(inputs) }));
  return { id: res.getId(), outputs: res.getProperties()?.toJavaScript(), inputs: res.getInputs()?.toJavaScript() };
}

const warnings = () => engine.logs.filter((l) => l.severity === WARNING).map((l) => l.message);
const label = (i) => `${i.name}:${i.tag} (${i.id})`;
const DIFF_NONE = providerPb.DiffResponse.DiffChanges.DIFF_NONE;
const DIFF_SOME = providerPb.DiffResponse.DiffChanges.DIFF_SOME;

/** Publishes an image like the one given, newer than everything in the catalog. */
async function publishNewerThan(image, id) {
  const newest = Math.max(...catalog.map((i) => i.create_at ?? 0));
  return emulator.publish({ ...image, id, tag: `${image.tag}-next`, swr_path: `${image.swr_path}-next`, create_at: newest + 86_400_000 });
}

describe("Check", () => {
  it("reports each bad input as a failure on its property, and the other inputs pass", async () => {
    const { failures } = await check("bad", { nmae: "pytorch", arch: "x86", nameRegex: "(", keepers: { build: 7 }, statuses: "ACTIVE", name: "pytorch" });
    assert.deepEqual(failures.map((f) => f.property), ["arch", "keepers", "nameRegex", "nmae", "statuses"]);
    assert.match(failures.find((f) => f.property === "nmae").reason, /did you mean "name"/);
    assert.match(failures.find((f) => f.property === "keepers").reason, /entry "build": expected a string, got a number/);
  });

  it("lets unknown inputs through in preview, adds the mostRecent default and keeps secret keepers wrapped", async () => {
    const { inputs, failures } = await check("unknowns", { name: UNKNOWN, keepers: { token: secret("pin-keeper-secret-1") } });
    assert.deepEqual(failures, []);
    assert.equal(inputs.name, UNKNOWN);
    assert.equal(inputs.mostRecent, false);
    assert.deepEqual(inputs.keepers.token, { [SIG_KEY]: SECRET_SIG, value: "pin-keeper-secret-1" });
  });
});

describe("Create", () => {
  it("pins what getImage would pick; the resource id is the image id and pinnedAt is RFC 3339 UTC", async () => {
    const expected = expectedImages(NOTEBOOK)[0];
    const state = await pin("nb", NOTEBOOK);
    assert.equal(state.id, expected.id);
    assert.equal(state.outputs.imageId, expected.id);
    assert.equal(state.outputs.swrPath, expected.swr_path);
    assert.equal(state.outputs.image.name, expected.name);
    assert.match(state.outputs.pinnedAt, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    assert.equal(state.outputs.name, "pytorch");
  });

  it("in preview shows the image it would pin, with pinnedAt unknown", async () => {
    const { inputs } = await check("nb", NOTEBOOK);
    const { id, outputs } = await create("nb", inputs, { preview: true });
    assert.equal(id, expectedImages(NOTEBOOK)[0].id);
    assert.equal(outputs.imageId, id);
    assert.equal(outputs.pinnedAt, UNKNOWN);
  });

  it("in preview gives unknown outputs, not a failure, for inputs not known yet", async () => {
    const { inputs } = await check("computed", { ...NOTEBOOK, name: UNKNOWN });
    const { outputs } = await create("computed", inputs, { preview: true });
    for (const key of ["imageId", "swrPath", "image", "pinnedAt"]) assert.equal(outputs[key], UNKNOWN, key);
    assert.equal(outputs.name, UNKNOWN);
  });

  it("fails as getImage does (ambiguous, none), naming the input, and the plugin keeps serving", async () => {
    const { inputs } = await check("ambiguous", { name: "pytorch" });
    await assert.rejects(create("ambiguous", inputs), (e) => /images match .*mostRecent: true.*\(mostRecent\)$/s.test(e.details));
    await assert.rejects(create("missing", { imageId: "00000000-0000-0000-0000-000000000000" }), (e) => /no image matches .*\(imageId\)$/s.test(e.details));
    assert.equal((await pin("after", NOTEBOOK)).id, expectedImages(NOTEBOOK)[0].id);
  });

  it("keeps secret keepers secret in the state it returns", async () => {
    const state = await pin("secret", { ...NOTEBOOK, keepers: { token: secret("pin-keeper-secret-2"), plain: "v1" } });
    assert.deepEqual(state.outputs.keepers.token, { [SIG_KEY]: SECRET_SIG, value: "pin-keeper-secret-2" });
    assert.equal(state.outputs.keepers.plain, "v1");
    assert.ok(!transcript.some((t) => t.includes("pin-keeper-secret-2")), "a secret keeper appeared unwrapped in a response or log");
  });
});

describe("Diff", () => {
  it("unchanged inputs with a newer match published: DIFF_NONE, and one warning per pin naming both images and keepers", async () => {
    const pinned = expectedImages(NOTEBOOK)[0];
    const state = await pin("nb", NOTEBOOK);
    const newer = await publishNewerThan(pinned, "11111111-2222-4333-8444-555555555555");
    await newRun();

    const first = await diff(state, state.inputs);
    const again = await diff(state, state.inputs);

    assert.equal(first.changes, DIFF_NONE);
    assert.equal(again.changes, DIFF_NONE);
    const notices = engine.logs.filter((l) => l.severity === WARNING && l.message.includes(label(pinned)));
    assert.equal(notices.length, 1, JSON.stringify(warnings()));
    assert.ok(notices[0].message.includes(label(newer)) && notices[0].message.includes("keepers"), notices[0].message);
    assert.equal(notices[0].urn, urnOf("nb"), "the warning is logged against the pin, so the CLI shows it under that resource");
  });

  it("changed keepers: the same image is an update in place, another image a replace of keepers", async () => {
    const pinned = expectedImages(NOTEBOOK)[0];
    const state = await pin("nb", { ...NOTEBOOK, keepers: { release: "1" } });
    const moved = (await check("nb", { ...NOTEBOOK, keepers: { release: "2" } })).inputs;

    const same = await diff(state, moved);
    await publishNewerThan(pinned, "66666666-2222-4333-8444-555555555555");
    await newRun();
    const other = await diff(state, moved);

    assert.deepEqual([same.changes, same.replaces, same.diffs], [DIFF_SOME, [], ["keepers"]]);
    assert.equal(same.kinds.keepers, providerPb.PropertyDiff.Kind.UPDATE);
    assert.deepEqual([other.changes, other.replaces], [DIFF_SOME, ["keepers"]]);
    assert.equal(other.kinds.keepers, providerPb.PropertyDiff.Kind.UPDATE_REPLACE);
  });

  it("an input that became unknown in preview is a replace, not a failure", async () => {
    const state = await pin("nb", NOTEBOOK);
    const { inputs } = await check("nb", { ...NOTEBOOK, keepers: { release: UNKNOWN } });
    const d = await diff(state, inputs);
    assert.deepEqual([d.changes, d.replaces], [DIFF_SOME, ["keepers"]]);
  });

  it("a pin its imagePolicy now blocks: enforce fails the Diff naming the rule; audit warns once", async () => {
    const pinned = expectedImages(NOTEBOOK)[0];
    const state = await pin("nb", NOTEBOOK);

    await newRun({ imagePolicy: JSON.stringify({ mode: "enforce", allowedNamespaces: ["team-vision"] }) });
    await assert.rejects(diff(state, state.inputs), (e) => e.details.includes(label(pinned)) && /Rules broken: allowedNamespaces/.test(e.details));

    await newRun({ imagePolicy: JSON.stringify({ mode: "audit", allowedNamespaces: ["team-vision"] }) });
    engine.logs.length = 0;
    assert.equal((await diff(state, state.inputs)).changes, DIFF_NONE);
    assert.equal((await diff(state, state.inputs)).changes, DIFF_NONE);
    const audits = warnings().filter((m) => m.startsWith("imagePolicy (audit): PinnedImage nb"));
    assert.equal(audits.length, 1, JSON.stringify(warnings()));
    assert.match(audits[0], /allowedNamespaces/);
  });

  it("ten unchanged pins of one query list the catalog once", async () => {
    const states = [];
    for (let i = 0; i < 10; i++) states.push(await pin(`nb${i}`, NOTEBOOK));
    await newRun();
    await emulator.reset();

    const diffs = await Promise.all(states.map((s) => diff(s, s.inputs)));

    assert.ok(diffs.every((d) => d.changes === DIFF_NONE));
    assert.equal((await emulator.stats()).listRequests, 1);
  });
});

describe("Read, Update, Delete", () => {
  it("refresh of a pin whose image was deleted answers an empty id (gone); import by id returns inputs {imageId}", async () => {
    const pinned = expectedImages(NOTEBOOK)[0];
    const state = await pin("nb", NOTEBOOK);

    const refreshed = await read("nb", state.id, state.outputs, state.inputs);
    assert.equal(refreshed.id, pinned.id);
    assert.equal(refreshed.outputs.pinnedAt, state.outputs.pinnedAt);

    const other = catalog.find((i) => i.name?.startsWith("tensorflow") && i.status === "ACTIVE");
    const imported = await read("adopted", other.id);
    assert.equal(imported.id, other.id);
    assert.deepEqual(imported.inputs, { imageId: other.id });
    assert.equal(imported.outputs.swrPath, other.swr_path);

    await emulator.remove(pinned.id);
    await newRun();
    assert.equal((await read("nb", state.id, state.outputs, state.inputs)).id, "");
  });

  it("Update re-resolves to the same image and keeps the id and pinnedAt", async () => {
    const state = await pin("nb", { ...NOTEBOOK, keepers: { release: "1" } });
    const news = (await check("nb", { ...NOTEBOOK, keepers: { release: "2" } })).inputs;
    const res = await call(plugin.client, "update", request("UpdateRequest", {
      setId: state.id, setUrn: urnOf("nb"), setName: "nb", setType: TYPE, setOlds: toStruct(state.outputs), setOldInputs: toStruct(state.inputs), setNews: toStruct(news),
    }));
    const outputs = res.getProperties().toJavaScript();
    assert.equal(outputs.imageId, state.id);
    assert.equal(outputs.pinnedAt, state.outputs.pinnedAt);
    assert.deepEqual(outputs.keepers, { release: "2" });
  });

  it("Delete makes no API request", async () => {
    const state = await pin("nb", NOTEBOOK);
    const before = (await emulator.stats()).requests;
    await call(plugin.client, "delete", request("DeleteRequest", { setId: state.id, setUrn: urnOf("nb"), setName: "nb", setType: TYPE, setProperties: toStruct(state.outputs), setOldInputs: toStruct(state.inputs) }));
    assert.equal((await emulator.stats()).requests, before);
  });
});
