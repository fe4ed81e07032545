namespace Workbench.Core.Providers;

/// <summary>The last failed try the transport saw: an HTTP status (with the server's Retry-After, if any) or an error kind.</summary>
public sealed record TransportFailure(int? HttpStatus, string? ErrorKind, TimeSpan? RetryAfter, bool QuotaExhausted);
