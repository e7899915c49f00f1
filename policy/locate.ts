// Where the pack finds the modelarts provider plugin: an explicit path from the policy config, else PATH,
// else the Pulumi plugin cache ($PULUMI_HOME/plugins/resource-modelarts-v<version>/), newest version first.
import fs from "fs";
import os from "os";
import path from "path";

const executable = process.platform === "win32" ? "pulumi-resource-modelarts.exe" : "pulumi-resource-modelarts";

const isFile = (p: string) => fs.existsSync(p) && fs.statSync(p).isFile();

function semverKey(version: string): number[] {
    return version.split(/[.-]/).slice(0, 3).map((part) => Number.parseInt(part, 10) || 0);
}

export function locatePlugin(explicitPath: string | undefined, env: NodeJS.ProcessEnv = process.env): string {
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
    const plugins = path.join(env.PULUMI_HOME || path.join(os.homedir(), ".pulumi"), "plugins");
    const installed = fs.existsSync(plugins)
        ? fs.readdirSync(plugins)
            .filter((d) => /^resource-modelarts-v\d/.test(d) && !fs.existsSync(path.join(plugins, `${d}.partial`)) && isFile(path.join(plugins, d, executable)))
            .sort((a, b) => {
                const [x, y] = [semverKey(a.slice("resource-modelarts-v".length)), semverKey(b.slice("resource-modelarts-v".length))];
                return y[0] - x[0] || y[1] - x[1] || y[2] - x[2];
            })
        : [];
    if (installed.length > 0) return path.join(plugins, installed[0], executable);
    throw new Error("the modelarts provider plugin was not found: set the policy config key pluginPath, put pulumi-resource-modelarts on PATH, " +
        `or install it (pulumi plugin install resource modelarts <version>, into ${plugins})`);
}
