// Conformance of the AOT plugin, driven through Pulumi's own generated stubs, as the engine drives it.
import { describe, it, before, after } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import {
  startSuite, stopSuite, startEmulator, startFakeEngine, startPlugin, call, configure, invoke, checkConfig, interrupt, configFor, toStruct,
  providerPb, pluginPb, emptyPb, grpc, creds, secret, SECRETS, UNKNOWN, SIG_KEY, transcript, repoRoot,
} from "./harness.mjs";
import { expectedImages, asImage, catalog } from "./oracle.mjs";

const GET_IMAGES = "modelarts:index:getImages";
const GET_IMAGE = "modelarts:index:getImage";
let emulator, engine, plugin;

before(async () => ({ emulator, engine, plugin } = await startSuite()));
after(() => stopSuite({ plugin, emulator, engine }));

describe("lifecycle", () => {
  it("writes the port and a bare newline as its first stdout output", () => {
    assert.match(plugin.portLine, /^\d{2,5}$/);
    assert.ok(plugin.port > 0);
  });

  it("Handshake accepts secrets and nothing else", async () => {
    const req = new providerPb.ProviderHandshakeRequest();
    req.setEngineAddress(engine.address);
    req.setRootDirectory(repoRoot);
    req.setProgramDirectory(repoRoot);
    const res = await call(plugin.client, "handshake", req);
    assert.equal(res.getAcceptSecrets(), true);
    assert.equal(res.getAcceptResources(), false);
    assert.equal(res.getAcceptOutputs(), false);
  });

  it("GetPluginInfo returns a semver version equal to the schema's", async () => {
    const info = await call(plugin.client, "getPluginInfo", new emptyPb.Empty());
    assert.match(info.getVersion(), /^\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?$/);
    const schema = JSON.parse((await call(plugin.client, "getSchema", new providerPb.GetSchemaRequest())).getSchema());
    assert.equal(schema.version, info.getVersion());
  });

  it("GetSchema serves exactly the committed provider/schema.json", async () => {
    const served = (await call(plugin.client, "getSchema", new providerPb.GetSchemaRequest())).getSchema();
    const committed = fs.readFileSync(path.join(repoRoot, "provider", "schema.json"), "utf8");
    assert.equal(served, committed, "provider/schema.json is stale: run `make schema`");
    const schema = JSON.parse(served);
    assert.equal(schema.name, "modelarts");
    assert.deepEqual(Object.keys(schema.functions), [GET_IMAGES, GET_IMAGE]);
    assert.ok(schema.types["modelarts:index:Image"] && schema.types["modelarts:index:PolicyViolation"]);
    for (const key of ["accessKey", "secretKey", "securityToken", "authToken"]) assert.equal(schema.config.variables[key].secret, true, key);
    assert.deepEqual(schema.config.variables.region.defaultInfo.environment, ["HW_REGION_NAME", "OS_REGION_NAME", "HUAWEICLOUD_SDK_REGION"]);
    assert.deepEqual(schema.language.csharp.namespaces, { modelarts: "ModelArts" });
  });

  it("CheckConfig accepts a valid config and echoes the news, version included, unchanged", async () => {
    const news = { ...configFor(emulator.url), version: "0.1.0", imagePolicy: "{\"mode\":\"audit\"}" };
    const { inputs, failures } = await checkConfig(plugin.client, news);
    assert.deepEqual(failures, []);
    assert.deepEqual(inputs, news);
  });

  it("CheckConfig names every missing key and the environment variables that would also do", async () => {
    const { failures } = await checkConfig(plugin.client, { version: "0.1.0" });
    const props = failures.map((f) => f.property);
    for (const key of ["region", "projectId", "accessKey", "secretKey"]) assert.ok(props.includes(key), `${key} in ${props}`);
    const text = failures.map((f) => f.reason).join("\n");
    for (const env of ["HW_PROJECT_ID", "HW_ACCESS_KEY", "HW_SECRET_KEY", "HW_AUTH_TOKEN", "HW_REGION_NAME"]) assert.ok(text.includes(env), env);
  });

  it("CheckConfig reports each bad value against its key, without echoing secrets", async () => {
    const news = {
      ...configFor(emulator.url), maxRetries: "lots", requestTimeoutSeconds: "0", insecure: "maybe", regoin: "cn-north-4",
      authToken: secret(creds.authToken), imagePolicy: "{\"mode\":\"block\",\"maxAgeDays\":-1,\"allowedNamespace\":[\"a\"],\"allowedIds\":[]}",
    };
    const { failures } = await checkConfig(plugin.client, news);
    const byKey = Object.fromEntries(failures.map((f) => [f.property, f.reason]));
    assert.match(byKey.maxRetries, /whole number from 0 to 20/);
    assert.match(byKey.requestTimeoutSeconds, /from 1 to 600/);
    assert.match(byKey.insecure, /true or false/);
    assert.match(byKey.regoin, /did you mean "region"/);
    assert.match(byKey.authToken, /only one way/);
    assert.match(byKey["imagePolicy.mode"], /enforce.*audit/);
    assert.match(byKey["imagePolicy.maxAgeDays"], /zero or more/);
    assert.match(byKey["imagePolicy.allowedNamespace"], /did you mean "allowedNamespaces"/);
    assert.match(byKey["imagePolicy.allowedIds"], /empty list/);
    for (const s of SECRETS) assert.ok(!JSON.stringify(failures).includes(s));
  });

  it("CheckConfig falls back to HW_* environment variables, stack config winning", async () => {
    const envPlugin = await startPlugin(engine.address, {
      env: { HW_REGION_NAME: "cn-north-4", HW_PROJECT_ID: creds.projectId, HW_ACCESS_KEY: creds.accessKey, HW_SECRET_KEY: creds.secretKey, HW_MAX_RETRIES: "7" },
    });
    try {
      assert.deepEqual((await checkConfig(envPlugin.client, {})).failures, []);
      const { failures } = await checkConfig(envPlugin.client, { maxRetries: "many" });
      assert.deepEqual(failures.map((f) => f.property), ["maxRetries"]);
    } finally {
      await interrupt(envPlugin.child);
    }
  });

  it("DiffConfig reports changed keys and ignores version", async () => {
    const req = new providerPb.DiffRequest();
    req.setOlds(toStruct({ region: "cn-north-4", version: "0.1.0", maxRetries: "5" }));
    req.setNews(toStruct({ region: "cn-east-3", version: "0.2.0", maxRetries: "5" }));
    const res = await call(plugin.client, "diffConfig", req);
    assert.equal(res.getChanges(), providerPb.DiffResponse.DiffChanges.DIFF_SOME);
    assert.deepEqual(res.getDiffsList(), ["region"]);
    const same = new providerPb.DiffRequest();
    same.setOlds(toStruct({ region: "cn-north-4" }));
    same.setNews(toStruct({ region: "cn-north-4" }));
    assert.equal((await call(plugin.client, "diffConfig", same)).getChanges(), providerPb.DiffResponse.DiffChanges.DIFF_NONE);
  });

  it("Invoke before Configure is a clear FAILED_PRECONDITION", async () => {
    const fresh = await startPlugin(engine.address);
    try {
      await assert.rejects(invoke(fresh.client, GET_IMAGES, {}), (e) => e.code === grpc.status.FAILED_PRECONDITION && /not configured/.test(e.details));
    } finally {
      await interrupt(fresh.child);
    }
  });

  it("Configure accepts secret-wrapped values and answers the engine's capabilities", async () => {
    const res = await configure(plugin.client, configFor(emulator.url));
    assert.equal(res.getAcceptsecrets(), true);
    assert.equal(res.getSupportspreview(), true);
  });

  it("Configure with a missing key fails with ConfigureErrorMissingKeys detail", async () => {
    const fresh = await startPlugin(engine.address);
    try {
      await assert.rejects(configure(fresh.client, { endpoint: emulator.url, authToken: secret(creds.authToken) }), (e) => {
        assert.equal(e.code, grpc.status.INVALID_ARGUMENT);
        assert.match(e.details, /projectId is required/);
        assert.ok(e.metadata.get("grpc-status-details-bin").length > 0);
        return true;
      });
    } finally {
      await interrupt(fresh.child);
    }
  });
});

