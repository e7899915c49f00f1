// Plays the Pulumi engine: a fake Engine service that records Log calls, the emulator, and the plugin
// launched the way the engine launches it. Every RPC goes through Pulumi's own generated stubs.
import { once } from "node:events";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { startPlugin as launchProvider } from "../../tools/engine/plugins.mjs";
import { killGroup, signalGroup, spawnGroup } from "../../tools/engine/processes.mjs";
import { emptyPb, engineRpc, grpc, providerPb, secret, SECRET_SIG, SIG_KEY, structPb, unary } from "../../tools/engine/stubs.mjs";

// The suites reach Pulumi's stubs through here; the test engine (tools/engine) loads them once for both.
export { emptyPb, enginePb, engineRpc, grpc, pluginPb, providerPb, providerRpc, secret, SECRET_SIG, SIG_KEY, structPb, unary } from "../../tools/engine/stubs.mjs";

const here = path.dirname(fileURLToPath(import.meta.url));
export const repoRoot = path.resolve(here, "..", "..");
export const PLUGIN = path.resolve(process.env.PLUGIN ?? path.join(repoRoot, "bin", "pulumi-resource-modelarts"));
export const EMULATOR_DLL = process.env.EMULATOR_DLL ?? path.join(repoRoot, "emulator", "bin", "Release", "net10.0", "modelarts-emulator.dll");

// Credentials given to the emulator; the secrets must never show up anywhere the suite can see.
export const creds = {
  accessKey: "CONFORMANCE-AK-0001",
  secretKey: "conformance-secret-key-9f8e7d6c5b4a",
  authToken: "conformance-auth-token-1a2b3c4d5e6f",
  securityToken: "conformance-security-token-0z9y8x",
  projectId: "abcdefabcdefabcdefabcdefabcdef12",
};
export const SECRETS = [creds.secretKey, creds.authToken, creds.securityToken];

/** Stack config that points a program's default provider at an emulator, AK/SK and security token as secrets. */
export function emulatorStackConfig(url, overrides = {}) {
  return {
    "modelarts:endpoint": url,
    "modelarts:projectId": creds.projectId,
    "modelarts:accessKey": { value: creds.accessKey, secret: true },
    "modelarts:secretKey": { value: creds.secretKey, secret: true },
    "modelarts:securityToken": { value: creds.securityToken, secret: true },
    ...overrides,
  };
}
export const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

/**
 * What a run of an example with framework=modelbox fails on. It fails twice over: its PinnedImage finds no modelbox
 * notebook image, and the imagePolicy blocks modelbox's only training image (getImage). The program stops at
 * whichever failure reaches it first, so the run shows one of them: the name of the one found in `text`, or null.
 */
export function modelboxFailure(text) {
  if (/Invoke of 'modelarts:index:getImage' failed: every image matching name="modelbox"[^\n]*blocked by the provider's imagePolicy/.test(text) &&
    /allowedNamePatterns/.test(text)) return "policy";
  if (/no image matches name="modelbox" [^\n]*devServices=\[NOTEBOOK\][^\n]*\(devServices\)/.test(text)) return "pin";
  return null;
}

/** The errors the CLI shows for a run (runProgram's record): the engine's on each failed resource, then the program's. */
export const runErrors = (r) => [...r.diagnostics, ...r.logs.filter((l) => l.severity === "error")].map((l) => l.message).join("\n");

/** Everything any process printed or any RPC returned, for the secret grep. */
export const transcript = [];

async function readFirstLine(stream) {
  let buffered = "";
  for await (const chunk of stream) {
    buffered += chunk.toString();
    const nl = buffered.indexOf("\n");
    if (nl >= 0) return { line: buffered.slice(0, nl), rest: buffered.slice(nl + 1) };
  }
  throw new Error(`stream ended before a line: ${JSON.stringify(buffered)}`);
}

