using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Workbench.Core.Persistence;
using Workbench.Core.Templates;

namespace Workbench.Core.Batches;

/// <summary>
/// A template's named test sets (default <see cref="DefaultSet"/>): cases of variable values with an expectation.
/// Stored through the redaction boundary, so a stored case holds the redacted values (ADR-010).
/// </summary>
public sealed partial class TestCaseService(IDbContextFactory<WorkbenchDbContext> dbFactory, TimeProvider time)
{
    public const string DefaultSet = "default";

    public const int MaxSetNameLength = 100;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    [GeneratedRegex(@"^[\p{L}\p{N}][\p{L}\p{N} ._\-]*$")]
    private static partial Regex SetNamePattern();

    /// <summary>A problem with a test set name, or null when it is usable.</summary>
    public static string? CheckSetName(string? name)
    {
        var trimmed = name?.Trim() ?? "";
        if (trimmed.Length == 0)
        {
            return "A test set name is required.";
        }

        if (trimmed.Length > MaxSetNameLength)
        {
            return string.Create(CultureInfo.InvariantCulture, $"The test set name is {trimmed.Length} characters long; the limit is {MaxSetNameLength}.");
        }

        return SetNamePattern().IsMatch(trimmed) ? null : "A test set name starts with a letter or digit and has only letters, digits, spaces, '.', '_' and '-'.";
    }

    /// <summary>A problem with a case's expectation (field <c>expect</c>), or null.</summary>
    public static TemplateProblem? CheckExpectation(TestCaseExpectation? expect, string field = "expect")
    {
        switch (expect?.Kind)
        {
            case ExpectationKind.EqualsJson:
                try
                {
                    using var _ = JsonDocument.Parse(expect.Value ?? "");
                    return null;
                }
                catch (JsonException)
                {
                    return new TemplateProblem(field, "An equals-json expectation needs a valid JSON value.");
                }

            case ExpectationKind.ContainsText when string.IsNullOrEmpty(expect.Value):
                return new TemplateProblem(field, "A contains-text expectation needs a non-empty text.");
            default:
                return null;
        }
    }

    /// <summary>The template by name (case-insensitive) with its latest version's declared variables, or null.</summary>
    public async Task<TestSetTemplate?> FindTemplateAsync(string name, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(name);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var normalized = NameRules.Normalize(name);
        var template = await db.Templates.AsNoTracking()
            .Where(t => t.NormalizedName == normalized)
            .Select(t => new { t.Id, t.Name, t.LatestVersionNumber })
            .FirstOrDefaultAsync(cancellationToken);
        if (template is null)
        {
            return null;
        }

        var content = await db.TemplateVersions.AsNoTracking()
            .Where(v => v.TemplateId == template.Id && v.Number == template.LatestVersionNumber)
            .Select(v => v.ContentJson)
            .FirstOrDefaultAsync(cancellationToken);
        var variables = content is null ? [] : TemplateContent.FromJson(content).Variables;
        return new TestSetTemplate(template.Id, template.Name, template.LatestVersionNumber, variables);
    }

    public async Task<IReadOnlyList<TestSetSummary>> ListSetsAsync(Guid templateId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var sets = await db.TestCases.AsNoTracking()
            .Where(c => c.TemplateId == templateId)
            .GroupBy(c => c.SetName)
            .Select(g => new { Name = g.Key, Count = g.Count(), UpdatedAtUtc = g.Max(c => c.UpdatedAtUtc) })
            .ToListAsync(cancellationToken);
        return [.. sets.OrderBy(s => s.Name, StringComparer.Ordinal).Select(s => new TestSetSummary(s.Name, s.Count, s.UpdatedAtUtc))];
    }

    /// <summary>The cases of a set in order (empty when the set does not exist).</summary>
    public async Task<IReadOnlyList<StoredTestCase>> ListAsync(Guid templateId, string set, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(set);
        var name = set.Trim();
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var rows = await db.TestCases.AsNoTracking()
            .Where(c => c.TemplateId == templateId && c.SetName == name)
            .OrderBy(c => c.Position)
            .Select(c => new { c.Id, c.Position, c.VariablesJson, c.ExpectationKind, c.ExpectedJson, c.ExpectedText })
            .ToListAsync(cancellationToken);
        return [.. rows.Select(r => new StoredTestCase(r.Id, r.Position, new TestCase(
            JsonSerializer.Deserialize<Dictionary<string, string?>>(r.VariablesJson, Json) ?? [],
            r.ExpectationKind switch
            {
                ExpectationKind.EqualsJson => TestCaseExpectation.EqualsJson(r.ExpectedJson ?? "null"),
                ExpectationKind.ContainsText => TestCaseExpectation.ContainsText(r.ExpectedText ?? ""),
                _ => null,
            })))];
    }