describe("getImages", () => {
  before(() => configure(plugin.client, configFor(emulator.url)));

  const combos = [
    {},
    { name: "pytorch" },
    { name: "pytorch", arch: "X86_64", resourceCategories: ["GPU"], devServices: ["NOTEBOOK"] },
    { name: "pytorch", arch: "x86_64", resourceCategories: ["gpu"], devServices: ["notebook"], statuses: [] },
    { type: "DEDICATED" },
    { type: "DEDICATED", namespace: "team-vision" },
    { type: "DEDICATED", statuses: ["CREATING", "ERROR"] },
    { type: "dedicated", workspaceId: "a1b2c3d4e5f60718293a4b5c6d7e8f90", statuses: ["*"] },
    { statuses: ["*"] },
    { serviceType: "TRAIN" },
    { serviceType: "INFERENCE", arch: "AARCH64" },
    { nameRegex: "^tensorflow2\\.", tagRegex: "^tensorflow_" },
    { arch: "AARCH64", resourceCategories: ["ASCEND"] },
    { devServices: ["AI_FLOW"] },
    { visibility: "HIDDEN" },
    { name: "conda3-ubuntu22.04", nameFuzzyMatch: false },
    { name: "conda3", nameFuzzyMatch: true },
    { tagRegex: ".*" },
    { name: "no-image-is-called-this" },
  ];

  for (const args of combos) {
    it(`returns exactly the contract's matches for ${JSON.stringify(args)}`, async () => {
      const { failures, result } = await invoke(plugin.client, GET_IMAGES, args);
      assert.deepEqual(failures, []);
      const expected = expectedImages(args);
      assert.deepEqual(result.ids, expected.map((i) => i.id));
      assert.deepEqual(result.images, expected.map(asImage));
      assert.equal(result.id, expected[0]?.id ?? "");
      assert.equal(result.swrPath, expected[0]?.swr_path ?? "");
      assert.deepEqual(result.policyViolations, []);
    });
  }

  it("always returns every output, even with no match", async () => {
    const { result } = await invoke(plugin.client, GET_IMAGES, { name: "zzz-nothing" });
    assert.deepEqual(result, { images: [], ids: [], id: "", swrPath: "", policyViolations: [] });
  });

  it("gives the same answer twice (deterministic, no spurious diffs)", async () => {
    const a = await invoke(plugin.client, GET_IMAGES, { statuses: ["*"], type: "DEDICATED" });
    const b = await invoke(plugin.client, GET_IMAGES, { statuses: ["*"], type: "DEDICATED" });
    assert.deepEqual(a, b);
  });

  it("runs during preview too (invoke preview=true)", async () => {
    const { result } = await invoke(plugin.client, GET_IMAGES, { name: "mindspore" }, { preview: true });
    assert.deepEqual(result.ids, expectedImages({ name: "mindspore" }).map((i) => i.id));
  });
});

