using Pulumi;
using Pulumi.ModelArts;

// Pins a notebook image for a framework, picks a training image, and lists the team images that the
// platform's imagePolicy (stack config modelarts:imagePolicy) lets through. The lookups are examples/yaml's queries.
return await Deployment.RunAsync(() =>
{
    var config = new Pulumi.Config();
    // `pulumi config set framework tensorflow` picks another framework; PyTorch unless told.
    var framework = config.Get("framework") ?? "pytorch";

    // The notebook image, chosen once and kept in the stack's state: a newer image never moves it (preview says
    // once that one exists). `pulumi config set notebookImageRelease 2` moves it to the newest match.
    var notebookImage = new PinnedImage("notebook-image", new PinnedImageArgs
    {
        Name = framework,
        Arch = "X86_64",
        ResourceCategories = { "GPU" },
        DevServices = { "NOTEBOOK" },
        MostRecent = true,
        Keepers = { { "release", config.Get("notebookImageRelease") ?? "1" } },
    });

    // Every ACTIVE x86_64 GPU image of the framework with the NOTEBOOK dev service, newest first.
    var notebookImages = GetImages.Invoke(new GetImagesInvokeArgs
    {
        Name = framework,
        Arch = "X86_64",
        ResourceCategories = { "GPU" },
        DevServices = { "NOTEBOOK" },
    });

    // Exactly one training image of the framework: the newest, ties broken by name then id.
    var trainingImage = GetImage.Invoke(new GetImageInvokeArgs
    {
        Name = framework,
        ServiceType = "TRAIN",
        MostRecent = true,
    });

    // The teams' own images; those the imagePolicy does not allow come back in PolicyViolations.
    var teamImages = GetImages.Invoke(new GetImagesInvokeArgs { Type = "DEDICATED" });

    return new Dictionary<string, object?>
    {
        ["pinnedNotebookImageId"] = notebookImage.ImageId,
        ["pinnedNotebookSwrPath"] = notebookImage.SwrPath,
        ["pinnedNotebookPinnedAt"] = notebookImage.PinnedAt,
        ["notebookImageId"] = notebookImages.Apply(r => r.Id),
        ["notebookSwrPath"] = notebookImages.Apply(r => r.SwrPath),
        ["notebookCandidates"] = notebookImages.Apply(r => r.Ids),
        ["trainingImageId"] = trainingImage.Apply(r => r.Id),
        ["trainingSwrPath"] = trainingImage.Apply(r => r.SwrPath),
        ["teamImageIds"] = teamImages.Apply(r => r.Ids),
        ["blockedTeamImages"] = teamImages.Apply(r => r.PolicyViolations.Select(v => $"{v.Name}:{v.Tag} ({v.Rule}: {v.Reason})").ToList()),
    };
});
