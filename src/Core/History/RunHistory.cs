using System.Globalization;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Workbench.Core.Persistence;
using Workbench.Core.Templates;

namespace Workbench.Core.History;

/// <summary>
/// Queries over stored (redacted) runs: the filtered, sorted, paged history with a total count, the pick-list values,
/// and the inputs of a run (settings and variable values) for comparison, "open in editor" and "re-run".
/// Reads are <c>AsNoTracking</c> and projected to records; the filters are served by the indexes of ADR-014.
/// </summary>
public sealed class RunHistory(IDbContextFactory<WorkbenchDbContext> dbFactory, IRunSearch search)
{
    private const int MaxFacetValues = 500;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>A page of runs, or problems naming the field (<c>text</c>, <c>page</c>, <c>pageSize</c>, <c>dates</c>).</summary>
    public async Task<OperationResult<RunHistoryPage>> QueryAsync(RunHistoryQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        var problems = new List<TemplateProblem>();
        if (query.PageSize is < 1 or > RunHistoryQuery.MaxPageSize)
        {
            problems.Add(new("pageSize", string.Create(CultureInfo.InvariantCulture, $"The page size must be 1 to {RunHistoryQuery.MaxPageSize}; it is {query.PageSize}.")));
        }

        if (query.Page < 0)
        {
            problems.Add(new("page", "The page number cannot be negative."));
        }

        if (query.FromUtc is { } from && query.ToUtc is { } to && to <= from)
        {
            problems.Add(new("dates", "The end of the date range must be after its start."));
        }

        string? expression = null;
        if (!string.IsNullOrWhiteSpace(query.Text))
        {
            (expression, var problem) = RunSearchExpression.Build(query.Text);
            if (problem is not null)
            {
                problems.Add(new("text", problem));
            }
        }

        if (problems.Count > 0)
        {
            return OperationResult<RunHistoryPage>.Fail(problems);
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        IQueryable<RunEntity> runs;
        int total;
        var lowerBound = false;
        if (expression is not null)
        {
            await search.CatchUpAsync(db, cancellationToken);
        }

        if (expression is not null && OnlyText(query))
        {
            // A search with no other filter is counted in the index alone (one row per run), and only up to a cap: beyond
            // it the exact number does not help anyone and costs a walk over the word's whole posting list. A word past
            // the cap is common, so the page is found by walking the runs newest first and testing each, which stops
            // after the page, rather than by fetching every match's run and sorting them (ADR-018).
            var cap = Math.Max(RunHistoryQuery.CountCap, (query.Page + 2) * query.PageSize);
            var counted = await search.CountAsync(db, query.Text!, cap + 1, cancellationToken);
            lowerBound = counted > cap;
            total = Math.Min(counted, cap);
            runs = Filter(db, lowerBound && query.Sort == RunHistorySort.Created ? search.MatchingMany(db, query.Text!) : search.Matching(db, query.Text!), query);
        }
        else
        {
            runs = Filter(db, expression is null ? db.Runs : search.Matching(db, query.Text!), query);
            total = await runs.CountAsync(cancellationToken);
        }

        var rows = await Sort(runs, query)
            .Skip(query.Page * query.PageSize)
            .Take(query.PageSize)
            .Select(r => new RunHistoryRow(
                r.Id, r.Status, r.TemplateName, r.TemplateVersion, r.Label, r.Provider, r.Model, r.AttemptCount, r.StartedBy,
                r.CreatedAtUtc, r.StartedAtUtc, r.FinishedAtUtc,
                db.RunVerdicts.Where(v => v.RunId == r.Id).OrderByDescending(v => v.CreatedAtUtc).Select(v => (VerdictKind?)v.Verdict).FirstOrDefault()))
            .ToListAsync(cancellationToken);
        return OperationResult<RunHistoryPage>.Ok(new RunHistoryPage(rows, total, query.Page, query.PageSize) { TotalIsLowerBound = lowerBound });
    }

    /// <summary>Distinct templates, labels, providers, models and authors of the stored runs, for the filter pick lists.</summary>
    public async Task<RunHistoryFacets> GetFacetsAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var runs = db.Runs.AsNoTracking();
        return new RunHistoryFacets(
            await runs.Select(r => r.TemplateName).Distinct().OrderBy(n => n).Take(MaxFacetValues).ToListAsync(cancellationToken),
            await Distinct(runs.Select(r => r.Label), cancellationToken),
            await Distinct(runs.Select(r => r.Provider), cancellationToken),
            await Distinct(runs.Select(r => r.Model), cancellationToken),
            await Distinct(runs.Select(r => r.StartedBy), cancellationToken));
    }

    /// <summary>What a run was asked to do (stored, so redacted), or null for an unknown run.</summary>
    public async Task<RunInputs?> GetInputsAsync(Guid id, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var run = await db.Runs.AsNoTracking()
            .Where(r => r.Id == id)
            .Select(r => new { r.Id, r.TemplateName, r.TemplateId, r.TemplateVersion, r.RequestedVersion, r.Label, r.Provider, r.Model, r.MaxAttempts, r.VariablesJson, r.SimulationJson, r.StartedBy, r.SchemaId, r.SchemaVersion })
            .FirstOrDefaultAsync(cancellationToken);
        if (run is null)
        {
            return null;
        }

        Dictionary<string, string?> variables;
        try
        {
            variables = JsonSerializer.Deserialize<Dictionary<string, string?>>(run.VariablesJson, Json) ?? [];
        }
        catch (JsonException)
        {
            variables = [];
        }

        return new RunInputs(
            run.Id, run.TemplateName, run.TemplateId, run.TemplateVersion ?? run.RequestedVersion, run.Label, run.Provider, run.Model,
            run.MaxAttempts, variables, SimulationOf(run.SimulationJson), run.StartedBy, run.SchemaId, run.SchemaVersion);
    }