    public async Task<OperationResult<StoredTestCase>> AddAsync(Guid templateId, string set, TestCase testCase, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(testCase);
        if (Check(set, [testCase]) is { Count: > 0 } problems)
        {
            return OperationResult<StoredTestCase>.Fail(problems);
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        if (!await db.Templates.AnyAsync(t => t.Id == templateId, cancellationToken))
        {
            return OperationResult<StoredTestCase>.Fail(new TemplateProblem("template", "The template does not exist."));
        }

        var name = set.Trim();
        var position = await db.TestCases.Where(c => c.TemplateId == templateId && c.SetName == name).Select(c => (int?)c.Position).MaxAsync(cancellationToken) ?? -1;
        var entity = ToEntity(templateId, name, position + 1, testCase, time.GetUtcNow().UtcDateTime);
        db.TestCases.Add(entity);
        await db.SaveChangesAsync(cancellationToken);
        return OperationResult<StoredTestCase>.Ok(new StoredTestCase(entity.Id, entity.Position, testCase));
    }

    public async Task<OperationResult<StoredTestCase>> UpdateAsync(Guid caseId, TestCase testCase, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(testCase);
        if (Check(DefaultSet, [testCase]) is { Count: > 0 } problems)
        {
            return OperationResult<StoredTestCase>.Fail(problems);
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var entity = await db.TestCases.FirstOrDefaultAsync(c => c.Id == caseId, cancellationToken);
        if (entity is null)
        {
            return OperationResult<StoredTestCase>.Fail(new TemplateProblem("id", "The test case does not exist."));
        }

        var replacement = ToEntity(entity.TemplateId, entity.SetName, entity.Position, testCase, time.GetUtcNow().UtcDateTime);
        entity.VariablesJson = replacement.VariablesJson;
        entity.ExpectationKind = replacement.ExpectationKind;
        entity.ExpectedJson = replacement.ExpectedJson;
        entity.ExpectedText = replacement.ExpectedText;
        entity.UpdatedAtUtc = replacement.UpdatedAtUtc;
        await db.SaveChangesAsync(cancellationToken);
        return OperationResult<StoredTestCase>.Ok(new StoredTestCase(entity.Id, entity.Position, testCase));
    }

    public async Task<bool> DeleteAsync(Guid caseId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.TestCases.Where(c => c.Id == caseId).ExecuteDeleteAsync(cancellationToken) == 1;
    }

    /// <summary>Replaces every case of a set in one transaction (an empty list deletes the set). Returns the new count.</summary>
    public async Task<OperationResult<int>> ReplaceSetAsync(Guid templateId, string set, IReadOnlyList<TestCase> cases, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(cases);
        if (Check(set, cases) is { Count: > 0 } problems)
        {
            return OperationResult<int>.Fail(problems);
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        if (!await db.Templates.AnyAsync(t => t.Id == templateId, cancellationToken))
        {
            return OperationResult<int>.Fail(new TemplateProblem("template", "The template does not exist."));
        }

        var name = set.Trim();
        var now = time.GetUtcNow().UtcDateTime;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.TestCases.Where(c => c.TemplateId == templateId && c.SetName == name).ExecuteDeleteAsync(cancellationToken);
        db.TestCases.AddRange(cases.Select((c, i) => ToEntity(templateId, name, i, c, now)));
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return OperationResult<int>.Ok(cases.Count);
    }

    private static List<TemplateProblem> Check(string set, IReadOnlyList<TestCase> cases)
    {
        var problems = new List<TemplateProblem>();
        if (CheckSetName(set) is { } setProblem)
        {
            problems.Add(new TemplateProblem("set", setProblem));
        }

        for (var i = 0; i < cases.Count && problems.Count < 20; i++)
        {
            if (cases[i].Variables is null)
            {
                problems.Add(new TemplateProblem(string.Create(CultureInfo.InvariantCulture, $"cases[{i}].variables"), "The variables are required (an object of names and values)."));
            }

            if (CheckExpectation(cases[i].Expect, string.Create(CultureInfo.InvariantCulture, $"cases[{i}].expect")) is { } problem)
            {
                problems.Add(problem);
            }
        }

        return problems;
    }

    private static TestCaseEntity ToEntity(Guid templateId, string set, int position, TestCase testCase, DateTime now) => new()
    {
        Id = Guid.CreateVersion7(now),
        TemplateId = templateId,
        SetName = set,
        Position = position,
        VariablesJson = JsonSerializer.Serialize(testCase.Variables, Json),
        ExpectationKind = testCase.Expectation.Kind,
        ExpectedJson = testCase.Expectation.Kind == ExpectationKind.EqualsJson ? testCase.Expectation.Value : null,
        ExpectedText = testCase.Expectation.Kind == ExpectationKind.ContainsText ? testCase.Expectation.Value : null,
        CreatedAtUtc = now,
        UpdatedAtUtc = now,
    };
}
