using System.Buffers;

namespace Contests.Web.Features.Exports;

/// <summary>
/// The bytes of an export between the writers (CSV text, the XLSX's zip and XmlWriter, which write synchronously) and
/// the response (which takes only asynchronous writes): the writers write here, and the export loop hands what has
/// gathered to the response every <see cref="Threshold"/> bytes. So a file of any size holds at most a few tens of
/// kilobytes in memory, and no thread blocks on the network.
/// </summary>
public sealed class ExportBufferStream(Stream output) : Stream
{
    /// <summary>How much is gathered before it goes out.</summary>
    public const int Threshold = 64 * 1024;

    private readonly ArrayBufferWriter<byte> _buffer = new(Threshold * 2);
    private long _written;

    public int Pending => _buffer.WrittenCount;

    /// <summary>Sends what has gathered once there is enough of it (or everything, with <paramref name="force"/>).</summary>
    public async ValueTask DrainAsync(bool force, CancellationToken ct)
    {
        if (_buffer.WrittenCount == 0 || (!force && _buffer.WrittenCount < Threshold))
        {
            return;
        }
        await output.WriteAsync(_buffer.WrittenMemory, ct);
        _buffer.ResetWrittenCount();
    }

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => _written;
        set => throw new NotSupportedException();
    }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        _buffer.Write(buffer);
        _written += buffer.Length;
    }

    public override void WriteByte(byte value) => Write([value]);

    public override void Flush()
    {
        // Flushing to the response happens in DrainAsync, asynchronously.
    }

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();
}