    private static IQueryable<RunEntity> Filter(WorkbenchDbContext db, IQueryable<RunEntity> runs, RunHistoryQuery query)
    {
        runs = runs.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(query.Template))
        {
            var template = query.Template.Trim();
            runs = runs.Where(r => r.TemplateName == template);
        }

        if (query.Version is { } version)
        {
            runs = runs.Where(r => r.TemplateVersion == version);
        }

        if (!string.IsNullOrWhiteSpace(query.Label))
        {
            var label = query.Label.Trim();
            runs = runs.Where(r => r.Label == label);
        }

        if (!string.IsNullOrWhiteSpace(query.Provider))
        {
            var provider = query.Provider.Trim();
            runs = runs.Where(r => r.Provider == provider);
        }

        if (!string.IsNullOrWhiteSpace(query.Model))
        {
            var model = query.Model.Trim();
            runs = runs.Where(r => r.Model == model);
        }

        if (query.Statuses.Count == 1)
        {
            var status = query.Statuses[0];
            runs = runs.Where(r => r.Status == status);
        }
        else if (query.Statuses.Count > 1)
        {
            var statuses = query.Statuses.Distinct().ToList();
            runs = runs.Where(r => statuses.Contains(r.Status));
        }

        if (query.BatchId is { } batchId)
        {
            runs = runs.Where(r => r.BatchId == batchId);
        }

        if (query.FromUtc is { } from)
        {
            runs = runs.Where(r => r.CreatedAtUtc >= from);
        }

        if (query.ToUtc is { } to)
        {
            runs = runs.Where(r => r.CreatedAtUtc < to);
        }

        if (!string.IsNullOrWhiteSpace(query.Author))
        {
            var author = query.Author.Trim();
            runs = runs.Where(r => r.StartedBy == author);
        }

        if (query.Verdict is { } verdict)
        {
            runs = runs.Where(r => db.RunVerdicts.Where(v => v.RunId == r.Id).OrderByDescending(v => v.CreatedAtUtc).Select(v => (VerdictKind?)v.Verdict).FirstOrDefault() == verdict);
        }

        return runs;
    }

    private static bool OnlyText(RunHistoryQuery q) =>
        q.Template is null && q.Version is null && q.Label is null && q.Provider is null && q.Model is null && q.Statuses.Count == 0
        && q.BatchId is null && q.FromUtc is null && q.ToUtc is null && q.Author is null && q.Verdict is null;

    private static IQueryable<RunEntity> Sort(IQueryable<RunEntity> runs, RunHistoryQuery query)
    {
        // Ties break on the start time in the column's direction, so one (column, CreatedAtUtc) index serves both
        // directions (SQLite scans an index one way; mixed directions would sort every matching row).
        var d = query.Descending;
        var sorted = query.Sort switch
        {
            RunHistorySort.Template => d ? runs.OrderByDescending(r => r.TemplateName).ThenByDescending(r => r.CreatedAtUtc) : runs.OrderBy(r => r.TemplateName).ThenBy(r => r.CreatedAtUtc),
            RunHistorySort.Version => d ? runs.OrderByDescending(r => r.TemplateVersion).ThenByDescending(r => r.CreatedAtUtc) : runs.OrderBy(r => r.TemplateVersion).ThenBy(r => r.CreatedAtUtc),
            RunHistorySort.Status => d ? runs.OrderByDescending(r => r.Status).ThenByDescending(r => r.CreatedAtUtc) : runs.OrderBy(r => r.Status).ThenBy(r => r.CreatedAtUtc),
            RunHistorySort.Provider => d ? runs.OrderByDescending(r => r.Provider).ThenByDescending(r => r.Model).ThenByDescending(r => r.CreatedAtUtc) : runs.OrderBy(r => r.Provider).ThenBy(r => r.Model).ThenBy(r => r.CreatedAtUtc),
            RunHistorySort.Model => d ? runs.OrderByDescending(r => r.Model).ThenByDescending(r => r.CreatedAtUtc) : runs.OrderBy(r => r.Model).ThenBy(r => r.CreatedAtUtc),
            RunHistorySort.Attempts => d ? runs.OrderByDescending(r => r.AttemptCount).ThenByDescending(r => r.CreatedAtUtc) : runs.OrderBy(r => r.AttemptCount).ThenBy(r => r.CreatedAtUtc),
            RunHistorySort.Author => d ? runs.OrderByDescending(r => r.StartedBy).ThenByDescending(r => r.CreatedAtUtc) : runs.OrderBy(r => r.StartedBy).ThenBy(r => r.CreatedAtUtc),
            _ => d ? runs.OrderByDescending(r => r.CreatedAtUtc) : runs.OrderBy(r => r.CreatedAtUtc),
        };
        return d ? sorted.ThenByDescending(r => r.Id) : sorted.ThenBy(r => r.Id);
    }

    private static async Task<List<string>> Distinct(IQueryable<string?> values, CancellationToken cancellationToken) =>
        await values.Where(v => v != null && v != "").Select(v => v!).Distinct().OrderBy(v => v).Take(MaxFacetValues).ToListAsync(cancellationToken);

    private static RunSimulation? SimulationOf(string? json)
    {
        if (string.IsNullOrEmpty(json))
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize<RunSimulation>(json, Json);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
