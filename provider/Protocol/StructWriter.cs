using Google.Protobuf;
using ModelArts.Provider.Functions.Framework;

namespace ModelArts.Provider.Protocol;

/// <summary>
/// Writes a property object as the bytes of a <c>google.protobuf.Struct</c>, exactly as Google.Protobuf would
/// serialize the equivalent Struct, but without building that object graph (for 10,000 images it holds
/// ~35 MB). Two passes over the tree: sizes in post-order, then writing in pre-order, to a buffer or straight
/// into a response (<see cref="InvokeAnswer"/>).
/// </summary>
internal sealed class StructWriter : IDisposable
{
    // Field tags: Struct.fields = 1 and ListValue.values = 1 (length-delimited); map entry key = 1, value = 2;
    // Value oneof: null_value = 1 (varint), number_value = 2 (fixed64), string_value = 3, bool_value = 4 (varint),
    // struct_value = 5, list_value = 6.
    private const uint RepeatedOne = 0x0A, EntryKey = 0x0A, EntryValue = 0x12;
    private const uint NullTag = 0x08, NumberTag = 0x11, StringTag = 0x1A, BoolTag = 0x20, StructTag = 0x2A, ListTag = 0x32;

    private readonly SizeSlots _sizes = new();
    private readonly PropertyValue.ObjectValue _value;
    private int _cursor;

    private StructWriter(PropertyValue.ObjectValue value)
    {
        _value = value;
        Size = MeasureStruct(value);
    }

    /// <summary>The encoded size of the struct, measured once.</summary>
    public int Size { get; }

    /// <summary>Measures the object; <see cref="WriteTo"/> then writes exactly <see cref="Size"/> bytes.</summary>
    public static StructWriter Measure(PropertyValue.ObjectValue value) => new(value);

    /// <summary>The struct as one array: what the tests compare, byte for byte, with Google.Protobuf's Struct.</summary>
    public static byte[] ToBytes(PropertyValue.ObjectValue value)
    {
        using var writer = Measure(value);
        var buffer = new byte[writer.Size];
        var output = new CodedOutputStream(buffer);
        writer.WriteTo(output);
        output.CheckNoSpaceLeft();
        return buffer;
    }

    /// <summary>Gives the measured sizes back to their pool; write before disposing.</summary>
    public void Dispose() => _sizes.Dispose();

    /// <summary>The struct's fields (its body; the caller writes any tag and length before it).</summary>
    public void WriteTo(CodedOutputStream output)
    {
        _cursor = 0;
        WriteStructBody(output, _value);
    }

    private int Reserve() => _sizes.Add();

    private int MeasureStruct(PropertyValue.ObjectValue o)
    {
        var slot = Reserve();
        var size = 0;
        foreach (var (key, v) in o.Properties)
        {
            var entrySlot = Reserve();
            var valueSize = MeasureValue(v);
            // Like Google.Protobuf, an entry leaves out a key equal to the proto3 default ("").
            var entry = (key.Length == 0 ? 0 : 1 + CodedOutputStream.ComputeStringSize(key)) + 1 + CodedOutputStream.ComputeLengthSize(valueSize) + valueSize;
            _sizes[entrySlot] = entry;
            size += 1 + CodedOutputStream.ComputeLengthSize(entry) + entry;
        }

        return _sizes[slot] = size;
    }

    private int MeasureList(PropertyValue.ArrayValue a)
    {
        var slot = Reserve();
        var size = 0;
        foreach (var item in a.Items)
        {
            var itemSize = MeasureValue(item);
            size += 1 + CodedOutputStream.ComputeLengthSize(itemSize) + itemSize;
        }

        return _sizes[slot] = size;
    }

    /// <summary>Size of a Value message's content, measuring nested structs and lists.</summary>
    private int MeasureValue(PropertyValue v) => Unwrap(v) switch
    {
        PropertyValue.ObjectValue o => Nested(MeasureStruct(o)),
        PropertyValue.ArrayValue a => Nested(MeasureList(a)),
        var scalar => ScalarSize(scalar),
    };

    /// <summary>A Value's content size, from the already measured size of its nested struct or list (no re-walk).</summary>
    private int PeekValueSize(PropertyValue v) =>
        Unwrap(v) is PropertyValue.ObjectValue or PropertyValue.ArrayValue ? Nested(_sizes[_cursor]) : ScalarSize(v);

