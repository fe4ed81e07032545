using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Workbench.Core.Audit;
using Workbench.Core.Persistence;
using Workbench.Core.Templates;
using Workbench.Core.Validation;

namespace Workbench.Core.Schemas;

/// <summary>
/// Output schemas, their immutable versions and labels (the same model as <see cref="TemplateService"/>).
/// Every saved version is a valid JSON Schema: saving compiles it with <see cref="SchemaCompiler"/> and refuses it
/// with line/column problems otherwise. A context per operation.
/// </summary>
public sealed partial class SchemaService(
    IDbContextFactory<WorkbenchDbContext> dbFactory,
    TimeProvider time,
    ILogger<SchemaService> logger)
{
    /// <summary>Most stored schema versions one schema may pull in through references.</summary>
    public const int MaxReferencedSchemas = 50;

    /// <summary>The text a new schema starts from; a new-schema draft still equal to it (and without a name) is no draft.</summary>
    public const string BlankSchemaJson = """
        {
          "$schema": "https://json-schema.org/draft/2020-12/schema",
          "type": "object",
          "properties": {},
          "required": []
        }
        """;

    /// <summary>The schema's problems as form problems (field <c>schema</c>, with line and column when known); empty when valid.</summary>
    public static IReadOnlyList<TemplateProblem> Check(string? schemaJson) => ToProblems(SchemaCompiler.Compile(schemaJson ?? ""));

    /// <summary>
    /// Checks a schema with its references to stored schemas (<see cref="StoredSchemaReference"/>) resolved: names are looked up
    /// and pinned to a version (the latest when none is given), the referenced versions (and theirs, transitively) are
    /// loaded into the compiler's registry, and a self reference, an unknown name or version, or a cycle between stored
    /// schemas is a problem at the reference's JSON path. Without such references this is <see cref="SchemaCompiler.Compile"/>.
    /// </summary>
    public async Task<SchemaCheck> CheckAsync(string? schemaJson, Guid? ownSchemaId = null, CancellationToken cancellationToken = default)
    {
        schemaJson ??= "";
        var found = schemaJson.Contains("workbench:", StringComparison.OrdinalIgnoreCase)
                    && !TextLimits.ExceedsBytes(schemaJson, ValidationLimits.Default.MaxSchemaBytes, out _)
            ? SchemaReferenceScanner.Find(schemaJson).Where(f => StoredSchemaReference.IsStoredSchemaReference(f.Value)).ToList()
            : [];
        if (found.Count == 0)
        {
            return new SchemaCheck(SchemaCompiler.Compile(schemaJson), schemaJson, schemaJson, SchemaCompileOptions.Default);
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var errors = new List<SchemaError>();
        var replacements = new List<(SchemaReferenceScanner.FoundReference, string)>();
        var roots = new List<(string Pointer, string Uri)>();
        foreach (var reference in found)
        {
            if (!StoredSchemaReference.TryParse(reference.Path, reference.Value, out var parsed, out var error))
            {
                errors.Add(At(schemaJson, reference.Path, error!));
                continue;
            }

            var normalized = NameRules.Normalize(parsed!.Name);
            var target = await db.Schemas.AsNoTracking()
                .Where(x => x.NormalizedName == normalized)
                .Select(x => new { x.Id, x.Name, x.LatestVersionNumber })
                .FirstOrDefaultAsync(cancellationToken);
            if (target is null)
            {
                errors.Add(At(schemaJson, reference.Path, $"there is no stored schema named '{parsed.Name}'"));
                continue;
            }

            if (target.Id == ownSchemaId)
            {
                errors.Add(At(schemaJson, reference.Path, $"'{target.Name}' is this schema itself: a schema cannot reference its own name; use \"#\" or \"#/$defs/…\" for recursion inside one schema"));
                continue;
            }

            var version = parsed.Version ?? target.LatestVersionNumber;
            if (parsed.Version is { } wanted && !await db.SchemaVersions.AnyAsync(v => v.SchemaId == target.Id && v.Number == wanted, cancellationToken))
            {
                errors.Add(At(schemaJson, reference.Path, $"schema '{target.Name}' has no version {wanted} (its latest is v{target.LatestVersionNumber})"));
                continue;
            }

            replacements.Add((reference, parsed.Pinned(target.Name, version)));
            roots.Add((reference.Path, StoredSchemaReference.UriFor(target.Name, version)));
        }

        if (errors.Count > 0)
        {
            return new SchemaCheck(new SchemaCompileResult(false, null, errors), schemaJson, schemaJson, SchemaCompileOptions.Default);
        }

        var pinned = SchemaReferenceScanner.Replace(schemaJson, replacements);
        var documents = new Dictionary<string, string>(StringComparer.Ordinal);
        var done = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (pointer, uri) in roots)
        {
            if (await LoadReferencedAsync(db, uri, [], documents, done, cancellationToken) is { } problem)
            {
                errors.Add(At(pinned, pointer, problem));
                break;
            }
        }

        if (errors.Count > 0)
        {
            return new SchemaCheck(new SchemaCompileResult(false, null, errors), pinned, pinned, SchemaCompileOptions.Default);
        }

        var options = new SchemaCompileOptions { Documents = documents.ToDictionary(d => new Uri(d.Key), d => d.Value) };
        var compiled = SchemaCompiler.Compile(pinned, options);
        return new SchemaCheck(compiled, pinned, compiled.Success ? SchemaBundler.Bundle(pinned, documents) : pinned, options);
    }

    /// <summary>Loads a referenced version and, depth first, the versions it references; returns a problem or null.</summary>
    private static async Task<string?> LoadReferencedAsync(
        WorkbenchDbContext db, string uri, List<string> path, Dictionary<string, string> documents, HashSet<string> done, CancellationToken cancellationToken)
    {
        if (path.Contains(uri, StringComparer.Ordinal))
        {
            var cycle = path.SkipWhile(p => p != uri).Append(uri).Select(Display);
            return $"the stored schemas reference each other in a cycle ({string.Join(" → ", cycle)}), so none of them can be evaluated";
        }

        if (done.Contains(uri))
        {
            return null;
        }

        if (documents.Count >= MaxReferencedSchemas)
        {
            return $"more than {MaxReferencedSchemas} stored schemas are referenced (directly or through other schemas)";
        }

        if (!StoredSchemaReference.TryParse("", uri, out var reference, out _) || reference!.Version is not { } number)
        {
            return $"the stored schema {Display(path[^1])} has a reference that is not pinned to a version ({uri}); save that schema again";
        }

        var normalized = NameRules.Normalize(reference.Name);
        var text = await db.SchemaVersions.AsNoTracking()
            .Where(v => v.Number == number && db.Schemas.Any(s => s.Id == v.SchemaId && s.NormalizedName == normalized))
            .Select(v => v.SchemaJson)
            .FirstOrDefaultAsync(cancellationToken);
        if (text is null)
        {
            return path.Count == 0
                ? $"the stored schema {Display(uri)} no longer exists"
                : $"the stored schema {Display(uri)}, referenced by {Display(path[^1])}, no longer exists";
        }

        documents[uri] = text;
        path.Add(uri);
        foreach (var inner in SchemaReferenceScanner.Find(text).Where(f => StoredSchemaReference.IsStoredSchemaReference(f.Value)))
        {
            var hash = inner.Value.IndexOf('#', StringComparison.Ordinal);
            var target = hash < 0 ? inner.Value : inner.Value[..hash];
            if (await LoadReferencedAsync(db, target, path, documents, done, cancellationToken) is { } problem)
            {
                return problem;
            }
        }

        path.RemoveAt(path.Count - 1);
        done.Add(uri);
        return null;
    }

    private static string Display(string uri) =>
        StoredSchemaReference.TryParse("", uri, out var reference, out _) && reference!.Version is { } version
            ? $"'{reference.Name}' v{version}"
            : uri;

    private static SchemaError At(string schemaJson, string pointer, string message)
    {
        var (line, column) = JsonPointerLocator.Locate(schemaJson, pointer);
        return new SchemaError(line, column, pointer, $"{pointer}: {message}");
    }

    private static List<TemplateProblem> ToProblems(SchemaCompileResult result) =>
        result.Success
            ? []
            : result.Errors.Select(e => new TemplateProblem("schema", e.Message, e.Line > 0 ? e.Line : null, e.Line > 0 ? e.Column : null)).ToList();

    public async Task<IReadOnlyList<SchemaSummary>> ListAsync(string? search = null, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var rows = await db.Schemas.AsNoTracking().Include(s => s.Labels).ToListAsync(cancellationToken);
        var term = search?.Trim();
        return rows
            .Where(r => string.IsNullOrEmpty(term)
                        || r.Name.Contains(term, StringComparison.OrdinalIgnoreCase)
                        || r.Description.Contains(term, StringComparison.OrdinalIgnoreCase))
            .OrderByDescending(r => r.UpdatedAtUtc)
            .Select(ToSummary)
            .ToList();
    }

    public async Task<SchemaSummary?> GetAsync(Guid schemaId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var schema = await db.Schemas.AsNoTracking().Include(s => s.Labels).FirstOrDefaultAsync(s => s.Id == schemaId, cancellationToken);
        return schema is null ? null : ToSummary(schema);
    }

    /// <summary>The schema with this name (matched as names are unique: trimmed, case-insensitive), or null.</summary>
    public async Task<SchemaSummary?> FindByNameAsync(string name, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(name);
        var normalized = NameRules.Normalize(name);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var schema = await db.Schemas.AsNoTracking().Include(s => s.Labels).FirstOrDefaultAsync(s => s.NormalizedName == normalized, cancellationToken);
        return schema is null ? null : ToSummary(schema);
    }

    public async Task<OperationResult<SchemaSummary>> CreateAsync(NewSchema request, string user, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var problems = CheckMetadata(request.Name, request.Description);
        var check = await CheckAsync(request.SchemaJson, null, cancellationToken);
        problems.AddRange(ToProblems(check.Compiled));
        if (problems.Count > 0)
        {
            return OperationResult<SchemaSummary>.Fail(problems);
        }

        var now = time.GetUtcNow().UtcDateTime;
        var name = request.Name.Trim();
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        if (await NameTakenAsync(db, name, null, cancellationToken))
        {
            return OperationResult<SchemaSummary>.Fail(NameTaken(name));
        }

        var schema = new SchemaEntity
        {
            Id = Guid.CreateVersion7(),
            Name = name,
            NormalizedName = NameRules.Normalize(name),
            Description = request.Description?.Trim() ?? "",
            LatestVersionNumber = 1,
            CreatedBy = user,
            CreatedAtUtc = now,
            UpdatedAtUtc = now,
        };
        schema.Versions.Add(NewVersionEntity(schema.Id, 1, null, check.PinnedJson, request.CommitMessage ?? "Created", user, now));
        db.Schemas.Add(schema);
        if (request.FromDraft)
        {
            // Created from the new-schema editor: its draft goes in the same transaction, and stays on any failure.
            await DraftRows.RemoveInAsync<SchemaDraftEntity>(db, d => d.SchemaId == null && d.UserName == user, cancellationToken);
        }
        AuditTrail.Stage(db, now, new(AuditActions.SchemaVersionCreated, AuditTargets.Schema, schema.Id.ToString(), name, $"v1 (new schema): {schema.Versions.First().CommitMessage}") { ActorName = user });
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            return OperationResult<SchemaSummary>.Fail(NameTaken(name));
        }

        LogSchemaCreated(logger, schema.Id, user);
        return OperationResult<SchemaSummary>.Ok(ToSummary(schema));
    }

    public async Task<OperationResult<SchemaSummary>> UpdateMetadataAsync(Guid schemaId, string name, string? description, CancellationToken cancellationToken = default)
    {
        var problems = CheckMetadata(name, description);
        if (problems.Count > 0)
        {
            return OperationResult<SchemaSummary>.Fail(problems);
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var schema = await db.Schemas.Include(s => s.Labels).FirstOrDefaultAsync(s => s.Id == schemaId, cancellationToken);
        if (schema is null)
        {
            return OperationResult<SchemaSummary>.Fail(new TemplateProblem("schema", "This schema no longer exists."));
        }

        var trimmed = name.Trim();
        if (await NameTakenAsync(db, trimmed, schemaId, cancellationToken))
        {
            return OperationResult<SchemaSummary>.Fail(NameTaken(trimmed));
        }

        if (!string.Equals(NameRules.Normalize(trimmed), schema.NormalizedName, StringComparison.Ordinal)
            && await FindReferrerAsync(db, schema, cancellationToken) is { } referrer)
        {
            // Versions pin references by name: a rename would break them, and a new schema taking the old name would change them.
            return OperationResult<SchemaSummary>.Fail(new TemplateProblem("name",
                $"'{schema.Name}' cannot be renamed: version {referrer.Number} of schema '{referrer.Name}' references it by name, and saved versions never change. Create a new schema instead."));
        }

        schema.Name = trimmed;
        schema.NormalizedName = NameRules.Normalize(trimmed);
        schema.Description = description?.Trim() ?? "";
        schema.UpdatedAtUtc = time.GetUtcNow().UtcDateTime;
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            return OperationResult<SchemaSummary>.Fail(NameTaken(trimmed));
        }

        return OperationResult<SchemaSummary>.Ok(ToSummary(schema));
    }

    public async Task<IReadOnlyList<SchemaVersionInfo>> ListVersionsAsync(Guid schemaId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var versions = await db.SchemaVersions.AsNoTracking()
            .Where(v => v.SchemaId == schemaId)
            .OrderByDescending(v => v.Number)
            .ToListAsync(cancellationToken);
        return versions.Select(ToInfo).ToList();
    }

    public async Task<SchemaVersionInfo?> GetVersionAsync(Guid schemaId, int number, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var version = await db.SchemaVersions.AsNoTracking()
            .FirstOrDefaultAsync(v => v.SchemaId == schemaId && v.Number == number, cancellationToken);
        return version is null ? null : ToInfo(version);
    }

    public async Task<SchemaVersionInfo?> GetLatestVersionAsync(Guid schemaId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var version = await db.SchemaVersions.AsNoTracking()
            .Where(v => v.SchemaId == schemaId)
            .OrderByDescending(v => v.Number)
            .FirstOrDefaultAsync(cancellationToken);
        return version is null ? null : ToInfo(version);
    }

    /// <summary>
    /// Saves <paramref name="schemaJson"/> as the next version if <paramref name="baseVersionNumber"/> is still the latest;
    /// otherwise reports a conflict and writes nothing. An invalid schema is rejected with its problems.
    /// </summary>
    public async Task<SchemaSaveOutcome> SaveVersionAsync(Guid schemaId, int baseVersionNumber, string schemaJson, string? commitMessage, string user, CancellationToken cancellationToken = default)
    {
        var check = await CheckAsync(schemaJson, schemaId, cancellationToken);
        var problems = new List<TemplateProblem>(ToProblems(check.Compiled));
        if (commitMessage is { Length: > NameRules.MaxCommitMessageLength })
        {
            problems.Add(new("commitMessage", $"The message is longer than {NameRules.MaxCommitMessageLength} characters."));
        }

        if (problems.Count > 0)
        {
            return new SchemaSaveOutcome.Rejected(problems);
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var schema = await db.Schemas.FirstOrDefaultAsync(s => s.Id == schemaId, cancellationToken);
        if (schema is null)
        {
            return new SchemaSaveOutcome.NotFound();
        }

        if (schema.LatestVersionNumber != baseVersionNumber)
        {
            return await ConflictAsync(db, schemaId, baseVersionNumber, cancellationToken);
        }

        var now = time.GetUtcNow().UtcDateTime;
        var number = baseVersionNumber + 1;
        var version = NewVersionEntity(schemaId, number, baseVersionNumber, check.PinnedJson, string.IsNullOrWhiteSpace(commitMessage) ? $"Version {number}" : commitMessage.Trim(), user, now);
        db.SchemaVersions.Add(version);
        schema.LatestVersionNumber = number;
        schema.UpdatedAtUtc = now;
        // The draft goes in the same transaction as the version: a failed save keeps it.
        await DraftRows.RemoveInAsync<SchemaDraftEntity>(db, d => d.SchemaId == schemaId && d.UserName == user, cancellationToken);
        AuditTrail.Stage(db, now, new(AuditActions.SchemaVersionCreated, AuditTargets.Schema, schemaId.ToString(), schema.Name, $"v{number}: {version.CommitMessage}") { ActorName = user });
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Another save took this number between our check and our write (unique index on schema + number).
            await using var fresh = await dbFactory.CreateDbContextAsync(cancellationToken);
            return await ConflictAsync(fresh, schemaId, baseVersionNumber, cancellationToken);
        }

        LogVersionSaved(logger, schemaId, number, user);
        return new SchemaSaveOutcome.Saved(ToInfo(version));
    }

    /// <summary>Roll back: a new version whose text is copied from an old one. History is never rewritten.</summary>
    public async Task<SchemaSaveOutcome> RestoreAsNewVersionAsync(Guid schemaId, int fromNumber, string user, CancellationToken cancellationToken = default)
    {
        var source = await GetVersionAsync(schemaId, fromNumber, cancellationToken);
        var latest = await GetLatestVersionAsync(schemaId, cancellationToken);
        if (source is null || latest is null)
        {
            return new SchemaSaveOutcome.NotFound();
        }

        return await SaveVersionAsync(schemaId, latest.Number, source.SchemaJson, $"Restored from v{fromNumber}", user, cancellationToken);
    }

    public async Task<IReadOnlyList<LabelInfo>> ListLabelsAsync(Guid schemaId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var labels = await db.SchemaLabels.AsNoTracking().Where(l => l.SchemaId == schemaId).ToListAsync(cancellationToken);
        return labels.OrderBy(l => l.Name, StringComparer.Ordinal).Select(l => new LabelInfo(l.Name, l.VersionNumber, l.UpdatedBy, l.UpdatedAtUtc)).ToList();
    }

    /// <summary>Points <paramref name="label"/> at <paramref name="versionNumber"/>, creating or moving it; the move is recorded.</summary>
    public async Task<OperationResult<LabelInfo>> SetLabelAsync(Guid schemaId, string label, int versionNumber, string user, CancellationToken cancellationToken = default)
    {
        var name = label?.Trim() ?? "";
        if (NameRules.CheckLabel(name) is { } labelProblem)
        {
            return OperationResult<LabelInfo>.Fail(new TemplateProblem("label", labelProblem));
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        if (!await db.SchemaVersions.AnyAsync(v => v.SchemaId == schemaId && v.Number == versionNumber, cancellationToken))
        {
            return OperationResult<LabelInfo>.Fail(new TemplateProblem("version", $"Version {versionNumber} does not exist."));
        }

        var schemaName = await SchemaNameAsync(db, schemaId, cancellationToken);

        var now = time.GetUtcNow().UtcDateTime;
        var existing = await db.SchemaLabels.FirstOrDefaultAsync(l => l.SchemaId == schemaId && l.Name == name, cancellationToken);
        if (existing is not null && existing.VersionNumber == versionNumber)
        {
            return OperationResult<LabelInfo>.Ok(new LabelInfo(existing.Name, existing.VersionNumber, existing.UpdatedBy, existing.UpdatedAtUtc));
        }

        var from = existing?.VersionNumber;
        if (existing is null)
        {
            existing = new SchemaLabelEntity { Id = Guid.CreateVersion7(), SchemaId = schemaId, Name = name, UpdatedBy = user };
            db.SchemaLabels.Add(existing);
        }

        existing.VersionNumber = versionNumber;
        existing.UpdatedBy = user;
        existing.UpdatedAtUtc = now;
        db.SchemaLabelMoves.Add(new SchemaLabelMoveEntity { SchemaId = schemaId, LabelName = name, FromVersionNumber = from, ToVersionNumber = versionNumber, MovedBy = user, MovedAtUtc = now });
        AuditTrail.Stage(db, now, new(AuditActions.SchemaLabelMoved, AuditTargets.Schema, schemaId.ToString(), schemaName, $"'{name}': {(from is null ? "new" : $"v{from}")} → v{versionNumber}") { ActorName = user });
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            return OperationResult<LabelInfo>.Fail(new TemplateProblem("label", $"Label '{name}' was changed by someone else at the same time; reload and try again."));
        }

        LogLabelMoved(logger, schemaId, name, from, versionNumber, user);
        return OperationResult<LabelInfo>.Ok(new LabelInfo(name, versionNumber, user, now));
    }

    public async Task<bool> RemoveLabelAsync(Guid schemaId, string label, string user, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var existing = await db.SchemaLabels.FirstOrDefaultAsync(l => l.SchemaId == schemaId && l.Name == label, cancellationToken);
        if (existing is null)
        {
            return false;
        }

        var schemaName = await SchemaNameAsync(db, schemaId, cancellationToken);
        db.SchemaLabels.Remove(existing);
        db.SchemaLabelMoves.Add(new SchemaLabelMoveEntity { SchemaId = schemaId, LabelName = label, FromVersionNumber = existing.VersionNumber, ToVersionNumber = null, MovedBy = user, MovedAtUtc = time.GetUtcNow().UtcDateTime });
        AuditTrail.Stage(db, time.GetUtcNow().UtcDateTime, new(AuditActions.SchemaLabelMoved, AuditTargets.Schema, schemaId.ToString(), schemaName, $"'{label}': v{existing.VersionNumber} → removed") { ActorName = user });
        await db.SaveChangesAsync(cancellationToken);
        LogLabelMoved(logger, schemaId, label, existing.VersionNumber, null, user);
        return true;
    }

    // The audit entry's target name: which schema a label move is about (the version is in its details).
    private static Task<string?> SchemaNameAsync(WorkbenchDbContext db, Guid schemaId, CancellationToken cancellationToken) =>
        db.Schemas.AsNoTracking().Where(s => s.Id == schemaId).Select(s => s.Name).FirstOrDefaultAsync(cancellationToken);

    public async Task<IReadOnlyList<LabelMoveInfo>> ListLabelMovesAsync(Guid schemaId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var moves = await db.SchemaLabelMoves.AsNoTracking().Where(m => m.SchemaId == schemaId).OrderByDescending(m => m.Id).ToListAsync(cancellationToken);
        return moves.Select(m => new LabelMoveInfo(m.LabelName, m.FromVersionNumber, m.ToVersionNumber, m.MovedBy, m.MovedAtUtc)).ToList();
    }

    /// <summary>The user's draft of schema <paramref name="schemaId"/>, or of a new schema when it is null; null when there is none.</summary>
    public async Task<SchemaDraft?> GetDraftAsync(Guid? schemaId, string user, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var draft = await db.SchemaDrafts.AsNoTracking().FirstOrDefaultAsync(Mine(schemaId, user), cancellationToken);
        return draft is null ? null : SchemaDraft.FromJson(draft.SchemaId, draft.UserName, draft.BaseVersionNumber, draft.ContentJson, draft.UpdatedAtUtc);
    }

    /// <summary>
    /// Stores the user's unsaved schema text (not validated: half-typed JSON must survive a reload). A draft equal to its base
    /// is deleted instead: the text of version <paramref name="baseVersionNumber"/>, or for a new schema
    /// (<paramref name="schemaId"/> null) the blank schema with no name and no description. Returns whether a draft is stored.
    /// </summary>
    public async Task<bool> SaveDraftAsync(Guid? schemaId, string user, int baseVersionNumber, string schemaJson, string? name = null, string? description = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(schemaJson);
        bool equalToBase;
        if (schemaId is { } id)
        {
            var baseText = await GetVersionAsync(id, baseVersionNumber, cancellationToken);
            equalToBase = baseText is not null && string.Equals(baseText.SchemaJson, schemaJson, StringComparison.Ordinal);
            name = null;
            description = null;
        }
        else
        {
            equalToBase = string.IsNullOrWhiteSpace(name) && string.IsNullOrWhiteSpace(description)
                          && (string.IsNullOrWhiteSpace(schemaJson) || string.Equals(schemaJson.Trim(), BlankSchemaJson, StringComparison.Ordinal));
            baseVersionNumber = 0;
        }

        if (equalToBase)
        {
            await DiscardDraftAsync(schemaId, user, cancellationToken);
            return false;
        }

        var json = SchemaDraft.ToJson(schemaJson, name, description);
        await DraftRows.UpsertAsync(
            dbFactory,
            Mine(schemaId, user),
            (db, ct) => schemaId is null ? Task.FromResult(true) : db.Schemas.AnyAsync(s => s.Id == schemaId, ct),
            () => new SchemaDraftEntity { Id = Guid.CreateVersion7(), SchemaId = schemaId, UserName = user, ContentJson = json },
            baseVersionNumber,
            json,
            time.GetUtcNow().UtcDateTime,
            cancellationToken);
        return true;
    }

    public Task DiscardDraftAsync(Guid? schemaId, string user, CancellationToken cancellationToken = default) =>
        DraftRows.DeleteAsync(dbFactory, Mine(schemaId, user), cancellationToken);

    private static System.Linq.Expressions.Expression<Func<SchemaDraftEntity, bool>> Mine(Guid? schemaId, string user) =>
        schemaId is { } id
            ? d => d.SchemaId == id && d.UserName == user
            : d => d.SchemaId == null && d.UserName == user;

    private static async Task<SchemaSaveOutcome> ConflictAsync(WorkbenchDbContext db, Guid schemaId, int baseVersionNumber, CancellationToken cancellationToken)
    {
        var latest = await db.SchemaVersions.AsNoTracking().Where(v => v.SchemaId == schemaId).OrderByDescending(v => v.Number).FirstAsync(cancellationToken);
        return new SchemaSaveOutcome.Conflict(baseVersionNumber, ToInfo(latest));
    }

    private static List<TemplateProblem> CheckMetadata(string? name, string? description)
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

        return problems;
    }

    private static async Task<(string Name, int Number)?> FindReferrerAsync(WorkbenchDbContext db, SchemaEntity schema, CancellationToken cancellationToken)
    {
        var candidates = await db.SchemaVersions.AsNoTracking()
            .Where(v => v.SchemaId != schema.Id && v.SchemaJson.Contains(StoredSchemaReference.Prefix))
            .Select(v => new { v.SchemaId, v.Number, v.SchemaJson })
            .ToListAsync(cancellationToken);
        foreach (var candidate in candidates)
        {
            var refers = SchemaReferenceScanner.Find(candidate.SchemaJson).Any(f =>
                StoredSchemaReference.TryParse(f.Path, f.Value, out var reference, out _)
                && string.Equals(NameRules.Normalize(reference!.Name), schema.NormalizedName, StringComparison.Ordinal));
            if (refers)
            {
                var name = await db.Schemas.AsNoTracking().Where(s => s.Id == candidate.SchemaId).Select(s => s.Name).FirstAsync(cancellationToken);
                return (name, candidate.Number);
            }
        }

        return null;
    }

    private static Task<bool> NameTakenAsync(WorkbenchDbContext db, string name, Guid? exceptId, CancellationToken cancellationToken)
    {
        var normalized = NameRules.Normalize(name);
        return db.Schemas.AnyAsync(s => s.NormalizedName == normalized && (exceptId == null || s.Id != exceptId), cancellationToken);
    }

    private static TemplateProblem NameTaken(string name) => new("name", $"A schema named '{name}' already exists. Choose another name.");

    private static SchemaVersionEntity NewVersionEntity(Guid schemaId, int number, int? baseNumber, string schemaJson, string commitMessage, string user, DateTime now) => new()
    {
        Id = Guid.CreateVersion7(),
        SchemaId = schemaId,
        Number = number,
        BaseVersionNumber = baseNumber,
        SchemaJson = schemaJson,
        CommitMessage = commitMessage,
        Author = user,
        CreatedAtUtc = now,
    };

    private static SchemaVersionInfo ToInfo(SchemaVersionEntity v) =>
        new(v.SchemaId, v.Number, v.BaseVersionNumber, v.CommitMessage, v.Author, DateTime.SpecifyKind(v.CreatedAtUtc, DateTimeKind.Utc), v.SchemaJson);

    private static SchemaSummary ToSummary(SchemaEntity s) =>
        new(s.Id, s.Name, s.Description, s.LatestVersionNumber, DateTime.SpecifyKind(s.UpdatedAtUtc, DateTimeKind.Utc),
            s.Labels.OrderBy(l => l.Name, StringComparer.Ordinal).Select(l => new LabelInfo(l.Name, l.VersionNumber, l.UpdatedBy, l.UpdatedAtUtc)).ToList());

    [LoggerMessage(Level = LogLevel.Information, Message = "Schema {SchemaId} created by {User}")]
    private static partial void LogSchemaCreated(ILogger logger, Guid schemaId, string user);

    [LoggerMessage(Level = LogLevel.Information, Message = "Schema {SchemaId} version {Number} saved by {User}")]
    private static partial void LogVersionSaved(ILogger logger, Guid schemaId, int number, string user);

    [LoggerMessage(Level = LogLevel.Information, Message = "Schema {SchemaId} label {Label} moved from {From} to {To} by {User}")]
    private static partial void LogLabelMoved(ILogger logger, Guid schemaId, string label, int? from, int? to, string user);
}
