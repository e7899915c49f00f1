using System.Collections.Concurrent;
using System.Runtime.InteropServices;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace ModelArts.Provider.ModelArtsApi.Dto;

/// <summary>
/// One instance per distinct value for the fields that repeat across a listing (arch, status, namespace, ...):
/// 10,000 listed images then share a few dozen strings instead of holding 10,000 copies of each, about a third
/// of a kept listing (BENCHMARKS.md, "Memory"). Process-wide and bounded: when a catalog whose "repeating" fields
/// are all distinct fills it, it starts over (values handed out stay valid; only sharing restarts).
/// </summary>
internal static class SharedValues
{
    /// <summary>Longer values are read as usual: enum-like values are short.</summary>
    public const int MaxLength = 64;

    public const int MaxValues = 2048;

    private static readonly ConcurrentDictionary<string, string> Strings = new(StringComparer.Ordinal);
    private static readonly ConcurrentDictionary<string, string[]> Lists = new(StringComparer.Ordinal);
    private static readonly ConcurrentDictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> StringsBySpan =
        Strings.GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>The current string token, shared when it is short; the reader's own checks (escapes, UTF-8) apply.</summary>
    public static string ReadString(ref Utf8JsonReader reader)
    {
        var encodedLength = reader.HasValueSequence ? reader.ValueSequence.Length : reader.ValueSpan.Length;
        if (encodedLength > MaxLength)
        {
            return reader.GetString()!;
        }

        // A value's UTF-16 length never exceeds its encoded (UTF-8, possibly escaped) length.
        Span<char> chars = stackalloc char[MaxLength];
        var text = chars[..reader.CopyString(chars)];
        if (StringsBySpan.TryGetValue(text, out var shared))
        {
            return shared;
        }

        StartOverWhenFull(Strings);
        var value = new string(text);
        return Strings.GetOrAdd(value, value);
    }

    /// <summary>A list shared by every image with the same items in the same order (callers only read it).</summary>
    public static IReadOnlyList<string> ShareList(List<string> items)
    {
        if (items.Count == 0)
        {
            return [];
        }

        // The key is only a hint (an item may itself contain the separator): a hit is shared only if its items match.
        var key = string.Join('\u001f', items);
        if (Lists.TryGetValue(key, out var shared))
        {
            return shared.AsSpan().SequenceEqual(CollectionsMarshal.AsSpan(items)) ? shared : items.ToArray();
        }

        var list = items.ToArray();
        if (key.Length > MaxLength * 4)
        {
            return list;
        }

        StartOverWhenFull(Lists);
        var kept = Lists.GetOrAdd(key, list);
        return kept.AsSpan().SequenceEqual(list) ? kept : list;
    }

    private static void StartOverWhenFull<T>(ConcurrentDictionary<string, T> pool)
    {
        if (pool.Count >= MaxValues)
        {
            pool.Clear();
        }
    }
}

/// <summary>A string field whose values repeat across images (see <see cref="SharedValues"/>).</summary>
internal sealed class SharedStringConverter : JsonConverter<string>
{
    public override string Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType == JsonTokenType.String ? SharedValues.ReadString(ref reader) : throw NotString(reader.TokenType);

    public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options) => writer.WriteStringValue(value);

    /// <summary>The serializer adds the path and position (JsonErrors.Describe shows them).</summary>
    internal static JsonException NotString(JsonTokenType token) => new($"expected a string, not {token switch
    {
        JsonTokenType.Number => "a number",
        JsonTokenType.True or JsonTokenType.False => "a boolean",
        JsonTokenType.StartObject => "an object",
        JsonTokenType.StartArray => "a list",
        _ => token.ToString(),
    }}");
}

/// <summary>A list of strings whose items, and often whole lists, repeat across images. A null item reads as "".</summary>
internal sealed class SharedStringListConverter : JsonConverter<IReadOnlyList<string>>
{
    public override IReadOnlyList<string> Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            throw new JsonException("expected a list of strings");
        }

        var items = new List<string>(4);
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            items.Add(reader.TokenType switch
            {
                JsonTokenType.String => SharedValues.ReadString(ref reader),
                JsonTokenType.Null => "",
                var other => throw SharedStringConverter.NotString(other),
            });
        }

        return SharedValues.ShareList(items);
    }

    public override void Write(Utf8JsonWriter writer, IReadOnlyList<string> value, JsonSerializerOptions options)
    {
        writer.WriteStartArray();
        foreach (var item in value)
        {
            writer.WriteStringValue(item);
        }

        writer.WriteEndArray();
    }
}
