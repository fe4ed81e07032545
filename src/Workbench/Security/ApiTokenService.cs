using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Workbench.Core.Audit;
using Workbench.Core.Persistence;
using Workbench.Core.Tokens;

namespace Workbench.Security;

/// <summary>
/// Personal API tokens: create (the text is returned once; only its SHA-256 hash is stored), list, revoke, and the
/// check behind <c>Authorization: Bearer</c>. A token acts with the lower of its owner's current role and its cap, so
/// demoting or disabling an account takes effect on its tokens at once. The last-used time is written at most once
/// per <see cref="LastUsedInterval"/> per token, not on every request.
/// <para>
/// Audit (ADR-016, ADR-017): creating and revoking are recorded in the same transaction as the change, with the
/// token's name and hint, never its text. A request with a revoked or expired token, or one whose owner is disabled,
/// is recorded as <see cref="AuditActions.TokenRefused"/> at most once per token per <see cref="RefusalAuditInterval"/>
/// (a forgotten CI job would otherwise fill the trail); unknown tokens are not recorded (scanners, typos: noise).
/// </para>
/// </summary>
public sealed class ApiTokenService(IDbContextFactory<WorkbenchDbContext> dbFactory, TimeProvider time)
{
    public const int MaxNameLength = 100;

    /// <summary>Tokens an account may hold that are neither revoked nor expired.</summary>
    public const int MaxActiveTokensPerUser = 50;

    public static readonly TimeSpan LastUsedInterval = TimeSpan.FromMinutes(1);

    /// <summary>A refused (revoked, expired, disabled owner) token is audited at most once per this interval.</summary>
    public static readonly TimeSpan RefusalAuditInterval = TimeSpan.FromHours(1);

    private readonly ConcurrentDictionary<Guid, DateTime> _refusalsAudited = new();

