using System.Buffers;
using Google.Protobuf;
using Grpc.Core;
using ModelArts.Provider.Functions.Framework;
using ModelArts.Provider.Protocol.Rpc;

namespace ModelArts.Provider.Protocol;

/// <summary>
/// What an invoke answers: its result, or its failures. The result is kept as the function produced it (lists that
/// refer to the kept listing's images) and encoded into each response as the response is written, so that an
/// answer of 10,000 images (6.9 MB on the wire) never sits in memory as bytes beside gRPC's copy of it.
/// </summary>
internal sealed record InvokeAnswer(PropertyValue.ObjectValue? Result, IReadOnlyList<CheckFailure> Failures)
{
    /// <summary>
    /// The cache's measure of what keeping the answer costs (<see cref="InvokeCache"/>): one per top-level output,
    /// plus each list's items (lazily encoded lists hold a reference, ~8 bytes, per item into the kept listing).
    /// An approximation: an output's own value (a getImage answer's image, ~1 KB) counts as one.
    /// </summary>
    public long Weight => 1 + (Result?.Properties.Sum(p => p.Value is PropertyValue.ArrayValue a ? a.Items.Count : 1) ?? Failures.Count);

    /// <summary>The same bytes a <c>pulumirpc.InvokeResponse</c> would be, written straight into the response.</summary>
    public static void Serialize(InvokeAnswer answer, SerializationContext context)
    {
        if (answer.Result is null)
        {
            var failed = new InvokeResponse();
            failed.Failures.AddRange(answer.Failures);
            context.SetPayloadLength(failed.CalculateSize());
            failed.WriteTo(context.GetBufferWriter());
            context.Complete();
            return;
        }

        using var result = StructWriter.Measure(answer.Result);
        if (result.Size == 0)
        {
            context.Complete([]); // as Google.Protobuf leaves out an empty bytes field
            return;
        }

        var payload = 1 + CodedOutputStream.ComputeLengthSize(result.Size) + result.Size;
        context.SetPayloadLength(payload);
        var output = new CodedOutputStream(new BufferWriterStream(context.GetBufferWriter()), Math.Min(payload, 64 * 1024));
        output.WriteRawTag(0x0A); // InvokeResponse.return = 1, length-delimited
        output.WriteLength(result.Size);
        result.WriteTo(output);
        output.Flush();
        context.Complete();
    }

    /// <summary>A write-only stream over gRPC's buffer writer, so that CodedOutputStream writes into the response in chunks.</summary>
    private sealed class BufferWriterStream(IBufferWriter<byte> writer) : Stream
    {
        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override void Write(ReadOnlySpan<byte> buffer) => writer.Write(buffer);
        public override void Write(byte[] buffer, int offset, int count) => writer.Write(buffer.AsSpan(offset, count));
        public override void Flush() { }
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
    }
}
