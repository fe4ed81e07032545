namespace Workbench.Security;

/// <summary>Why a bearer token was refused. Each has its own message in the 401 problem details.</summary>
public enum ApiTokenFailure
{
    None,
    Unknown,
    Revoked,
    Expired,
    OwnerDisabled,
}