    private static int ScalarSize(PropertyValue v) => v switch
    {
        PropertyValue.StringValue s => 1 + CodedOutputStream.ComputeStringSize(s.Value),
        PropertyValue.NumberValue => 1 + 8,
        _ => 1 + 1, // bool_value, or null_value = NULL_VALUE (0)
    };

    /// <summary>A secret goes on the wire as Pulumi's signature-keyed object.</summary>
    private static PropertyValue Unwrap(PropertyValue v) => v is PropertyValue.SecretValue s ? SecretObject(s) : v;

    private static int Nested(int size) => 1 + CodedOutputStream.ComputeLengthSize(size) + size;

    private void WriteStructBody(CodedOutputStream output, PropertyValue.ObjectValue o)
    {
        _cursor++; // this struct's own size was written by the caller
        foreach (var (key, v) in o.Properties)
        {
            output.WriteRawTag((byte)RepeatedOne);
            output.WriteLength(_sizes[_cursor++]);
            if (key.Length > 0)
            {
                output.WriteRawTag((byte)EntryKey);
                output.WriteString(key);
            }

            output.WriteRawTag((byte)EntryValue);
            output.WriteLength(PeekValueSize(v));
            WriteValueBody(output, v);
        }
    }

    private void WriteListBody(CodedOutputStream output, PropertyValue.ArrayValue a)
    {
        _cursor++;
        foreach (var item in a.Items)
        {
            output.WriteRawTag((byte)RepeatedOne);
            output.WriteLength(PeekValueSize(item));
            WriteValueBody(output, item);
        }
    }

    private void WriteValueBody(CodedOutputStream output, PropertyValue v)
    {
        switch (Unwrap(v))
        {
            case PropertyValue.StringValue s:
                output.WriteRawTag((byte)StringTag);
                output.WriteString(s.Value);
                break;
            case PropertyValue.NumberValue n:
                output.WriteRawTag((byte)NumberTag);
                output.WriteDouble(n.Value);
                break;
            case PropertyValue.BoolValue b:
                output.WriteRawTag((byte)BoolTag);
                output.WriteBool(b.Value);
                break;
            case PropertyValue.ObjectValue o:
                output.WriteRawTag((byte)StructTag);
                output.WriteLength(_sizes[_cursor]);
                WriteStructBody(output, o);
                break;
            case PropertyValue.ArrayValue a:
                output.WriteRawTag((byte)ListTag);
                output.WriteLength(_sizes[_cursor]);
                WriteListBody(output, a);
                break;
            default:
                output.WriteRawTag((byte)NullTag);
                output.WriteEnum(0);
                break;
        }
    }

    private static PropertyValue.ObjectValue SecretObject(PropertyValue.SecretValue s) =>
        new([new(ValueConverter.SignatureKey, new PropertyValue.StringValue(ValueConverter.SecretSignature)), new("value", s.Inner)]);
}

/// <summary>
/// The measured sizes, in fixed chunks below the large object heap's threshold (a 10,000-image answer has ~250,000),
/// taken from a pool of their own and given back when the answer is written: sizes that lived through a
/// collection mid-answer were promoted, and a plugin serving hundreds of lookups grew by them until a full
/// collection (BENCHMARKS.md, "Memory").
/// </summary>
internal sealed class SizeSlots : IDisposable
{
    private const int ChunkLength = 16 * 1024; // 64 KB
    private static readonly System.Buffers.ArrayPool<int> Pool = System.Buffers.ArrayPool<int>.Create(ChunkLength, maxArraysPerBucket: 64);
    private readonly List<int[]> _chunks = [];
    private int _count;

    public int Add()
    {
        if (_count % ChunkLength == 0)
        {
            _chunks.Add(Pool.Rent(ChunkLength));
        }

        return _count++;
    }

    public int this[int slot]
    {
        get => _chunks[slot / ChunkLength][slot % ChunkLength];
        set => _chunks[slot / ChunkLength][slot % ChunkLength] = value;
    }

    public void Dispose()
    {
        _chunks.ForEach(chunk => Pool.Return(chunk));
        _chunks.Clear();
    }
}