describe("getImage", () => {
  before(() => configure(plugin.client, configFor(emulator.url)));

  it("mostRecent takes the newest ACTIVE x86_64 GPU PyTorch notebook image", async () => {
    const args = { name: "pytorch", arch: "X86_64", resourceCategories: ["GPU"], devServices: ["NOTEBOOK"], mostRecent: true };
    const { failures, result } = await invoke(plugin.client, GET_IMAGE, args);
    assert.deepEqual(failures, []);
    assert.deepEqual(result, asImage(expectedImages(args)[0]));
  });

  it("breaks a createAt tie by name, then id", async () => {
    const tied = catalog.filter((i) => i.tag === "2.2.0-train-a" || i.tag === "2.2.0-train-b");
    assert.equal(tied.length, 2);
    assert.equal(tied[0].create_at, tied[1].create_at);
    const { result } = await invoke(plugin.client, GET_IMAGE, { name: "pytorch2.2.0-train-cuda12.1", mostRecent: true });
    const expected = [...tied].sort((x, y) => (x.name < y.name ? -1 : 1))[0];
    assert.equal(result.id, expected.id);
  });

  it("several matches without mostRecent fail with the count, candidates and the fix", async () => {
    const { failures, result } = await invoke(plugin.client, GET_IMAGE, { name: "tensorflow" });
    assert.equal(result, undefined);
    assert.equal(failures.length, 1);
    const n = expectedImages({ name: "tensorflow" }).length;
    assert.equal(failures[0].property, "mostRecent");
    assert.match(failures[0].reason, new RegExp(`^${n} images match name="tensorflow"`));
    assert.match(failures[0].reason, /tensorflow[^ ]*:[^ ]+ \([0-9a-f-]{36}\)/);
    assert.match(failures[0].reason, /mostRecent: true/);
  });

  it("no match fails, repeating the criteria and what each filter removed", async () => {
    const { failures } = await invoke(plugin.client, GET_IMAGE, { name: "pytorch", arch: "AARCH64", resourceCategories: ["GPU"] });
    assert.equal(failures.length, 1);
    const listed = catalog.filter((i) => i.type === "BUILD_IN" && i.name.includes("pytorch")).length;
    assert.equal(failures[0].property, "resourceCategories");
    assert.match(failures[0].reason, /no image matches name="pytorch"/);
    assert.match(failures[0].reason, new RegExp(`the API listed ${listed} images; arch=AARCH64 removed \\d+, resourceCategories=\\[GPU\\] removed \\d+`));
  });

  it("finds a DEDICATED image by id without being told its type", async () => {
    const target = catalog.find((i) => i.type === "DEDICATED" && i.status === "ACTIVE");
    const { failures, result } = await invoke(plugin.client, GET_IMAGE, { id: target.id });
    assert.deepEqual(failures, []);
    assert.deepEqual(result, asImage(target));
  });

  it("passes undocumented values and missing fields through without failing", async () => {
    const noTag = catalog.find((i) => i.tag === undefined);
    const { result } = await invoke(plugin.client, GET_IMAGE, { id: noTag.id });
    assert.equal(result.tag, "");
    assert.equal(result.arch, "");
    const flow = await invoke(plugin.client, GET_IMAGE, { devServices: ["AI_FLOW"], arch: "X86_64" });
    assert.ok(flow.result.devServices.includes("AI_FLOW"));
  });
});

