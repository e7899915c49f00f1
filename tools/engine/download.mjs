// The engine's automatic plugin install (pulumi/pulumi pkg/engine/plugins.go installPlugin, and
// sdk/go/common/workspace/plugins.go GetSource/Download): a plugin a program needs but the cache lacks is
// downloaded from its pluginDownloadURL, after PULUMI_PLUGIN_DOWNLOAD_URL_OVERRIDES ("regexp=URL,...", matched
// against the source's URL) is applied, then installed as `pulumi plugin install` installs a tarball.
// Sources: http(s) URLs, with ${NAME} ${VERSION} ${OS} ${ARCH} filled in and the standard asset name appended.
// github:// sources name GitHub's API, which the test engine cannot reach: it says so, and what to override.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { installPluginFile } from "./install.mjs";
import { isInstalled, pluginDir } from "./plugins.mjs";

const goos = () => ({ linux: "linux", darwin: "darwin", win32: "windows" })[process.platform] ?? process.platform;
const goarch = () => ({ x64: "amd64", arm64: "arm64" })[process.arch] ?? process.arch;

/** workspace.standardAssetName */
export const standardAssetName = (kind, name, version, opSys = goos(), arch = goarch()) =>
  `pulumi-${kind}-${name}-v${version}-${opSys}-${arch}.tar.gz`;

/** The URL a source is known by: github://host/org means the repository org/pulumi-<name>. */
function sourceUrl(kind, name, server) {
  const url = new URL(server || "github://api.github.com/pulumi"); // no server: Pulumi's own releases
  if (url.protocol !== "github:") return server;
  const parts = url.pathname.replace(/^\/+|\/+$/g, "").split("/");
  if (!url.host || parts[0] === "" || parts.length > 2) throw new Error(`github:// url must have the format <host>/<organization>[/<repository>], was: ${server}`);
  return `github://${url.host}/${parts[0]}/${parts[1] ?? `pulumi-${name}`}`;
}

function override(url, env) {
  const spec = env.PULUMI_PLUGIN_DOWNLOAD_URL_OVERRIDES ?? "";
  if (spec === "") return url;
  for (const pair of spec.split(",")) {
    const [pattern, target, extra] = pair.split("=");
    if (!pattern || !target || extra !== undefined) throw new Error(`expected format to be "regexp1=URL1,regexp2=URL2"; got ${JSON.stringify(spec)}`);
    const match = new RegExp(pattern).exec(url);
    if (!match) continue;
    let result = target;
    match.forEach((value, i) => { result = result.replaceAll(`$${i}`, value ?? ""); });
    for (const [group, value] of Object.entries(match.groups ?? {})) result = result.replaceAll(`\${${group}}`, value ?? "");
    return result;
  }
  return url;
}

/** Downloads the plugin's archive for this machine and installs it; returns the plugin folder. */
export async function installFromServer({ kind = "resource", name, version, server, env = process.env }) {
  const url = override(sourceUrl(kind, name, server), env);
  const scheme = new URL(url).protocol;
  if (scheme !== "http:" && scheme !== "https:") {
    throw new Error(`the test engine cannot download ${kind} plugin ${name} v${version} from ${url} (no route to GitHub here); ` +
      "set PULUMI_PLUGIN_DOWNLOAD_URL_OVERRIDES to an http(s) mirror of the release assets");
  }
  const base = url.replace(/\$\{NAME\}/g, name).replace(/\$\{VERSION\}/g, version).replace(/\$\{OS\}/g, goos()).replace(/\$\{ARCH\}/g, goarch()).replace(/\/+$/, "");
  const asset = `${base}/${encodeURIComponent(standardAssetName(kind, name, version))}`;
  const response = await fetch(asset);
  if (!response.ok) throw new Error(`downloading ${asset}: HTTP ${response.status}`);
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "plugin-download-"));
  try {
    const file = path.join(scratch, standardAssetName(kind, name, version));
    fs.writeFileSync(file, Buffer.from(await response.arrayBuffer()));
    return await installPluginFile({ kind, name, version, file, env });
  } finally {
    fs.rmSync(scratch, { recursive: true, force: true });
  }
}

/** `pulumi preview` begins by installing every required plugin that the cache does not hold yet. */
export async function ensurePlugins(required, env = process.env) {
  const installed = [];
  for (const p of required) {
    if (isInstalled(pluginDir({ ...p, env }))) continue;
    installed.push({ ...p, dir: await installFromServer({ ...p, env }) });
  }
  return installed;
}
