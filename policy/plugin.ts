// The modelarts provider plugin, started and driven the way the Pulumi engine drives it, through Pulumi's
// own generated gRPC stubs. The pack asks it; it signs, pages, lists and applies the imagePolicy rules.
import { spawn, ChildProcess } from "child_process";

/* eslint-disable @typescript-eslint/no-var-requires */
const grpc = require("@grpc/grpc-js");
const providerRpc = require("@pulumi/pulumi/proto/provider_grpc_pb.js");
const providerPb = require("@pulumi/pulumi/proto/provider_pb.js");
const structPb = require("google-protobuf/google/protobuf/struct_pb.js");

export interface Failure { property: string; reason: string; }

/** A gRPC failure of the plugin (API unreachable, credentials refused, ...): its status details. */
export class PluginCallError extends Error {
    constructor(public readonly code: number, details: string) { super(details); }
}

export class ModelArtsPlugin {
    private constructor(private readonly child: ChildProcess, private readonly client: any) {}

    /**
     * Launches the plugin as the engine does, reading the port from its first stdout line. A policy pack is not
     * told the engine's address (run-policy-pack removes it from argv), so the plugin runs without one, as in
     * the engine's debug mode: its own log stays on its stderr, and the pack reports what matters as verdicts.
     */
    static async start(binary: string): Promise<ModelArtsPlugin> {
        const child = spawn(binary, [], { stdio: ["ignore", "pipe", "pipe"] });
        child.stderr!.on("data", () => { /* the plugin's own log; the engine shows it at debug level only */ });
        const port = await new Promise<string>((resolve, reject) => {
            let buffered = "";
            child.stdout!.on("data", (d: Buffer) => {
                buffered += d.toString();
                const nl = buffered.indexOf("\n");
                if (nl >= 0) resolve(buffered.slice(0, nl).trim());
            });
            child.once("error", (e) => reject(new Error(`could not start ${binary}: ${e.message}`)));
            child.once("exit", (code) => reject(new Error(`${binary} exited (code ${code}) before it listened`)));
        });
        if (!/^\d+$/.test(port)) throw new Error(`${binary} is not a Pulumi provider plugin (its first output was ${JSON.stringify(port)})`);
        child.unref();
        return new ModelArtsPlugin(child, new providerRpc.ResourceProviderClient(`127.0.0.1:${port}`, grpc.credentials.createInsecure()));
    }

    private call(method: string, request: any): Promise<any> {
        return new Promise((resolve, reject) => this.client[method](request, { deadline: Date.now() + 300_000 },
            (err: any, res: any) => (err ? reject(new PluginCallError(err.code, err.details ?? err.message)) : resolve(res))));
    }

    async checkConfig(inputs: Record<string, string>): Promise<Failure[]> {
        const req = new providerPb.CheckRequest();
        req.setUrn("urn:pulumi:policy::modelarts-images::pulumi:providers:modelarts::policy");
        req.setName("policy");
        req.setType("pulumi:providers:modelarts");
        req.setOlds(structPb.Struct.fromJavaScript({}));
        req.setNews(structPb.Struct.fromJavaScript(inputs));
        const res = await this.call("checkConfig", req);
        return res.getFailuresList().map((f: any) => ({ property: f.getProperty(), reason: f.getReason() }));
    }

    async configure(inputs: Record<string, string>): Promise<void> {
        const req = new providerPb.ConfigureRequest();
        req.setArgs(structPb.Struct.fromJavaScript(inputs));
        req.setAcceptsecrets(true);
        await this.call("configure", req);
    }

    async invoke(tok: string, args: Record<string, unknown>): Promise<{ failures: Failure[]; result?: any }> {
        const req = new providerPb.InvokeRequest();
        req.setTok(tok);
        req.setArgs(structPb.Struct.fromJavaScript(args));
        const res = await this.call("invoke", req);
        return {
            failures: res.getFailuresList().map((f: any) => ({ property: f.getProperty(), reason: f.getReason() })),
            result: res.getReturn()?.toJavaScript(),
        };
    }
}
