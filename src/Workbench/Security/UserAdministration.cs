using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Workbench.Core.Audit;
using Workbench.Core.Persistence;

namespace Workbench.Security;

/// <summary>
/// Team-mode accounts: list, create, role, disable/enable, password reset, and the first admin. Each operation runs in
/// its own service scope (its own <see cref="UserManager{TUser}"/> and database context), never a circuit-long one.
/// Rules that keep the app administrable: the last enabled admin cannot be demoted or disabled, nobody disables themselves.
/// </summary>
public sealed class UserAdministration(
    IServiceScopeFactory scopeFactory,
    IDbContextFactory<WorkbenchDbContext> dbFactory,
    IOptions<SecurityOptions> options,
    TimeProvider time,
    AuditTrail audit) : IDisposable
{
    private static readonly EmailAddressAttribute EmailRule = new();
    private readonly SemaphoreSlim _firstAdminGate = new(1, 1);

    public async Task<bool> AnyUserAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.Users.AnyAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<UserSummary>> ListAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var users = await db.Users.AsNoTracking()
            .Select(u => new { u.Id, u.Email, u.LockoutEnd, u.CreatedAtUtc })
            .ToListAsync(cancellationToken);
        var roles = await (from ur in db.UserRoles
                           join r in db.Roles on ur.RoleId equals r.Id
                           select new { ur.UserId, r.Name }).AsNoTracking().ToListAsync(cancellationToken);
        var now = time.GetUtcNow();
        return users
            .Select(u => new UserSummary(
                u.Id,
                u.Email ?? "",
                Roles.Highest(roles.Where(r => r.UserId == u.Id).Select(r => r.Name ?? "")) ?? Roles.Viewer,
                u.LockoutEnd == DateTimeOffset.MaxValue,
                u.LockoutEnd is { } end && end != DateTimeOffset.MaxValue && end > now,
                u.CreatedAtUtc))
            .OrderBy(u => u.Email, StringComparer.OrdinalIgnoreCase)
            .ToList();
    }

    /// <summary>Creates an account with one role. Without <paramref name="password"/> a random one is generated and returned once.</summary>
    public Task<UserChange> CreateAsync(string? email, string role, string? password, CancellationToken cancellationToken = default) =>
        CreateAsync(email, role, password, auditNote: null, cancellationToken);

    /// <summary>As <see cref="CreateAsync(string?, string, string?, CancellationToken)"/>; <paramref name="auditNote"/> ends the audit entry's details (e.g. who provisioned it).</summary>
    public async Task<UserChange> CreateAsync(string? email, string role, string? password, string? auditNote, CancellationToken cancellationToken = default)
    {
        email = email?.Trim() ?? "";
        if (email.Length is 0 or > 256 || !EmailRule.IsValid(email))
        {
            return UserChange.Fail($"'{Shorten(email)}' is not an e-mail address.");
        }

        if (!Roles.IsKnown(role))
        {
            return UserChange.Fail($"Unknown role '{Shorten(role)}': use one of {string.Join(", ", Roles.All)}.");
        }

        var generated = string.IsNullOrEmpty(password) ? PasswordGenerator.Generate(options.Value.Password.MinLength) : null;
        await using var scope = scopeFactory.CreateAsyncScope();
        await EnsureRolesAsync(scope.ServiceProvider);
        var users = scope.ServiceProvider.GetRequiredService<UserManager<WorkbenchUser>>();
        var user = new WorkbenchUser { UserName = email, Email = email, EmailConfirmed = true, LockoutEnabled = true, CreatedAtUtc = time.GetUtcNow().UtcDateTime };
        var created = await users.CreateAsync(user, generated ?? password!);
        if (!created.Succeeded)
        {
            return UserChange.Fail(Describe(created));
        }

        var added = await users.AddToRoleAsync(user, role.ToLowerInvariant());
        if (!added.Succeeded)
        {
            return UserChange.Fail(Describe(added));
        }

        await audit.RecordAsync(new(AuditActions.UserCreated, AuditTargets.User, user.Id, email, $"Role {role.ToLowerInvariant()}{(generated is null ? "" : ", generated password")}{(auditNote is null ? "" : "; " + auditNote)}"), cancellationToken);
        return UserChange.Ok(generated);
    }

    /// <summary>
    /// The first admin (from the environment or the setup page): only while no account exists at all.
    /// </summary>
    public async Task<UserChange> CreateFirstAdminAsync(string? email, string? password, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrEmpty(password))
        {
            return UserChange.Fail("A password is required.");
        }

        await _firstAdminGate.WaitAsync(cancellationToken);
        try
        {
            if (await AnyUserAsync(cancellationToken))
            {
                return UserChange.Fail("An account already exists: the first admin has been created.");
            }

            var origin = AuditContext.Current;
            var created = await CreateAsync(email, Roles.Admin, password, cancellationToken);
            if (created.Succeeded && await FindIdAsync(email, cancellationToken) is { } id)
            {
                await audit.RecordAsync(new(AuditActions.SetupFirstAdmin, AuditTargets.User, id, email!.Trim(), origin is null ? "From WORKBENCH_ADMIN_EMAIL at start-up." : "Through /setup.") { ActorId = id, ActorName = email!.Trim() }, cancellationToken);
            }

            return created;
        }
        finally
        {
            _firstAdminGate.Release();
        }
    }

    public Task<UserChange> SetRoleAsync(string userId, string role, CancellationToken cancellationToken = default) =>
        SetRoleAsync(userId, role, auditNote: null, cancellationToken);

    /// <summary>As <see cref="SetRoleAsync(string, string, CancellationToken)"/>; <paramref name="auditNote"/> ends the audit entry's details (e.g. what changed it).</summary>
    public async Task<UserChange> SetRoleAsync(string userId, string role, string? auditNote, CancellationToken cancellationToken = default)
    {
        if (!Roles.IsKnown(role))
        {
            return UserChange.Fail($"Unknown role '{Shorten(role)}': use one of {string.Join(", ", Roles.All)}.");
        }

        await using var scope = scopeFactory.CreateAsyncScope();
        await EnsureRolesAsync(scope.ServiceProvider);
        var users = scope.ServiceProvider.GetRequiredService<UserManager<WorkbenchUser>>();
        if (await users.FindByIdAsync(userId) is not { } user)
        {
            return UserChange.Fail("That account no longer exists.");
        }

        var current = await users.GetRolesAsync(user);
        if (current.Contains(Roles.Admin) && role != Roles.Admin && await IsLastEnabledAdminAsync(userId, cancellationToken))
        {
            return UserChange.Fail($"{user.Email} is the last admin: make another account admin first, so someone can still manage users.");
        }

        var removed = await users.RemoveFromRolesAsync(user, current.Where(Roles.IsKnown));
        if (!removed.Succeeded)
        {
            return UserChange.Fail(Describe(removed));
        }

        var added = await users.AddToRoleAsync(user, role.ToLowerInvariant());
        if (!added.Succeeded)
        {
            return UserChange.Fail(Describe(added));
        }

        // Signed-in sessions of this account pick up the new role when they next validate (within a minute).
        await users.UpdateSecurityStampAsync(user);
        await audit.RecordAsync(new(AuditActions.UserRoleChanged, AuditTargets.User, user.Id, user.Email, $"{Roles.Highest(current) ?? "none"} → {role.ToLowerInvariant()}{(auditNote is null ? "" : "; " + auditNote)}"), cancellationToken);
        return UserChange.Ok();
    }

    public async Task<UserChange> SetEnabledAsync(string userId, bool enabled, string? actingUserId, CancellationToken cancellationToken = default)
    {
        await using var scope = scopeFactory.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<WorkbenchUser>>();
        if (await users.FindByIdAsync(userId) is not { } user)
        {
            return UserChange.Fail("That account no longer exists.");
        }

        if (!enabled)
        {
            if (userId == actingUserId)
            {
                return UserChange.Fail("You cannot disable your own account.");
            }

            if (await users.IsInRoleAsync(user, Roles.Admin) && await IsLastEnabledAdminAsync(userId, cancellationToken))
            {
                return UserChange.Fail($"{user.Email} is the last admin: make another account admin first.");
            }
        }

        await users.SetLockoutEnabledAsync(user, true);
        var result = await users.SetLockoutEndDateAsync(user, enabled ? null : DateTimeOffset.MaxValue);
        if (!result.Succeeded)
        {
            return UserChange.Fail(Describe(result));
        }

        if (enabled)
        {
            await users.ResetAccessFailedCountAsync(user);
        }
        else
        {
            // Ends the account's open sessions at their next validation.
            await users.UpdateSecurityStampAsync(user);
        }

        await audit.RecordAsync(new(enabled ? AuditActions.UserEnabled : AuditActions.UserDisabled, AuditTargets.User, user.Id, user.Email), cancellationToken);
        return UserChange.Ok();
    }

    /// <summary>Sets a new password (generated when none is given, returned once); other sessions of the account end.</summary>
    public async Task<UserChange> ResetPasswordAsync(string userId, string? password, CancellationToken cancellationToken = default)
    {
        await using var scope = scopeFactory.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<WorkbenchUser>>();
        if (await users.FindByIdAsync(userId) is not { } user)
        {
            return UserChange.Fail("That account no longer exists.");
        }

        var generated = string.IsNullOrEmpty(password) ? PasswordGenerator.Generate(options.Value.Password.MinLength) : null;
        var token = await users.GeneratePasswordResetTokenAsync(user);
        var reset = await users.ResetPasswordAsync(user, token, generated ?? password!);
        if (!reset.Succeeded)
        {
            return UserChange.Fail(Describe(reset));
        }

        await audit.RecordAsync(new(AuditActions.UserPasswordReset, AuditTargets.User, user.Id, user.Email, generated is null ? "Password set by an admin." : "Password generated."), cancellationToken);
        return UserChange.Ok(generated);
    }

    /// <summary>Creates the four roles when missing (team mode start-up, and before any role is assigned).</summary>
    public async Task EnsureRolesAsync(CancellationToken cancellationToken = default)
    {
        await using var scope = scopeFactory.CreateAsyncScope();
        await EnsureRolesAsync(scope.ServiceProvider);
    }

    private static async Task EnsureRolesAsync(IServiceProvider services)
    {
        var roles = services.GetRequiredService<RoleManager<IdentityRole>>();
        foreach (var role in Roles.All)
        {
            if (!await roles.RoleExistsAsync(role))
            {
                await roles.CreateAsync(new IdentityRole(role));
            }
        }
    }

    private async Task<bool> IsLastEnabledAdminAsync(string userId, CancellationToken cancellationToken)
    {
        var admins = (await ListAsync(cancellationToken)).Where(u => u.Role == Roles.Admin && !u.Disabled).ToList();
        return admins.Count == 1 && admins[0].Id == userId;
    }

    private async Task<string?> FindIdAsync(string? email, CancellationToken cancellationToken)
    {
        var name = email?.Trim() ?? "";
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.Users.Where(u => u.UserName == name).Select(u => u.Id).FirstOrDefaultAsync(cancellationToken);
    }

    public void Dispose() => _firstAdminGate.Dispose();

    private static string Describe(IdentityResult result) => string.Join(" ", result.Errors.Select(e => e.Description));

    private static string Shorten(string text) => text.Length > 60 ? text[..60] + "…" : text;
}
