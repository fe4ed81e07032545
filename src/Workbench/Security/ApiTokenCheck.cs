namespace Workbench.Security;

/// <summary>
/// The result of checking a bearer token: the owner and the role the request acts with (the lower of the owner's
/// current role and the token's cap), or why it was refused.
/// </summary>
public sealed record ApiTokenCheck(ApiTokenFailure Failure, Guid TokenId, string? UserId, string? UserName, string? Role)
{
    public bool Succeeded => Failure == ApiTokenFailure.None;

    public static ApiTokenCheck Fail(ApiTokenFailure failure) => new(failure, Guid.Empty, null, null, null);

    /// <summary>The <c>detail</c> of the 401 answer. Never contains the token.</summary>
    public string Describe() => Failure switch
    {
        ApiTokenFailure.Revoked => "The API token was revoked. Create a new one under Account → API tokens.",
        ApiTokenFailure.Expired => "The API token has expired. Create a new one under Account → API tokens.",
        ApiTokenFailure.OwnerDisabled => "The account that owns this API token is disabled.",
        ApiTokenFailure.Unknown => "The API token is unknown: check that it was copied whole (it starts with 'pwb_').",
        _ => "",
    };
}
