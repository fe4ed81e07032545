using System.Globalization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Workbench.Core.Audit;
using Workbench.Core.Configuration;
using Workbench.Core.Providers;
using Workbench.Core.Redaction;
using Workbench.Core.Schemas;
using Workbench.Core.Templates;

namespace Workbench.Core.Export;

/// <summary>
/// Exports validated template versions. A version is validated (and only then exportable) when (a) it links an output
/// schema version, (b) every message parses and every variable it uses is declared, and (c) its most recent batch over
/// its test cases finished with a pass rate of at least <c>Workbench:Export:MinimumPassRate</c>. Every reason it is not
/// is returned, with what to do. Everything written passes the export redaction boundary (<see cref="PackageRedactor"/>).
/// </summary>
public sealed partial class ExportService(
    TemplateService templates,
    SchemaService schemas,
    IExportEvidence evidence,
    ITestCaseSource testCases,
    Redactor redactor,
    ProviderCatalog providers,
    IOptionsMonitor<WorkbenchOptions> options,
    TimeProvider time,
    ILogger<ExportService> logger,
    AuditTrail? audit = null)
{
    /// <summary>Whether <paramref name="version"/> is validated, and every reason it is not.</summary>
    public async Task<ExportReadiness> CheckAsync(TemplateVersionInfo version, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(version);
        var blockers = new List<ExportBlocker>();
        if (version.Content.OutputSchema is not { } link)
        {
            blockers.Add(new ExportBlocker(ExportBlocker.NoSchema, "No output schema version is linked to this version.",
                "Link an output schema in the editor and save a new version."));
        }
        else if (await schemas.GetVersionAsync(link.SchemaId, link.VersionNumber, cancellationToken) is null)
        {
            blockers.Add(new ExportBlocker(ExportBlocker.NoSchema, $"The linked schema version (v{link.VersionNumber}) no longer exists.",
                "Link an existing output schema version and save a new version."));
        }

        foreach (var problem in TemplateContentValidator.Validate(version.Content))
        {
            blockers.Add(new ExportBlocker(ExportBlocker.InvalidTemplate, problem.ToString(), "Fix the template in the editor and save a new version."));
        }

        var batch = await evidence.GetLatestBatchAsync(version.TemplateId, version.Number, cancellationToken);
        var minimum = options.CurrentValue.Export.MinimumPassRate;
        if (batch is null)
        {
            blockers.Add(new ExportBlocker(ExportBlocker.NoBatch, "No batch has run this version's test cases yet.",
                $"Run a batch of v{version.Number} over the template's test cases."));
        }
        else if (!batch.Finished)
        {
            blockers.Add(new ExportBlocker(ExportBlocker.BatchUnfinished,
                $"The latest batch of v{version.Number} ({batch.BatchId}) did not complete{(batch.Status is { } status ? $" ({status})" : "")}.",
                "Wait for it to finish, or run a new batch."));
        }
        else if (batch.Evaluated == 0 || batch.PassRate < minimum)
        {
            blockers.Add(new ExportBlocker(ExportBlocker.PassRateTooLow,
                string.Create(CultureInfo.InvariantCulture, $"The latest batch of v{version.Number} passed {batch.Passed} of {batch.Evaluated} test cases ({batch.PassRate:P0}); at least {minimum:P0} is required (Workbench:Export:MinimumPassRate)."),
                "Fix the failing cases (template, schema or test cases) and run the batch again."));
        }

        return new ExportReadiness(blockers, batch);
    }

    /// <summary>What stops a validated version being written in <paramref name="format"/> (the bundle takes everything).</summary>
    public static IReadOnlyList<ExportBlocker> FormatBlockers(TemplateContent content, ExportFormat format)
    {
        ArgumentNullException.ThrowIfNull(content);
        if (format == ExportFormat.Bundle)
        {
            return [];
        }

        var problems = format == ExportFormat.Prompty ? PromptyFormat.CheckCompatibility(content) : JinjaCompatibility.Check(content);
        return [.. problems.Select(p => new ExportBlocker(ExportBlocker.FormatUnsupported,
            $"{ExportFormats.DisplayName(format)} cannot express this template: {p}", "Export it as a workbench bundle, or simplify the template."))];
    }

    public async Task<ExportOutcome> ExportAsync(Guid templateId, int versionNumber, ExportFormat format, CancellationToken cancellationToken = default)
    {
        var template = await templates.GetAsync(templateId, cancellationToken);
        var version = template is null ? null : await templates.GetVersionAsync(templateId, versionNumber, cancellationToken);
        if (template is null || version is null)
        {
            return new ExportOutcome.NotFound(template is null ? "This template does not exist." : $"Version {versionNumber} does not exist.");
        }

        return await ExportAsync(template, version, format, cancellationToken);
    }

    /// <summary>
    /// Exports a template found by name (case-insensitive), at <paramref name="label"/> or <paramref name="versionNumber"/>
    /// (the latest version when neither is given).
    /// </summary>
    public async Task<ExportOutcome> ExportAsync(string templateName, string? label, int? versionNumber, ExportFormat format, CancellationToken cancellationToken = default)
    {
        var template = await templates.FindByNameAsync(templateName, cancellationToken);
        if (template is null)
        {
            return new ExportOutcome.NotFound($"There is no template named '{templateName}'.");
        }

        int number;
        if (!string.IsNullOrWhiteSpace(label))
        {
            var found = template.Labels.FirstOrDefault(l => string.Equals(l.Name, label.Trim(), StringComparison.Ordinal));
            if (found is null)
            {
                return new ExportOutcome.NotFound($"Template '{template.Name}' has no label '{label.Trim()}'.");
            }

            number = found.VersionNumber;
        }
        else
        {
            number = versionNumber ?? template.LatestVersionNumber;
        }

        var version = await templates.GetVersionAsync(template.Id, number, cancellationToken);
        return version is null
            ? new ExportOutcome.NotFound($"Template '{template.Name}' has no version {number}.")
            : await ExportAsync(template, version, format, cancellationToken);
    }

    private async Task<ExportOutcome> ExportAsync(TemplateSummary template, TemplateVersionInfo version, ExportFormat format, CancellationToken cancellationToken)
    {
        var readiness = await CheckAsync(version, cancellationToken);
        var blockers = readiness.Blockers.Concat(FormatBlockers(version.Content, format)).ToList();
        if (blockers.Count > 0)
        {
            LogRefused(logger, template.Id, version.Number, format, blockers.Count);
            return new ExportOutcome.NotExportable(blockers);
        }

        var package = await BuildPackageAsync(template, version, readiness.Evidence, cancellationToken);
        var redaction = new PackageRedactor(redactor);
        package = redaction.Redact(package);
        var text = format switch
        {
            ExportFormat.Prompty => PromptyFormat.Write(package),
            ExportFormat.Promptfoo => PromptfooFormat.Write(package),
            _ => BundleFormat.Write(package, time.GetUtcNow().UtcDateTime),
        };
        LogExported(logger, template.Id, version.Number, format, redaction.Count);
        if (audit is not null)
        {
            await audit.RecordAsync(new(AuditActions.ExportDownloaded, AuditTargets.Template, template.Id.ToString(), template.Name, $"v{version.Number} as {ExportFormats.NameOf(format)}"), cancellationToken);
        }

        return new ExportOutcome.Exported(new ExportFile(ExportFormats.FileName(template.Name, version.Number, format), ExportFormats.ContentType(format), text, redaction.Count));
    }

    private async Task<TemplatePackage> BuildPackageAsync(TemplateSummary template, TemplateVersionInfo version, BatchEvidence? batch, CancellationToken cancellationToken)
    {
        PackagedSchema? schema = null;
        if (version.Content.OutputSchema is { } link
            && await schemas.GetAsync(link.SchemaId, cancellationToken) is { } schemaSummary
            && await schemas.GetVersionAsync(link.SchemaId, link.VersionNumber, cancellationToken) is { } schemaVersion)
        {
            schema = new PackagedSchema(schemaSummary.Name, schemaVersion.Number, schemaVersion.SchemaJson);
        }

        var provider = providers.Find(version.Content.Settings.Provider);
        var cases = await testCases.GetTestCasesAsync(template.Id, cancellationToken);
        return new TemplatePackage(template.Name, template.Description, template.Tags, version.Number, version.Author, version.CreatedAtUtc,
            version.CommitMessage, version.Content with { OutputSchema = null }, schema, cases,
            [.. template.Labels.Where(l => l.VersionNumber == version.Number).Select(l => l.Name)], batch)
        {
            ProviderKind = provider?.Kind,
            ProviderBaseUrl = provider?.Kind == ProviderKind.OpenAICompatible ? provider.BaseUrl : null,
            ApiKeyVariable = provider?.ApiKeyVariable,
        };
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Template {TemplateId} v{Version} exported as {Format} ({Redacted} values redacted)")]
    private static partial void LogExported(ILogger logger, Guid templateId, int version, ExportFormat format, int redacted);

    [LoggerMessage(Level = LogLevel.Information, Message = "Export of template {TemplateId} v{Version} as {Format} refused: {Count} reasons")]
    private static partial void LogRefused(ILogger logger, Guid templateId, int version, ExportFormat format, int count);
}
