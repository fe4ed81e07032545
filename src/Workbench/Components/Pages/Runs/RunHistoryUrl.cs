using System.Globalization;
using Workbench.Core.History;
using Workbench.Core.Runs;

namespace Workbench.Components.Pages.Runs;

/// <summary>
/// The history's filter, sort and page as query-string values, both ways, so a link reproduces the view. Dates are
/// days (<c>yyyy-MM-dd</c>, UTC; <c>to</c> includes its day), statuses a comma list, the page 1-based. Values that make
/// no sense are left out of the query and reported (what and which parameter), never thrown.
/// </summary>
public static class RunHistoryUrl
{
    public const string DateFormat = "yyyy-MM-dd";

    private static readonly Dictionary<string, RunHistorySort> Sorts = new(StringComparer.OrdinalIgnoreCase)
    {
        ["created"] = RunHistorySort.Created,
        ["template"] = RunHistorySort.Template,
        ["version"] = RunHistorySort.Version,
        ["status"] = RunHistorySort.Status,
        ["provider"] = RunHistorySort.Provider,
        ["model"] = RunHistorySort.Model,
        ["attempts"] = RunHistorySort.Attempts,
        ["author"] = RunHistorySort.Author,
    };

    /// <summary>Every query-string parameter the history reads.</summary>
    public static readonly IReadOnlyList<string> Parameters = ["template", "version", "label", "provider", "model", "status", "batch", "from", "to", "author", "q", "verdict", "sort", "dir", "page", "size"];

