import * as pulumi from "@pulumi/pulumi";
import * as modelarts from "@pulumi-modelarts/modelarts";

// Picks a notebook image and a training image for a framework, and lists the team images that the
// platform's imagePolicy (stack config modelarts:imagePolicy) lets through. The same job as examples/csharp.

// `pulumi config set framework tensorflow` picks another framework; PyTorch unless told.
const framework = new pulumi.Config().get("framework") ?? "pytorch";

// Every ACTIVE x86_64 GPU image of the framework with the NOTEBOOK dev service, newest first.
const notebookImages = modelarts.getImagesOutput({
    name: framework,
    arch: "X86_64",
    resourceCategories: ["GPU"],
    devServices: ["NOTEBOOK"],
});

// Exactly one training image of the framework: the newest, ties broken by name then id.
const trainingImage = modelarts.getImageOutput({
    name: framework,
    serviceType: "TRAIN",
    mostRecent: true,
});

// The teams' own images; those the imagePolicy does not allow come back in policyViolations.
const teamImages = modelarts.getImagesOutput({ type: "DEDICATED" });

export const notebookImageId = notebookImages.id;
export const notebookSwrPath = notebookImages.swrPath;
export const notebookCandidates = notebookImages.ids;
export const trainingImageId = trainingImage.id;
export const trainingSwrPath = trainingImage.swrPath;
export const teamImageIds = teamImages.ids;
export const blockedTeamImages = teamImages.policyViolations.apply((violations) =>
    violations.map((v) => `${v.name}:${v.tag} (${v.rule}: ${v.reason})`));
