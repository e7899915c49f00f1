using System.Text.Json.Nodes;

namespace ModelArts.Emulator;

/// <summary>
/// The catalog, kept as raw JSON objects so fields the provider does not know (show_name, tags, ...)
/// go out exactly as the catalog file has them. Copy-on-write: requests read an immutable snapshot,
/// never cloning the catalog (a 10,000-image catalog would otherwise make the emulator the bottleneck).
/// </summary>
internal sealed class ImageStore
{
    private readonly Lock _gate = new();
    private volatile IReadOnlyList<JsonObject> _images;
    private int _grown;

    public ImageStore(IEnumerable<JsonObject> images) => _images = Materialize(images);

    public int Count => _images.Count;

    /// <summary>Changes whenever the catalog does, so per-query results can be cached safely.</summary>
    public int Version { get; private set; }

    /// <summary>The current catalog; callers must not modify the objects.</summary>
    public IReadOnlyList<JsonObject> Snapshot() => _images;

    /// <summary>Adds images newer than everything else (the "catalog changes mid-listing" fault).</summary>
    public void Grow(int count)
    {
        lock (_gate)
        {
            var newest = _images.Max(i => (long?)i["create_at"]) ?? 1_700_000_000_000;
            var next = _images.ToList();
            for (var k = 0; k < count; k++)
            {
                _grown++;
                next.Add(CatalogGenerator.Image(100_000 + _grown, newest + _grown * 1000L));
            }

            _images = Materialize(next);
            Version++;
        }
    }

    /// <summary>Publishes one image (POST /_emulator/images); without create_at it is the newest, without id it gets one.</summary>
    public JsonObject Publish(JsonObject image)
    {
        lock (_gate)
        {
            var copy = (JsonObject)image.DeepClone();
            copy["id"] ??= Guid.NewGuid().ToString();
            copy["create_at"] ??= (_images.Max(i => (long?)i["create_at"]) ?? 1_700_000_000_000) + 1000;
            _images = Materialize([.. _images, copy]);
            Version++;
            return copy;
        }
    }

    /// <summary>Deletes the image with this id (DELETE /_emulator/images/{id}); false when there is none.</summary>
    public bool Delete(string id)
    {
        lock (_gate)
        {
            var kept = _images.Where(i => (string?)i["id"] != id).ToList();
            if (kept.Count == _images.Count)
            {
                return false;
            }

            _images = Materialize(kept);
            Version++;
            return true;
        }
    }

    public void Replace(IEnumerable<JsonObject> images) { lock (_gate) { _images = Materialize(images); _grown = 0; Version++; } }

    /// <summary>
    /// JsonNode parses lazily and that first read is not thread-safe; touching every node once here makes
    /// the shared objects safe for the concurrent reads of page requests.
    /// </summary>
    private static List<JsonObject> Materialize(IEnumerable<JsonObject> images)
    {
        static void Touch(JsonNode? node)
        {
            switch (node)
            {
                case JsonObject o:
                    foreach (var (_, v) in o) Touch(v);
                    break;
                case JsonArray a:
                    foreach (var v in a) Touch(v);
                    break;
            }
        }

        var list = images.ToList();
        list.ForEach(Touch);
        return list;
    }

    public static List<JsonObject> Load(string path)
    {
        var root = JsonNode.Parse(File.ReadAllText(path));
        var array = root as JsonArray ?? root?["data"] as JsonArray ?? throw new InvalidDataException($"{path}: expected a JSON array of images or an object with \"data\"");
        return array.OfType<JsonObject>().Select(o => (JsonObject)o.DeepClone()).ToList();
    }
}
