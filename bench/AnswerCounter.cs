using Google.Protobuf;

namespace ModelArts.Bench;

/// <summary>
/// Counts the images of a getImages answer straight from its Struct wire bytes, without building the Struct
/// (for 10,000 images that object graph is ~35 MB and its parse costs more than the provider's work), so a
/// timing through this client measures the provider and the transport, not the client's decoding.
/// Reads only what it needs: Struct.fields = 1 (entry key = 1, value = 2), Value.list_value = 6, ListValue.values = 1.
/// </summary>
internal static class AnswerCounter
{
    public static int Images(ByteString answer)
    {
        var s = answer.Span;
        var at = 0;
        while (at < s.Length)
        {
            Expect(s, ref at, 0x0A);
            var entryEnd = Length(s, ref at);
            Expect(s, ref at, 0x0A);
            var keyEnd = Length(s, ref at);
            var key = System.Text.Encoding.UTF8.GetString(s[at..keyEnd]);
            at = keyEnd;
            if (key != "images")
            {
                at = entryEnd;
                continue;
            }

            Expect(s, ref at, 0x12);
            Length(s, ref at);
            Expect(s, ref at, 0x32);
            var listEnd = Length(s, ref at);
            var count = 0;
            while (at < listEnd)
            {
                Expect(s, ref at, 0x0A);
                at = Length(s, ref at);
                count++;
            }

            return count;
        }

        return 0;
    }

    private static void Expect(ReadOnlySpan<byte> s, ref int at, byte tag)
    {
        if (s[at++] != tag) throw new InvalidDataException($"unexpected tag 0x{s[at - 1]:X2} at {at - 1}, expected 0x{tag:X2}");
    }

    /// <summary>Reads a varint length and returns the offset where that many bytes end.</summary>
    private static int Length(ReadOnlySpan<byte> s, ref int at)
    {
        var length = 0;
        for (var shift = 0; ; shift += 7)
        {
            var b = s[at++];
            length |= (b & 0x7F) << shift;
            if (b < 0x80) break;
        }

        return at + length;
    }
}
