using Workbench.Core.Providers;
using Workbench.Core.Templates;

namespace Workbench.Core.Export;

/// <summary>
/// One template version with everything that travels with it: what the exporters write and the importers read.
/// <see cref="Content"/>'s schema link is not used across databases; <see cref="Schema"/> carries the schema itself.
/// </summary>
public sealed record TemplatePackage(
    string Name,
    string Description,
    IReadOnlyList<string> Tags,
    int VersionNumber,
    string Author,
    DateTime CreatedAtUtc,
    string CommitMessage,
    TemplateContent Content,
    PackagedSchema? Schema,
    IReadOnlyList<PackagedTestCase> TestCases,
    IReadOnlyList<string> Labels,
    BatchEvidence? Validation)
{
    /// <summary>What the model settings' provider is (for the promptfoo provider id and Prompty's configuration type).</summary>
    public ProviderKind? ProviderKind { get; init; }

    /// <summary>The provider's endpoint when it is an OpenAI-compatible one.</summary>
    public string? ProviderBaseUrl { get; init; }

    /// <summary>The name of the environment variable holding the provider's key (never the key).</summary>
    public string? ApiKeyVariable { get; init; }
}
