using Pulumi;
using Pulumi.ModelArts;

// One case per run (config `case`), each a way a program calls the functions through the real Pulumi SDK.
// The end-to-end suite (tests/conformance/program.test.mjs) compares the stack outputs with the emulator's catalog.
return await Deployment.RunAsync(async () =>
{
    var config = new Pulumi.Config();
    var outputs = new Dictionary<string, object?>();
    switch (config.Require("case"))
    {
        case "forms":
            // InvokeAsync with plain args: a Task, no Output.
            var plain = await GetImages.InvokeAsync(new GetImagesArgs { Name = "pytorch", Arch = "X86_64", ResourceCategories = { "GPU" } });
            outputs["invokeAsyncIds"] = plain.Ids;

            // Invoke with plain values in InvokeArgs.
            outputs["invokeIds"] = GetImages.Invoke(new GetImagesInvokeArgs { Name = "pytorch", Arch = "X86_64", ResourceCategories = { "GPU" } }).Apply(r => r.Ids);

            // Invoke with Input<T> that are Outputs of other lookups (the name comes from another image).
            var newestTensorflow = GetImage.Invoke(new GetImageInvokeArgs { Name = "tensorflow", MostRecent = true });
            outputs["chainedId"] = GetImage.Invoke(new GetImageInvokeArgs
            {
                Name = newestTensorflow.Apply(i => i.Name),
                NameFuzzyMatch = Output.Create(false),
                Statuses = { Output.Create("ACTIVE") },
            }).Apply(i => i.Id);

            // Invoke with InvokeOutputOptions.
            outputs["outputOptionsIds"] = GetImages.Invoke(new GetImagesInvokeArgs { Type = "DEDICATED", Namespace = "team-vision" },
                new InvokeOutputOptions()).Apply(r => r.Ids);

            // The README's example: GetImage with MostRecent.
            var notebook = GetImage.Invoke(new GetImageInvokeArgs
            {
                Name = "pytorch",
                Arch = "X86_64",
                ResourceCategories = { "GPU" },
                DevServices = { "NOTEBOOK" },
                MostRecent = true,
            });
            outputs["readmeId"] = notebook.Apply(i => i.Id);
            outputs["readmeSwrPath"] = notebook.Apply(i => i.SwrPath);
            break;

        case "readList":
            // Reading a list property creates it empty; the SDK then sends [] and the default (ACTIVE only) applies.
            var args = new GetImagesArgs { Name = "pytorch2.3.0" };
            outputs["statusesRead"] = args.Statuses.Count;
            outputs["ids"] = (await GetImages.InvokeAsync(args)).Ids;
            outputs["anyStatusIds"] = (await GetImages.InvokeAsync(new GetImagesArgs { Name = "pytorch2.3.0", Statuses = { "*" } })).Ids;
            break;

        case "large":
            var image = await GetImage.InvokeAsync(new GetImageArgs { Id = config.Require("imageId") });
            // As text, so nothing between the SDK and the test's assertion rounds the numbers.
            outputs["size"] = image.Size?.ToString("R", System.Globalization.CultureInfo.InvariantCulture);
            outputs["createAt"] = image.CreateAt?.ToString("R", System.Globalization.CultureInfo.InvariantCulture);
            break;

        case "noMatch":
            var none = await GetImages.InvokeAsync(new GetImagesArgs { Name = "no-such-framework" });
            outputs["images"] = none.Images.Length;
            outputs["ids"] = none.Ids;
            outputs["id"] = none.Id;
            outputs["swrPath"] = none.SwrPath;
            outputs["policyViolations"] = none.PolicyViolations.Length;
            break;

        case "unknownInput":
            // An input not known in preview (as another resource's output is before it exists): no invoke is sent and
            // the result is unknown; a known lookup beside it still resolves. tests/programs/ts-forms does the same.
            var unknownName = Pulumi.Utilities.OutputUtilities.CreateUnknown("pytorch");
            outputs["unknownId"] = GetImage.Invoke(new GetImageInvokeArgs { Name = unknownName, MostRecent = true }).Apply(i => i.Id);
            outputs["knownIds"] = GetImages.Invoke(new GetImagesInvokeArgs { Name = "pytorch" }).Apply(r => r.Ids);
            break;

        default:
            throw new ArgumentException($"unknown case {config.Require("case")}");
    }

    return outputs;
});
