using Microsoft.AspNetCore.Authorization;

namespace Workbench.Security;

/// <summary>
/// The authorization policies used on pages, component actions and API endpoints. The same policies run in local
/// mode, where the one local user holds the admin role.
/// </summary>
public static class Policies
{
    public const string CanRead = nameof(CanRead);
    public const string CanEdit = nameof(CanEdit);
    public const string CanReview = nameof(CanReview);
    public const string CanAdminister = nameof(CanAdminister);

    /// <summary>Every policy with the lowest role that satisfies it.</summary>
    public static IReadOnlyDictionary<string, string> MinimumRole { get; } = new Dictionary<string, string>
    {
        [CanRead] = Roles.Viewer,
        [CanEdit] = Roles.Author,
        [CanReview] = Roles.Reviewer,
        [CanAdminister] = Roles.Admin,
    };

    /// <summary>The labels that mark what ships; moving them is a reviewer's decision.</summary>
    public static IReadOnlySet<string> ReviewedLabels { get; } = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "production", "staging" };

    /// <summary>The policy for setting or removing <paramref name="label"/>: production/staging need a reviewer, others an author.</summary>
    public static string ForLabel(string label) => ReviewedLabels.Contains(label) ? CanReview : CanEdit;

    public static void Add(AuthorizationOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        foreach (var (policy, role) in MinimumRole)
        {
            options.AddPolicy(policy, p => p.RequireAuthenticatedUser().RequireRole(Roles.AtLeast(role)));
        }
    }
}
