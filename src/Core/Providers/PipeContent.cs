using System.IO.Pipelines;
using System.Net.Http.Headers;

namespace Workbench.Core.Providers;

/// <summary>
/// A response body written by a background producer while the consumer reads it (no buffering), like a socket:
/// used to stream SSE at a pace, and to drop a stream mid-way (the producer fails the pipe with an <see cref="IOException"/>).
/// </summary>
internal static class PipeContent
{
    public static HttpContent Create(string mediaType, Func<PipeWriter, CancellationToken, Task> producer, CancellationToken cancellationToken)
    {
        var pipe = new Pipe();
        _ = Task.Run(async () =>
        {
            try
            {
                await producer(pipe.Writer, cancellationToken);
                await pipe.Writer.CompleteAsync();
            }
            catch (Exception ex)
            {
                await pipe.Writer.CompleteAsync(ex is IOException or OperationCanceledException ? ex : new IOException("The stream failed.", ex));
            }
        }, CancellationToken.None);
        var content = new StreamContent(pipe.Reader.AsStream());
        content.Headers.ContentType = new MediaTypeHeaderValue(mediaType) { CharSet = "utf-8" };
        return content;
    }

    public static async Task WriteAsync(PipeWriter writer, string text, CancellationToken cancellationToken)
    {
        var result = await writer.WriteAsync(System.Text.Encoding.UTF8.GetBytes(text), cancellationToken);
        if (result.IsCompleted)
        {
            throw new OperationCanceledException("The reader went away.");
        }
    }
}
