// Child processes as the Pulumi CLI handles them: every plugin, program and analyzer starts in a process group of
// its own and is stopped through that group, so nothing it started outlives it (pulumi/pulumi
// sdk/go/common/util/cmdutil/child_unix.go: RegisterProcessGroup sets Setpgid, KillChildren sends SIGKILL to -pid,
// InterruptChildren SIGINT to -pid). Node's `detached` makes the child a group leader (setsid), the same effect.
import { spawn } from "node:child_process";
import { once } from "node:events";

/** Groups still running, killed if this process exits first: the CLI's children never outlive it either. */
const live = new Set();
process.on("exit", () => { for (const child of live) signalGroup(child, "SIGKILL"); });

/** Sends `signal` to the child's whole process group (kill(-pid)); a group already gone is not an error. */
export function signalGroup(child, signal) {
  if (!child.pid) return;
  try { process.kill(-child.pid, signal); } catch (e) { if (e.code !== "ESRCH") throw e; }
}

/** spawn() in a process group of its own (RegisterProcessGroup). */
export function spawnGroup(command, args, options = {}) {
  const child = spawn(command, args, { stdio: ["ignore", "pipe", "pipe"], ...options, detached: process.platform !== "win32" });
  live.add(child);
  child.once("exit", () => live.delete(child));
  child.once("error", () => live.delete(child));
  return child;
}

export const exited = (child) => child.exitCode !== null || child.signalCode !== null;

/**
 * The plugin shutdown of pulumi/pulumi sdk/go/common/resource/plugin/plugin.go (newPlugin's `kill`, run by
 * Plugin.Close after the connection is closed): SIGINT to the group, up to `graceMs` for the process to end, then
 * SIGKILL to the group. The group is SIGKILLed in every case, so a grandchild the leader left behind dies too.
 * Resolves with the leader's exit code (null when it had to be killed).
 */
export async function stopGroup(child, { graceMs = 5_000 } = {}) {
  if (!exited(child)) {
    const done = once(child, "exit");
    signalGroup(child, "SIGINT");
    const timer = setTimeout(() => signalGroup(child, "SIGKILL"), graceMs);
    await done;
    clearTimeout(timer);
  }
  signalGroup(child, "SIGKILL");
  return child.exitCode;
}

/** SIGKILL to the whole group at once (KillChildren), e.g. for a test's teardown; resolves once the leader is gone. */
export async function killGroup(child) {
  const done = exited(child) ? Promise.resolve() : once(child, "exit");
  signalGroup(child, "SIGKILL");
  await done;
}
