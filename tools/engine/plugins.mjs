// Resource plugins as the engine finds, starts, configures and stops them (pulumi/pulumi
// sdk/go/common/workspace/plugins.go for the on-disk layout, pkg/resource/plugin for the launch).
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { exited, killGroup, spawnGroup, stopGroup } from "./processes.mjs";
import { emptyPb, grpc, isSecret, providerPb, providerRpc, secret, structPb, unary } from "./stubs.mjs";

export const executableName = (name, kind = "resource") => `pulumi-${kind}-${name}${process.platform === "win32" ? ".exe" : ""}`;

export const pulumiHome = (env = process.env) => env.PULUMI_HOME || path.join(os.homedir(), ".pulumi");

/** The plugin cache folder of one plugin version (PluginDescriptor.DirPath). */
export const pluginDir = ({ kind = "resource", name, version, env = process.env }) =>
  path.join(pulumiHome(env), "plugins", `${kind}-${name}-v${version}`);

/** Installed means the folder exists and no sibling `<folder>.partial` says an install is unfinished. */
export const isInstalled = (dir) => fs.existsSync(dir) && !fs.existsSync(`${dir}.partial`);

/**
 * Where the engine takes the plugin for package `name` at `version`: the project's `plugins.providers`
 * entry (a folder holding the executable, or the executable itself), else the plugin cache folder
 * `$PULUMI_HOME/plugins/resource-<name>-v<version>/`, which counts only once fully installed (no sibling
 * `<folder>.partial`) and only with the executable at the folder's root. Loading never downloads: a missing
 * plugin is an error naming its `pluginDownloadURL` (runProgram's `installPlugins` installs up front, as
 * `pulumi preview` does).
 */
export function resolvePlugin({ name, version, pluginDownloadURL, project, env = process.env }) {
  const local = project?.providers.find((p) => p.name === name && p.path);
  if (local) {
    const candidate = fs.existsSync(local.path) && fs.statSync(local.path).isDirectory() ? path.join(local.path, executableName(name)) : local.path;
    if (!fs.existsSync(candidate)) throw new Error(`plugins.providers names ${local.path} for ${name}, but ${candidate} does not exist`);
    return { path: candidate, source: "plugins.providers" };
  }
  const folder = pluginDir({ name, version, env });
  const binary = path.join(folder, executableName(name));
  if (version && fs.existsSync(binary) && isInstalled(folder)) return { path: binary, source: "plugin cache" };
  const from = pluginDownloadURL ? ` from ${pluginDownloadURL}` : "";
  throw new Error(`no resource plugin 'pulumi-resource-${name}' found in the workspace at version v${version || "(none requested)"}${from}; ` +
    `install the plugin using \`pulumi plugin install resource ${name} v${version}\``);
}

/**
 * Starts a plugin process as the engine does (pulumi/pulumi sdk/go/common/resource/plugin/plugin.go newPlugin): in
 * a process group of its own, the port is the first stdout line; later output goes to `onOutput`. Used for
 * providers and analyzers alike.
 */
export async function launchPlugin({ command, args = [], cwd, env, onOutput = () => {}, label = command }) {
  const child = spawnGroup(command, args, { cwd, env });
  child.stderr.on("data", (d) => onOutput("stderr", d.toString()));
  let portLine;
  try {
    const port = await new Promise((resolve, reject) => {
      let buffered = "";
      const onData = (d) => {
        buffered += d.toString();
        const nl = buffered.indexOf("\n");
        if (nl < 0) return;
        child.stdout.off("data", onData);
        child.stdout.on("data", (more) => onOutput("stdout", more.toString()));
        if (nl + 1 < buffered.length) onOutput("stdout", buffered.slice(nl + 1));
        portLine = buffered.slice(0, nl);
        const line = portLine.trim();
        /^\d+$/.test(line) ? resolve(Number(line)) : reject(new Error(`plugin ${label} wrote an invalid port to stdout: ${JSON.stringify(line)}`));
      };
      child.stdout.on("data", onData);
      child.once("exit", (code) => reject(new Error(`plugin ${label} exited with code ${code} before writing its port`)));
      child.once("error", reject);
    });
    return { child, port, portLine };
  } catch (e) {
    await killGroup(child);
    throw e;
  }
}

/** What a provider RPC carried, as plain data for assertions (Structs as JavaScript objects). */
export function describeRequest(request) {
  const fields = {};
  for (const [name, getter] of [["urn", "getUrn"], ["id", "getId"], ["name", "getName"], ["type", "getType"], ["olds", "getOlds"],
    ["news", "getNews"], ["properties", "getProperties"], ["inputs", "getInputs"], ["oldInputs", "getOldInputs"], ["preview", "getPreview"],
    ["tok", "getTok"], ["args", "getArgs"]]) {
    if (typeof request?.[getter] !== "function") continue;
    const value = request[getter]();
    if (value === undefined || value === "" ) continue;
    fields[name] = typeof value?.toJavaScript === "function" ? value.toJavaScript() : value;
  }
  return fields;
}

/**
 * Starts a resource provider plugin as the engine does: flags, the engine address, the program's directory.
 * `launcher` runs it under another program (e.g. qemu-aarch64 for a foreign-architecture build). Every RPC made
 * through `call` is appended to `rpcs` ({ method, request }) for assertions.
 */
