// What a user reads when the network, TLS, the API's bodies or a JSON config go wrong: .NET's own words
// (not resource keys), what happened and what to do. Through the plugin, as the engine sees it.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync, spawnSync } from "node:child_process";
import fs from "node:fs";
import https from "node:https";
import os from "node:os";
import path from "node:path";
import { checkConfig, configFor, configure, invoke, PLUGIN, repoRoot, startEmulator, startFakeEngine, startPlugin } from "./harness.mjs";

const GET_IMAGES = "modelarts:index:getImages";
const texts = []; // every failure text of this suite, for the resource-key check
let emulator, engine, tls, tmp;

before(async () => {
  emulator = await startEmulator();
  engine = await startFakeEngine();
  // An HTTPS endpoint with a self-signed certificate, as a private-CA or test endpoint presents one.
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), "tls-"));
  execFileSync("openssl", ["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-subj", "/CN=127.0.0.1", "-days", "1",
    "-keyout", path.join(tmp, "key.pem"), "-out", path.join(tmp, "cert.pem")], { stdio: "ignore" });
  tls = https.createServer({ key: fs.readFileSync(path.join(tmp, "key.pem")), cert: fs.readFileSync(path.join(tmp, "cert.pem")) }, (_req, res) => { res.statusCode = 503; res.end("busy"); });
  await new Promise((resolve) => tls.listen(0, "127.0.0.1", resolve));
});
after(async () => {
  await emulator?.stop();
  await engine?.stop();
  tls?.close();
  fs.rmSync(tmp, { recursive: true, force: true });
});

/** A fresh plugin configured with `overrides`; the error text of one lookup. */
async function failureOf(overrides) {
  const plugin = await startPlugin(engine.address);
  try {
    await configure(plugin.client, configFor(emulator.url, { maxRetries: "0", ...overrides }));
    await invoke(plugin.client, GET_IMAGES, { name: "pytorch" });
    assert.fail("the lookup succeeded");
  } catch (e) {
    if (typeof e.details !== "string") throw e; // not a gRPC failure of the plugin
    texts.push(e.details);
    return e.details;
  } finally {
    await plugin.kill();
  }
}

test("TLS failure names the cause and both fixes: the CA bundle variables and modelarts:insecure", async () => {
  const message = await failureOf({ endpoint: `https://127.0.0.1:${tls.address().port}` });
  assert.match(message, /TLS connection to https:\/\/127\.0\.0\.1:\d+ failed/);
  assert.match(message, /SSL_CERT_FILE/);
  assert.match(message, /modelarts:insecure/);
});

test("modelarts:insecure lets the self-signed endpoint through (the request then reaches the server)", async () => {
  const message = await failureOf({ endpoint: `https://127.0.0.1:${tls.address().port}`, insecure: "true" });
  assert.match(message, /HTTP 503/);
  assert.doesNotMatch(message, /TLS/);
});

test("connection refused: says nothing listens and which key to check", async () => {
  const message = await failureOf({ endpoint: "http://127.0.0.1:1" });
  assert.match(message, /127\.0\.0\.1:1 refused the connection/);
  assert.match(message, /modelarts:endpoint/);
  assert.match(message, /1 attempt \(modelarts:maxRetries is 0\)/);
  assert.doesNotMatch(message, /0 retries exhausted/);
});

test("unresolvable host: names the host and the keys that choose it", async () => {
  const message = await failureOf({ endpoint: "http://modelarts.no-such-host.invalid" });
  assert.match(message, /modelarts\.no-such-host\.invalid could not be resolved/);
  assert.match(message, /modelarts:region/);
});

test("unresolvable host with maxRetries 5: fails at once (no retry, no retry note), saying why it is not retried", async () => {
  const from = engine.logs.length;
  const message = await failureOf({ endpoint: "http://modelarts.no-such-host.invalid", maxRetries: "5" });
  assert.match(message, /could not be resolved: check modelarts:region \(or modelarts:endpoint\)/);
  assert.match(message, /not retried/);
  assert.deepEqual(engine.logs.slice(from).filter((l) => /retry \d of/.test(l.message)), []);
});

