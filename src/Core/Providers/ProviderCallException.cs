namespace Workbench.Core.Providers;

/// <summary>
/// The one exception a provider <see cref="Microsoft.Extensions.AI.IChatClient"/> built by the catalog throws for a
/// failed call (after transport retries). The message is safe to show: keys and bearer tokens are scrubbed, and the
/// SDK exception is not kept as the inner exception (its message and data may carry request details).
/// </summary>
public sealed class ProviderCallException : Exception
{
    public ProviderCallException()
    {
        Provider = "";
    }

    public ProviderCallException(string message)
        : base(message)
    {
        Provider = "";
    }

    public ProviderCallException(string message, Exception innerException)
        : base(message, innerException)
    {
        Provider = "";
    }

    public ProviderCallException(string provider, ProviderFailureKind kind, int? httpStatus, string message, TimeSpan? retryAfter = null)
        : base(message)
    {
        Provider = provider;
        Kind = kind;
        HttpStatus = httpStatus;
        RetryAfter = retryAfter;
    }

    public string Provider { get; }

    public ProviderFailureKind Kind { get; }

    public int? HttpStatus { get; }

    public TimeSpan? RetryAfter { get; }

    /// <summary>Name of the SDK or transport exception type that was translated (no message, no data).</summary>
    public string? SourceExceptionType { get; init; }

    public static ProviderFailureKind KindForStatus(int status) => status switch
    {
        400 or 413 or 422 => ProviderFailureKind.BadRequest,
        401 or 403 => ProviderFailureKind.Unauthorized,
        404 => ProviderFailureKind.NotFound,
        408 => ProviderFailureKind.Timeout,
        429 => ProviderFailureKind.RateLimited,
        503 or 529 => ProviderFailureKind.Overloaded,
        >= 500 => ProviderFailureKind.ServerError,
        _ => ProviderFailureKind.Other,
    };
}
