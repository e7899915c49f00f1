// Which plugins a Node.js program needs, found as pulumi-language-nodejs's GetRequiredPackages finds them
// (pulumi/pulumi sdk/nodejs/cmd/pulumi-language-nodejs/main.go, getPackagesFromDir and getPackageInfo): every
// package.json below a node_modules folder under the program's directory (symlinks followed, each folder once, policy
// packs skipped) whose `pulumi` block has `resource: true` names a plugin: `pulumi.name` (or the name after
// "@pulumi/"), `pulumi.version` (or the package's version, a leading "v" dropped) and `pulumi.server`.
import fs from "node:fs";
import path from "node:path";

function pluginOf(manifest, file) {
  if (!manifest.pulumi?.resource) return undefined;
  const name = manifest.pulumi.name || (manifest.name?.startsWith("@pulumi/") ? manifest.name.slice("@pulumi/".length) : "");
  if (!name) throw new Error(`${file}: Missing property "name" for the third-party plugin '${manifest.name}' inside package.json under the "pulumi" section.`);
  return { name, version: (manifest.pulumi.version || manifest.version || "").replace(/^v/, ""), server: manifest.pulumi.server ?? "", kind: "resource" };
}

/** @returns {{ name: string, version: string, server: string, kind: "resource" }[]} */
export function nodejsRequiredPackages(programDir) {
  const found = [];
  const visited = new Set();
  const walk = (dir, inNodeModules) => {
    const real = fs.realpathSync(dir);
    if (visited.has(real)) return;
    visited.add(real);
    for (const entry of fs.readdirSync(real, { withFileTypes: true })) {
      const full = path.join(real, entry.name);
      const isDir = entry.isDirectory() || (entry.isSymbolicLink() && fs.statSync(full, { throwIfNoEntry: false })?.isDirectory());
      if (isDir) {
        if (fs.existsSync(path.join(full, "PulumiPolicy.yaml"))) continue;
        walk(full, inNodeModules || path.basename(real) === "node_modules");
      } else if (inNodeModules && entry.name === "package.json") {
        const plugin = pluginOf(JSON.parse(fs.readFileSync(full, "utf8")), full);
        if (plugin) found.push(plugin);
      }
    }
  };
  walk(programDir, false);
  return found;
}
