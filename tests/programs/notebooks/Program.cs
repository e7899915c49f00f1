using Notebooks;
using Pulumi;

// Registers `count` notebooks (default 1) with the imageId from config. Each one after the first depends on the
// one before and takes its url as description, so a preview of new notebooks carries unknowns and destroy must
// go in reverse order. Config `description` (set it as a secret) goes to the first notebook.
return await Deployment.RunAsync(() =>
{
    var config = new Pulumi.Config();
    var count = config.GetInt32("count") ?? 1;
    var notebooks = new List<Notebook>();
    for (var i = 0; i < count; i++)
    {
        var previous = notebooks.LastOrDefault();
        notebooks.Add(new Notebook(i == 0 ? "notebook" : $"notebook{i}", new NotebookArgs
        {
            Name = i == 0 ? config.Get("name") ?? "ml-notebook" : $"ml-notebook-{i}",
            ImageId = config.Require("imageId"),
            FlavorId = Optional(config.Get("flavorId")),
            VolumeType = Optional(config.Get("volumeType")),
            Description = OptionalOutput(previous is not null ? previous.Url : config.GetSecret("description")),
        }, new CustomResourceOptions { DependsOn = previous is null ? new InputList<Resource>() : new InputList<Resource> { previous } }));
    }
    return new Dictionary<string, object?>
    {
        ["notebookId"] = notebooks[0].Id,
        ["imageId"] = notebooks[0].ImageId,
        ["url"] = notebooks[0].Url,
        ["description"] = notebooks[0].Description,
    };
});

// An input left out of the request when its config key is not set (null Input), not sent as null.
static Input<string>? Optional(string? value) => value is null ? null : (Input<string>)value;

static Input<string>? OptionalOutput(Output<string>? value)
{
    if (value is null) return null;
    return value;
}
