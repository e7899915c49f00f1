using System.Text.Json.Nodes;

namespace ModelArts.Emulator;

/// <summary>
/// The catalog, kept as raw JSON objects so fields the provider does not know (show_name, tags, ...)
/// go out exactly as the catalog file has them.
/// </summary>
internal sealed class ImageStore
{
    private readonly Lock _gate = new();
    private List<JsonObject> _images;
    private int _grown;

    public ImageStore(IEnumerable<JsonObject> images) => _images = images.ToList();

    public int Count { get { lock (_gate) return _images.Count; } }

    public List<JsonObject> Snapshot() { lock (_gate) return _images.Select(i => (JsonObject)i.DeepClone()).ToList(); }

    /// <summary>Adds images newer than everything else (the "catalog changes mid-listing" fault).</summary>
    public void Grow(int count)
    {
        lock (_gate)
        {
            var newest = _images.Max(i => (long?)i["create_at"]) ?? 1_700_000_000_000;
            for (var k = 0; k < count; k++)
            {
                _grown++;
                _images.Add(CatalogGenerator.Image(100_000 + _grown, newest + _grown * 1000L));
            }
        }
    }

    public void Replace(IEnumerable<JsonObject> images) { lock (_gate) { _images = images.ToList(); _grown = 0; } }

    public static List<JsonObject> Load(string path)
    {
        var root = JsonNode.Parse(File.ReadAllText(path));
        var array = root as JsonArray ?? root?["data"] as JsonArray ?? throw new InvalidDataException($"{path}: expected a JSON array of images or an object with \"data\"");
        return array.OfType<JsonObject>().Select(o => (JsonObject)o.DeepClone()).ToList();
    }
}