describe("bad input never crashes and always names the property", () => {
  before(() => configure(plugin.client, configFor(emulator.url)));

  const cases = [
    ["wrong type: string input given a number", GET_IMAGES, { name: 42 }, "name", /expected a string, got a number/],
    ["wrong type: boolean input given a word", GET_IMAGES, { nameFuzzyMatch: "yes" }, "nameFuzzyMatch", /expected a boolean/],
    ["invalid regex", GET_IMAGES, { nameRegex: "([a-z" }, "nameRegex", /not a valid \.NET regular expression/],
    ["invalid regex on tag", GET_IMAGES, { tagRegex: "*" }, "tagRegex", /not a valid/],
    ["invalid enum value: type", GET_IMAGES, { type: "PUBLIC" }, "type", /not one of BUILD_IN, DEDICATED/],
    ["invalid enum value: arch", GET_IMAGES, { arch: "x86" }, "arch", /not one of X86_64, AARCH64/],
    ["invalid enum value: serviceType", GET_IMAGES, { serviceType: "TRAINING" }, "serviceType", /not one of COMMON/],
    ["list input given a string", GET_IMAGES, { resourceCategories: "GPU" }, "resourceCategories", /expected a list of strings/],
    ["unknown list item", GET_IMAGES, { resourceCategories: ["TPU"] }, "resourceCategories", /item 0: "TPU" is not one of CPU, GPU, ASCEND/],
    ["list of numbers", GET_IMAGES, { devServices: [1, 2] }, "devServices", /item 0: expected a string/],
    ["nested wrong shape: object in a list", GET_IMAGES, { statuses: [{ a: 1 }] }, "statuses", /item 0: expected a string, got an object/],
    ["nested wrong shape: list in a list", GET_IMAGES, { resourceCategories: [["GPU"]] }, "resourceCategories", /got a list/],
    ["nested wrong shape: object for a string", GET_IMAGES, { namespace: { nested: { deeper: [1, 2, 3] } } }, "namespace", /got an object/],
    ["unknown input name", GET_IMAGES, { nmae: "pytorch" }, "nmae", /has no input "nmae"; did you mean "name"\?/],
    ["unknown-value sentinel", GET_IMAGES, { name: UNKNOWN }, "name", /not known yet/],
    ["huge string", GET_IMAGES, { name: "x".repeat(200_000) }, "name", /characters long/],
    ["name with characters names never have", GET_IMAGES, { name: "PyTorch" }, "name", /lowercase letters/],
    ["invalid workspace id", GET_IMAGES, { workspaceId: "ws-1" }, "workspaceId", /not a workspace ID/],
    ["resource reference instead of a value", GET_IMAGES, { name: { [SIG_KEY]: "5cf8f73096256a8f31e491e813e4eb8e", urn: "urn:x" } }, "name", /resource reference/],
    ["getImage: wrong type for mostRecent", GET_IMAGE, { mostRecent: "sometimes" }, "mostRecent", /expected a boolean/],
    ["getImage: wrong type for id", GET_IMAGE, { id: 5 }, "id", /expected a string/],
    ["getImage: empty args match many images", GET_IMAGE, {}, "mostRecent", /images match/],
  ];

  for (const [title, tok, args, property, reason] of cases) {
    it(`${title} -> failure on ${property}, and the next call succeeds`, async () => {
      const { failures, result } = await invoke(plugin.client, tok, args);
      assert.equal(result, undefined);
      assert.ok(failures.some((f) => f.property === property && reason.test(f.reason)), JSON.stringify(failures));
      const next = await invoke(plugin.client, GET_IMAGES, { name: "conda3" });
      assert.deepEqual(next.failures, []);
      assert.equal(next.result.ids.length, 2);
    });
  }

  it("reports several bad inputs at once", async () => {
    const { failures } = await invoke(plugin.client, GET_IMAGES, { name: 1, arch: "z80", nmae: "x" });
    assert.deepEqual(failures.map((f) => f.property).sort(), ["arch", "name", "nmae"]);
  });

  it("accepts secret-wrapped and null inputs", async () => {
    const { failures, result } = await invoke(plugin.client, GET_IMAGES, { name: secret("conda3"), visibility: null });
    assert.deepEqual(failures, []);
    assert.equal(result.ids.length, 2);
  });

  it("an unknown function token is a gRPC error, not a crash", async () => {
    await assert.rejects(invoke(plugin.client, "modelarts:index:getImagez", {}),
      (e) => e.code === grpc.status.INVALID_ARGUMENT && /unknown function/.test(e.details));
    assert.deepEqual((await invoke(plugin.client, GET_IMAGES, { name: "conda3" })).failures, []);
  });
});

