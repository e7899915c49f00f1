// Resource plugins as the engine finds, starts, configures and stops them (pulumi/pulumi
// sdk/go/common/workspace/plugins.go for the on-disk layout, pkg/resource/plugin for the launch).
import { spawn } from "node:child_process";
import { once } from "node:events";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { emptyPb, grpc, providerPb, providerRpc, secret, structPb, unary } from "./stubs.mjs";

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
 * Starts a plugin as the engine does: flags, the engine address, the program's directory; the port is the first
 * stdout line. `launcher` runs it under another program (e.g. qemu-aarch64 for a foreign-architecture build).
 */
export async function startPlugin({ binary, engineAddress, cwd, env, onOutput = () => {}, launcher = [] }) {
  const [command, ...args] = [...launcher, binary, "--logtostderr", "-v=5", engineAddress];
  const child = spawn(command, args, { stdio: ["ignore", "pipe", "pipe"], cwd, env });
  child.stderr.on("data", (d) => onOutput("stderr", d.toString()));
  const port = await new Promise((resolve, reject) => {
    let buffered = "";
    const onData = (d) => {
      buffered += d.toString();
      const nl = buffered.indexOf("\n");
      if (nl < 0) return;
      child.stdout.off("data", onData);
      child.stdout.on("data", (more) => onOutput("stdout", more.toString()));
      const line = buffered.slice(0, nl).trim();
      /^\d+$/.test(line) ? resolve(Number(line)) : reject(new Error(`plugin ${binary} wrote an invalid port to stdout: ${JSON.stringify(line)}`));
    };
    child.stdout.on("data", onData);
    child.once("exit", (code) => reject(new Error(`plugin ${binary} exited with code ${code} before writing its port`)));
    child.once("error", reject);
  });
  const client = new providerRpc.ResourceProviderClient(`127.0.0.1:${port}`, grpc.credentials.createInsecure());
  return {
    child, client, port,
    /** Cancel, then SIGINT, then SIGKILL: the engine's shutdown sequence, 5 s per step. */
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return child.exitCode;
      await unary(client, "cancel", new emptyPb.Empty(), 5_000).catch(() => {});
      const exited = once(child, "exit");
      child.kill("SIGINT");
      const timer = setTimeout(() => child.kill("SIGKILL"), 5_000);
      const [code] = await exited;
      clearTimeout(timer);
      client.close();
      return code;
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

/** Handshake, CheckConfig, Configure. A CheckConfig failure stops the load, as it stops `pulumi preview`. */
export async function configurePlugin(plugin, { name, urn, inputs, engineAddress, programDir, rootDir }) {
  const handshake = new providerPb.ProviderHandshakeRequest();
  handshake.setEngineAddress(engineAddress);
  handshake.setRootDirectory(rootDir);
  handshake.setProgramDirectory(programDir);
  await unary(plugin.client, "handshake", handshake).catch((e) => { if (e.code !== grpc.status.UNIMPLEMENTED) throw e; });

  const check = new providerPb.CheckRequest();
  check.setUrn(urn);
  check.setName("default");
  check.setType(`pulumi:providers:${name}`);
  check.setOlds(structPb.Struct.fromJavaScript({}));
  check.setNews(structPb.Struct.fromJavaScript(inputs));
  const checked = await unary(plugin.client, "checkConfig", check);
  const failures = checked.getFailuresList().map((f) => `${f.getProperty()}: ${f.getReason()}`);
  if (failures.length > 0) throw new Error(`could not validate provider configuration: ${failures.join("; ")}`);

  const configure = new providerPb.ConfigureRequest();
  configure.setArgs(checked.getInputs());
  configure.setAcceptsecrets(true);
  configure.setAcceptresources(true);
  configure.setUrn(urn);
  configure.setName("default");
  configure.setType(`pulumi:providers:${name}`);
  await unary(plugin.client, "configure", configure);
}
