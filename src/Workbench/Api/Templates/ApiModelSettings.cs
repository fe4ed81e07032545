using System.ComponentModel;

namespace Workbench.Api.Templates;

/// <summary>The model settings saved with a template version. Null means the provider's default.</summary>
public sealed record ApiModelSettings
{
    [Description("A configured provider name, e.g. simulated (always there), or one under Workbench:Providers.")]
    public string? Provider { get; init; }

    [Description("The model name, e.g. simulated-json.")]
    public string? Model { get; init; }

    [Description("0 to 2.")]
    public double? Temperature { get; init; }

    [Description("1 to 1,000,000.")]
    public int? MaxOutputTokens { get; init; }

    [Description("Greater than 0, at most 1.")]
    public double? TopP { get; init; }

    public IReadOnlyList<string>? StopSequences { get; init; }
}
