namespace Workbench.Security;

/// <summary>
/// The outcome of a user administration step: success, or a message saying what is wrong. A generated password is
/// returned here once and stored nowhere in clear.
/// </summary>
public sealed record UserChange(bool Succeeded, string? Error, string? GeneratedPassword = null)
{
    public static UserChange Ok(string? generatedPassword = null) => new(true, null, generatedPassword);

    public static UserChange Fail(string error) => new(false, error);
}
