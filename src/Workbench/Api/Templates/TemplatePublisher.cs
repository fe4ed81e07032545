using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using Workbench.Core.Schemas;
using Workbench.Core.Templates;
using Workbench.Core.Validation;

namespace Workbench.Api.Templates;

/// <summary>
/// Saves a template posted to the API: checks everything first (names, messages, variables, settings, the inline schema)
/// so bad input writes nothing, then stores the inline schema through <see cref="SchemaService"/> as
/// <c>&lt;template name&gt;-output</c> (a new version only when it differs from the latest), and creates the template
/// or adds the next version pinning that schema version. Problems come back under the request's field names.
/// </summary>
internal sealed class TemplatePublisher(TemplateService templates, SchemaService schemas)
{
    public const string SchemaNameSuffix = "-output";

    private const int MaxSaveAttempts = 3;

    private static readonly JsonSerializerOptions IndentedJson = new() { WriteIndented = true, IndentSize = 2, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public async Task<TemplatePublishOutcome> PublishAsync(CreateTemplateRequest request, string user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var errors = new List<KeyValuePair<string, string>>();
        var name = request.Name?.Trim() ?? "";
        CheckMetadata(request, errors);
        var content = BuildContent(request, errors);
        errors.AddRange(TemplateContentValidator.Validate(content).Select(p => Map(p, request)));
        var schemaText = ReadSchema(request, errors);
        if (errors.Count > 0)
        {
            return new TemplatePublishOutcome.Rejected(errors);
        }

        SchemaReference? schemaReference = null;
        if (schemaText is not null)
        {
            var (link, reference, problems) = await SaveSchemaAsync(name, schemaText, user, cancellationToken);
            if (link is null)
            {
                return problems.Count > 0 ? new TemplatePublishOutcome.Rejected(problems) : Busy("schema");
            }

            content = content with { OutputSchema = link };
            schemaReference = reference;
        }

        var existing = await templates.FindByNameAsync(name, cancellationToken);
        if (existing is null)
        {
            var created = await templates.CreateAsync(new NewTemplate(name, request.Description, request.Tags ?? [], content, request.CommitMessage), user, cancellationToken);
            if (created.Succeeded)
            {
                return new TemplatePublishOutcome.Published(new TemplateCreatedResponse(created.Value!.Name, 1, true, schemaReference));
            }

            // Another request created it meanwhile: add a version to that one instead.
            existing = await templates.FindByNameAsync(name, cancellationToken);
            if (existing is null)
            {
                return new TemplatePublishOutcome.Rejected([.. created.Problems.Select(p => Map(p, request))]);
            }
        }

        for (var attempt = 0; attempt < MaxSaveAttempts; attempt++)
        {
            var outcome = await templates.SaveVersionAsync(existing.Id, existing.LatestVersionNumber, content, request.CommitMessage, user, cancellationToken);
            switch (outcome)
            {
                case SaveVersionOutcome.Saved saved:
                    var metadataProblems = await UpdateMetadataAsync(existing, request, cancellationToken);
                    return metadataProblems.Count > 0
                        ? new TemplatePublishOutcome.Rejected(metadataProblems)
                        : new TemplatePublishOutcome.Published(new TemplateCreatedResponse(existing.Name, saved.Version.Number, false, schemaReference));
                case SaveVersionOutcome.Conflict conflict:
                    existing = existing with { LatestVersionNumber = conflict.Latest.Number };
                    break;
                case SaveVersionOutcome.Rejected rejected:
                    return new TemplatePublishOutcome.Rejected([.. rejected.Problems.Select(p => Map(p, request))]);
                default:
                    return new TemplatePublishOutcome.Conflict($"Template '{name}' was deleted while this version was being saved.");
            }
        }

        return Busy("template");
    }

    /// <summary>The name of the schema an inline schema is stored as (names are limited to 100 characters).</summary>
    public static string SchemaNameFor(string templateName)
    {
        ArgumentNullException.ThrowIfNull(templateName);
        var room = NameRules.MaxTemplateNameLength - SchemaNameSuffix.Length;
        var stem = templateName.Length > room ? templateName[..room].TrimEnd() : templateName;
        return stem + SchemaNameSuffix;
    }

    private static TemplatePublishOutcome.Conflict Busy(string what) =>
        new TemplatePublishOutcome.Conflict($"Other saves of this {what} kept arriving at the same time; send the request again.");

    private static void CheckMetadata(CreateTemplateRequest request, List<KeyValuePair<string, string>> errors)
    {
        if (NameRules.CheckTemplateName(request.Name) is { } nameProblem)
        {
            errors.Add(new("name", nameProblem));
        }

        if (request.Description is { Length: > NameRules.MaxDescriptionLength } description)
        {
            errors.Add(new("description", $"The description is {description.Length} characters long; the limit is {NameRules.MaxDescriptionLength}."));
        }

        if (request.Tags is { } tags)
        {
            if (tags.Any(t => t is null))
            {
                errors.Add(new("tags", "Tags must be strings."));
            }
            else
            {
                var normalized = NameRules.NormalizeTags(tags);
                if (normalized.Count > NameRules.MaxTags)
                {
                    errors.Add(new("tags", $"At most {NameRules.MaxTags} tags."));
                }

                errors.AddRange(normalized.Select(NameRules.CheckTag).OfType<string>().Select(p => new KeyValuePair<string, string>("tags", p)));
            }
        }

        if (request.CommitMessage is { Length: > NameRules.MaxCommitMessageLength })
        {
            errors.Add(new("commitMessage", $"The message is longer than {NameRules.MaxCommitMessageLength} characters."));
        }
    }

    /// <summary>The content the request describes; what is missing is reported and left empty so validation can go on.</summary>
    private static TemplateContent BuildContent(CreateTemplateRequest request, List<KeyValuePair<string, string>> errors)
    {
        var messages = new List<TemplateMessage>();
        if (request.Messages is null)
        {
            errors.Add(new("messages", "Give the messages: an array of {role, content}."));
        }

        for (var i = 0; i < (request.Messages?.Count ?? 0); i++)
        {
            var message = request.Messages![i];
            var field = TemplateContentValidator.MessageField(i);
            if (message is null)
            {
                errors.Add(new(field, "A message is an object {role, content}."));
                continue;
            }

            if (message.Role is null)
            {
                errors.Add(new(field + ".role", "Give the role: system, user or assistant."));
            }

            if (message.Content is null)
            {
                errors.Add(new(field + ".content", "Give the message text (Liquid template source)."));
            }

            messages.Add(new TemplateMessage(message.Role ?? MessageRole.User, message.Content ?? ""));
        }

        var settings = request.Settings;
        var modelSettings = new ModelSettings(
            settings?.Provider?.Trim() ?? "",
            settings?.Model?.Trim() ?? "",
            settings?.Temperature,
            settings?.MaxOutputTokens,
            settings?.TopP,
            settings?.StopSequences ?? []);
        var content = new TemplateContent(messages, modelSettings, []);

        if (request.Variables is null)
        {
            return content with { Variables = VariableSynchronizer.Sync([], VariableSynchronizer.Uses(content)) };
        }

        var variables = new List<VariableDeclaration>();
        for (var i = 0; i < request.Variables.Count; i++)
        {
            var variable = request.Variables[i];
            var field = string.Create(CultureInfo.InvariantCulture, $"variables[{i}]");
            if (variable is null)
            {
                errors.Add(new(field, "A variable is an object {name, required, default?, example?}."));
                continue;
            }

            if (string.IsNullOrWhiteSpace(variable.Name))
            {
                errors.Add(new(field + ".name", "Give the variable's name."));
                continue;
            }

            variables.Add(new VariableDeclaration(variable.Name.Trim(), variable.Description, variable.Required ?? true, variable.Default, variable.Example, variable.Kind ?? VariableKind.Text));
        }

        return content with { Variables = variables };
    }

    /// <summary>The inline schema as indented text when it is a valid JSON Schema; null when absent or invalid (reported).</summary>
    private static string? ReadSchema(CreateTemplateRequest request, List<KeyValuePair<string, string>> errors)
    {
        if (request.Schema is not { ValueKind: not JsonValueKind.Null and not JsonValueKind.Undefined } schema)
        {
            return null;
        }

        if (schema.ValueKind != JsonValueKind.Object)
        {
            errors.Add(new("schema", "Give the schema as a JSON Schema object ({\"type\": \"object\", ...})."));
            return null;
        }

        var text = JsonSerializer.Serialize(schema, IndentedJson);
        var compiled = SchemaCompiler.Compile(text);
        if (compiled.Success)
        {
            return text;
        }

        errors.AddRange(compiled.Errors.Select(e => new KeyValuePair<string, string>("schema", e.Path.Length > 0 && !e.Message.StartsWith(e.Path, StringComparison.Ordinal) ? $"{e.Path}: {e.Message}" : e.Message)));
        return null;
    }

    private async Task<(OutputSchemaLink? Link, SchemaReference? Reference, IReadOnlyList<KeyValuePair<string, string>> Problems)> SaveSchemaAsync(
        string templateName, string schemaText, string user, CancellationToken cancellationToken)
    {
        var schemaName = SchemaNameFor(templateName);
        for (var attempt = 0; attempt < MaxSaveAttempts; attempt++)
        {
            var existing = await schemas.FindByNameAsync(schemaName, cancellationToken);
            if (existing is null)
            {
                var created = await schemas.CreateAsync(new NewSchema(schemaName, $"Output schema of template '{templateName}'.", schemaText, "Saved through the API"), user, cancellationToken);
                if (created.Succeeded)
                {
                    return (new OutputSchemaLink(created.Value!.Id, 1), new SchemaReference(created.Value.Name, 1), []);
                }

                if (await schemas.FindByNameAsync(schemaName, cancellationToken) is null)
                {
                    return (null, null, [.. created.Problems.Select(p => new KeyValuePair<string, string>("schema", p.Message))]);
                }

                continue;
            }

            var latest = await schemas.GetLatestVersionAsync(existing.Id, cancellationToken);
            if (latest is not null && SameJson(latest.SchemaJson, schemaText))
            {
                return (new OutputSchemaLink(existing.Id, latest.Number), new SchemaReference(existing.Name, latest.Number), []);
            }

            var outcome = await schemas.SaveVersionAsync(existing.Id, latest?.Number ?? existing.LatestVersionNumber, schemaText, "Saved through the API", user, cancellationToken);
            switch (outcome)
            {
                case SchemaSaveOutcome.Saved saved:
                    return (new OutputSchemaLink(existing.Id, saved.Version.Number), new SchemaReference(existing.Name, saved.Version.Number), []);
                case SchemaSaveOutcome.Rejected rejected:
                    return (null, null, [.. rejected.Problems.Select(p => new KeyValuePair<string, string>("schema", p.Message))]);
                default:
                    continue;
            }
        }

        return (null, null, []);
    }

    private async Task<IReadOnlyList<KeyValuePair<string, string>>> UpdateMetadataAsync(TemplateSummary existing, CreateTemplateRequest request, CancellationToken cancellationToken)
    {
        var description = request.Description ?? existing.Description;
        var tags = request.Tags is { } given ? NameRules.NormalizeTags(given) : existing.Tags;
        if (string.Equals(description.Trim(), existing.Description, StringComparison.Ordinal) && tags.SequenceEqual(existing.Tags, StringComparer.Ordinal))
        {
            return [];
        }

        var updated = await templates.UpdateMetadataAsync(existing.Id, existing.Name, description, tags, cancellationToken);
        return [.. updated.Problems.Select(p => new KeyValuePair<string, string>(p.Field, p.Message))];
    }

    private static bool SameJson(string stored, string posted)
    {
        try
        {
            using var a = JsonDocument.Parse(stored);
            using var b = JsonDocument.Parse(posted);
            return JsonElement.DeepEquals(a.RootElement, b.RootElement);
        }
        catch (JsonException)
        {
            return false;
        }
    }

    /// <summary>A content problem under the request's field names: <c>messages[1]</c> → <c>messages[1].content</c> (with
    /// line:column), <c>variables.x</c> → <c>variables[j]</c>.</summary>
    private static KeyValuePair<string, string> Map(TemplateProblem problem, CreateTemplateRequest request)
    {
        var field = problem.Field;
        if (field.StartsWith("messages[", StringComparison.Ordinal) && field.EndsWith(']'))
        {
            field += ".content";
        }
        else if (field.StartsWith("variables.", StringComparison.Ordinal))
        {
            var name = field["variables.".Length..];
            var indices = (request.Variables ?? []).Select((v, i) => (v, i)).Where(x => string.Equals(x.v?.Name?.Trim(), name, StringComparison.Ordinal)).Select(x => x.i).ToList();
            field = indices.Count == 0
                ? "variables"
                : string.Create(CultureInfo.InvariantCulture, $"variables[{(problem.Message.Contains("declared twice", StringComparison.Ordinal) ? indices[^1] : indices[0])}]");
        }

        return new(field, ApiProblems.Describe(problem));
    }
}