export async function startPlugin({ binary, engineAddress, cwd, env, onOutput = () => {}, launcher = [], flags = ["--logtostderr", "-v=5"], rpcs = [], name = binary }) {
  const [command, ...args] = [...launcher, binary, ...flags, ...(engineAddress ? [engineAddress] : [])];
  const { child, port, portLine } = await launchPlugin({ command, args, cwd, env, onOutput, label: binary });
  const client = new providerRpc.ResourceProviderClient(`127.0.0.1:${port}`, grpc.credentials.createInsecure());
  return {
    child, client, port, portLine, rpcs,
    /** A unary RPC, recorded. */
    call(method, request, deadlineMs) {
      rpcs.push({ plugin: name, method, request: describeRequest(request) });
      return unary(client, method, request, deadlineMs);
    },
    /**
     * The engine's shutdown of a provider: Cancel (provider_plugin.go SignalCancellation), close the connection,
     * then plugin.go's kill: SIGINT to the group, 5 s, SIGKILL to the group.
     */
    async stop() {
      if (!exited(child)) await unary(client, "cancel", new emptyPb.Empty(), 5_000).catch(() => {});
      client.close();
      return stopGroup(child);
    },
    /** SIGKILL to the group at once (cmdutil.KillChildren). */
    async kill() {
      client.close();
      await killGroup(child);
    },
  };
}

/**
 * The default provider's configuration: the stack config of the package's namespace, as strings, secrets
 * secret-wrapped, plus the `version` the request asked for (the engine adds it to default providers).
 */
export function providerInputs(name, version, stackConfig) {
  const inputs = {};
  for (const [key, { value, secret: isSecretValue }] of stackConfig) {
    if (!key.startsWith(`${name}:`)) continue;
    inputs[key.slice(name.length + 1)] = isSecretValue ? secret(value) : value;
  }
  if (version) inputs.version = version;
  return inputs;
}

/**
 * A provider's Check or CheckConfig that answered failures, worded as pulumi/pulumi's issueCheckFailures words
 * them (step_generator.go; diag.GetResourcePropertyInvalidValueError / GetResourceInvalidError): one line per
 * failure, reported on the resource, never as a raw RPC error.
 */
export class CheckFailureError extends Error {
  constructor(type, name, urn, failures, inputs = {}) {
    const lines = failures.map(({ property, reason }) => property
      ? `${type} resource '${name}': property ${property} value {${valueText(inputs[property])}} has a problem: ${reason}`
      : `${type} resource '${name}' has a problem: ${reason}`);
    super(lines.join("\n"));
    Object.assign(this, { urn, failures, lines });
  }
}

/** A property value as the CLI prints one inside {...}: secrets masked, text bare, others as JSON. */
function valueText(value) {
  if (value === undefined) return "<nil>";
  if (isSecret(value)) return "[secret]";
  return typeof value === "string" ? value : JSON.stringify(value);
}

const checkFailures = (response) => response.getFailuresList().map((f) => ({ property: f.getProperty(), reason: f.getReason() }));

/**
 * Handshake, CheckConfig, Configure, as the engine loads a default provider (pkg/resource/deploy/providers/
 * registry.go: Check calls CheckConfig, Create calls Configure). A CheckConfig failure stops the load with a
 * CheckFailureError on the provider resource, as it stops `pulumi preview`. Resolves with what Configure
 * answered: { inputs (checked), acceptSecrets, supportsPreview }.
 */
export async function configurePlugin(plugin, { name, urn, inputs, engineAddress, programDir, rootDir }) {
  const call = plugin.call ?? ((method, req) => unary(plugin.client, method, req));
  const resourceName = urn.split("::").at(-1);
  const handshake = new providerPb.ProviderHandshakeRequest();
  handshake.setEngineAddress(engineAddress);
  handshake.setRootDirectory(rootDir);
  handshake.setProgramDirectory(programDir);
  await call("handshake", handshake).catch((e) => { if (e.code !== grpc.status.UNIMPLEMENTED) throw e; });

  const check = new providerPb.CheckRequest();
  check.setUrn(urn);
  check.setName(resourceName);
  check.setType(`pulumi:providers:${name}`);
  check.setOlds(structPb.Struct.fromJavaScript({}));
  check.setNews(structPb.Struct.fromJavaScript(inputs));
  const checked = await call("checkConfig", check);
  const failures = checkFailures(checked);
  if (failures.length > 0) throw new CheckFailureError(`pulumi:providers:${name}`, resourceName, urn, failures, inputs);

  const configure = new providerPb.ConfigureRequest();
  configure.setArgs(checked.getInputs());
  configure.setAcceptsecrets(true);
  configure.setAcceptresources(true);
  configure.setSendsOldInputs(true);
  configure.setSendsOldInputsToDelete(true);
  configure.setUrn(urn);
  configure.setName(resourceName);
  configure.setType(`pulumi:providers:${name}`);
  const configured = await call("configure", configure);
  return {
    inputs: checked.getInputs()?.toJavaScript() ?? {},
    acceptSecrets: configured.getAcceptsecrets(),
    supportsPreview: configured.getSupportspreview(),
  };
}
