// `pulumi plugin install <kind> <name> v<version> --file <file>` as the CLI lays a plugin out on disk
// (pulumi/pulumi pkg/cmd/pulumi/plugin/plugin_install.go, pkg/pluginstorage, sdk/go/common/util/archive):
//   $PULUMI_HOME/plugins/<kind>-<name>-v<version>.lock     held while installing
//   $PULUMI_HOME/plugins/<kind>-<name>-v<version>.partial  present until the install has finished
//   $PULUMI_HOME/plugins/<kind>-<name>-v<version>/         the archive's contents, with its file modes
// A gzip file is unpacked as a tarball (an entry that escapes the folder is an error); any other file must be
// executable and becomes the folder's pulumi-<kind>-<name>; a folder is copied.
import fs from "node:fs";
import path from "node:path";
import * as tar from "tar";
import { executableName, isInstalled, pluginDir } from "./plugins.mjs";

const isGzip = (file) => {
  const fd = fs.openSync(file, "r");
  try {
    const head = Buffer.alloc(2);
    return fs.readSync(fd, head, 0, 2, 0) === 2 && head[0] === 0x1f && head[1] === 0x8b;
  } finally {
    fs.closeSync(fd);
  }
};

/**
 * @returns {Promise<string>} the plugin's folder
 */
export async function installPluginFile({ kind = "resource", name, version, file, env = process.env, reinstall = false }) {
  if (!/^\d+\.\d+\.\d+/.test(version ?? "")) throw new Error(`VERSION must be valid semver: ${version}`);
  const dir = pluginDir({ kind, name, version, env });
  fs.mkdirSync(path.dirname(dir), { recursive: true });
  const lock = fs.openSync(`${dir}.lock`, "wx");
  try {
    const partial = `${dir}.partial`;
    if (isInstalled(dir) && !reinstall) return dir;
    fs.writeFileSync(partial, "", { mode: 0o600 });
    fs.rmSync(dir, { recursive: true, force: true });
    fs.mkdirSync(dir, { mode: 0o700 });
    const stat = fs.statSync(file);
    if (stat.isDirectory()) {
      fs.cpSync(file, dir, { recursive: true });
    } else if (isGzip(file)) {
      await tar.extract({ file, cwd: dir, strict: true, preservePaths: false });
    } else {
      if (process.platform !== "win32" && (stat.mode & 0o100) === 0) throw new Error(`${file} is not executable`);
      const target = path.join(dir, executableName(name, kind));
      fs.copyFileSync(file, target);
      fs.chmodSync(target, 0o700);
    }
    fs.rmSync(partial);
    return dir;
  } finally {
    fs.closeSync(lock);
    fs.rmSync(`${dir}.lock`, { force: true });
  }
}