describe("API failures", () => {
  it("a wrong secret key fails once (no retry) with 401, APIG.0301 and the request id, and the provider keeps serving", async () => {
    await emulator.reset();
    await configure(plugin.client, configFor(emulator.url, { secretKey: secret("wrong-secret-for-conformance") }));
    await assert.rejects(invoke(plugin.client, GET_IMAGES, {}), (e) => {
      assert.equal(e.code, grpc.status.UNAUTHENTICATED);
      assert.match(e.details, /HTTP 401/);
      assert.match(e.details, /APIG\.0301/);
      assert.match(e.details, /request id [0-9a-f]{32}/);
      assert.ok(!e.details.includes("wrong-secret-for-conformance"));
      return true;
    });
    const stats = await emulator.stats();
    assert.equal(stats.requests, 1);
    assert.equal(stats.authFailures, 1);
    await configure(plugin.client, configFor(emulator.url));
    assert.deepEqual((await invoke(plugin.client, GET_IMAGES, { name: "conda3" })).failures, []);
  });

  it("two throttled answers then success: the lookup succeeds", async () => {
    await emulator.reset();
    await emulator.faults({ failFirst: 2, failStatus: 429, retryAfterSeconds: 0 });
    await configure(plugin.client, configFor(emulator.url));
    const { result } = await invoke(plugin.client, GET_IMAGES, { name: "mindspore" });
    assert.deepEqual(result.ids, expectedImages({ name: "mindspore" }).map((i) => i.id));
    assert.equal((await emulator.stats()).listRequests, 3);
    await emulator.reset();
  });

  it("identical lookups in one configuration cost one listing", async () => {
    await emulator.reset();
    await configure(plugin.client, configFor(emulator.url));
    await Promise.all(Array.from({ length: 30 }, () => invoke(plugin.client, GET_IMAGES, { name: "tensorflow" })));
    await invoke(plugin.client, GET_IMAGE, { name: "tensorflow", mostRecent: true });
    assert.equal((await emulator.stats()).listRequests, 1);
  });

  it("token authentication works end to end", async () => {
    await configure(plugin.client, { endpoint: emulator.url, projectId: creds.projectId, authToken: secret(creds.authToken) });
    assert.deepEqual((await invoke(plugin.client, GET_IMAGES, { name: "conda3" })).result.ids.length, 2);
  });
});

