namespace Workbench.Core.Templates;

/// <summary>Model settings saved with a version. Null means "provider default".</summary>
public sealed record ModelSettings(
    string Provider,
    string Model,
    double? Temperature,
    int? MaxOutputTokens,
    double? TopP,
    IReadOnlyList<string> StopSequences)
{
    public static ModelSettings Default { get; } = new("simulated", "simulated-json", 0.2, 1024, null, []);
}
