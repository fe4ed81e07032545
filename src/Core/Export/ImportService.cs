using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Workbench.Core.Audit;
using Workbench.Core.Configuration;
using Workbench.Core.Persistence;
using Workbench.Core.Schemas;
using Workbench.Core.Templates;

namespace Workbench.Core.Export;

/// <summary>
/// Imports a workbench bundle or a .prompty file: <see cref="PreviewAsync"/> says what would be created (a new template, or
/// a new version of the template with that name with a diff against its latest version; the schema created, versioned or
/// reused); <see cref="ApplyAsync"/> checks everything again and writes the schema and the template version in one
/// database transaction, so a rejected or failed import leaves nothing behind. Files are untrusted: size, encoding,
/// depth, string, alias and tag limits are applied before anything is interpreted, and every text goes through the same
/// validators as the editor. Text is stored, never executed.
/// </summary>
public sealed partial class ImportService(
    IDbContextFactory<WorkbenchDbContext> dbFactory,
    ITestCaseSink testCases,
    IOptionsMonitor<WorkbenchOptions> options,
    TimeProvider time,
    ILogger<ImportService> logger)
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>The largest file accepted, in bytes (<c>Workbench:Export:MaxImportBytes</c>).</summary>
    public int MaxImportBytes => options.CurrentValue.Export.MaxImportBytes;

    /// <summary>Reads a file as a bundle (JSON) or .prompty (front matter) by its content. Never throws on user input.</summary>
    public PackageReadResult Read(ReadOnlySpan<byte> data, string? fileName)
    {
        if (data.Length > MaxImportBytes)
        {
            return PackageReadResult.Fail("unknown", new TemplateProblem("file", $"The file is {Validation.TextLimits.Describe(data.Length)}; the limit is {Validation.TextLimits.Describe(MaxImportBytes)} (Workbench:Export:MaxImportBytes)."));
        }

        string text;
        try
        {
            text = StrictUtf8.GetString(data);
        }
        catch (DecoderFallbackException ex)
        {
            return PackageReadResult.Fail("unknown", new TemplateProblem("file", $"The file is not UTF-8 text (invalid bytes at offset {ex.Index})."));
        }

        var start = text.AsSpan().TrimStart("\uFEFF \t\r\n");
        if (start.StartsWith("{"))
        {
            return BundleFormat.Read(text.TrimStart('\uFEFF'));
        }

        if (start.StartsWith("---") || (fileName?.EndsWith(".prompty", StringComparison.OrdinalIgnoreCase) ?? false))
        {
            return PromptyFormat.Read(text, FallbackName(fileName));
        }

        return PackageReadResult.Fail("unknown", new TemplateProblem("file", "This is neither a workbench bundle (a JSON object) nor a .prompty file (starting with a '---' line)."));
    }

    public async Task<ImportPreview> PreviewAsync(byte[] data, string? fileName, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(data);
        var read = Read(data, fileName);
        if (!read.Success)
        {
            return ImportPreview.Rejected(read.Format, read.Problems, read.Warnings);
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return (await PlanAsync(db, read, tracking: false, cancellationToken)).Preview;
    }

    /// <summary>Imports the file as its preview describes (computed again now); writes nothing unless everything is valid.</summary>
    public async Task<ImportOutcome> ApplyAsync(byte[] data, string? fileName, string user, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(data);
        var read = Read(data, fileName);
        if (!read.Success)
        {
            return new ImportOutcome.Rejected(read.Problems);
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var plan = await PlanAsync(db, read, tracking: true, cancellationToken);
        var preview = plan.Preview;
        if (preview.Problems.Count > 0)
        {
            return new ImportOutcome.Rejected(preview.Problems);
        }

        var package = preview.Package!;
        if (preview.Action == ImportAction.Unchanged)
        {
            return new ImportOutcome.Unchanged(plan.Template!.Id, plan.Template.Name, plan.Template.LatestVersionNumber);
        }

        var now = time.GetUtcNow().UtcDateTime;
        var commitMessage = CommitMessage(package, read.Format, fileName);
        OutputSchemaLink? link = null;
        if (package.Schema is { } packagedSchema)
        {
            link = AddSchema(db, plan, packagedSchema, commitMessage, user, now);
        }

        var content = package.Content with { OutputSchema = link };
        var template = plan.Template;
        var created = template is null;
        if (template is null)
        {
            template = new TemplateEntity
            {
                Id = Guid.CreateVersion7(),
                Name = package.Name.Trim(),
                NormalizedName = NameRules.Normalize(package.Name),
                Description = package.Description.Trim(),
                Tags = [.. NameRules.NormalizeTags(package.Tags)],
                LatestVersionNumber = 0,
                CreatedBy = user,
                CreatedAtUtc = now,
            };
            db.Templates.Add(template);
        }

        var number = template.LatestVersionNumber + 1;
        db.TemplateVersions.Add(new TemplateVersionEntity
        {
            Id = Guid.CreateVersion7(),
            TemplateId = template.Id,
            Number = number,
            BaseVersionNumber = number > 1 ? number - 1 : null,
            ContentJson = content.ToJson(),
            CommitMessage = commitMessage,
            Author = user,
            CreatedAtUtc = now,
            OutputSchemaId = link?.SchemaId,
            OutputSchemaVersionNumber = link?.VersionNumber,
        });
        template.LatestVersionNumber = number;
        template.UpdatedAtUtc = now;

        AuditTrail.Stage(db, now, new(AuditActions.TemplateVersionCreated, AuditTargets.Template, template.Id.ToString(), template.Name, $"v{number}: {commitMessage}") { ActorName = user });
        AuditTrail.Stage(db, now, new(AuditActions.ImportApplied, AuditTargets.Template, template.Id.ToString(), template.Name, $"{read.Format} {fileName}: v{number}{(created ? " (new template)" : "")}{(link is null ? "" : $", schema v{link.VersionNumber}")}") { ActorName = user });
        try
        {
            // One SaveChanges: schema, template and version are written together or not at all.
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            return new ImportOutcome.Rejected([new TemplateProblem("file", $"Template '{package.Name}' or its schema was changed while importing; nothing was imported. Preview the file again.")]);
        }

        var stored = 0;
        if (package.TestCases.Count > 0 && testCases.CanStore)
        {
            stored = await testCases.StoreAsync(template.Id, package.TestCases, cancellationToken);
        }

        LogImported(logger, template.Id, number, read.Format, user);
        return new ImportOutcome.Imported(template.Id, template.Name, number, created, stored, preview.Warnings);
    }

    private static OutputSchemaLink AddSchema(WorkbenchDbContext db, Plan plan, PackagedSchema packagedSchema, string commitMessage, string user, DateTime now)
    {
        var schema = plan.Schema;
        if (schema is not null && plan.Preview.SchemaAction == SchemaImportAction.Reuse)
        {
            return new OutputSchemaLink(schema.Id, schema.LatestVersionNumber);
        }

        if (schema is null)
        {
            schema = new SchemaEntity
            {
                Id = Guid.CreateVersion7(),
                Name = packagedSchema.Name.Trim(),
                NormalizedName = NameRules.Normalize(packagedSchema.Name),
                LatestVersionNumber = 0,
                CreatedBy = user,
                CreatedAtUtc = now,
            };
            db.Schemas.Add(schema);
        }

        var number = schema.LatestVersionNumber + 1;
        db.SchemaVersions.Add(new SchemaVersionEntity
        {
            Id = Guid.CreateVersion7(),
            SchemaId = schema.Id,
            Number = number,
            BaseVersionNumber = number > 1 ? number - 1 : null,
            SchemaJson = packagedSchema.Json,
            CommitMessage = commitMessage,
            Author = user,
            CreatedAtUtc = now,
        });
        schema.LatestVersionNumber = number;
        schema.UpdatedAtUtc = now;
        // Same save as the template's version: the schema's new version is audited like one saved in the schema editor.
        AuditTrail.Stage(db, now, new(AuditActions.SchemaVersionCreated, AuditTargets.Schema, schema.Id.ToString(), schema.Name, $"v{number}{(number == 1 ? " (new schema)" : "")}: {commitMessage}") { ActorName = user });
        return new OutputSchemaLink(schema.Id, number);
    }

    private async Task<Plan> PlanAsync(WorkbenchDbContext db, PackageReadResult read, bool tracking, CancellationToken cancellationToken)
    {
        var package = read.Package!;
        var problems = Check(package);
        var warnings = new List<string>(read.Warnings);

        var templateName = NameRules.Normalize(package.Name);
        var templates = tracking ? db.Templates : db.Templates.AsNoTracking();
        var template = await templates.FirstOrDefaultAsync(t => t.NormalizedName == templateName, cancellationToken);

        SchemaEntity? schema = null;
        SchemaVersionEntity? latestSchemaVersion = null;
        var schemaAction = SchemaImportAction.None;
        if (package.Schema is { } packagedSchema)
        {
            var schemaName = NameRules.Normalize(packagedSchema.Name);
            var schemaSet = tracking ? db.Schemas : db.Schemas.AsNoTracking();
            schema = await schemaSet.FirstOrDefaultAsync(s => s.NormalizedName == schemaName, cancellationToken);
            if (schema is null)
            {
                schemaAction = SchemaImportAction.Create;
            }
            else
            {
                latestSchemaVersion = await db.SchemaVersions.AsNoTracking()
                    .FirstOrDefaultAsync(v => v.SchemaId == schema.Id && v.Number == schema.LatestVersionNumber, cancellationToken);
                schemaAction = latestSchemaVersion is not null && SameJson(latestSchemaVersion.SchemaJson, packagedSchema.Json)
                    ? SchemaImportAction.Reuse
                    : SchemaImportAction.NewVersion;
            }
        }

        var action = ImportAction.NewTemplate;
        VersionDiff? diff = null;
        if (template is not null)
        {
            var latest = await db.TemplateVersions.AsNoTracking()
                .FirstOrDefaultAsync(v => v.TemplateId == template.Id && v.Number == template.LatestVersionNumber, cancellationToken);
            var latestContent = latest is null ? TemplateContent.Empty : TemplateContent.FromJson(latest.ContentJson);
            // The link the imported version will get (a new schema's id is not known yet: Guid.Empty stands for it).
            OutputSchemaLink? link = schemaAction switch
            {
                SchemaImportAction.Reuse => new OutputSchemaLink(schema!.Id, schema.LatestVersionNumber),
                SchemaImportAction.NewVersion => new OutputSchemaLink(schema!.Id, schema.LatestVersionNumber + 1),
                SchemaImportAction.Create => new OutputSchemaLink(Guid.Empty, 1),
                _ => null,
            };
            diff = VersionDiffer.Compare(latestContent, package.Content with { OutputSchema = link });
            action = diff.HasChanges ? ImportAction.NewVersion : ImportAction.Unchanged;
            if (!string.Equals(template.Description, package.Description.Trim(), StringComparison.Ordinal) || !template.Tags.SequenceEqual(NameRules.NormalizeTags(package.Tags)))
            {
                warnings.Add("The existing template's description and tags are kept; the file's are not applied to it.");
            }
        }

        if (package.TestCases.Count > 0 && !testCases.CanStore)
        {
            warnings.Add($"The file has {package.TestCases.Count} test cases; this workbench cannot store test cases yet, so they are not imported.");
        }

        if (package.Labels.Count > 0)
        {
            warnings.Add($"Labels in the file ({string.Join(", ", package.Labels)}) are not moved by an import; set them after reviewing the version.");
        }

        var preview = new ImportPreview(read.Format, package, problems.Count > 0 ? ImportAction.None : action, template?.Id, template?.LatestVersionNumber, diff,
            schemaAction, schemaAction switch
            {
                SchemaImportAction.Create => 1,
                SchemaImportAction.NewVersion => schema!.LatestVersionNumber + 1,
                SchemaImportAction.Reuse => schema!.LatestVersionNumber,
                _ => null,
            },
            testCases.CanStore ? package.TestCases.Count : 0, problems, warnings);
        return new Plan(preview, template, schema);
    }

    /// <summary>Every rule the editor and the schema page apply, so an import can never store what they would refuse.</summary>
    private List<TemplateProblem> Check(TemplatePackage package)
    {
        var problems = new List<TemplateProblem>();
        if (NameRules.CheckTemplateName(package.Name) is { } nameProblem)
        {
            problems.Add(new TemplateProblem("name", nameProblem));
        }

        if (package.Description.Length > NameRules.MaxDescriptionLength)
        {
            problems.Add(new TemplateProblem("description", $"The description is {package.Description.Length} characters long; the limit is {NameRules.MaxDescriptionLength}."));
        }

        var tags = NameRules.NormalizeTags(package.Tags);
        if (tags.Count > NameRules.MaxTags)
        {
            problems.Add(new TemplateProblem("tags", $"At most {NameRules.MaxTags} tags."));
        }

        problems.AddRange(tags.Select(NameRules.CheckTag).OfType<string>().Select(p => new TemplateProblem("tags", p)));
        problems.AddRange(TemplateContentValidator.Validate(package.Content));
        if (package.Schema is { } schema)
        {
            if (NameRules.CheckTemplateName(schema.Name) is { } schemaNameProblem)
            {
                problems.Add(new TemplateProblem("schema.name", schemaNameProblem));
            }

            problems.AddRange(SchemaService.Check(schema.Json));
        }

        if (testCases.CanStore)
        {
            problems.AddRange(testCases.Check(package.TestCases));
        }

        if (package.TestCases.Count > ImportLimits.MaxTestCases)
        {
            problems.Add(new TemplateProblem("testCases", $"The file has {package.TestCases.Count:N0} test cases; the limit is {ImportLimits.MaxTestCases:N0}."));
        }

        return problems;
    }

    private static bool SameJson(string left, string right)
    {
        try
        {
            return JsonNode.DeepEquals(JsonNode.Parse(left), JsonNode.Parse(right));
        }
        catch (JsonException)
        {
            return string.Equals(left, right, StringComparison.Ordinal);
        }
    }

    private static string CommitMessage(TemplatePackage package, string format, string? fileName)
    {
        var source = string.IsNullOrWhiteSpace(fileName) ? format : Path.GetFileName(fileName);
        var origin = package.Author.Length > 0 ? $" (v{package.VersionNumber} by {package.Author})" : "";
        var message = $"Imported from {source}{origin}";
        if (package.CommitMessage.Length > 0 && format == "bundle")
        {
            message += ": " + package.CommitMessage;
        }

        return message.Length > NameRules.MaxCommitMessageLength ? message[..(NameRules.MaxCommitMessageLength - 1)] + "…" : message;
    }

    private static string? FallbackName(string? fileName)
    {
        if (string.IsNullOrWhiteSpace(fileName))
        {
            return null;
        }

        var name = Path.GetFileName(fileName);
        var dot = name.IndexOf('.', StringComparison.Ordinal);
        return dot > 0 ? name[..dot] : name;
    }

    private sealed record Plan(ImportPreview Preview, TemplateEntity? Template, SchemaEntity? Schema);

    [LoggerMessage(Level = LogLevel.Information, Message = "Template {TemplateId} v{Version} imported from a {Format} file by {User}")]
    private static partial void LogImported(ILogger logger, Guid templateId, int version, string format, string user);
}
