using Workbench.Core.Templates;

namespace Workbench.Core.Export;

/// <summary>What happened when a file was imported. Rejected means nothing was written.</summary>
public abstract record ImportOutcome
{
    private ImportOutcome() { }

    public sealed record Imported(Guid TemplateId, string TemplateName, int VersionNumber, bool CreatedTemplate, int TestCasesStored, IReadOnlyList<string> Warnings) : ImportOutcome;

    /// <summary>The template's latest version is already this content: nothing was written.</summary>
    public sealed record Unchanged(Guid TemplateId, string TemplateName, int VersionNumber) : ImportOutcome;

    public sealed record Rejected(IReadOnlyList<TemplateProblem> Problems) : ImportOutcome;
}
