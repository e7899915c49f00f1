import * as pulumi from "@pulumi/pulumi";
import * as modelarts from "@pulumi-modelarts/modelarts";

// Pins a notebook image for a framework, picks a training image, and lists the team images that the
// platform's imagePolicy (stack config modelarts:imagePolicy) lets through. The same job as examples/csharp.

const config = new pulumi.Config();
// `pulumi config set framework tensorflow` picks another framework; PyTorch unless told.
const framework = config.get("framework") ?? "pytorch";

// The notebook image, chosen once and kept in the stack's state: a newer image never moves it (preview says
// once that one exists). `pulumi config set notebookImageRelease 2` moves it to the newest match.
const notebookImage = new modelarts.PinnedImage("notebook-image", {
    name: framework,
    arch: "X86_64",
    resourceCategories: ["GPU"],
    devServices: ["NOTEBOOK"],
    mostRecent: true,
    keepers: { release: config.get("notebookImageRelease") ?? "1" },
});

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

export const pinnedNotebookImageId = notebookImage.imageId;
export const pinnedNotebookSwrPath = notebookImage.swrPath;
export const pinnedNotebookPinnedAt = notebookImage.pinnedAt;
export const notebookImageId = notebookImages.id;
export const notebookSwrPath = notebookImages.swrPath;
export const notebookCandidates = notebookImages.ids;
export const trainingImageId = trainingImage.id;
export const trainingSwrPath = trainingImage.swrPath;
export const teamImageIds = teamImages.ids;
export const blockedTeamImages = teamImages.policyViolations.apply((violations) =>
    violations.map((v) => `${v.name}:${v.tag} (${v.rule}: ${v.reason})`));