/** The emulator with the suite's credentials; `securityToken: false` for one that takes permanent AK/SK. */
export async function startEmulator(extraArgs = [], { securityToken = true } = {}) {
  const child = spawnGroup("dotnet", [EMULATOR_DLL, "--access-key", creds.accessKey, "--secret-key", creds.secretKey,
    "--auth-token", creds.authToken, ...(securityToken ? ["--security-token", creds.securityToken] : []), "--project-id", creds.projectId, ...extraArgs],
    {});
  child.stderr.on("data", (d) => transcript.push(`emulator stderr: ${d}`));
  const { line } = await readFirstLine(child.stdout);
  child.stdout.resume();
  const url = line.trim();
  const control = async (method, route, body) => {
    const res = await fetch(url + route, { method, headers: { "content-type": "application/json" }, body: body ? JSON.stringify(body) : undefined });
    return res.json().catch(() => ({}));
  };
  return {
    url,
    stats: () => control("GET", "/_emulator/stats"),
    faults: (f) => control("POST", "/_emulator/faults", f),
    reset: () => control("POST", "/_emulator/reset"),
    generate: (n) => control("POST", `/_emulator/catalog?generate=${n}`),
    publish: (image) => control("POST", "/_emulator/images", image),
    remove: (id) => control("DELETE", `/_emulator/images/${id}`),
    stop: async () => { const exit = once(child, "exit"); signalGroup(child, "SIGTERM"); await exit; await killGroup(child); },
  };
}

/** The engine side: a gRPC server implementing pulumirpc.Engine.Log and recording every call. */
export async function startFakeEngine() {
  const logs = [];
  const server = new grpc.Server();
  server.addService(engineRpc.EngineService, {
    log: (call, cb) => {
      const r = call.request;
      logs.push({ severity: r.getSeverity(), message: r.getMessage(), urn: r.getUrn() });
      transcript.push(`engine log: ${r.getMessage()}`);
      cb(null, new emptyPb.Empty());
    },
    getRootResource: (_c, cb) => cb({ code: grpc.status.UNIMPLEMENTED }),
    setRootResource: (_c, cb) => cb({ code: grpc.status.UNIMPLEMENTED }),
    requirePulumiVersion: (_c, cb) => cb({ code: grpc.status.UNIMPLEMENTED }),
    startDebugging: (_c, cb) => cb({ code: grpc.status.UNIMPLEMENTED }),
  });
  const port = await new Promise((resolve, reject) =>
    server.bindAsync("127.0.0.1:0", grpc.ServerCredentials.createInsecure(), (err, p) => (err ? reject(err) : resolve(p))));
  return { address: `127.0.0.1:${port}`, logs, stop: () => new Promise((r) => server.tryShutdown(r)) };
}

/**
 * Launches the plugin exactly as the engine does, through the test engine's one launcher (tools/engine/plugins.mjs
 * startPlugin: its own process group, flags, then the engine address; the port is the first stdout line).
 * `kill()` SIGKILLs the whole group, as the CLI's KillChildren does.
 */
export async function startPlugin(engineAddress, { env = {}, cwd = here } = {}) {
  // Without an engine address the plugin starts as in debug mode (PULUMI_DEBUG_PROVIDERS) and waits for Attach.
  const stderr = [], stdoutAfter = [];
  const plugin = await launchProvider({
    binary: PLUGIN, engineAddress, cwd, flags: ["--logtostderr", "-v=9", "--logflow", "--tracing", "http://127.0.0.1:1/none"],
    env: { PATH: process.env.PATH, HOME: process.env.HOME, PULUMI_RUNTIME: "dotnet", ...env },
    onOutput: (stream, text) => { (stream === "stderr" ? stderr : stdoutAfter).push(text); transcript.push(`plugin ${stream}: ${text}`); },
  });
  return { ...plugin, stderr, stdoutAfter };
}

/**
 * A response as text for the secret grep. Secret-wrapped values (CheckConfig echoes its inputs, which the
 * engine requires) stay wrapped on the wire, so they are recorded as wrapped; any plaintext copy is a leak.
 */
