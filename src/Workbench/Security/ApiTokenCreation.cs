namespace Workbench.Security;

/// <summary>
/// The outcome of creating an API token: the token text (returned here once, stored nowhere) or a message saying
/// what is wrong with the request.
/// </summary>
public sealed record ApiTokenCreation(bool Succeeded, string? Error, string? Token, ApiTokenSummary? Summary)
{
    public static ApiTokenCreation Ok(string token, ApiTokenSummary summary) => new(true, null, token, summary);

    public static ApiTokenCreation Fail(string error) => new(false, error, null, null);
}
