using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Workbench.Core.Audit;
using Workbench.Core.Persistence;

namespace Workbench.Core.Templates;

/// <summary>
/// Templates, their immutable versions, labels and per-user drafts. A context per operation
/// (Blazor Server circuits are long-lived; a shared context would go stale and is not thread-safe).
/// </summary>
public sealed partial class TemplateService(
    IDbContextFactory<WorkbenchDbContext> dbFactory,
    TimeProvider time,
    ILogger<TemplateService> logger)
{
    public async Task<IReadOnlyList<TemplateSummary>> ListAsync(TemplateQuery query, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var rows = await db.Templates.AsNoTracking()
            .Select(t => new { t.Id, t.Name, t.Description, t.Tags, t.LatestVersionNumber, t.UpdatedAtUtc, Labels = t.Labels.Select(l => new LabelInfo(l.Name, l.VersionNumber, l.UpdatedBy, l.UpdatedAtUtc)).ToList() })
            .ToListAsync(cancellationToken);

        // Filtering happens in memory: template counts are in the hundreds, and this keeps
        // case-insensitive matching identical on every database provider.
        var search = query.Search?.Trim();
        var tag = query.Tag?.Trim().ToLowerInvariant();
        var filtered = rows.Where(r =>
            (string.IsNullOrEmpty(tag) || r.Tags.Contains(tag, StringComparer.Ordinal)) &&
            (string.IsNullOrEmpty(search)
             || r.Name.Contains(search, StringComparison.OrdinalIgnoreCase)
             || r.Description.Contains(search, StringComparison.OrdinalIgnoreCase)
             || r.Tags.Any(t => t.Contains(search, StringComparison.OrdinalIgnoreCase))));

        var sorted = query.Sort == TemplateSort.Name
            ? filtered.OrderBy(r => r.Name, StringComparer.OrdinalIgnoreCase)
            : filtered.OrderByDescending(r => r.UpdatedAtUtc);

        return sorted
            .Select(r => new TemplateSummary(r.Id, r.Name, r.Description, r.Tags, r.LatestVersionNumber, r.UpdatedAtUtc, r.Labels.OrderBy(l => l.Name, StringComparer.Ordinal).ToList()))
            .ToList();
    }

    public async Task<IReadOnlyList<string>> ListTagsAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var tags = await db.Templates.AsNoTracking().Select(t => t.Tags).ToListAsync(cancellationToken);
        return tags.SelectMany(t => t).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
    }

    public async Task<TemplateSummary?> GetAsync(Guid templateId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var t = await db.Templates.AsNoTracking().Include(x => x.Labels).FirstOrDefaultAsync(x => x.Id == templateId, cancellationToken);
        return t is null ? null : ToSummary(t);
    }

    /// <summary>The template with this name (matched as names are unique: trimmed, case-insensitive), or null.</summary>
    public async Task<TemplateSummary?> FindByNameAsync(string name, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(name);
        var normalized = NameRules.Normalize(name);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var t = await db.Templates.AsNoTracking().Include(x => x.Labels).FirstOrDefaultAsync(x => x.NormalizedName == normalized, cancellationToken);
        return t is null ? null : ToSummary(t);
    }

    public async Task<OperationResult<TemplateSummary>> CreateAsync(NewTemplate request, string user, CancellationToken cancellationToken = default)
    {
        var problems = CheckMetadata(request.Name, request.Description, request.Tags);
        problems.AddRange(TemplateContentValidator.Validate(request.Content));
        if (problems.Count > 0)
        {
            return OperationResult<TemplateSummary>.Fail(problems);
        }

        var now = time.GetUtcNow().UtcDateTime;
        var name = request.Name.Trim();
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        if (await NameTakenAsync(db, name, null, cancellationToken))
        {
            return OperationResult<TemplateSummary>.Fail(NameTaken(name));
        }

        var template = new TemplateEntity
        {
            Id = Guid.CreateVersion7(),
            Name = name,
            NormalizedName = NameRules.Normalize(name),
            Description = request.Description?.Trim() ?? "",
            Tags = [.. NameRules.NormalizeTags(request.Tags)],
            LatestVersionNumber = 1,
            CreatedBy = user,
            CreatedAtUtc = now,
            UpdatedAtUtc = now,
        };
        template.Versions.Add(NewVersionEntity(template.Id, 1, null, request.Content, request.CommitMessage ?? "Created", user, now));
        db.Templates.Add(template);
        AuditTrail.Stage(db, now, new(AuditActions.TemplateVersionCreated, AuditTargets.Template, template.Id.ToString(), name, $"v1 (new template): {template.Versions.First().CommitMessage}") { ActorName = user });
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Lost a race with another create of the same name: the unique index decided.
            return OperationResult<TemplateSummary>.Fail(NameTaken(name));
        }

        LogTemplateCreated(logger, template.Id, user);
        return OperationResult<TemplateSummary>.Ok(ToSummary(template));
    }

    public async Task<OperationResult<TemplateSummary>> UpdateMetadataAsync(Guid templateId, string name, string? description, IReadOnlyList<string> tags, CancellationToken cancellationToken = default)
    {
        var problems = CheckMetadata(name, description, tags);
        if (problems.Count > 0)
        {
            return OperationResult<TemplateSummary>.Fail(problems);
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var template = await db.Templates.Include(t => t.Labels).FirstOrDefaultAsync(t => t.Id == templateId, cancellationToken);
        if (template is null)
        {
            return OperationResult<TemplateSummary>.Fail(new TemplateProblem("template", "This template no longer exists."));
        }

        var trimmed = name.Trim();
        if (await NameTakenAsync(db, trimmed, templateId, cancellationToken))
        {
            return OperationResult<TemplateSummary>.Fail(NameTaken(trimmed));
        }

        template.Name = trimmed;
        template.NormalizedName = NameRules.Normalize(trimmed);
        template.Description = description?.Trim() ?? "";
        template.Tags = [.. NameRules.NormalizeTags(tags)];
        template.UpdatedAtUtc = time.GetUtcNow().UtcDateTime;
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            return OperationResult<TemplateSummary>.Fail(NameTaken(trimmed));
        }

        return OperationResult<TemplateSummary>.Ok(ToSummary(template));
    }

    public async Task<IReadOnlyList<TemplateVersionInfo>> ListVersionsAsync(Guid templateId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var versions = await db.TemplateVersions.AsNoTracking()
            .Where(v => v.TemplateId == templateId)
            .OrderByDescending(v => v.Number)
            .ToListAsync(cancellationToken);
        return versions.Select(ToInfo).ToList();
    }

    public async Task<TemplateVersionInfo?> GetVersionAsync(Guid templateId, int number, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var version = await db.TemplateVersions.AsNoTracking()
            .FirstOrDefaultAsync(v => v.TemplateId == templateId && v.Number == number, cancellationToken);
        return version is null ? null : ToInfo(version);
    }

    public async Task<TemplateVersionInfo?> GetLatestVersionAsync(Guid templateId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var version = await db.TemplateVersions.AsNoTracking()
            .Where(v => v.TemplateId == templateId)
            .OrderByDescending(v => v.Number)
            .FirstOrDefaultAsync(cancellationToken);
        return version is null ? null : ToInfo(version);
    }

    /// <summary>
    /// Saves <paramref name="content"/> as the next version if <paramref name="baseVersionNumber"/> is still the latest;
    /// otherwise reports a conflict and writes nothing. On success the user's draft is removed.
    /// </summary>
    public async Task<SaveVersionOutcome> SaveVersionAsync(Guid templateId, int baseVersionNumber, TemplateContent content, string? commitMessage, string user, CancellationToken cancellationToken = default)
    {
        var problems = new List<TemplateProblem>(TemplateContentValidator.Validate(content));
        if (commitMessage is { Length: > NameRules.MaxCommitMessageLength })
        {
            problems.Add(new("commitMessage", $"The message is longer than {NameRules.MaxCommitMessageLength} characters."));
        }

        if (problems.Count > 0)
        {
            return new SaveVersionOutcome.Rejected(problems);
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var template = await db.Templates.FirstOrDefaultAsync(t => t.Id == templateId, cancellationToken);
        if (template is null)
        {
            return new SaveVersionOutcome.NotFound();
        }

        if (template.LatestVersionNumber != baseVersionNumber)
        {
            return await ConflictAsync(db, templateId, baseVersionNumber, cancellationToken);
        }

        var now = time.GetUtcNow().UtcDateTime;
        var number = baseVersionNumber + 1;
        var version = NewVersionEntity(templateId, number, baseVersionNumber, content, string.IsNullOrWhiteSpace(commitMessage) ? $"Version {number}" : commitMessage.Trim(), user, now);
        db.TemplateVersions.Add(version);
        template.LatestVersionNumber = number;
        template.UpdatedAtUtc = now;
        // The draft goes in the same transaction as the version: a failed save keeps it.
        await DraftRows.RemoveInAsync<TemplateDraftEntity>(db, d => d.TemplateId == templateId && d.UserName == user, cancellationToken);

        AuditTrail.Stage(db, now, new(AuditActions.TemplateVersionCreated, AuditTargets.Template, templateId.ToString(), template.Name, $"v{number}: {version.CommitMessage}") { ActorName = user });
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Another save took this number between our check and our write (unique index on template + number).
            await using var fresh = await dbFactory.CreateDbContextAsync(cancellationToken);
            return await ConflictAsync(fresh, templateId, baseVersionNumber, cancellationToken);
        }

        LogVersionSaved(logger, templateId, number, user);
        return new SaveVersionOutcome.Saved(ToInfo(version));
    }

    /// <summary>Roll back: a new version whose content is copied from an old one. History is never rewritten.</summary>
    public async Task<SaveVersionOutcome> RestoreAsNewVersionAsync(Guid templateId, int fromNumber, string user, CancellationToken cancellationToken = default)
    {
        var source = await GetVersionAsync(templateId, fromNumber, cancellationToken);
        var latest = await GetLatestVersionAsync(templateId, cancellationToken);
        if (source is null || latest is null)
        {
            return new SaveVersionOutcome.NotFound();
        }

        return await SaveVersionAsync(templateId, latest.Number, source.Content, $"Restored from v{fromNumber}", user, cancellationToken);
    }

    public async Task<IReadOnlyList<LabelInfo>> ListLabelsAsync(Guid templateId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var labels = await db.TemplateLabels.AsNoTracking().Where(l => l.TemplateId == templateId).ToListAsync(cancellationToken);
        return labels.OrderBy(l => l.Name, StringComparer.Ordinal).Select(l => new LabelInfo(l.Name, l.VersionNumber, l.UpdatedBy, l.UpdatedAtUtc)).ToList();
    }

    /// <summary>Points <paramref name="label"/> at <paramref name="versionNumber"/>, creating or moving it; the move is recorded.</summary>
    public async Task<OperationResult<LabelInfo>> SetLabelAsync(Guid templateId, string label, int versionNumber, string user, CancellationToken cancellationToken = default)
    {
        var name = label?.Trim() ?? "";
        if (NameRules.CheckLabel(name) is { } labelProblem)
        {
            return OperationResult<LabelInfo>.Fail(new TemplateProblem("label", labelProblem));
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        if (!await db.TemplateVersions.AnyAsync(v => v.TemplateId == templateId && v.Number == versionNumber, cancellationToken))
        {
            return OperationResult<LabelInfo>.Fail(new TemplateProblem("version", $"Version {versionNumber} does not exist."));
        }

        var templateName = await TemplateNameAsync(db, templateId, cancellationToken);

        var now = time.GetUtcNow().UtcDateTime;
        var existing = await db.TemplateLabels.FirstOrDefaultAsync(l => l.TemplateId == templateId && l.Name == name, cancellationToken);
        if (existing is not null && existing.VersionNumber == versionNumber)
        {
            return OperationResult<LabelInfo>.Ok(new LabelInfo(existing.Name, existing.VersionNumber, existing.UpdatedBy, existing.UpdatedAtUtc));
        }

        var from = existing?.VersionNumber;
        if (existing is null)
        {
            existing = new TemplateLabelEntity { Id = Guid.CreateVersion7(), TemplateId = templateId, Name = name, UpdatedBy = user };
            db.TemplateLabels.Add(existing);
        }

        existing.VersionNumber = versionNumber;
        existing.UpdatedBy = user;
        existing.UpdatedAtUtc = now;
        db.LabelMoves.Add(new LabelMoveEntity { TemplateId = templateId, LabelName = name, FromVersionNumber = from, ToVersionNumber = versionNumber, MovedBy = user, MovedAtUtc = now });
        AuditTrail.Stage(db, now, new(AuditActions.TemplateLabelMoved, AuditTargets.Template, templateId.ToString(), templateName, $"'{name}': {(from is null ? "new" : $"v{from}")} → v{versionNumber}") { ActorName = user });
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            return OperationResult<LabelInfo>.Fail(new TemplateProblem("label", $"Label '{name}' was changed by someone else at the same time; reload and try again."));
        }

        LogLabelMoved(logger, templateId, name, from, versionNumber, user);
        return OperationResult<LabelInfo>.Ok(new LabelInfo(name, versionNumber, user, now));
    }

    public async Task<bool> RemoveLabelAsync(Guid templateId, string label, string user, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var existing = await db.TemplateLabels.FirstOrDefaultAsync(l => l.TemplateId == templateId && l.Name == label, cancellationToken);
        if (existing is null)
        {
            return false;
        }

        var templateName = await TemplateNameAsync(db, templateId, cancellationToken);
        db.TemplateLabels.Remove(existing);
        db.LabelMoves.Add(new LabelMoveEntity { TemplateId = templateId, LabelName = label, FromVersionNumber = existing.VersionNumber, ToVersionNumber = null, MovedBy = user, MovedAtUtc = time.GetUtcNow().UtcDateTime });
        AuditTrail.Stage(db, time.GetUtcNow().UtcDateTime, new(AuditActions.TemplateLabelMoved, AuditTargets.Template, templateId.ToString(), templateName, $"'{label}': v{existing.VersionNumber} → removed") { ActorName = user });
        await db.SaveChangesAsync(cancellationToken);
        LogLabelMoved(logger, templateId, label, existing.VersionNumber, null, user);
        return true;
    }

    // The audit entry's target name: which template a label move is about (the version is in its details).
    private static Task<string?> TemplateNameAsync(WorkbenchDbContext db, Guid templateId, CancellationToken cancellationToken) =>
        db.Templates.AsNoTracking().Where(t => t.Id == templateId).Select(t => t.Name).FirstOrDefaultAsync(cancellationToken);

    public async Task<IReadOnlyList<LabelMoveInfo>> ListLabelMovesAsync(Guid templateId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var moves = await db.LabelMoves.AsNoTracking().Where(m => m.TemplateId == templateId).OrderByDescending(m => m.Id).ToListAsync(cancellationToken);
        return moves.Select(m => new LabelMoveInfo(m.LabelName, m.FromVersionNumber, m.ToVersionNumber, m.MovedBy, m.MovedAtUtc)).ToList();
    }

    public async Task<TemplateDraft?> GetDraftAsync(Guid templateId, string user, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var draft = await db.TemplateDrafts.AsNoTracking().FirstOrDefaultAsync(d => d.TemplateId == templateId && d.UserName == user, cancellationToken);
        return draft is null ? null : new TemplateDraft(draft.TemplateId, draft.UserName, draft.BaseVersionNumber, TemplateContent.FromJson(draft.ContentJson), draft.UpdatedAtUtc);
    }

    /// <summary>Stores the user's unsaved edits. Drafts are not validated: a half-typed template must survive a reload.</summary>
    public Task SaveDraftAsync(Guid templateId, string user, int baseVersionNumber, TemplateContent content, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(content);
        var json = content.ToJson();
        return DraftRows.UpsertAsync<TemplateDraftEntity>(
            dbFactory,
            d => d.TemplateId == templateId && d.UserName == user,
            (db, ct) => db.Templates.AnyAsync(t => t.Id == templateId, ct),
            () => new TemplateDraftEntity { Id = Guid.CreateVersion7(), TemplateId = templateId, UserName = user, ContentJson = json },
            baseVersionNumber,
            json,
            time.GetUtcNow().UtcDateTime,
            cancellationToken);
    }

    public Task DiscardDraftAsync(Guid templateId, string user, CancellationToken cancellationToken = default) =>
        DraftRows.DeleteAsync<TemplateDraftEntity>(dbFactory, d => d.TemplateId == templateId && d.UserName == user, cancellationToken);

    private static async Task<SaveVersionOutcome> ConflictAsync(WorkbenchDbContext db, Guid templateId, int baseVersionNumber, CancellationToken cancellationToken)
    {
        var latest = await db.TemplateVersions.AsNoTracking().Where(v => v.TemplateId == templateId).OrderByDescending(v => v.Number).FirstAsync(cancellationToken);
        return new SaveVersionOutcome.Conflict(baseVersionNumber, ToInfo(latest));
    }

    private static List<TemplateProblem> CheckMetadata(string? name, string? description, IReadOnlyList<string> tags)
    {
        var problems = new List<TemplateProblem>();
        if (NameRules.CheckTemplateName(name) is { } nameProblem)
        {
            problems.Add(new("name", nameProblem));
        }

        if (description is { Length: > NameRules.MaxDescriptionLength })
        {
            problems.Add(new("description", $"The description is {description.Length} characters long; the limit is {NameRules.MaxDescriptionLength}."));
        }

        var normalized = NameRules.NormalizeTags(tags);
        if (normalized.Count > NameRules.MaxTags)
        {
            problems.Add(new("tags", $"At most {NameRules.MaxTags} tags."));
        }

        problems.AddRange(normalized.Select(NameRules.CheckTag).OfType<string>().Select(p => new TemplateProblem("tags", p)));
        return problems;
    }

    private static Task<bool> NameTakenAsync(WorkbenchDbContext db, string name, Guid? exceptId, CancellationToken cancellationToken)
    {
        var normalized = NameRules.Normalize(name);
        return db.Templates.AnyAsync(t => t.NormalizedName == normalized && (exceptId == null || t.Id != exceptId), cancellationToken);
    }

    private static TemplateProblem NameTaken(string name) => new("name", $"A template named '{name}' already exists. Choose another name.");

    private static TemplateVersionEntity NewVersionEntity(Guid templateId, int number, int? baseNumber, TemplateContent content, string commitMessage, string user, DateTime now) => new()
    {
        Id = Guid.CreateVersion7(),
        TemplateId = templateId,
        Number = number,
        BaseVersionNumber = baseNumber,
        ContentJson = content.ToJson(),
        CommitMessage = commitMessage,
        Author = user,
        CreatedAtUtc = now,
        OutputSchemaId = content.OutputSchema?.SchemaId,
        OutputSchemaVersionNumber = content.OutputSchema?.VersionNumber,
    };

    private static TemplateVersionInfo ToInfo(TemplateVersionEntity v) =>
        new(v.TemplateId, v.Number, v.BaseVersionNumber, v.CommitMessage, v.Author, DateTime.SpecifyKind(v.CreatedAtUtc, DateTimeKind.Utc), TemplateContent.FromJson(v.ContentJson));

    private static TemplateSummary ToSummary(TemplateEntity t) =>
        new(t.Id, t.Name, t.Description, t.Tags, t.LatestVersionNumber, DateTime.SpecifyKind(t.UpdatedAtUtc, DateTimeKind.Utc),
            t.Labels.OrderBy(l => l.Name, StringComparer.Ordinal).Select(l => new LabelInfo(l.Name, l.VersionNumber, l.UpdatedBy, l.UpdatedAtUtc)).ToList());

    [LoggerMessage(Level = LogLevel.Information, Message = "Template {TemplateId} created by {User}")]
    private static partial void LogTemplateCreated(ILogger logger, Guid templateId, string user);

    [LoggerMessage(Level = LogLevel.Information, Message = "Template {TemplateId} version {Number} saved by {User}")]
    private static partial void LogVersionSaved(ILogger logger, Guid templateId, int number, string user);

    [LoggerMessage(Level = LogLevel.Information, Message = "Template {TemplateId} label {Label} moved from {From} to {To} by {User}")]
    private static partial void LogLabelMoved(ILogger logger, Guid templateId, string label, int? from, int? to, string user);
}
