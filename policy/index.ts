// Policy pack modelarts-images: every ModelArts notebook's image must pass the platform team's imagePolicy,
// however the program picked it (hard-coded, from config, from another stack). A resource policy: the engine calls
// Analyze for each resource before its step (pulumi/pulumi pkg/resource/deploy/step_generator.go), so a mandatory
// verdict stops the notebook before it is created, with `pulumi up --skip-preview` too. The judging is the provider
// plugin's: the pack starts it once per analyzer process, configures it with the pack's imagePolicy in enforce mode
// and lists the project's images once (verdicts.ts); each notebook is then judged from that listing.
import { PolicyPack, ReportViolation, ResourceValidationArgs } from "@pulumi/policy";
import { configSchema, PackConfig, providerInputs, rulesSet } from "./config";
import { locatePlugin } from "./locate";
import { ModelArtsPlugin } from "./plugin";
import { ImageVerdicts, Verdict } from "./verdicts";

// Thrown when a policy reads a value that is not known yet (preview); exported by the module, not its typings.
// eslint-disable-next-line @typescript-eslint/no-var-requires
const { UnknownValueError } = require("@pulumi/policy/proxy");

/** Resource types that take a ModelArts image id, and the input that carries it (pulumi-huaweicloud). */
export const coveredTypes: Record<string, string> = {
    "huaweicloud:ModelArts/notebook:Notebook": "imageId",
};

const debug = (message: string) => process.stderr.write(`modelarts-images: ${message}\n`); // shown by the CLI at debug level

/** One plugin and one listing for the life of the analyzer process (per policy config, which the CLI sets once). */
class ImageJudge {
    private verdicts?: ReturnType<typeof ImageVerdicts.list>;

    private constructor(private readonly plugin: ModelArtsPlugin) {}

    static async start(config: PackConfig): Promise<ImageJudge> {
        const plugin = await ModelArtsPlugin.start(locatePlugin(config.pluginPath));
        try {
            const inputs = providerInputs(config);
            const failures = await plugin.checkConfig(inputs);
            if (failures.length > 0) {
                throw new Error(`invalid policy config: ${failures.map((f) => `${f.property} ${f.reason}`).join("; ")}`);
            }
            await plugin.configure(inputs);
        } catch (e) {
            await plugin.stop();
            throw e;
        }
        return new ImageJudge(plugin);
    }

    /** The first call lists; every later one, concurrent or not, shares that listing, a failed one included. */
    async judge(imageId: string): Promise<Verdict> {
        this.verdicts ??= ImageVerdicts.list(this.plugin);
        const verdicts = await this.verdicts;
        return verdicts instanceof ImageVerdicts ? verdicts.judge(imageId) : verdicts;
    }

    stop(): Promise<void> { return this.plugin.stop(); }
}

let current: { key: string; judge: Promise<ImageJudge> } | undefined;

/** A config the plugin refuses, or a plugin that is not found, fails every analysis with that error. */
function judgeFor(config: PackConfig): Promise<ImageJudge> {
    const key = JSON.stringify(config);
    if (current?.key !== key) {
        current?.judge.then((j) => j.stop(), () => {});
        current = { key, judge: ImageJudge.start(config) };
    }
    return current.judge;
}

const projectOf = (config: PackConfig) =>
    config.projectId ?? process.env.HW_PROJECT_ID ?? process.env.OS_PROJECT_ID ?? process.env.HUAWEICLOUD_SDK_PROJECT_ID ?? "(the configured project)";

/** The diagnostic's text for a verdict other than allowed; the URN comes first, then the image, then the rules. */
function describeVerdict(urn: string, imageId: string, verdict: Exclude<Verdict, { kind: "allowed" }>, config: PackConfig): string {
    const rules = rulesSet(config.imagePolicy);
    switch (verdict.kind) {
        case "blocked":
            return `${urn}: image ${verdict.label} is not allowed by the imagePolicy. Rules broken: ` +
                verdict.broken.map((b) => `${b.rule} (${b.reason})`).join("; ");
        case "not-found":
            return `${urn}: no image with id ${imageId} in project ${projectOf(config)} (BUILD_IN and DEDICATED images of any status were listed), ` +
                `so it cannot pass the imagePolicy rules ${rules}`;
        case "unchecked":
            return `${urn}: image (${imageId}) could not be checked against the imagePolicy rules ${rules}: ${verdict.error}. ` +
                "Check the HW_* credentials in the environment of `pulumi preview`/`up`, and the policy config's region, projectId and endpoint.";
    }
}

async function validateResource(args: ResourceValidationArgs, reportViolation: ReportViolation): Promise<void> {
    const input = coveredTypes[args.type];
    if (!input) return;
    let imageId: unknown;
    try {
        imageId = args.props[input];
    } catch (e) {
        if (!(e instanceof UnknownValueError)) throw e;
        // Not a diagnostic: in `pulumi up` the engine calls Analyze with the value, before the step that creates the notebook.
        debug(`${args.urn}: ${input} is not known yet (preview); it is judged once it is`);
        return;
    }
    if (typeof imageId !== "string" || imageId.length === 0) {
        reportViolation(`${args.urn}: ${input} is not set to an image id, so its image cannot be checked against the imagePolicy`, args.urn);
        return;
    }
    const config = args.getConfig<PackConfig>();
    const verdict = await (await judgeFor(config)).judge(imageId);
    if (verdict.kind !== "allowed") reportViolation(describeVerdict(args.urn, imageId, verdict, config), args.urn);
}

new PolicyPack("modelarts-images", {
    policies: [{
        name: "modelarts-allowed-images",
        description: "ModelArts notebooks may only use images that the platform team's imagePolicy allows.",
        enforcementLevel: "mandatory",
        configSchema,
        validateResource,
    }],
});