    /// <summary>Creates a token for <paramref name="userId"/> capped at <paramref name="role"/>, which may not exceed the owner's role.</summary>
    public async Task<ApiTokenCreation> CreateAsync(string userId, string? name, string role, DateTime? expiresAtUtc, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(userId);
        name = name?.Trim() ?? "";
        if (name.Length == 0)
        {
            return ApiTokenCreation.Fail("Give the token a name that says where it is used (for example 'CI pipeline').");
        }

        if (name.Length > MaxNameLength)
        {
            return ApiTokenCreation.Fail($"A token name has at most {MaxNameLength} characters (this one has {name.Length}).");
        }

        if (!Roles.IsKnown(role))
        {
            return ApiTokenCreation.Fail($"Unknown role '{(role.Length > 20 ? role[..20] + "…" : role)}': use one of {string.Join(", ", Roles.All)}.");
        }

        var now = time.GetUtcNow().UtcDateTime;
        if (expiresAtUtc is { } expires && expires <= now)
        {
            return ApiTokenCreation.Fail("The expiry date must be in the future.");
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var owner = await db.Users.AsNoTracking().Where(u => u.Id == userId).Select(u => new { u.Email, u.LockoutEnd }).FirstOrDefaultAsync(cancellationToken);
        if (owner is null)
        {
            return ApiTokenCreation.Fail("API tokens belong to team-mode accounts; this account does not exist.");
        }

        if (owner.LockoutEnd == DateTimeOffset.MaxValue)
        {
            return ApiTokenCreation.Fail("The account is disabled.");
        }

        var ownerRole = await OwnerRoleAsync(db, userId, cancellationToken);
        if (!Roles.Includes(ownerRole, role))
        {
            return ApiTokenCreation.Fail($"A token cannot have more rights than its owner: the account's role is {ownerRole}, the token asked for {role.ToLowerInvariant()}.");
        }

        var active = await db.ApiTokens.CountAsync(t => t.UserId == userId && t.RevokedAtUtc == null && (t.ExpiresAtUtc == null || t.ExpiresAtUtc > now), cancellationToken);
        if (active >= MaxActiveTokensPerUser)
        {
            return ApiTokenCreation.Fail($"An account may hold {MaxActiveTokensPerUser} active tokens: revoke unused ones first.");
        }

        var token = ApiTokenText.Generate();
        var entity = new ApiTokenEntity
        {
            Id = Guid.NewGuid(),
            UserId = userId,
            Name = name,
            TokenHash = ApiTokenText.Hash(token),
            Hint = ApiTokenText.Hint(token),
            Role = role.ToLowerInvariant(),
            CreatedAtUtc = now,
            ExpiresAtUtc = expiresAtUtc,
        };
        db.ApiTokens.Add(entity);
        AuditTrail.Stage(db, now, new AuditEvent(AuditActions.TokenCreated, AuditTargets.ApiToken, entity.Id.ToString(), name, Describe(entity, owner.Email)));
        await db.SaveChangesAsync(cancellationToken);
        return ApiTokenCreation.Ok(token, ToSummary(entity, owner.Email ?? ""));
    }

    /// <summary>The tokens of one account, or of every account when <paramref name="userId"/> is null (admins), newest first.</summary>
    public async Task<IReadOnlyList<ApiTokenSummary>> ListAsync(string? userId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var query = from t in db.ApiTokens.AsNoTracking()
                    join u in db.Users on t.UserId equals u.Id
                    where userId == null || t.UserId == userId
                    select new ApiTokenSummary(t.Id, t.UserId, u.Email ?? "", t.Name, t.Hint, t.Role, t.CreatedAtUtc, t.ExpiresAtUtc, t.LastUsedAtUtc, t.RevokedAtUtc);
        var rows = await query.ToListAsync(cancellationToken);
        return rows.OrderByDescending(t => t.CreatedAtUtc).ToList();
    }

    /// <summary>Revokes a token. Only its owner may, or an admin (<paramref name="actingIsAdmin"/>). Revoking twice is fine.</summary>
    public async Task<UserChange> RevokeAsync(Guid tokenId, string actingUserId, bool actingIsAdmin, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var token = await db.ApiTokens.FirstOrDefaultAsync(t => t.Id == tokenId, cancellationToken);
        if (token is null || (token.UserId != actingUserId && !actingIsAdmin))
        {
            // Someone else's token is "not found" to a non-admin: no hint that it exists.
            return UserChange.Fail("That token no longer exists.");
        }

        if (token.RevokedAtUtc is null)
        {
            token.RevokedAtUtc = time.GetUtcNow().UtcDateTime;
            var ownerEmail = await db.Users.AsNoTracking().Where(u => u.Id == token.UserId).Select(u => u.Email).FirstOrDefaultAsync(cancellationToken);
            AuditTrail.Stage(db, token.RevokedAtUtc.Value, new AuditEvent(AuditActions.TokenRevoked, AuditTargets.ApiToken, token.Id.ToString(), token.Name, Describe(token, ownerEmail)));
            await db.SaveChangesAsync(cancellationToken);
        }

        return UserChange.Ok();
    }

    /// <summary>Checks the text of a bearer token and, when valid, records its use (throttled).</summary>
    public async Task<ApiTokenCheck> AuthenticateAsync(string? token, CancellationToken cancellationToken = default)
    {
        if (!ApiTokenText.HasTokenShape(token))
        {
            return ApiTokenCheck.Fail(ApiTokenFailure.Unknown);
        }

        var hash = ApiTokenText.Hash(token!);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var found = await db.ApiTokens.AsNoTracking()
            .Where(t => t.TokenHash == hash)
            .Select(t => new { t.Id, t.UserId, t.Name, t.Hint, t.Role, t.ExpiresAtUtc, t.RevokedAtUtc, t.LastUsedAtUtc })
            .FirstOrDefaultAsync(cancellationToken);
        if (found is null)
        {
            return ApiTokenCheck.Fail(ApiTokenFailure.Unknown);
        }

        var now = time.GetUtcNow().UtcDateTime;
        if (found.RevokedAtUtc is not null)
        {
            await AuditRefusalAsync(db, now, found.Id, found.Name, found.Hint, "A revoked token was used", cancellationToken);
            return ApiTokenCheck.Fail(ApiTokenFailure.Revoked);
        }

        if (found.ExpiresAtUtc is { } expires && expires <= now)
        {
            await AuditRefusalAsync(db, now, found.Id, found.Name, found.Hint, "An expired token was used", cancellationToken);
            return ApiTokenCheck.Fail(ApiTokenFailure.Expired);
        }

        var owner = await db.Users.AsNoTracking().Where(u => u.Id == found.UserId).Select(u => new { u.UserName, u.LockoutEnd }).FirstOrDefaultAsync(cancellationToken);
        if (owner is null)
        {
            return ApiTokenCheck.Fail(ApiTokenFailure.Unknown);
        }

        if (owner.LockoutEnd == DateTimeOffset.MaxValue)
        {
            await AuditRefusalAsync(db, now, found.Id, found.Name, found.Hint, $"A token of the disabled account {owner.UserName} was used", cancellationToken);
            return ApiTokenCheck.Fail(ApiTokenFailure.OwnerDisabled);
        }

        var ownerRole = await OwnerRoleAsync(db, found.UserId, cancellationToken);
        if (found.LastUsedAtUtc is null || now - found.LastUsedAtUtc.Value >= LastUsedInterval)
        {
            var before = now - LastUsedInterval;
            await db.ApiTokens
                .Where(t => t.Id == found.Id && (t.LastUsedAtUtc == null || t.LastUsedAtUtc <= before))
                .ExecuteUpdateAsync(s => s.SetProperty(t => t.LastUsedAtUtc, now), cancellationToken);
        }

        return new ApiTokenCheck(ApiTokenFailure.None, found.Id, found.UserId, owner.UserName ?? "", Roles.Lower(ownerRole, found.Role));
    }

    private async Task AuditRefusalAsync(WorkbenchDbContext db, DateTime now, Guid tokenId, string name, string hint, string what, CancellationToken cancellationToken)
    {
        if (_refusalsAudited.TryGetValue(tokenId, out var last) && now - last < RefusalAuditInterval)
        {
            return;
        }

        _refusalsAudited[tokenId] = now;

        var details = $"{what} (hint {hint}); answered 401. Further refusals of this token within {RefusalAuditInterval.TotalMinutes:0} minutes are not recorded.";
        AuditTrail.Stage(db, now, new AuditEvent(AuditActions.TokenRefused, AuditTargets.ApiToken, tokenId.ToString(), name, details) { ActorName = Hosting.CurrentUser.AnonymousName });
        await db.SaveChangesAsync(cancellationToken);
    }

    private static string Describe(ApiTokenEntity token, string? ownerEmail) =>
        $"Owner {ownerEmail ?? token.UserId}, role {token.Role}, hint {token.Hint}, "
        + (token.ExpiresAtUtc is { } expires ? $"expires {expires:yyyy-MM-dd HH:mm} UTC." : "no expiry.");

    private static async Task<string> OwnerRoleAsync(WorkbenchDbContext db, string userId, CancellationToken cancellationToken)
    {
        var names = await (from ur in db.UserRoles
                           join r in db.Roles on ur.RoleId equals r.Id
                           where ur.UserId == userId
                           select r.Name).AsNoTracking().ToListAsync(cancellationToken);
        return Roles.Highest(names.OfType<string>()) ?? Roles.Viewer;
    }

    private static ApiTokenSummary ToSummary(ApiTokenEntity t, string ownerEmail) =>
        new(t.Id, t.UserId, ownerEmail, t.Name, t.Hint, t.Role, t.CreatedAtUtc, t.ExpiresAtUtc, t.LastUsedAtUtc, t.RevokedAtUtc);
}
