// The modelarts provider plugin, driven the way the Pulumi engine drives it, through Pulumi's own generated gRPC
// stubs. The pack asks it; it signs, pages, lists and applies the imagePolicy rules.
import { RunningPlugin, startPlugin } from "./launch";

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

/** Bounds one RPC; the plugin bounds a whole lookup itself (lookupTimeoutSeconds, 300 s by default). */
const callDeadlineMs = 330_000;

const failuresOf = (res: any): Failure[] => res.getFailuresList().map((f: any) => ({ property: f.getProperty(), reason: f.getReason() }));

export class ModelArtsPlugin {
    private constructor(private readonly launched: RunningPlugin, private readonly client: any) {}

    /**
     * Launches the plugin without an engine address: a policy pack is not told the engine's (run-policy-pack
     * removes it from argv), so the plugin runs as in the engine's debug mode, its own log on its stderr (kept
     * quiet here), and the pack reports what matters as diagnostics.
     */
    static async start(binary: string): Promise<ModelArtsPlugin> {
        const launched = await startPlugin(binary);
        return new ModelArtsPlugin(launched, new providerRpc.ResourceProviderClient(`127.0.0.1:${launched.port}`, grpc.credentials.createInsecure()));
    }

    get pid(): number | undefined { return this.launched.child.pid; }

    async stop(): Promise<void> {
        this.client.close();
        await this.launched.stop();
    }

    private call(method: string, request: any): Promise<any> {
        return new Promise((resolve, reject) => this.client[method](request, { deadline: Date.now() + callDeadlineMs },
            (err: any, res: any) => (err ? reject(new PluginCallError(err.code, err.details ?? err.message)) : resolve(res))));
    }

    async checkConfig(inputs: Record<string, string>): Promise<Failure[]> {
        const req = new providerPb.CheckRequest();
        req.setUrn("urn:pulumi:policy::modelarts-images::pulumi:providers:modelarts::policy");
        req.setName("policy");
        req.setType("pulumi:providers:modelarts");
        req.setOlds(structPb.Struct.fromJavaScript({}));
        req.setNews(structPb.Struct.fromJavaScript(inputs));
        return failuresOf(await this.call("checkConfig", req));
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
        return { failures: failuresOf(res), result: res.getReturn()?.toJavaScript() };
    }
}
