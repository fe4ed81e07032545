using System.Net.Http.Headers;
using System.Text;

namespace Workbench.Core.Providers;

/// <summary>
/// A response body produced chunk by chunk while the consumer reads it (no buffering), like a socket: used to stream
/// SSE at a pace, and to drop a stream mid-way. A failure of the producer surfaces as an <see cref="IOException"/>
/// only after every chunk before it has been read, so what arrived before a drop is never lost.
/// </summary>
internal static class PipeContent
{
    public static HttpContent Create(string mediaType, IAsyncEnumerable<string> chunks, CancellationToken cancellationToken)
    {
        // The producer stops when the request is cancelled or when a read is cancelled (a reader giving up on a stalled
        // stream), as a socket read would.
        var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var content = new StreamContent(new ChunkStream(chunks.GetAsyncEnumerator(stop.Token), stop));
        content.Headers.ContentType = new MediaTypeHeaderValue(mediaType) { CharSet = "utf-8" };
        return content;
    }

    private sealed class ChunkStream(IAsyncEnumerator<string> chunks, CancellationTokenSource stop) : Stream
    {
        private byte[] _buffer = [];
        private int _offset;
        private bool _done;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            while (_offset >= _buffer.Length)
            {
                if (_done)
                {
                    return 0;
                }

                bool more;
                try
                {
                    using var readCancelled = cancellationToken.Register(static s => ((CancellationTokenSource)s!).Cancel(), stop);
                    more = await chunks.MoveNextAsync();
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    _done = true;
                    throw ex as IOException ?? new IOException("The stream failed.", ex);
                }

                if (!more)
                {
                    _done = true;
                    return 0;
                }

                _buffer = Encoding.UTF8.GetBytes(chunks.Current);
                _offset = 0;
            }

            var count = Math.Min(buffer.Length, _buffer.Length - _offset);
            _buffer.AsMemory(_offset, count).CopyTo(buffer);
            _offset += count;
            return count;
        }

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override int Read(byte[] buffer, int offset, int count) => ReadAsync(buffer, offset, count, CancellationToken.None).GetAwaiter().GetResult();

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                _ = chunks.DisposeAsync().AsTask().ContinueWith(_ => stop.Dispose(), TaskScheduler.Default);
            }

            base.Dispose(disposing);
        }
    }
}
