using System.Globalization;
using Workbench.Core.Audit;

namespace Workbench.Audit;

/// <summary>
/// The audit filters as they appear in a URL or an API query (<c>actor</c>, <c>action</c>, <c>target</c>, <c>from</c>,
/// <c>to</c> as dates <c>yyyy-MM-dd</c> in UTC, both inclusive, <c>page</c>, <c>pageSize</c>), and their translation into an
/// <see cref="AuditQuery"/>. Bad values are reported by parameter name, never thrown.
/// </summary>
public sealed record AuditFilter(string? Actor, string? Action, string? Target, string? From, string? To, int? Page, int? PageSize)
{
    public const string DateFormat = "yyyy-MM-dd";

    /// <summary>The query, or the problems keyed by parameter name.</summary>
    public (AuditQuery? Query, Dictionary<string, string[]> Errors) ToQuery()
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (!string.IsNullOrWhiteSpace(Action) && !AuditActions.IsKnown(Action.Trim()))
        {
            errors["action"] = [$"Unknown action '{Shorten(Action)}'; use one of: {string.Join(", ", AuditActions.All)}."];
        }

        var from = ParseDate(From, "from", errors);
        var to = ParseDate(To, "to", errors);
        if (from is not null && to is not null && to < from)
        {
            errors["to"] = ["'to' is before 'from'."];
        }

        if (Page is < 1)
        {
            errors["page"] = ["page starts at 1."];
        }

        if (PageSize is < 1 or > AuditQuery.MaxPageSize)
        {
            errors["pageSize"] = [$"pageSize must be between 1 and {AuditQuery.MaxPageSize}."];
        }

        if (errors.Count > 0)
        {
            return (null, errors);
        }

        return (new AuditQuery
        {
            Actor = Blank(Actor),
            Action = Blank(Action),
            Target = Blank(Target),
            FromUtc = from,
            ToUtc = to?.AddDays(1),
            Page = Page ?? 1,
            PageSize = PageSize ?? AuditQuery.DefaultPageSize,
        }, errors);
    }

    public static DateTime? ParseDate(string? text, string name, Dictionary<string, string[]> errors)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        if (DateTime.TryParseExact(text.Trim(), DateFormat, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var date))
        {
            return DateTime.SpecifyKind(date, DateTimeKind.Utc);
        }

        errors[name] = [$"'{Shorten(text)}' is not a date: use {DateFormat} (UTC)."];
        return null;
    }

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    private static string Shorten(string text) => text.Length > 40 ? text[..40] + "…" : text;
}
