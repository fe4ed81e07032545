namespace Workbench.Core.Templates;

/// <summary>What happened when a draft was saved as a version.</summary>
public abstract record SaveVersionOutcome
{
    private SaveVersionOutcome() { }

    public sealed record Saved(TemplateVersionInfo Version) : SaveVersionOutcome;

    /// <summary>Someone saved a newer version since the draft's base: nothing was written.</summary>
    public sealed record Conflict(int BaseVersionNumber, TemplateVersionInfo Latest) : SaveVersionOutcome;

    public sealed record Rejected(IReadOnlyList<TemplateProblem> Problems) : SaveVersionOutcome;

    public sealed record NotFound : SaveVersionOutcome;
}
