using Microsoft.AspNetCore.Identity;
using Workbench.Core.Persistence;

namespace Workbench.Security;

/// <summary>
/// Password sign-in that answers the same way, and takes about as long, whether or not the account exists, is
/// locked or is disabled: a failed attempt only ever says "wrong e-mail or password, or the account is locked".
/// Wrong passwords count towards the lockout.
/// </summary>
public sealed class PasswordSignIn(SignInManager<WorkbenchUser> signInManager, IPasswordHasher<WorkbenchUser> hasher)
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
            return false;
        }

        var result = await signInManager.PasswordSignInAsync(user, password, isPersistent: false, lockoutOnFailure: true);
        return result.Succeeded;
    }
}
