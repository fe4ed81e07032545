namespace Workbench.Core.Validation;

/// <summary>The JSON Schema drafts the validator supports, chosen by <c>$schema</c>.</summary>
public enum SchemaDialect
{
    /// <summary>JSON Schema 2020-12, the default when <c>$schema</c> is absent.</summary>
    Draft202012,

    /// <summary>JSON Schema draft 7.</summary>
    Draft7,
}
