namespace Workbench.Api.Templates;

/// <summary>What <see cref="TemplatePublisher"/> did with a request.</summary>
internal abstract record TemplatePublishOutcome
{
    private TemplatePublishOutcome() { }

    public sealed record Published(TemplateCreatedResponse Response) : TemplatePublishOutcome;

    /// <summary>Bad input: API field name → message, nothing written.</summary>
    public sealed record Rejected(IReadOnlyList<KeyValuePair<string, string>> Errors) : TemplatePublishOutcome;

    /// <summary>Other writers kept winning the race for the next version number.</summary>
    public sealed record Conflict(string Detail) : TemplatePublishOutcome;
}
