// Where the pack finds the modelarts provider plugin: an explicit path from the policy config, else PATH,
// else the Pulumi plugin cache, newest fully installed version first. The cache layout is the CLI's
// (pulumi/pulumi sdk/go/common/workspace/plugins.go): $PULUMI_HOME/plugins/<kind>-<name>-v<version>/ holding
// pulumi-<kind>-<name>, with a sibling <folder>.partial while an install is unfinished.
import fs from "fs";
import os from "os";
import path from "path";

/** Where releases are (the schema's pluginDownloadURL): install by name needs it, Pulumi's own releases lack the plugin. */
export const pluginServer = "github://api.github.com/pulumi-modelarts";

export const executableName = (name: string, kind = "resource") => `pulumi-${kind}-${name}${process.platform === "win32" ? ".exe" : ""}`;

const isFile = (p: string) => fs.existsSync(p) && fs.statSync(p).isFile();

/** The plugin cache folder, `$PULUMI_HOME/plugins` (PULUMI_HOME defaults to ~/.pulumi). */
export const pluginCache = (env: NodeJS.ProcessEnv = process.env) => path.join(env.PULUMI_HOME || path.join(os.homedir(), ".pulumi"), "plugins");

function semverKey(version: string): number[] {
    return version.split(/[.-]/).slice(0, 3).map((part) => Number.parseInt(part, 10) || 0);
}

/** The executables of every fully installed version of a plugin in the cache, newest first. */
export function installedPlugins(name: string, env: NodeJS.ProcessEnv = process.env, kind = "resource"): { version: string; executable: string }[] {
    const cache = pluginCache(env);
    if (!fs.existsSync(cache)) return [];
    const prefix = `${kind}-${name}-v`;
    return fs.readdirSync(cache)
        .filter((d) => d.startsWith(prefix) && /^\d/.test(d.slice(prefix.length)) && !fs.existsSync(path.join(cache, `${d}.partial`)))
        .map((d) => ({ version: d.slice(prefix.length), executable: path.join(cache, d, executableName(name, kind)) }))
        .filter((p) => isFile(p.executable))
        .sort((a, b) => {
            const [x, y] = [semverKey(a.version), semverKey(b.version)];
            return y[0] - x[0] || y[1] - x[1] || y[2] - x[2];
        });
}

export function locatePlugin(explicitPath: string | undefined, env: NodeJS.ProcessEnv = process.env): string {
    const executable = executableName("modelarts");
    if (explicitPath) {
        const candidate = fs.existsSync(explicitPath) && fs.statSync(explicitPath).isDirectory() ? path.join(explicitPath, executable) : explicitPath;
        if (!isFile(candidate)) {
            throw new Error(`pluginPath: ${candidate} is not a file; point it at pulumi-resource-modelarts or the folder holding it`);
        }
        return candidate;
    }
    for (const dir of (env.PATH ?? "").split(path.delimiter).filter(Boolean)) {
        if (isFile(path.join(dir, executable))) return path.join(dir, executable);
    }
    const [newest] = installedPlugins("modelarts", env);
    if (newest) return newest.executable;
    throw new Error("the modelarts provider plugin was not found: set the policy config key pluginPath, put pulumi-resource-modelarts on PATH, " +
        `or install it into ${pluginCache(env)} (pulumi plugin install resource modelarts <version> --server ${pluginServer})`);
}
