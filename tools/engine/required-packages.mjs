// Which plugins a .NET program needs, found as pulumi-language-dotnet's GetRequiredPackages finds them
// (pulumi/pulumi-dotnet pulumi-language-dotnet/main.go): `dotnet list package --include-transitive` in the
// program's folder names every package and its resolved version; for each one but Pulumi itself, the package's
// content/pulumi-plugin.json (or content/version.txt) in the NuGet global-packages folder names the plugin,
// its version and the server to download it from. Packages with neither file are not plugins.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

const dotnet = (args, cwd, env) => execFileSync("dotnet", args, { cwd, env, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });

/** "   > Pulumi.ModelArts      0.1.0      0.1.0" -> [name, resolved version], for every package but Pulumi. */
function listedPackages(output) {
  const packages = [];
  for (const line of output.replace(/\r\n/g, "\n").split("\n")) {
    const fields = line.trim().split(/\s+/);
    if (fields.length < 3 || fields[0] !== ">" || fields[1] === "Pulumi") continue;
    packages.push([fields[1], fields[fields.length - 1]]);
  }
  return packages;
}

function readJson(file) {
  try {
    return JSON.parse(fs.readFileSync(file, "utf8"));
  } catch (e) {
    if (e.code === "ENOENT") return undefined;
    throw new Error(`${file}: ${e.message}`);
  }
}

/** @returns {{ name: string, version: string, server: string, kind: "resource" }[]} versions without a leading v */
export function requiredPackages(programDir, env = process.env) {
  const listed = listedPackages(dotnet(["list", programDir, "package", "--include-transitive"], programDir, env));
  const locals = dotnet(["nuget", "locals", "global-packages", "--list"], programDir, env);
  const at = locals.indexOf("global-packages:");
  if (at < 0) throw new Error(`unexpected output from 'dotnet nuget locals global-packages --list': ${locals}`);
  const packagesDir = locals.slice(at + "global-packages:".length).trim();

  const required = [];
  for (const [packageName, packageVersion] of listed) {
    const content = path.join(packagesDir, packageName.toLowerCase(), packageVersion, "content");
    const plugin = readJson(path.join(content, "pulumi-plugin.json"));
    if (plugin && !plugin.resource) continue;
    const versionFile = path.join(content, "version.txt");
    const versionText = fs.existsSync(versionFile) ? fs.readFileSync(versionFile, "utf8").trim() : undefined;
    if (!plugin && versionText === undefined) continue;
    // version.txt is either "version" or "name\nversion".
    const [txtName, txtVersion] = versionText?.includes("\n") ? versionText.split("\n").map((s) => s.trim()) : [undefined, versionText];
    required.push({
      name: plugin?.name || txtName || packageName.replace(/^Pulumi\./, "").toLowerCase(),
      version: (plugin?.version || txtVersion || packageVersion).replace(/^v/, ""),
      server: plugin?.server ?? "",
      kind: "resource",
    });
  }
  return required;
}
