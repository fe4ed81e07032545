using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Logging;
using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace Workbench.Core.Providers;

/// <summary>
/// The transport resilience pipeline of one provider (Polly through Microsoft.Extensions.Http.Resilience):
/// exponential backoff with jitter, Retry-After honoured (seconds, HTTP-date and <c>retry-after-ms</c>), retries on
/// 408/429/500/502/503/504/529, timeouts and dropped connections; never on 400/401/403/404/422 or on a 429 that says
/// the quota or spend limit is exhausted. Each retry is recorded in the <see cref="TransportTrail"/> and logged.
/// </summary>
public static class TransportPolicy
{
    /// <summary>Set on a request (<see cref="HttpRequestMessage.Options"/>) to send it once, without retries (connection tests).</summary>
    public static readonly HttpRequestOptionsKey<bool> NoRetry = new("Workbench.Transport.NoRetry");

    private static readonly HashSet<int> RetryableStatuses = [408, 429, 500, 502, 503, 504, 529];

    public static bool IsRetryableStatus(int status) => RetryableStatuses.Contains(status);

    /// <summary>Builds the handler that goes in front of the provider's primary HTTP handler.</summary>
    public static ResilienceHandler CreateHandler(string provider, ProviderOptions options, TimeProvider timeProvider, ILogger logger) =>
        new(CreatePipeline(provider, options, timeProvider, logger));

    public static ResiliencePipeline<HttpResponseMessage> CreatePipeline(string provider, ProviderOptions options, TimeProvider timeProvider, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        var maxRetryAfter = TimeSpan.FromSeconds(options.MaxRetryAfterSeconds);
        var builder = new ResiliencePipelineBuilder<HttpResponseMessage> { TimeProvider = timeProvider };
        if (options.MaxRetries > 0)
        {
            builder.AddRetry(new RetryStrategyOptions<HttpResponseMessage>
            {
                MaxRetryAttempts = options.MaxRetries,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = TimeSpan.FromMilliseconds(options.RetryBaseDelayMilliseconds),
                MaxDelay = TimeSpan.FromSeconds(Math.Max(options.MaxRetryAfterSeconds, 1)),
                ShouldHandle = args => ShouldRetryAsync(args.Outcome, args.Context, timeProvider, maxRetryAfter),
                DelayGenerator = args => new ValueTask<TimeSpan?>(args.Outcome.Result is { } response ? GetRetryAfter(response, timeProvider) : null),
                OnRetry = args =>
                {
                    var (status, kind) = Describe(args.Outcome);
                    var fromServer = args.Outcome.Result is { } response && GetRetryAfter(response, timeProvider) is not null;
                    var retry = new TransportRetry(provider, args.AttemptNumber + 1, status, kind, args.RetryDelay, fromServer);
                    ProviderLog.TransportRetry(logger, provider, retry.FailedTry, status?.ToString(CultureInfo.InvariantCulture) ?? kind ?? "error", (long)args.RetryDelay.TotalMilliseconds);
                    TransportTrail.RecordRetry(retry);
                    return default;
                },
            });
        }

        builder.AddTimeout(new TimeoutStrategyOptions { Timeout = TimeSpan.FromSeconds(options.TimeoutSeconds) });
        return builder.Build();
    }

    /// <summary>The server's requested wait: <c>retry-after-ms</c>, else <c>Retry-After</c> as seconds or an HTTP-date.</summary>
    public static TimeSpan? GetRetryAfter(HttpResponseMessage response, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(response);
        ArgumentNullException.ThrowIfNull(timeProvider);
        if (response.Headers.TryGetValues("retry-after-ms", out var msValues)
            && double.TryParse(msValues.FirstOrDefault(), NumberStyles.Float, CultureInfo.InvariantCulture, out var ms)
            && ms >= 0 && ms < TimeSpan.MaxValue.TotalMilliseconds)
        {
            return TimeSpan.FromMilliseconds(ms);
        }

        if (response.Headers.RetryAfter is not RetryConditionHeaderValue retryAfter)
        {
            return null;
        }

        if (retryAfter.Delta is { } delta)
        {
            return delta < TimeSpan.Zero ? TimeSpan.Zero : delta;
        }

        if (retryAfter.Date is { } date)
        {
            var wait = date - timeProvider.GetUtcNow();
            return wait < TimeSpan.Zero ? TimeSpan.Zero : wait;
        }

        return null;
    }

    /// <summary>True for a 429 whose body says the quota or spend limit is used up: waiting will not help.</summary>
    public static bool IsQuotaExhaustedBody(string? body) =>
        body is not null
        && (body.Contains("insufficient_quota", StringComparison.OrdinalIgnoreCase)
            || body.Contains("billing_hard_limit", StringComparison.OrdinalIgnoreCase)
            || body.Contains("spend limit", StringComparison.OrdinalIgnoreCase)
            || body.Contains("credit balance", StringComparison.OrdinalIgnoreCase));

    internal static (int? Status, string? Kind) Describe(Outcome<HttpResponseMessage> outcome) => outcome.Exception switch
    {
        null => ((int?)(int)outcome.Result!.StatusCode, null),
        TimeoutRejectedException => (null, "timeout"),
        HttpRequestException { StatusCode: { } code } => ((int)code, null),
        HttpRequestException => (null, "connection"),
        IOException => (null, "connection"),
        var other => (null, other.GetType().Name),
    };

    private static async ValueTask<bool> ShouldRetryAsync(Outcome<HttpResponseMessage> outcome, ResilienceContext context, TimeProvider timeProvider, TimeSpan maxRetryAfter)
    {
        if (context.GetRequestMessage() is { } request && request.Options.TryGetValue(NoRetry, out var noRetry) && noRetry)
        {
            return false;
        }

        if (outcome.Exception is { } exception)
        {
            if (context.CancellationToken.IsCancellationRequested)
            {
                return false; // the caller cancelled: not a transport failure
            }

            return exception is TimeoutRejectedException or HttpRequestException or IOException;
        }

        var response = outcome.Result!;
        var status = (int)response.StatusCode;
        if (!IsRetryableStatus(status))
        {
            return false;
        }

        if (GetRetryAfter(response, timeProvider) is { } wait && wait > maxRetryAfter)
        {
            return false;
        }

        if (response.StatusCode == HttpStatusCode.TooManyRequests && IsQuotaExhaustedBody(await PeekBodyAsync(response, context.CancellationToken)))
        {
            return false;
        }

        return true;
    }

    /// <summary>Reads a small error body without consuming it (it is buffered, so the SDK can still read it).</summary>
    internal static async Task<string?> PeekBodyAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            await response.Content.LoadIntoBufferAsync(64 * 1024, cancellationToken);
            return await response.Content.ReadAsStringAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException or InvalidOperationException)
        {
            return null;
        }
    }
}