test("refused connection with maxRetries 5: one quick retry, not five, and the message says so", async () => {
  const from = engine.logs.length;
  const message = await failureOf({ endpoint: "http://127.0.0.1:1", maxRetries: "5" });
  assert.match(message, /refused the connection: nothing listens there; check modelarts:endpoint; 2 attempts \(a refused connection gets one quick retry, not modelarts:maxRetries/);
  assert.deepEqual(engine.logs.slice(from).filter((l) => /retry \d of/.test(l.message)).map((l) => l.message.match(/could not be reached; retry (\d) of 5/)?.[1]), ["1"]);
});

test("HTTP 403 for a project that is not the credentials' own: names modelarts:projectId first", async () => {
  const message = await failureOf({ projectId: "ffffffffffffffffffffffffffffffff" });
  assert.match(message, /HTTP 403 Forbidden/);
  assert.match(message, /Check modelarts:projectId: it must be a project of this region that the credentials belong to/);
});

test("a malformed API body: where it broke (JSON path, line, column), not the body", async () => {
  await emulator.faults({ failEvery: 1, failMode: "malformed" });
  try {
    const message = await failureOf({});
    assert.match(message, /malformed response body: .* \(line \d+, column \d+\)/);
    assert.doesNotMatch(message, /"swr_path"/, "no body content");
  } finally {
    await emulator.faults({});
  }
});

test("bad imagePolicy JSON: the key, and line/column in the user's terms", async () => {
  const plugin = await startPlugin(engine.address);
  try {
    const { failures } = await checkConfig(plugin.client, configFor(emulator.url, { imagePolicy: "{\"mode\": \"enforce\",\n b}" }));
    const f = failures.find((x) => x.property === "imagePolicy");
    assert.ok(f, JSON.stringify(failures));
    texts.push(f.reason);
    assert.match(f.reason, /is not valid JSON \(.*\(line 2, column 2\)\)/);
  } finally {
    await plugin.kill();
  }
});

test("slow work is visible: every retry reaches the engine log while it waits, as a warning once it costs seconds", async () => {
  const plugin = await startPlugin(engine.address);
  try {
    await configure(plugin.client, configFor(emulator.url, { maxRetries: "3" }));
    await emulator.reset(); // failFirst counts list requests from here
    await emulator.faults({ failFirst: 2, failStatus: 429, retryAfterSeconds: 1 });
    const from = engine.logs.length;
    await invoke(plugin.client, GET_IMAGES, { name: "tensorflow" });
    const notes = engine.logs.slice(from).filter((l) => /ModelArts API throttled \(429\); retry \d of 3 in 1 s/.test(l.message));
    assert.deepEqual(notes.map((l) => l.message.match(/retry (\d)/)[1]), ["1", "2"]);
    assert.equal(notes[0].severity, 1, "a 1 s wait is a note (INFO)");

    await emulator.reset();
    await emulator.faults({ failFirst: 1, failStatus: 429, retryAfterSeconds: 4 });
    const from2 = engine.logs.length;
    await invoke(plugin.client, GET_IMAGES, { name: "mindspore" });
    const costly = engine.logs.slice(from2).find((l) => /throttled \(429\); retry 1 of 3 in 4 s/.test(l.message));
    assert.ok(costly, JSON.stringify(engine.logs.slice(from2)));
    assert.equal(costly.severity, 2, "a wait of seconds is a WARNING");
  } finally {
    await emulator.faults({});
    await plugin.kill();
  }
});

test("an id lookup that finds nothing says what was searched (both image types), against the id", async () => {
  const plugin = await startPlugin(engine.address);
  try {
    await configure(plugin.client, configFor(emulator.url));
    const { failures } = await invoke(plugin.client, "modelarts:index:getImage", { id: "00000000-0000-4000-8000-000000000000" });
    assert.equal(failures.length, 1);
    texts.push(failures[0].reason);
    assert.equal(failures[0].property, "id");
    assert.match(failures[0].reason, /BUILD_IN and DEDICATED \(an id lookup searches both\)/);
    assert.doesNotMatch(failures[0].reason, /lists BUILD_IN images only/);
  } finally {
    await plugin.kill();
  }
});

test("unknown config keys and inputs read as sentences, with or without a suggestion; a namespace in the wrong case says so", async () => {
  const plugin = await startPlugin(engine.address);
  try {
    const { failures } = await checkConfig(plugin.client, configFor(emulator.url, { zzzzzz: "1", regoin: "cn-north-4" }));
    const configTexts = failures.filter((f) => ["zzzzzz", "regoin"].includes(f.property)).map((f) => f.reason);
    assert.equal(configTexts.length, 2);
    await configure(plugin.client, configFor(emulator.url));
    const { failures: inputs } = await invoke(plugin.client, "modelarts:index:getImage", { qqqqqq: "x", nmae: "pytorch" });
    const { failures: upper } = await invoke(plugin.client, GET_IMAGES, { namespace: "ATELIER" });
    assert.deepEqual(upper.map((f) => f.property), ["namespace"]);
    assert.match(upper[0].reason, /matches namespaces exactly .* use "atelier"/);
    const inputTexts = inputs.map((f) => f.reason);
    assert.equal(inputTexts.length, 2);
    texts.push(...configTexts, ...inputTexts);
    assert.ok(configTexts.some((t) => t.includes("did you mean \"region\"?")));
    assert.ok(inputTexts.some((t) => t.includes("did you mean \"name\"?")));
  } finally {
    await plugin.kill();
  }
});

test("a Retry-After longer than the lookup's bound fails at once, saying so", async () => {
  await emulator.reset();
  await emulator.faults({ failEvery: 1, failStatus: 429, retryAfterSeconds: 3600 });
  try {
    const started = Date.now();
    const message = await failureOf({ maxRetries: "5", lookupTimeoutSeconds: "10" });
    assert.match(message, /asked to wait 3600 s \(Retry-After\), longer than the whole lookup may take \(10 s, modelarts:lookupTimeoutSeconds\)/);
    assert.equal((await emulator.stats()).listRequests, 1, "no retry was attempted");
    assert.ok(Date.now() - started < 10_000);
  } finally {
    await emulator.faults({});
  }
});

test("a lookup is bounded in all by lookupTimeoutSeconds, retries and waits included", async () => {
  await emulator.reset();
  await emulator.faults({ failEvery: 1, failMode: "hang", hangMs: 20_000 });
  try {
    const message = await failureOf({ maxRetries: "5", requestTimeoutSeconds: "10", lookupTimeoutSeconds: "2" });
    assert.match(message, /took longer than 2 s in all \(modelarts:lookupTimeoutSeconds\)/);
  } finally {
    await emulator.faults({});
  }
});

test("the demo rejects a bad argument with one line and exit code 2", () => {
  const r = spawnSync(process.execPath, [path.join(repoRoot, "tools", "demo", "demo.mjs"), "--plugni"], { encoding: "utf8" });
  assert.equal(r.status, 2);
  const lines = r.stderr.trim().split("\n");
  assert.match(lines[0], /--plugni/);
  assert.ok(lines.length === 1 && !/\s+at /.test(r.stderr), r.stderr);
});

test("the plugin rejects a bad argument with one line and exit code 2, and tolerates the engine's flags", () => {
  for (const args of [["not-an-address"], ["127.0.0.1:50051", "extra"]]) {
    const r = spawnSync(PLUGIN, ["--logtostderr", "-v=9", ...args], { encoding: "utf8", timeout: 10_000 });
    assert.equal(r.status, 2, r.stderr);
    assert.equal(r.stdout, "", "no port line");
    assert.equal(r.stderr.trim().split("\n").length, 1, r.stderr);
  }
});

test("no failure text contains a .NET resource key", () => {
  assert.ok(texts.length >= 6);
  for (const t of texts) {
    assert.doesNotMatch(t, /\bnet_[a-z_]+\b|[A-Z][A-Za-z]+_NotFound\b|\b[A-Z][a-z]+[A-Z][A-Za-z]+NotFound\b/, t);
    // The slips users reported: a list glued to the sentence before it, and "0 retries exhausted".
    assert.doesNotMatch(t, /[a-z"] (Keys|Inputs|Known keys): /, t);
    assert.doesNotMatch(t, /\b0 retries exhausted/, t);
  }
});
