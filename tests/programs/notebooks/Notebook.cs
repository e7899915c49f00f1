using Pulumi;

namespace Notebooks;

/// <summary>
/// huaweicloud:ModelArts/notebook:Notebook as a generated pulumi-huaweicloud SDK would declare it (no huaweicloud
/// NuGet package is served here): the token and the wire names of the inputs and outputs the tests use.
/// </summary>
[ResourceType("huaweicloud:ModelArts/notebook:Notebook", null)]
public sealed class Notebook : CustomResource
{
    [Output("name")] public Output<string> Name { get; private set; } = null!;
    [Output("imageId")] public Output<string> ImageId { get; private set; } = null!;
    [Output("flavorId")] public Output<string> FlavorId { get; private set; } = null!;
    [Output("description")] public Output<string?> Description { get; private set; } = null!;
    [Output("volumeType")] public Output<string> VolumeType { get; private set; } = null!;
    [Output("status")] public Output<string> Status { get; private set; } = null!;
    [Output("url")] public Output<string> Url { get; private set; } = null!;

    public Notebook(string name, NotebookArgs args, CustomResourceOptions? options = null)
        : base("huaweicloud:ModelArts/notebook:Notebook", name, args, options)
    {
    }
}

public sealed class NotebookArgs : ResourceArgs
{
    [Input("name", required: true)] public Input<string> Name { get; set; } = null!;
    [Input("imageId", required: true)] public Input<string> ImageId { get; set; } = null!;
    [Input("flavorId")] public Input<string>? FlavorId { get; set; }
    [Input("description")] public Input<string>? Description { get; set; }
    [Input("volumeType")] public Input<string>? VolumeType { get; set; }
}
