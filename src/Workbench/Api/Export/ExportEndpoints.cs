using System.Text;
using Workbench.Core.Export;
using Workbench.Hosting;
using Workbench.Security;

namespace Workbench.Api.Export;

/// <summary>
/// <c>GET /api/templates/{name}/export</c>: a validated version as a bundle, .prompty or promptfoo file (409 with every reason
/// when it is not validated); <c>POST /api/templates/import</c>: a bundle or .prompty body, previewed with <c>?dryRun=true</c>.
/// </summary>
internal static class ExportEndpoints
{
    public static RouteGroupBuilder MapExportEndpoints(this RouteGroupBuilder api)
    {
        ArgumentNullException.ThrowIfNull(api);
        var group = api.MapGroup("/templates").WithTags("Export and import");

        group.MapGet("/{name}/export", ExportAsync)
            .WithName("ExportTemplate")
            .WithSummary("Export a validated template version")
            .WithDescription("`label` (e.g. production) or `version` picks the version (the latest when neither is given); `format` is `bundle` (default, JSON), " +
                             "`prompty` or `promptfoo` (YAML). Only validated versions are exported: linked schema, valid template, and a latest batch over its test cases " +
                             "at or above Workbench:Export:MinimumPassRate. Otherwise 409 with `reasons` (code, message, fix). Free text is redacted; keys are never included.")
            .Produces(StatusCodes.Status200OK, contentType: "application/json")
            .Produces(StatusCodes.Status200OK, contentType: "application/yaml")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

        group.MapPost("/import", ImportAsync).RequireAuthorization(Policies.CanEdit)
            .WithName("ImportTemplate")
            .WithSummary("Import a bundle or .prompty file")
            .WithDescription("The body is the file (a workbench bundle or a .prompty file, detected from its content). With `dryRun=true` nothing is written and the " +
                             "preview is returned: new template or new version (with what changes), schema created / versioned / reused. A file with problems is a 400 " +
                             "whose `errors` say what and where; nothing is written. Limit: Workbench:Export:MaxImportBytes (413 beyond).")
            .Accepts<string>("application/json", "application/yaml", "text/plain")
            .Produces<ImportPreviewResponse>()
            .Produces<ImportResultResponse>(StatusCodes.Status201Created)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge);

        return api;
    }

    private static async Task<IResult> ExportAsync(string name, string? label, int? version, string? format, ExportService export, HttpResponse response, CancellationToken cancellationToken)
    {
        if (!ExportFormats.TryParse(format, out var parsed))
        {
            return ApiProblems.Validation("format", $"Unknown format '{format}'. Use bundle, prompty or promptfoo.");
        }

        if (label is not null && version is not null)
        {
            return ApiProblems.Validation("label", "Give either label or version, not both.");
        }

        return await export.ExportAsync(name, label, version, parsed.Value, cancellationToken) switch
        {
            ExportOutcome.Exported { File: var file } => File(response, file),
            ExportOutcome.NotExportable { Blockers: var blockers } => TypedResults.Problem(
                string.Join(" ", blockers.Select(b => b.Message)),
                statusCode: StatusCodes.Status409Conflict,
                title: "This version is not exportable.",
                extensions: new Dictionary<string, object?> { ["reasons"] = blockers.Select(b => new { code = b.Code, message = b.Message, fix = b.Fix }).ToList() }),
            ExportOutcome.NotFound { Message: var message } => ApiProblems.NotFound(message),
            _ => throw new InvalidOperationException("Unknown export outcome."),
        };
    }

    private static Microsoft.AspNetCore.Http.HttpResults.FileContentHttpResult File(HttpResponse response, ExportFile file)
    {
        response.Headers["X-Redacted-Values"] = file.RedactedValues.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return TypedResults.File(Encoding.UTF8.GetBytes(file.Content), file.ContentType + "; charset=utf-8", file.FileName);
    }

    private static async Task<IResult> ImportAsync(HttpRequest request, bool? dryRun, ImportService import, CurrentUser user, CancellationToken cancellationToken)
    {
        var limit = import.MaxImportBytes;
        if (request.ContentLength > limit)
        {
            return TooLarge(limit);
        }

        byte[]? data;
        try
        {
            data = await ReadCappedAsync(request.Body, limit, cancellationToken);
        }
        catch (BadHttpRequestException ex)
        {
            return ApiProblems.Status(ex.StatusCode, "The request body could not be read.", "The request body could not be read completely.");
        }

        if (data is null)
        {
            return TooLarge(limit);
        }

        if (data.Length == 0)
        {
            return ApiProblems.Validation("body", "The request body is empty: send the bundle or .prompty file as the body.");
        }

        if (dryRun == true)
        {
            var preview = await import.PreviewAsync(data, null, cancellationToken);
            return preview.Problems.Count > 0 ? Invalid(preview.Problems) : TypedResults.Ok(ImportPreviewResponse.From(preview));
        }

        return await import.ApplyAsync(data, null, user.Name, cancellationToken) switch
        {
            ImportOutcome.Imported imported => TypedResults.Created(
                $"{ApiApplicationBuilderExtensions.PathPrefix}/templates/{Uri.EscapeDataString(imported.TemplateName)}/versions/{imported.VersionNumber}",
                new ImportResultResponse(imported.TemplateName, imported.VersionNumber, imported.CreatedTemplate, false, imported.TestCasesStored, imported.Warnings)),
            ImportOutcome.Unchanged unchanged => TypedResults.Ok(new ImportResultResponse(unchanged.TemplateName, unchanged.VersionNumber, false, true, 0, [])),
            ImportOutcome.Rejected rejected => Invalid(rejected.Problems),
            _ => throw new InvalidOperationException("Unknown import outcome."),
        };
    }

    private static Microsoft.AspNetCore.Http.HttpResults.ValidationProblem Invalid(IReadOnlyList<Core.Templates.TemplateProblem> problems) =>
        ApiProblems.Validation(problems.Select(p => new KeyValuePair<string, string>(p.Field, ApiProblems.Describe(p))), "The file cannot be imported: " + problems[0]);

    private static Microsoft.AspNetCore.Http.HttpResults.ProblemHttpResult TooLarge(int limit) => ApiProblems.Status(StatusCodes.Status413PayloadTooLarge, "The file is too large.",
        $"Import files are limited to {limit:N0} bytes (Workbench:Export:MaxImportBytes).");

    private static async Task<byte[]?> ReadCappedAsync(Stream body, int limit, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > limit)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }
}
