using Workbench.Core.Templates;

namespace Workbench.Core.Schemas;

/// <summary>What happened when schema text was saved as a version.</summary>
public abstract record SchemaSaveOutcome
{
    private SchemaSaveOutcome() { }

    public sealed record Saved(SchemaVersionInfo Version) : SchemaSaveOutcome;

    /// <summary>Someone saved a newer version since the editor's base: nothing was written.</summary>
    public sealed record Conflict(int BaseVersionNumber, SchemaVersionInfo Latest) : SchemaSaveOutcome;

    /// <summary>The schema is invalid (problems carry line and column) or the message is too long.</summary>
    public sealed record Rejected(IReadOnlyList<TemplateProblem> Problems) : SchemaSaveOutcome;

    public sealed record NotFound : SchemaSaveOutcome;
}
