using System.Collections.Generic;
using System.Linq;
using Pulumi;
using Pulumi.ModelArts;

// The same queries as examples/yaml/Pulumi.yaml (which `make demo` runs through the plugin).
return await Deployment.RunAsync(() =>
{
    // Every ACTIVE x86_64 GPU PyTorch image with the NOTEBOOK dev service, newest first.
    var notebookImages = GetImages.Invoke(new GetImagesInvokeArgs
    {
        Name = "pytorch",
        Arch = "X86_64",
        ResourceCategories = { "GPU" },
        DevServices = { "NOTEBOOK" },
    });

    // Exactly one PyTorch training image: the newest, ties broken by name then id.
    var trainingImage = GetImage.Invoke(new GetImageInvokeArgs
    {
        Name = "pytorch",
        ServiceType = "TRAIN",
        MostRecent = true,
    });

    // The team's own images; those the platform's imagePolicy does not allow come back in PolicyViolations.
    var teamImages = GetImages.Invoke(new GetImagesInvokeArgs { Type = "DEDICATED" });

    return new Dictionary<string, object?>
    {
        ["notebookImageId"] = notebookImages.Apply(r => r.Id),
        ["notebookSwrPath"] = notebookImages.Apply(r => r.SwrPath),
        ["notebookCandidates"] = notebookImages.Apply(r => r.Ids),
        ["trainingImageId"] = trainingImage.Apply(r => r.Id),
        ["trainingSwrPath"] = trainingImage.Apply(r => r.SwrPath),
        ["teamImageIds"] = teamImages.Apply(r => r.Ids),
        ["blockedTeamImages"] = teamImages.Apply(r => r.PolicyViolations.Select(v => $"{v.Name}:{v.Tag} ({v.Rule}: {v.Reason})").ToList()),
    };
});
