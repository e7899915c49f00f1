import * as pulumi from "@pulumi/pulumi";
import * as modelarts from "@pulumi-modelarts/modelarts";

// One case per run (config `case`), each the TypeScript twin of a tests/programs/sdk-forms case, so the end-to-end
// suite (tests/conformance/typescript.test.mjs) can compare what both SDKs do.
const config = new pulumi.Config();
const outputs: Record<string, pulumi.Input<unknown>> = {};

switch (config.require("case")) {
    case "forms":
        // The Promise form with plain args, and the Output form with an input that is another lookup's output.
        outputs.invokeAsyncIds = modelarts.getImages({ name: "pytorch", arch: "X86_64", resourceCategories: ["GPU"] }).then((r) => r.ids);
        const newestTensorflow = modelarts.getImageOutput({ name: "tensorflow", mostRecent: true });
        outputs.chainedId = modelarts.getImageOutput({
            name: newestTensorflow.name,
            nameFuzzyMatch: pulumi.output(false),
            statuses: [pulumi.output("ACTIVE")],
        }).id;
        outputs.outputOptionsIds = modelarts.getImagesOutput({ type: "DEDICATED", namespace: "team-vision" }, {}).ids;
        break;

    case "unknownInput":
        // An input not known in preview (as another resource's output is before it exists): no invoke is sent and
        // the result is unknown; a known lookup beside it still resolves.
        outputs.unknownId = modelarts.getImageOutput({ name: pulumi.output(pulumi.unknown as unknown as string), mostRecent: true }).id;
        outputs.knownIds = modelarts.getImagesOutput({ name: "pytorch" }).ids;
        break;

    default:
        throw new Error(`unknown case ${config.require("case")}`);
}

export = outputs;
