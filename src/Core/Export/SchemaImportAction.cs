namespace Workbench.Core.Export;

/// <summary>What importing does with the file's output schema.</summary>
public enum SchemaImportAction
{
    /// <summary>The file carries no schema.</summary>
    None,

    /// <summary>No schema has this name: one is created.</summary>
    Create,

    /// <summary>A schema has this name with different JSON: the file's becomes its next version.</summary>
    NewVersion,

    /// <summary>A schema has this name and its latest version is the same JSON: it is linked as is.</summary>
    Reuse,
}
