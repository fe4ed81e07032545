using System.Text.Json;
using Workbench.Core.Schemas;
using Workbench.Core.Templates;
using Workbench.Hosting;
using Workbench.Security;

namespace Workbench.Api.Templates;

/// <summary><c>/api/templates</c>: save a version (new template or next version), list templates, read a version.</summary>
internal static class TemplateEndpoints
{
    public static RouteGroupBuilder MapTemplateEndpoints(this RouteGroupBuilder api)
    {
        ArgumentNullException.ThrowIfNull(api);
        var group = api.MapGroup("/templates").WithTags("Templates");

        group.MapPost("", CreateAsync).RequireAuthorization(Policies.CanEdit)
            .WithName("CreateTemplate")
            .WithSummary("Save a template version")
            .WithDescription("Creates the template, or adds the next version when a template with this name exists (names are case-insensitive). " +
                             "An inline `schema` is stored as the schema `<name>-output` (a new schema version only when it differs from the latest) and pinned by the version. " +
                             "Invalid input is a 400 validation problem whose `errors` name each field: `messages[1].content` with `line:column: message` for template errors, " +
                             "`messages[0].role`, `variables[2]`, `settings.temperature`, `schema` (with the JSON Pointer of the schema error).")
            .Accepts<CreateTemplateRequest>("application/json")
            .Produces<TemplateCreatedResponse>(StatusCodes.Status201Created)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType);

        group.MapGet("", ListAsync)
            .WithName("ListTemplates")
            .WithSummary("List templates")
            .WithDescription("Every template with its latest version number and its labels as a map from label name to version number, sorted by name.")
            .Produces<IReadOnlyList<TemplateListItem>>();

        group.MapGet("/{name}", GetAsync)
            .WithName("GetTemplate")
            .WithSummary("Get one template")
            .Produces<TemplateListItem>()
            .ProducesProblem(StatusCodes.Status404NotFound);

        group.MapGet("/{name}/versions/{version:int}", GetVersionAsync)
            .WithName("GetTemplateVersion")
            .WithSummary("Get one template version")
            .WithDescription("The version's messages, variables, settings, pinned schema (inline, and which stored schema version), author and creation time.")
            .Produces<TemplateVersionResponse>()
            .ProducesProblem(StatusCodes.Status404NotFound);

        return api;
    }

    private static async Task<IResult> CreateAsync(HttpRequest request, TemplatePublisher publisher, CurrentUser user, CancellationToken cancellationToken)
    {
        var body = await ApiJsonBody.ReadAsync<CreateTemplateRequest>(request, cancellationToken);
        if (body.Problem is { } problem)
        {
            return problem;
        }

        return await publisher.PublishAsync(body.Value!, user.Name, cancellationToken) switch
        {
            TemplatePublishOutcome.Published { Response: var saved } => TypedResults.Created(VersionPath(saved.Name, saved.Version), saved),
            TemplatePublishOutcome.Rejected { Errors: var errors } => ApiProblems.Validation(errors),
            TemplatePublishOutcome.Conflict { Detail: var detail } => ApiProblems.Conflict(detail),
            _ => throw new InvalidOperationException("Unknown publish outcome."),
        };
    }

    private static async Task<IResult> ListAsync(TemplateService templates, CancellationToken cancellationToken)
    {
        var list = await templates.ListAsync(new TemplateQuery(Sort: TemplateSort.Name), cancellationToken);
        return TypedResults.Ok(list.Select(ToListItem).ToList());
    }

    private static async Task<IResult> GetAsync(string name, TemplateService templates, CancellationToken cancellationToken) =>
        await templates.FindByNameAsync(name, cancellationToken) is { } template
            ? TypedResults.Ok(ToListItem(template))
            : ApiProblems.NotFound($"There is no template named '{name}'.");

    private static async Task<IResult> GetVersionAsync(string name, int version, TemplateService templates, SchemaService schemas, CancellationToken cancellationToken)
    {
        var template = await templates.FindByNameAsync(name, cancellationToken);
        if (template is null)
        {
            return ApiProblems.NotFound($"There is no template named '{name}'.");
        }

        var info = await templates.GetVersionAsync(template.Id, version, cancellationToken);
        if (info is null)
        {
            return ApiProblems.NotFound($"Template '{template.Name}' has no version {version}; its latest is {template.LatestVersionNumber}.");
        }

        JsonElement? schema = null;
        SchemaReference? reference = null;
        if (info.Content.OutputSchema is { } link)
        {
            var schemaInfo = await schemas.GetAsync(link.SchemaId, cancellationToken);
            var schemaVersion = await schemas.GetVersionAsync(link.SchemaId, link.VersionNumber, cancellationToken);
            if (schemaInfo is not null && schemaVersion is not null)
            {
                reference = new SchemaReference(schemaInfo.Name, schemaVersion.Number);
                using var document = JsonDocument.Parse(schemaVersion.SchemaJson);
                schema = document.RootElement.Clone();
            }
        }

        var content = info.Content;
        return TypedResults.Ok(new TemplateVersionResponse
        {
            Name = template.Name,
            Version = info.Number,
            Description = template.Description,
            CommitMessage = info.CommitMessage,
            Author = info.Author,
            CreatedAt = new DateTimeOffset(DateTime.SpecifyKind(info.CreatedAtUtc, DateTimeKind.Utc)),
            Messages = [.. content.Messages.Select(m => new ApiMessage { Role = m.Role, Content = m.Text })],
            Variables = [.. content.Variables.Select(v => new ApiVariable { Name = v.Name, Required = v.Required, Default = v.DefaultValue, Example = v.ExampleValue, Description = v.Description, Kind = v.Kind })],
            Settings = new ApiModelSettings
            {
                Provider = content.Settings.Provider,
                Model = content.Settings.Model,
                Temperature = content.Settings.Temperature,
                MaxOutputTokens = content.Settings.MaxOutputTokens,
                TopP = content.Settings.TopP,
                StopSequences = content.Settings.StopSequences,
            },
            Schema = schema,
            OutputSchema = reference,
            Labels = [.. template.Labels.Where(l => l.VersionNumber == info.Number).Select(l => l.Name)],
        });
    }

    private static TemplateListItem ToListItem(TemplateSummary t) => new(
        t.Name,
        t.Description,
        t.Tags,
        t.LatestVersionNumber,
        t.Labels.ToDictionary(l => l.Name, l => l.VersionNumber, StringComparer.Ordinal),
        new DateTimeOffset(DateTime.SpecifyKind(t.UpdatedAtUtc, DateTimeKind.Utc)));

    private static string VersionPath(string name, int version) =>
        $"{ApiApplicationBuilderExtensions.PathPrefix}/templates/{Uri.EscapeDataString(name)}/versions/{version}";
}
