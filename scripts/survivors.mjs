// Processes of ours that outlive the suites: provider plugins (pulumi-resource-*) and the API emulator
// (modelarts-emulator) started from this checkout (command line or working directory inside it).
//   node scripts/survivors.mjs snapshot FILE   records the ones running now (another run's, left alone)
//   node scripts/survivors.mjs check FILE      waits up to 5 s for the others to end, then lists any survivor
//                                              and exits 1; run-tests.sh counts that as a failed test
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const NAMES = /pulumi-resource-|modelarts-emulator/;

function ours() {
  const found = new Map();
  for (const pid of fs.readdirSync("/proc").filter((p) => /^\d+$/.test(p) && Number(p) !== process.pid)) {
    try {
      const cmdline = fs.readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0").join(" ").trim();
      if (!NAMES.test(cmdline)) continue;
      const cwd = fs.readlinkSync(`/proc/${pid}/cwd`);
      if (cmdline.includes(root) || cwd.startsWith(root)) found.set(pid, cmdline);
    } catch { /* gone meanwhile, or not ours to read */ }
  }
  return found;
}

const [mode, file] = process.argv.slice(2);
if (mode === "snapshot" && file) {
  fs.writeFileSync(file, JSON.stringify([...ours().keys()]));
} else if (mode === "check" && file) {
  const before = new Set(JSON.parse(fs.readFileSync(file, "utf8")));
  let left = [];
  for (let waited = 0; waited <= 5_000; waited += 250) {
    left = [...ours()].filter(([pid]) => !before.has(pid));
    if (left.length === 0) break;
    await new Promise((r) => setTimeout(r, 250));
  }
  if (left.length === 0) {
    console.log("processes: none of ours survived the suites");
  } else {
    console.log(`processes: ${left.length} of ours survived the suites (5 s after they ended):`);
    for (const [pid, cmdline] of left) console.log(`  ${pid} ${cmdline.slice(0, 160)}`);
    process.exitCode = 1;
  }
} else {
  console.error("usage: node scripts/survivors.mjs snapshot|check FILE");
  process.exitCode = 2;
}