    /// <summary>The query a set of query-string values describe, and a message for each value that was ignored.</summary>
    public static (RunHistoryQuery Query, IReadOnlyList<string> Ignored) Parse(Func<string, string?> get)
    {
        ArgumentNullException.ThrowIfNull(get);
        var ignored = new List<string>();
        var query = new RunHistoryQuery
        {
            Template = Text(get("template")),
            Label = Text(get("label")),
            Provider = Text(get("provider")),
            Model = Text(get("model")),
            Author = Text(get("author")),
            Text = Text(get("q")),
        };

        if (Text(get("version")) is { } version)
        {
            if (int.TryParse(version, NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number > 0)
            {
                query = query with { Version = number };
            }
            else
            {
                ignored.Add($"version \"{version}\" is not a version number");
            }
        }

        if (Text(get("status")) is { } statusList)
        {
            var statuses = new List<RunStatus>();
            foreach (var part in statusList.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                if (Enum.TryParse<RunStatus>(part, ignoreCase: true, out var status) && Enum.IsDefined(status) && !int.TryParse(part, out _))
                {
                    statuses.Add(status);
                }
                else
                {
                    ignored.Add($"status \"{part}\" is not a run status");
                }
            }

            query = query with { Statuses = [.. statuses.Distinct()] };
        }

        if (Text(get("batch")) is { } batch)
        {
            if (Guid.TryParse(batch, out var batchId))
            {
                query = query with { BatchId = batchId };
            }
            else
            {
                ignored.Add($"batch \"{batch}\" is not a batch id");
            }
        }

        if (Text(get("from")) is { } from)
        {
            if (Day(from) is { } day)
            {
                query = query with { FromUtc = day };
            }
            else
            {
                ignored.Add($"from \"{from}\" is not a date ({DateFormat})");
            }
        }

        if (Text(get("to")) is { } to)
        {
            if (Day(to) is { } day)
            {
                query = query with { ToUtc = day.AddDays(1) };
            }
            else
            {
                ignored.Add($"to \"{to}\" is not a date ({DateFormat})");
            }
        }

        if (query.FromUtc is { } start && query.ToUtc is { } end && end <= start)
        {
            ignored.Add("to is before from");
            query = query with { ToUtc = null };
        }

        if (Text(get("verdict")) is { } verdict)
        {
            if (VerdictOf(verdict) is { } kind)
            {
                query = query with { Verdict = kind };
            }
            else
            {
                ignored.Add($"verdict \"{verdict}\" is not approved, rejected or needs-work");
            }
        }

        if (Text(get("sort")) is { } sort)
        {
            if (Sorts.TryGetValue(sort, out var column))
            {
                query = query with { Sort = column };
            }
            else
            {
                ignored.Add($"sort \"{sort}\" is not a column");
            }
        }

        if (Text(get("dir")) is { } dir)
        {
            if (dir.Equals("asc", StringComparison.OrdinalIgnoreCase) || dir.Equals("desc", StringComparison.OrdinalIgnoreCase))
            {
                query = query with { Descending = dir.Equals("desc", StringComparison.OrdinalIgnoreCase) };
            }
            else
            {
                ignored.Add($"dir \"{dir}\" is not asc or desc");
            }
        }

        if (Text(get("page")) is { } page)
        {
            if (int.TryParse(page, NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number >= 1 && number <= 1_000_000)
            {
                query = query with { Page = number - 1 };
            }
            else
            {
                ignored.Add($"page \"{page}\" is not a page number");
            }
        }

        if (Text(get("size")) is { } size)
        {
            if (int.TryParse(size, NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number is >= 1 and <= RunHistoryQuery.MaxPageSize)
            {
                query = query with { PageSize = number };
            }
            else
            {
                ignored.Add($"size \"{size}\" is not 1 to {RunHistoryQuery.MaxPageSize}");
            }
        }

        return (query, ignored);
    }

    /// <summary>The query-string values of a query (null = parameter absent; defaults are left out so links stay short).</summary>
    public static Dictionary<string, object?> ToParameters(RunHistoryQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        return new Dictionary<string, object?>
        {
            ["template"] = query.Template,
            ["version"] = query.Version?.ToString(CultureInfo.InvariantCulture),
            ["label"] = query.Label,
            ["provider"] = query.Provider,
            ["model"] = query.Model,
            ["status"] = query.Statuses.Count == 0 ? null : string.Join(',', query.Statuses.Select(s => s.ToString().ToLowerInvariant())),
            ["batch"] = query.BatchId?.ToString(),
            ["from"] = query.FromUtc?.ToString(DateFormat, CultureInfo.InvariantCulture),
            ["to"] = query.ToUtc?.AddDays(-1).ToString(DateFormat, CultureInfo.InvariantCulture),
            ["author"] = query.Author,
            ["q"] = string.IsNullOrWhiteSpace(query.Text) ? null : query.Text,
            ["verdict"] = query.Verdict is { } verdict ? Slug(verdict) : null,
            ["sort"] = query.Sort == RunHistorySort.Created ? null : query.Sort.ToString().ToLowerInvariant(),
            ["dir"] = query.Descending ? null : "asc",
            ["page"] = query.Page == 0 ? null : (query.Page + 1).ToString(CultureInfo.InvariantCulture),
            ["size"] = query.PageSize == RunHistoryQuery.DefaultPageSize ? null : query.PageSize.ToString(CultureInfo.InvariantCulture),
        };
    }

    /// <summary>The relative URL (<c>runs?…</c>) of a query.</summary>
    public static string ToRelativeUrl(RunHistoryQuery query)
    {
        var parts = ToParameters(query)
            .Where(p => p.Value is string { Length: > 0 })
            .Select(p => $"{p.Key}={Uri.EscapeDataString((string)p.Value!)}")
            .ToList();
        return parts.Count == 0 ? "runs" : "runs?" + string.Join('&', parts);
    }

    public static string Slug(VerdictKind verdict) => verdict switch
    {
        VerdictKind.Approved => "approved",
        VerdictKind.Rejected => "rejected",
        _ => "needs-work",
    };

    public static VerdictKind? VerdictOf(string slug) => slug.ToLowerInvariant() switch
    {
        "approved" => VerdictKind.Approved,
        "rejected" => VerdictKind.Rejected,
        "needs-work" => VerdictKind.NeedsWork,
        _ => null,
    };

    private static string? Text(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static DateTime? Day(string text) =>
        DateTime.TryParseExact(text, DateFormat, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var day)
            ? DateTime.SpecifyKind(day, DateTimeKind.Utc)
            : null;
}
