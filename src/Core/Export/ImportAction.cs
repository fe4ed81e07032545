namespace Workbench.Core.Export;

/// <summary>What importing a file would do to the template it names.</summary>
public enum ImportAction
{
    /// <summary>Nothing: the file has problems.</summary>
    None,

    /// <summary>No template has this name: one is created with the file's content as version 1.</summary>
    NewTemplate,

    /// <summary>A template has this name: the file's content becomes its next version.</summary>
    NewVersion,

    /// <summary>The template's latest version already has this content and schema: nothing is written.</summary>
    Unchanged,
}
