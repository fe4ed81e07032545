namespace Workbench.Security;

/// <summary>
/// The four roles, each including the ones before it: admin ⊇ reviewer ⊇ author ⊇ viewer. A user holds exactly one.
/// </summary>
public static class Roles
{
    public const string Viewer = "viewer";
    public const string Author = "author";
    public const string Reviewer = "reviewer";
    public const string Admin = "admin";

    /// <summary>Lowest to highest.</summary>
    public static IReadOnlyList<string> All { get; } = [Viewer, Author, Reviewer, Admin];

    /// <summary>The given role and every role above it (the roles that may do what <paramref name="role"/> may do).</summary>
    public static string[] AtLeast(string role)
    {
        var index = IndexOf(role);
        return index < 0 ? throw new ArgumentException($"Unknown role '{role}'.", nameof(role)) : All.Skip(index).ToArray();
    }

    public static bool IsKnown(string? role) => IndexOf(role) >= 0;

    /// <summary>True when <paramref name="held"/> includes everything <paramref name="required"/> may do.</summary>
    public static bool Includes(string held, string required) => IsKnown(held) && IndexOf(held) >= IndexOf(required);

    /// <summary>The highest known role in the list, or null.</summary>
    public static string? Highest(IEnumerable<string> roles) =>
        roles.Where(IsKnown).OrderByDescending(IndexOf).FirstOrDefault();

    /// <summary>The lower of two known roles (what an API token acts with: its owner's role, capped).</summary>
    public static string Lower(string a, string b) => IndexOf(a) <= IndexOf(b) ? All[Math.Max(IndexOf(a), 0)] : All[Math.Max(IndexOf(b), 0)];

    public static string Describe(string role) => role switch
    {
        Viewer => "Reads templates, schemas and runs",
        Author => "Viewer + edits templates, schemas and test cases; runs",
        Reviewer => "Author + verdicts and the production/staging labels",
        Admin => "Reviewer + users, providers and settings",
        _ => role,
    };

    private static int IndexOf(string? role)
    {
        for (var i = 0; i < All.Count; i++)
        {
            if (string.Equals(All[i], role, StringComparison.OrdinalIgnoreCase))
            {
                return i;
            }
        }

        return -1;
    }
}
