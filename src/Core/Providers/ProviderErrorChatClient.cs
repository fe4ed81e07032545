using System.ClientModel;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;

namespace Workbench.Core.Providers;

/// <summary>
/// Outermost middleware of every catalog client: opens a <see cref="TransportTrail"/> scope for the call, and turns
/// whatever the SDK or transport threw into a <see cref="ProviderCallException"/> with a key-free message
/// (classified by the last HTTP status the transport saw). Cancellation passes through unchanged.
/// </summary>
public sealed class ProviderErrorChatClient(IChatClient innerClient, string provider, string? apiKey, ILogger logger) : DelegatingChatClient(innerClient)
{
    private const int MaxDetailLength = 400;

    public override async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        using var trail = TransportTrail.Begin();
        try
        {
            return await base.GetResponseAsync(messages, options, cancellationToken);
        }
        catch (Exception ex) when (Translate(ex, trail, streamed: false, cancellationToken) is { } translated)
        {
            throw translated;
        }
    }

    public override async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        using var trail = TransportTrail.Begin();
        IAsyncEnumerator<ChatResponseUpdate> enumerator;
        try
        {
            enumerator = base.GetStreamingResponseAsync(messages, options, cancellationToken).GetAsyncEnumerator(cancellationToken);
        }
        catch (Exception ex) when (Translate(ex, trail, streamed: false, cancellationToken) is { } translated)
        {
            throw translated;
        }

        await using (enumerator)
        {
            var received = false;
            while (true)
            {
                try
                {
                    if (!await enumerator.MoveNextAsync())
                    {
                        break;
                    }
                }
                catch (Exception ex) when (Translate(ex, trail, received, cancellationToken) is { } translated)
                {
                    throw translated;
                }

                received = true;
                yield return enumerator.Current;
            }
        }
    }

    private ProviderCallException? Translate(Exception exception, TransportTrail trail, bool streamed, CancellationToken cancellationToken)
    {
        if (exception is OperationCanceledException && cancellationToken.IsCancellationRequested)
        {
            ProviderLog.CallCancelled(logger, provider);
            return null;
        }

        if (exception is ProviderCallException already)
        {
            ProviderLog.CallFailed(logger, provider, already.Kind, already.HttpStatus);
            return already;
        }

        var failure = trail.LastFailure;
        int? status = failure?.HttpStatus;
        if (status is null && exception is ClientResultException { Status: > 0 } clientResult)
        {
            status = clientResult.Status;
        }

        if (status is null && exception is HttpRequestException { StatusCode: { } code })
        {
            status = (int)code;
        }

        ProviderFailureKind kind;
        string summary;
        if (status is { } httpStatus && httpStatus >= 400)
        {
            kind = failure?.QuotaExhausted == true ? ProviderFailureKind.QuotaExhausted : ProviderCallException.KindForStatus(httpStatus);
            summary = $"HTTP {httpStatus}";
        }
        else if (failure?.ErrorKind == "timeout" || exception is TimeoutException or Polly.Timeout.TimeoutRejectedException || exception is OperationCanceledException)
        {
            kind = ProviderFailureKind.Timeout;
            summary = "the request timed out";
        }
        else if (streamed || trail.LastHttpStatus is >= 200 and < 300 && exception is IOException or HttpRequestException)
        {
            kind = exception is IOException or HttpRequestException ? ProviderFailureKind.StreamBroken : ProviderFailureKind.InvalidResponse;
            summary = kind == ProviderFailureKind.StreamBroken ? "the connection dropped while the answer was streaming" : "the response could not be read";
        }
        else if (exception is HttpRequestException or IOException)
        {
            kind = ProviderFailureKind.ConnectionFailed;
            summary = "the server could not be reached";
        }
        else if (exception is System.Text.Json.JsonException or FormatException or InvalidOperationException)
        {
            kind = ProviderFailureKind.InvalidResponse;
            summary = "the response could not be read";
        }
        else
        {
            kind = ProviderFailureKind.Other;
            summary = "the call failed";
        }

        var retries = trail.Retries.Count;
        var detail = SecretScrubber.Scrub(exception.Message, apiKey).ReplaceLineEndings(" ");
        if (detail.Length > MaxDetailLength)
        {
            detail = detail[..MaxDetailLength] + "…";
        }

        var message = $"Provider '{provider}': {summary} ({kind})"
            + (retries > 0 ? $" after {retries} transport retr{(retries == 1 ? "y" : "ies")}" : "")
            + (detail.Length > 0 ? $". Detail: {detail}" : ".");
        ProviderLog.CallFailed(logger, provider, kind, status);
        return new ProviderCallException(provider, kind, status, message, failure?.RetryAfter) { SourceExceptionType = exception.GetType().Name };
    }
}
