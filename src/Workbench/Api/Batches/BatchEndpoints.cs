using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Workbench.Core.Batches;
using Workbench.Core.Providers;
using Workbench.Core.Runs;
using Workbench.Security;

namespace Workbench.Api.Batches;

/// <summary>
/// The batch and test-set endpoints: <c>POST /batches</c>, <c>GET /batches/{id}</c>, <c>GET /batches/{id}/runs</c>,
/// <c>POST /batches/{id}/cancel</c>, <c>GET /templates/{name}/test-sets</c>, <c>GET|PUT /templates/{name}/test-sets/{set}</c>
/// and <c>POST /templates/{name}/test-sets/{set}/import</c> (CSV or JSON Lines body). Routes are relative to the API group
/// (<c>/api</c>). Every error is a problem details response naming the field, or the line of an imported file.
/// </summary>
internal static class BatchEndpoints
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static IEndpointRouteBuilder MapBatchEndpoints(this IEndpointRouteBuilder api)
    {
        ArgumentNullException.ThrowIfNull(api);
        api.MapPost("/batches", CreateAsync).RequireAuthorization(Policies.CanEdit).WithName("CreateBatch");
        api.MapGet("/batches/{id:guid}", GetAsync).WithName("GetBatch");
        api.MapGet("/batches/{id:guid}/runs", GetRunsAsync).WithName("GetBatchRuns");
        api.MapPost("/batches/{id:guid}/cancel", CancelAsync).RequireAuthorization(Policies.CanEdit).WithName("CancelBatch");
        api.MapGet("/templates/{name}/test-sets", ListSetsAsync).WithName("ListTestSets");
        api.MapGet("/templates/{name}/test-sets/{set}", GetSetAsync).WithName("GetTestSet");
        api.MapPut("/templates/{name}/test-sets/{set}", ReplaceSetAsync).RequireAuthorization(Policies.CanEdit).WithName("ReplaceTestSet");
        api.MapPost("/templates/{name}/test-sets/{set}/import", ImportAsync).RequireAuthorization(Policies.CanEdit).WithName("ImportTestSet");
        return api;
    }

    private static async Task<IResult> CreateAsync(HttpRequest request, BatchService batches, CancellationToken cancellationToken)
    {
        var (body, problem) = await ReadJsonAsync<CreateBatchRequest>(request, cancellationToken);
        if (body is null)
        {
            return problem!;
        }

        var errors = new List<KeyValuePair<string, string>>();
        List<TestCase>? cases = null;
        if (body.Cases is not null)
        {
            cases = [];
            for (var i = 0; i < body.Cases.Count; i++)
            {
                cases.Add(ToTestCase(body.Cases[i], string.Create(CultureInfo.InvariantCulture, $"cases[{i}]"), errors));
            }
        }

        if (string.IsNullOrWhiteSpace(body.Template))
        {
            errors.Add(new("template", "A template name is required."));
        }

        if (errors.Count > 0)
        {
            return Validation(errors);
        }

        var started = await batches.StartAsync(new BatchRequest(body.Template!)
        {
            Version = body.Version,
            Label = body.Label,
            Cases = cases,
            TestSet = body.TestSet,
            Provider = body.Provider,
            Model = body.Model,
            Settings = body.Settings?.Select(s => new BatchSetting(s?.Provider, s?.Model)).ToList(),
            Concurrency = body.Concurrency,
            MaxAttempts = body.MaxAttempts,
            Simulation = body.Simulation is { } simulation ? new SimulationSettings { Faults = simulation.Faults ?? [], Seed = simulation.Seed ?? 0 } : null,
        }, cancellationToken);
        if (!started.Succeeded)
        {
            var queueFull = started.Problems.FirstOrDefault(p => p.Field == "queue");
            return queueFull is not null
                ? TypedResults.Problem(queueFull.Message, statusCode: StatusCodes.Status503ServiceUnavailable, title: "Too many batches are waiting.")
                : Validation(started.Problems.Select(p => new KeyValuePair<string, string>(p.Field, p.Message)));
        }

        return TypedResults.Accepted($"/api/batches/{started.Value}", new { id = started.Value });
    }

    private static async Task<IResult> GetAsync(Guid id, BatchService batches, CancellationToken cancellationToken)
    {
        var summary = await batches.GetAsync(id, cancellationToken);
        return summary is null ? NotFound(id) : TypedResults.Ok(ToResponse(summary));
    }

    private static async Task<IResult> GetRunsAsync(Guid id, BatchService batches, CancellationToken cancellationToken)
    {
        var matrix = await batches.GetMatrixAsync(id, cancellationToken);
        return matrix is null
            ? NotFound(id)
            : TypedResults.Ok(new BatchMatrixResponse(
                matrix.BatchId,
                [.. matrix.Settings.Select(s => new ApiBatchSetting(s.Provider, s.Model))],
                matrix.CaseCount,
                [.. matrix.Cells.Select(c => new BatchCellResponse(
                    c.CaseIndex, c.SettingIndex, c.RunId, Name(c.Status), c.StatusReason, c.Attempts, c.LatencyMs, c.CostUsd,
                    c.Expectation is { } kind ? TestCaseExpectation.NameOf(kind) : null, c.Passed, c.ExpectationReason))]));
    }

    private static async Task<IResult> CancelAsync(Guid id, BatchService batches, CancellationToken cancellationToken)
    {
        var summary = await batches.GetAsync(id, cancellationToken);
        if (summary is null)
        {
            return NotFound(id);
        }

        if (!await batches.CancelAsync(id, cancellationToken))
        {
            return TypedResults.Problem($"Batch {id} has already ended ({Name(summary.Status)}); there is nothing to cancel.", statusCode: StatusCodes.Status409Conflict, title: "Conflict.");
        }

        return TypedResults.Accepted($"/api/batches/{id}", new { id, status = "cancelling" });
    }

    private static async Task<IResult> ListSetsAsync(string name, TestCaseService testCases, CancellationToken cancellationToken)
    {
        var template = await testCases.FindTemplateAsync(name, cancellationToken);
        if (template is null)
        {
            return TemplateNotFound(name);
        }

        var sets = await testCases.ListSetsAsync(template.Id, cancellationToken);
        return TypedResults.Ok(sets.Select(s => new { name = s.Name, count = s.Count, updatedAt = s.UpdatedAtUtc }));
    }

    private static async Task<IResult> GetSetAsync(string name, string set, TestCaseService testCases, CancellationToken cancellationToken)
    {
        var template = await testCases.FindTemplateAsync(name, cancellationToken);
        if (template is null)
        {
            return TemplateNotFound(name);
        }

        var cases = await testCases.ListAsync(template.Id, set, cancellationToken);
        if (cases.Count == 0)
        {
            return TypedResults.Problem($"Template '{template.Name}' has no test set '{set.Trim()}'.", statusCode: StatusCodes.Status404NotFound, title: "Not found.");
        }

        return TypedResults.Ok(new TestSetResponse(template.Name, set.Trim(), [.. cases.Select(c => new TestSetCaseResponse(c.Id, c.Case.Variables, ToResponse(c.Case.Expectation)))]));
    }

    private static async Task<IResult> ReplaceSetAsync(string name, string set, HttpRequest request, TestCaseService testCases, CancellationToken cancellationToken)
    {
        var template = await testCases.FindTemplateAsync(name, cancellationToken);
        if (template is null)
        {
            return TemplateNotFound(name);
        }

        var (body, problem) = await ReadJsonAsync<ReplaceTestSetRequest>(request, cancellationToken);
        if (body is null)
        {
            return problem!;
        }

        if (body.Cases is null)
        {
            return Validation([new("cases", "cases is required: the list of test cases ([] deletes the set).")]);
        }

        var errors = new List<KeyValuePair<string, string>>();
        var cases = body.Cases.Select((c, i) => ToTestCase(c, string.Create(CultureInfo.InvariantCulture, $"cases[{i}]"), errors)).ToList();
        if (errors.Count > 0)
        {
            return Validation(errors);
        }

        var replaced = await testCases.ReplaceSetAsync(template.Id, set, cases, cancellationToken);
        return replaced.Succeeded
            ? TypedResults.Ok(new { template = template.Name, set = set.Trim(), count = replaced.Value })
            : Validation(replaced.Problems.Select(p => new KeyValuePair<string, string>(p.Field, p.Message)));
    }

    private static async Task<IResult> ImportAsync(string name, string set, HttpRequest request, TestCaseService testCases, bool? validRows, CancellationToken cancellationToken)
    {
        var template = await testCases.FindTemplateAsync(name, cancellationToken);
        if (template is null)
        {
            return TemplateNotFound(name);
        }

        if (TestCaseService.CheckSetName(set) is { } setProblem)
        {
            return Validation([new("set", setProblem)]);
        }

        var mediaType = request.ContentType?.Split(';')[0].Trim().ToLowerInvariant();
        TestCaseImportFormat? format = mediaType switch
        {
            "text/csv" => TestCaseImportFormat.Csv,
            "application/jsonl" or "application/x-ndjson" or "application/x-jsonlines" or "application/jsonlines" => TestCaseImportFormat.Jsonl,
            _ => null,
        };
        if (format is null)
        {
            return TypedResults.Problem(
                $"Send the file as CSV ('Content-Type: text/csv') or JSON Lines ('Content-Type: application/jsonl'); this request has {(string.IsNullOrEmpty(mediaType) ? "no Content-Type" : $"Content-Type '{Truncate(mediaType)}'")}.",
                statusCode: StatusCodes.Status415UnsupportedMediaType,
                title: "Unsupported media type.");
        }

        var bytes = await ReadCappedAsync(request, TestCaseImporter.MaxFileBytes, cancellationToken);
        if (bytes is null)
        {
            return TypedResults.Problem("The file is larger than 10 MB, the most an import accepts; split it.", statusCode: StatusCodes.Status413PayloadTooLarge, title: "Request body too large.");
        }

        string text;
        try
        {
            text = new UTF8Encoding(false, true).GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            return Validation([new("file", "The file is not UTF-8 text; save it as UTF-8 and import again.")]);
        }

        var result = TestCaseImporter.Import(text, format.Value, template.Variables);
        var errors = result.Errors.Select(ToResponse).ToList();
        var warnings = result.Warnings.Select(ToResponse).ToList();
        if ((result.Errors.Count > 0 && validRows != true) || result.Cases.Count == 0)
        {
            var problem = TypedResults.Problem(
                result.Errors.Count == 0 ? "The file has no cases." : $"{Plural(result.Errors.Count, "problem")} in the file, nothing was imported (first: {result.Errors[0]}). Fix the file, or import the valid rows with ?validRows=true.",
                statusCode: StatusCodes.Status400BadRequest,
                title: "The file cannot be imported.",
                extensions: new Dictionary<string, object?> { ["errors"] = errors, ["warnings"] = warnings, ["validCases"] = result.Cases.Count });
            return problem;
        }

        var replaced = await testCases.ReplaceSetAsync(template.Id, set, result.Cases, cancellationToken);
        return replaced.Succeeded
            ? TypedResults.Ok(new ImportResponse(template.Name, set.Trim(), replaced.Value, result.Errors.Count, errors, warnings))
            : Validation(replaced.Problems.Select(p => new KeyValuePair<string, string>(p.Field, p.Message)));
    }

    private static TestCase ToTestCase(ApiTestCase? input, string field, List<KeyValuePair<string, string>> errors)
    {
        if (input?.Variables is null)
        {
            errors.Add(new(field + ".variables", "variables is required: an object of variable names and values."));
            return new TestCase(new Dictionary<string, string?>());
        }

        var variables = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var (name, value) in input.Variables)
        {
            variables[name] = value.ValueKind switch
            {
                JsonValueKind.Null or JsonValueKind.Undefined => null,
                JsonValueKind.String => value.GetString(),
                _ => value.GetRawText(),
            };
        }

        TestCaseExpectation? expect = null;
        if (input.Expect is { ValueKind: not (JsonValueKind.Null or JsonValueKind.Undefined) } element)
        {
            expect = ToExpectation(element, field + ".expect", errors);
        }

        return new TestCase(variables, expect) { Faults = input.Faults };
    }

    private static TestCaseExpectation? ToExpectation(JsonElement element, string field, List<KeyValuePair<string, string>> errors)
    {
        var kinds = string.Join(", ", TestCaseExpectation.KindNames);
        if (element.ValueKind == JsonValueKind.String)
        {
            if (TestCaseExpectation.TryParseKind(element.GetString(), out var named) && named == ExpectationKind.SchemaValid)
            {
                return TestCaseExpectation.SchemaValid;
            }

            errors.Add(new(field, named is null
                ? $"'{Truncate(element.GetString() ?? "")}' is not an expectation; use {kinds}."
                : $"{TestCaseExpectation.NameOf(named.Value)} needs a value: {{\"kind\": \"{TestCaseExpectation.NameOf(named.Value)}\", \"value\": ...}}."));
            return null;
        }

        if (element.ValueKind != JsonValueKind.Object || !element.TryGetProperty("kind", out var kindElement) || kindElement.ValueKind != JsonValueKind.String
            || !TestCaseExpectation.TryParseKind(kindElement.GetString(), out var kind))
        {
            errors.Add(new(field, $"expect is a kind name or {{\"kind\": ..., \"value\": ...}} with kind one of {kinds}."));
            return null;
        }

        var hasValue = element.TryGetProperty("value", out var value);
        switch (kind)
        {
            case ExpectationKind.EqualsJson when hasValue:
                return TestCaseExpectation.EqualsJson(value.GetRawText());
            case ExpectationKind.ContainsText when hasValue && value.ValueKind == JsonValueKind.String && value.GetString()!.Length > 0:
                return TestCaseExpectation.ContainsText(value.GetString()!);
            case ExpectationKind.EqualsJson:
                errors.Add(new(field + ".value", "equals-json needs a value: the JSON the output must equal."));
                return null;
            case ExpectationKind.ContainsText:
                errors.Add(new(field + ".value", "contains-text needs a non-empty string value."));
                return null;
            default:
                return TestCaseExpectation.SchemaValid;
        }
    }

    private static BatchResponse ToResponse(BatchSummary s) => new(
        s.Id, Name(s.Status), s.StatusReason, s.Template, s.TemplateVersion, s.TestSet, s.CaseCount, s.Total, s.Queued, s.Running, s.Completed,
        s.Valid, s.Repaired, s.Invalid, s.Failed, s.Cancelled, s.Interrupted, s.Evaluated, s.Passed, s.Concurrency,
        s.CreatedAtUtc, s.StartedAtUtc, s.FinishedAtUtc,
        [.. s.Settings.Select(x => new BatchSettingResponse(x.Index, x.Provider, x.Model, x.Total, x.Completed, x.Evaluated, x.Passed, x.PassRate))]);

    private static TestSetExpectResponse ToResponse(TestCaseExpectation expectation)
    {
        JsonElement? value = expectation.Kind switch
        {
            ExpectationKind.EqualsJson => ParseOrString(expectation.Value ?? "null"),
            ExpectationKind.ContainsText => JsonSerializer.SerializeToElement(expectation.Value, Json),
            _ => null,
        };
        return new TestSetExpectResponse(TestCaseExpectation.NameOf(expectation.Kind), value);
    }

    private static JsonElement ParseOrString(string json)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            return document.RootElement.Clone();
        }
        catch (JsonException)
        {
            return JsonSerializer.SerializeToElement(json, Json);
        }
    }

    private static ImportProblemResponse ToResponse(ImportProblem p) => new(p.Line, p.Field, p.Column, p.Message, p.ToString());

    private static string Name(BatchStatus status) => status.ToString().ToLowerInvariant();

    private static string Name(RunStatus status) => status.ToString().ToLowerInvariant();

    private static ProblemHttpResult NotFound(Guid id) =>
        TypedResults.Problem($"There is no batch {id}.", statusCode: StatusCodes.Status404NotFound, title: "Not found.");

    private static ProblemHttpResult TemplateNotFound(string name) =>
        TypedResults.Problem($"There is no template named '{Truncate(name.Trim())}'.", statusCode: StatusCodes.Status404NotFound, title: "Not found.");

    private static ValidationProblem Validation(IEnumerable<KeyValuePair<string, string>> errors) => ApiProblems.Validation(errors);

    private static async Task<(T? Body, IResult? Problem)> ReadJsonAsync<T>(HttpRequest request, CancellationToken cancellationToken)
        where T : class
    {
        var body = await ApiJsonBody.ReadAsync<T>(request, cancellationToken);
        return (body.Value, body.Problem);
    }

    private static async Task<byte[]?> ReadCappedAsync(HttpRequest request, int max, CancellationToken cancellationToken)
    {
        if (request.ContentLength > max)
        {
            return null;
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > max)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    private static string Plural(int count, string noun) => count.ToString(CultureInfo.InvariantCulture) + " " + noun + (count == 1 ? "" : "s");

    private static string Truncate(string text, int max = 100) => text.Length <= max ? text : text[..max] + "…";
}