describe("allowed-images policy", () => {
  const policy = { allowedNamespaces: ["atelier", "team-vision"], allowedNamePatterns: ["pytorch*", "team-vision-*", "conda3-*"] };

  it("enforce: disallowed images are never returned and are listed with the rule broken", async () => {
    await configure(plugin.client, configFor(emulator.url, { imagePolicy: JSON.stringify({ mode: "enforce", ...policy }) }));
    const { result } = await invoke(plugin.client, GET_IMAGES, { type: "DEDICATED" });
    const all = expectedImages({ type: "DEDICATED" });
    const allowed = all.filter((i) => ["atelier", "team-vision"].includes(i.namespace) && /^(pytorch|team-vision-|conda3-)/.test(i.name));
    assert.deepEqual(result.ids, allowed.map((i) => i.id));
    const blocked = all.filter((i) => !allowed.includes(i));
    assert.ok(blocked.length > 0);
    assert.deepEqual([...new Set(result.policyViolations.map((v) => v.id))], blocked.map((i) => i.id));
    const nlp = result.policyViolations.find((v) => v.name.startsWith("team-nlp") && v.rule === "allowedNamespaces");
    assert.match(nlp.reason, /namespace "team-nlp" is not in allowedNamespaces \[atelier, team-vision\]/);
    for (const v of result.policyViolations) assert.deepEqual(Object.keys(v).sort(), ["id", "name", "reason", "rule", "swrPath", "tag"]);
  });

  it("enforce: getImage fails naming each rule when only disallowed images match", async () => {
    const { failures } = await invoke(plugin.client, GET_IMAGE, { type: "DEDICATED", namespace: "team-nlp", mostRecent: true });
    assert.equal(failures.length, 1);
    assert.equal(failures[0].property, "imagePolicy");
    assert.match(failures[0].reason, /blocked by the provider's imagePolicy/);
    assert.match(failures[0].reason, /allowedNamespaces/);
    assert.match(failures[0].reason, /allowedNamePatterns/);
  });

  it("enforce: an explicit id of a disallowed image fails", async () => {
    const target = catalog.find((i) => i.namespace === "sandbox" && i.status === "ACTIVE");
    const { failures } = await invoke(plugin.client, GET_IMAGE, { id: target.id });
    assert.equal(failures[0].property, "imagePolicy");
    assert.ok(failures[0].reason.includes(target.id));
  });

  it("audit: images are returned, violations listed, one warning per violating image reaches the engine log", async () => {
    await configure(plugin.client, configFor(emulator.url, { imagePolicy: JSON.stringify({ mode: "audit", ...policy }) }));
    const before = engine.logs.length;
    const { result } = await invoke(plugin.client, GET_IMAGES, { type: "DEDICATED" });
    assert.deepEqual(result.ids, expectedImages({ type: "DEDICATED" }).map((i) => i.id));
    const violators = new Set(result.policyViolations.map((v) => v.id));
    const warnings = engine.logs.slice(before).filter((l) => l.severity === 2 && l.message.startsWith("imagePolicy (audit)"));
    assert.equal(warnings.length, violators.size);
    for (const id of violators) assert.equal(warnings.filter((w) => w.message.includes(id)).length, 1);
  });
});

describe("debug attach and unimplemented RPCs", () => {
  it("started without an engine address it serves, accepts Attach, and then logs to that engine", async () => {
    const debug = await startPlugin(undefined);
    try {
      const attach = new pluginPb.PluginAttach();
      attach.setAddress(engine.address);
      await call(debug.client, "attach", attach);
      await configure(debug.client, configFor(emulator.url, { imagePolicy: JSON.stringify({ mode: "audit", allowedNamespaces: ["atelier"] }) }));
      const before = engine.logs.length;
      const { result } = await invoke(debug.client, GET_IMAGES, { type: "DEDICATED", namespace: "sandbox" });
      assert.ok(result.ids.length > 0);
      const warnings = engine.logs.slice(before).filter((l) => l.severity === 2);
      assert.equal(warnings.length, result.ids.length);
    } finally {
      await interrupt(debug.child);
    }
  });

  it("GetMapping and GetMappings answer UNIMPLEMENTED (only `pulumi convert` uses them)", async () => {
    const mapping = new providerPb.GetMappingRequest();
    mapping.setKey("terraform");
    await assert.rejects(call(plugin.client, "getMapping", mapping), (e) => e.code === grpc.status.UNIMPLEMENTED);
    const mappings = new providerPb.GetMappingsRequest();
    mappings.setKey("terraform");
    await assert.rejects(call(plugin.client, "getMappings", mappings), (e) => e.code === grpc.status.UNIMPLEMENTED);
    assert.deepEqual((await invoke(plugin.client, GET_IMAGES, { name: "conda3" })).failures, []);
  });
});

describe("shutdown", () => {
  it("Cancel succeeds and SIGINT then ends the process promptly and cleanly", async () => {
    await call(plugin.client, "cancel", new emptyPb.Empty());
    const { code, signal, ms } = await interrupt(plugin.child);
    assert.equal(signal, null);
    assert.equal(code, 0);
    assert.ok(ms < 5000, `took ${ms} ms`);
  });

  it("no secret appeared on stdout, stderr, in engine logs, errors or results", () => {
    const everything = transcript.join("\n") + plugin.stderr.join("") + plugin.stdoutAfter.join("");
    assert.ok(transcript.length > 50, "the transcript recorded the session");
    assert.ok(everything.includes("[wrapped secret]"), "CheckConfig echoes were recorded, with their secrets still wrapped");
    for (const s of SECRETS) assert.ok(!everything.includes(s), `secret ${s.slice(0, 6)}... leaked`);
    assert.equal(plugin.stdoutAfter.join(""), "", "nothing after the port line on stdout");
  });
});
