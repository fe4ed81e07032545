namespace Workbench.Core.Export;

/// <summary>The file formats a validated template version can be exported to.</summary>
public enum ExportFormat
{
    /// <summary>The workbench bundle: JSON, <c>docs/formats/bundle.schema.json</c>; can be imported again.</summary>
    Bundle,

    /// <summary>Microsoft Prompty: YAML front matter and a body with role markers; can be imported again.</summary>
    Prompty,

    /// <summary>A promptfoo configuration (YAML) with the prompt, a provider and tests with <c>is-json</c> assertions.</summary>
    Promptfoo,
}
