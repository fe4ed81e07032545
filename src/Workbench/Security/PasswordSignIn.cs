using Microsoft.AspNetCore.Identity;
using Workbench.Core.Audit;
using Workbench.Core.Persistence;

namespace Workbench.Security;

/// <summary>
/// Password sign-in that answers the same way, and takes about as long, whether or not the account exists, is
/// locked or is disabled: a failed attempt only ever says "wrong e-mail or password, or the account is locked".
/// Wrong passwords count towards the lockout. Every attempt is audited (ADR-017): success, failure, lockout; for an
/// unknown name only its redacted form (an e-mail address becomes <c>[EMAIL#1]</c>; any other text, which may be a
/// password typed in the wrong field, is not stored at all).
/// </summary>
public sealed class PasswordSignIn(SignInManager<WorkbenchUser> signInManager, IPasswordHasher<WorkbenchUser> hasher, AuditTrail audit)
{
    // Hashed once per process so an unknown e-mail costs one hash verification, like a known one.
    private static string? s_dummyHash;

    public async Task<bool> SignInAsync(string? email, string? password)
    {
        email = email?.Trim() ?? "";
        password ??= "";
        var user = email.Length == 0 ? null : await signInManager.UserManager.FindByNameAsync(email);
        if (user is null)
        {
            var dummy = new WorkbenchUser();
            s_dummyHash ??= hasher.HashPassword(dummy, Guid.NewGuid().ToString("N"));
            hasher.VerifyHashedPassword(dummy, s_dummyHash, password);
            await audit.RecordAsync(new(AuditActions.SignInFailed, AuditTargets.User, null, null, UnknownAccount(email)) { ActorName = CurrentUserAnonymous });
            return false;
        }

        var result = await signInManager.PasswordSignInAsync(user, password, isPersistent: false, lockoutOnFailure: true);
        await audit.RecordAsync(Describe(user, result));
        return result.Succeeded;
    }

    private const string CurrentUserAnonymous = Hosting.CurrentUser.AnonymousName;

    private static readonly System.ComponentModel.DataAnnotations.EmailAddressAttribute EmailRule = new();

    /// <summary>The attempted name, only as the placeholder the redactor will turn an e-mail address into; anything else is dropped.</summary>
    internal static string UnknownAccount(string name) =>
        name.Length == 0 ? "No account name given."
        : EmailRule.IsValid(name) && !name.Any(char.IsWhiteSpace) ? $"Unknown account {name}"
        : "Unknown account (the name typed is not an e-mail address and is not stored).";

    private AuditEvent Describe(WorkbenchUser user, SignInResult result)
    {
        var max = signInManager.Options.Lockout.MaxFailedAccessAttempts;
        var (action, details) = result switch
        {
            { Succeeded: true } => (AuditActions.SignInSucceeded, (string?)null),
            { IsLockedOut: true } when user.LockoutEnd == DateTimeOffset.MaxValue => (AuditActions.SignInFailed, "The account is disabled."),
            { IsLockedOut: true } => (AuditActions.SignInLockedOut, $"Locked out until {user.LockoutEnd:yyyy-MM-dd HH:mm:ss} UTC."),
            { IsNotAllowed: true } => (AuditActions.SignInFailed, "Sign-in not allowed for this account."),
            _ => (AuditActions.SignInFailed, $"Wrong password ({user.AccessFailedCount} of {max} attempts before lockout)."),
        };
        return new AuditEvent(action, AuditTargets.User, user.Id, user.UserName, details) { ActorId = user.Id, ActorName = user.UserName };
    }
}
