// Starts a Pulumi plugin executable the way the Pulumi engine does and ties its life to this process. The pack is
// published on its own, so this is its one launcher; the pack's tests start plugins through it too.
//
// Lifetime, as the CLI runs an analyzer (pulumi/pulumi sdk/go/common/resource/plugin/plugin.go execPlugin and its
// kill; sdk/go/common/util/cmdutil/child_unix.go RegisterProcessGroup, InterruptChildren, KillChildren): the
// analyzer gets a process group of its own; to stop it the CLI sends SIGINT to the group, waits 5 s, then SIGKILLs
// the group. A plugin started here stays in the analyzer's group (never detached), so whatever the CLI sends the
// group reaches it too. When this process ends any other way (process.exit, a fatal error, SIGINT/SIGTERM/SIGHUP to
// this process alone) the plugin is stopped here.
import { spawn, ChildProcess } from "child_process";

/** How long the plugin may take to print its port, and to exit once asked to (the engine's 5 s). */
const portTimeoutMs = 60_000;
const stopGraceMs = 5_000;

export interface LaunchOptions {
    args?: string[];
    env?: NodeJS.ProcessEnv;
    cwd?: string;
    /** The plugin's output after its port line (the engine shows it at debug level only). */
    onOutput?: (stream: "stdout" | "stderr", text: string) => void;
    /**
     * Start it in a process group of its own and stop it through that group, as the CLI starts every plugin
     * (RegisterProcessGroup; stop: InterruptChildren, 5 s, KillChildren). For a caller playing the CLI; the pack
     * leaves it off, so that its plugin dies with the analyzer's group. Unix only.
     */
    ownProcessGroup?: boolean;
}

export interface RunningPlugin {
    readonly child: ChildProcess;
    readonly port: number;
    /** SIGINT, then SIGKILL after 5 s, as the engine stops a plugin. Resolves once it has exited. */
    stop(): Promise<void>;
    /** SIGKILL now (to its group, with ownProcessGroup). */
    kill(): void;
}

const running = new Set<RunningPlugin>();

/** Starts `binary` and resolves with the port from its first stdout line; a plugin that fails to start is killed. */
export async function startPlugin(binary: string, options: LaunchOptions = {}): Promise<RunningPlugin> {
    stopPluginsWhenThisProcessEnds();
    const onOutput = options.onOutput ?? (() => {});
    const ownGroup = options.ownProcessGroup === true;
    // stdin a pipe, as the engine gives every plugin one (execPlugin's StdinPipe).
    const child = spawn(binary, options.args ?? [], { stdio: ["pipe", "pipe", "pipe"], cwd: options.cwd, env: options.env ?? process.env, detached: ownGroup });
    const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
    const signal = (name: NodeJS.Signals) => {
        try {
            if (ownGroup && child.pid !== undefined) process.kill(-child.pid, name); else child.kill(name);
        } catch { /* already gone */ }
    };
    const plugin: RunningPlugin = {
        child,
        port: 0,
        async stop() {
            running.delete(plugin);
            if (child.exitCode !== null || child.signalCode !== null) return;
            signal("SIGINT");
            const timer = setTimeout(() => signal("SIGKILL"), stopGraceMs);
            await exited;
            clearTimeout(timer);
        },
        kill: () => signal("SIGKILL"),
    };
    running.add(plugin);
    child.stderr!.on("data", (d: Buffer) => onOutput("stderr", d.toString()));
    let port: number;
    try {
        port = await readPort(binary, child);
    } catch (e) {
        await plugin.stop();
        throw e;
    }
    child.stdout!.on("data", (d: Buffer) => onOutput("stdout", d.toString()));
    // Never keep this process alive for the plugin's sake: the 'exit' hook stops it when the process ends.
    child.unref();
    for (const stream of [child.stdin, child.stdout, child.stderr]) (stream as unknown as { unref?: () => void }).unref?.();
    return Object.assign(plugin, { port });
}

function readPort(binary: string, child: ChildProcess): Promise<number> {
    return new Promise<number>((resolve, reject) => {
        let buffered = "";
        const timer = setTimeout(() => reject(new Error(`${binary} printed no port within ${portTimeoutMs / 1000} s`)), portTimeoutMs);
        const settle = (fn: () => void) => { clearTimeout(timer); child.stdout!.off("data", onData); fn(); };
        const onData = (d: Buffer) => {
            buffered += d.toString();
            const nl = buffered.indexOf("\n");
            if (nl < 0) return;
            const line = buffered.slice(0, nl).trim();
            settle(() => /^\d+$/.test(line)
                ? resolve(Number(line))
                : reject(new Error(`${binary} is not a Pulumi plugin: its first output was ${JSON.stringify(line)}, not a port`)));
        };
        child.stdout!.on("data", onData);
        child.once("error", (e) => settle(() => reject(new Error(`could not start ${binary}: ${e.message}`))));
        child.once("exit", (code, signal) => settle(() => reject(new Error(`${binary} exited (${signal ?? `code ${code}`}) before it printed its port`))));
    });
}

let hooked = false;

/** Installed once, at the first launch: a pack that never starts a plugin changes nothing in the process. */
function stopPluginsWhenThisProcessEnds(): void {
    if (hooked) return;
    hooked = true;
    // 'exit' runs on process.exit and when the event loop drains; only synchronous work is possible there.
    process.on("exit", () => { for (const p of running) p.kill(); });
    for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) {
        const onSignal = async () => {
            await Promise.all([...running].map((p) => p.stop()));
            process.off(signal, onSignal);
            // Listening replaced Node's default (ending the process); give it back unless someone else handles the signal.
            if (process.listenerCount(signal) > 0) return;
            try { process.kill(process.pid, signal); } catch { process.exit(1); } // a signal this platform cannot raise (SIGHUP on Windows)
        };
        process.on(signal, onSignal);
    }
}