function describeResponse(response) {
  const maskWrapped = (v) => {
    if (Array.isArray(v)) return v.map(maskWrapped);
    if (v && typeof v === "object") {
      if (v[SIG_KEY] === SECRET_SIG) return "[wrapped secret]";
      return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, maskWrapped(x)]));
    }
    return v;
  };
  const parts = {};
  if (typeof response.getInputs === "function" && response.getInputs()) parts.inputs = maskWrapped(response.getInputs().toJavaScript());
  if (typeof response.getReturn === "function" && response.getReturn()) parts.return = response.getReturn().toJavaScript();
  if (typeof response.getProperties === "function" && response.getProperties()) parts.properties = maskWrapped(response.getProperties().toJavaScript());
  if (typeof response.getFailuresList === "function") parts.failures = response.getFailuresList().map((f) => f.toObject());
  return Object.keys(parts).length > 0 ? JSON.stringify(parts) : JSON.stringify(response.toObject());
}

/** Promise wrapper over a unary stub method. Rejections carry the gRPC status. */
export function call(client, method, request) {
  return unary(client, method, request, 60_000).then(
    (response) => { transcript.push(`rpc ${method}: ${describeResponse(response)}`); return response; },
    (err) => { transcript.push(`rpc ${method} error: ${err.code} ${err.details}`); throw err; });
}

export const toStruct = (obj) => structPb.Struct.fromJavaScript(obj);

export function configFor(emulatorUrl, overrides = {}) {
  return {
    endpoint: emulatorUrl,
    projectId: creds.projectId,
    accessKey: secret(creds.accessKey),
    secretKey: secret(creds.secretKey),
    securityToken: secret(creds.securityToken),
    maxRetries: "3",
    requestTimeoutSeconds: "10",
    ...overrides,
  };
}

export async function configure(client, config) {
  const req = new providerPb.ConfigureRequest();
  req.setArgs(toStruct(config));
  req.setAcceptsecrets(true);
  req.setAcceptresources(true);
  return call(client, "configure", req);
}

export async function invoke(client, tok, args, { preview = false } = {}) {
  const req = new providerPb.InvokeRequest();
  req.setTok(tok);
  req.setArgs(toStruct(args));
  req.setPreview(preview);
  const res = await call(client, "invoke", req);
  return {
    failures: res.getFailuresList().map((f) => ({ property: f.getProperty(), reason: f.getReason() })),
    result: res.getReturn()?.toJavaScript(),
  };
}

export async function checkConfig(client, news, olds = {}) {
  const req = new providerPb.CheckRequest();
  req.setUrn("urn:pulumi:dev::proj::pulumi:providers:modelarts::default");
  req.setOlds(toStruct(olds));
  req.setNews(toStruct(news));
  req.setName("default");
  req.setType("pulumi:providers:modelarts");
  const res = await call(client, "checkConfig", req);
  return {
    inputs: res.getInputs()?.toJavaScript(),
    failures: res.getFailuresList().map((f) => ({ property: f.getProperty(), reason: f.getReason() })),
  };
}

/** Sends SIGINT to the plugin's group as the engine does at shutdown (InterruptChildren); the exit code and how long it took. */
export async function interrupt(child) {
  const started = Date.now();
  const exit = once(child, "exit");
  signalGroup(child, "SIGINT");
  const [code, signal] = await exit;
  signalGroup(child, "SIGKILL"); // anything left in its group
  return { code, signal, ms: Date.now() - started };
}

/** One emulator, one fake engine and one plugin, for the suites that share them across a file. */
export async function startSuite(emulatorArgs = []) {
  const emulator = await startEmulator(emulatorArgs);
  const engine = await startFakeEngine();
  return { emulator, engine, plugin: await startPlugin(engine.address) };
}

/** Stops what startSuite started (the plugin as the engine stops it), whatever got started. */
export async function stopSuite({ plugin, emulator, engine }) {
  await plugin?.kill();
  await emulator?.stop();
  await engine?.stop();
}
