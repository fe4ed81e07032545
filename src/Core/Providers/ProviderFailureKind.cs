namespace Workbench.Core.Providers;

/// <summary>Why a provider call failed, for the run status and the trail.</summary>
public enum ProviderFailureKind
{
    Other,
    BadRequest,
    Unauthorized,
    NotFound,
    RateLimited,
    QuotaExhausted,
    Overloaded,
    ServerError,
    Timeout,
    ConnectionFailed,
    StreamBroken,
    InvalidResponse,
}
