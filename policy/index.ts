// Policy pack modelarts-images: every ModelArts notebook's image must pass the platform team's imagePolicy,
// however the program picked it (hard-coded, from config, from another stack). The judging is the provider
// plugin's: the pack launches it once per analyzer process, configures it with the pack's imagePolicy in
// enforce mode, and asks getImage {id, statuses: ["*"]} once per distinct image id.
import { PolicyPack, StackValidationArgs, ReportViolation } from "@pulumi/policy";
import { configSchema, PackConfig, providerInputs } from "./config";
import { locatePlugin } from "./locate";
import { ModelArtsPlugin, PluginCallError } from "./plugin";

// Thrown when a program reads a value that is not known yet (preview); exported by the module, not its typings.
// eslint-disable-next-line @typescript-eslint/no-var-requires
const { UnknownValueError } = require("@pulumi/policy/proxy");

/** Resource types that take a ModelArts image id, and the input that carries it (pulumi-huaweicloud). */
export const coveredTypes: Record<string, string> = {
    "huaweicloud:ModelArts/notebook:Notebook": "imageId",
};

const debug = (message: string) => process.stderr.write(`modelarts-images: ${message}\n`); // shown by the CLI at debug level

/** One plugin and one verdict per image id for the life of the analyzer process. */
class ImageJudge {
    private readonly verdicts = new Map<string, Promise<string | undefined>>();

    private constructor(private readonly plugin: ModelArtsPlugin, private readonly project: string) {}

    static async create(config: PackConfig): Promise<ImageJudge> {
        const plugin = await ModelArtsPlugin.start(locatePlugin(config.pluginPath));
        const inputs = providerInputs(config);
        const failures = await plugin.checkConfig(inputs);
        if (failures.length > 0) {
            throw new Error(`invalid policy config: ${failures.map((f) => `${f.property} ${f.reason}`).join("; ")}`);
        }
        await plugin.configure(inputs);
        return new ImageJudge(plugin, config.projectId ?? process.env.HW_PROJECT_ID ?? "(the configured project)");
    }

    /** Undefined when the image is allowed, else the verdict's text. */
    judge(imageId: string): Promise<string | undefined> {
        if (!this.verdicts.has(imageId)) this.verdicts.set(imageId, this.ask(imageId));
        return this.verdicts.get(imageId)!;
    }

    private async ask(imageId: string): Promise<string | undefined> {
        let answer;
        try {
            answer = await this.plugin.invoke("modelarts:index:getImage", { id: imageId, statuses: ["*"] });
        } catch (e) {
            const details = e instanceof PluginCallError ? e.message : String(e);
            // Fail closed: an image that cannot be checked is not allowed.
            return `image ${imageId} could not be checked against the imagePolicy: ${details}. ` +
                "Check the HW_* credentials in the environment of `pulumi preview`, and the policy config's region, projectId and endpoint.";
        }
        if (answer.failures.length === 0) return undefined;
        const failure = answer.failures[0];
        if (failure.property === "imagePolicy") {
            const parts = /Rules broken: (.*)\. Blocked: (.*?)\. Pick /.exec(failure.reason);
            return parts
                ? `image ${parts[2]} is not allowed by the imagePolicy. Rules broken: ${parts[1]}`
                : `image ${imageId} is not allowed by the imagePolicy: ${failure.reason}`;
        }
        return `no image with id ${imageId} in project ${this.project} (${failure.reason})`;
    }
}

let judge: Promise<ImageJudge> | undefined;

async function validateStack(args: StackValidationArgs, reportViolation: ReportViolation): Promise<void> {
    const config = args.getConfig<PackConfig>();
    judge ??= ImageJudge.create(config);
    const j = await judge; // a config the plugin refuses fails here, before any resource is judged
    for (const resource of args.resources) {
        const input = coveredTypes[resource.type];
        if (!input) continue;
        let imageId: unknown;
        try {
            imageId = resource.props[input];
        } catch (e) {
            if (!(e instanceof UnknownValueError)) throw e;
            debug(`${resource.urn}: ${input} is not known yet (preview); checked when it is`);
            continue;
        }
        if (typeof imageId !== "string" || imageId.length === 0) {
            reportViolation(`${resource.urn}: ${input} is not set to an image id, so its image cannot be checked`, resource.urn);
            continue;
        }
        const verdict = await j.judge(imageId);
        if (verdict) reportViolation(`${resource.urn}: ${verdict}`, resource.urn);
    }
}

new PolicyPack("modelarts-images", {
    policies: [{
        name: "modelarts-allowed-images",
        description: "ModelArts notebooks may only use images that the platform team's imagePolicy allows.",
        enforcementLevel: "mandatory",
        configSchema,
        validateStack,
    }],
});
