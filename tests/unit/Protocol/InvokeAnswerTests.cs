using System.Buffers;
using FsCheck;
using FsCheck.Fluent;
using Google.Protobuf;
using Grpc.Core;
using ModelArts.Provider.Protocol;
using ModelArts.Provider.Protocol.Rpc;
using ModelArts.UnitTests.Properties;

namespace ModelArts.UnitTests.Protocol;

/// <summary>An answer written straight into the response is byte for byte the InvokeResponse Google.Protobuf would write.</summary>
public sealed class InvokeAnswerTests
{
    /// <summary>
    /// gRPC's serialization context with Grpc.AspNetCore's rules: either one payload array, or the payload length,
    /// then the buffer writer, then Complete().
    /// </summary>
    private sealed class RecordingContext : SerializationContext
    {
        private readonly ArrayBufferWriter<byte> _written = new();
        private bool _writerTaken;
        private byte[]? _payload;
        public int? DeclaredLength { get; private set; }
        public bool Completed { get; private set; }
        public byte[] Written => _payload ?? _written.WrittenSpan.ToArray();

        public override void SetPayloadLength(int payloadLength) => DeclaredLength = payloadLength;

        public override IBufferWriter<byte> GetBufferWriter()
        {
            _writerTaken = true;
            return _written;
        }

        public override void Complete() => Completed = _writerTaken ? true : throw new InvalidOperationException("Complete() before GetBufferWriter()");

        public override void Complete(byte[] payload)
        {
            if (_writerTaken) throw new InvalidOperationException("Complete(payload) after GetBufferWriter()");
            (_payload, DeclaredLength, Completed) = (payload, payload.Length, true);
        }
    }

    private static byte[] Serialize(InvokeAnswer answer)
    {
        var context = new RecordingContext();
        InvokeAnswer.Serialize(answer, context);
        Assert.True(context.Completed);
        Assert.Equal(context.DeclaredLength, context.Written.Length);
        return context.Written;
    }

    [Fact]
    public void AnyResult_IsWrittenAsGoogleProtobufWritesTheInvokeResponse() =>
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(200), Prop.ForAll(Generators.PlainObject(3).ToArbitrary(), o =>
            Serialize(new InvokeAnswer(o, [])).AsSpan().SequenceEqual(
                new InvokeResponse { Return = ByteString.CopyFrom(StructWriter.ToBytes(o)) }.ToByteArray())));

    [Fact]
    public void Failures_AreWrittenAsTheInvokeResponseFailures()
    {
        var failures = new[] { new CheckFailure { Property = "nameRegex", Reason = "invalid pattern" } };

        var written = InvokeResponse.Parser.ParseFrom(Serialize(new InvokeAnswer(null, failures)));

        Assert.Equal(failures, written.Failures);
        Assert.True(written.Return.IsEmpty);
    }

    [Fact]
    public void ALargeResult_SpanningManyWriterChunks_IsComplete()
    {
        var images = Enumerable.Range(0, 5_000).Select(i => (Provider.Functions.Framework.PropertyValue)new Provider.Functions.Framework.PropertyValue.StringValue($"image-{i:D5}")).ToArray();
        var result = new Provider.Functions.Framework.PropertyValue.ObjectValue([new("ids", new Provider.Functions.Framework.PropertyValue.ArrayValue(images))]);

        var written = InvokeResponse.Parser.ParseFrom(Serialize(new InvokeAnswer(result, [])));

        var ids = Google.Protobuf.WellKnownTypes.Struct.Parser.ParseFrom(written.Return).Fields["ids"].ListValue.Values;
        Assert.Equal(5_000, ids.Count);
        Assert.Equal("image-04999", ids[^1].StringValue);
    }
}
