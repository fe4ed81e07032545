namespace Workbench.Components.Shared;

/// <summary>How <see cref="TemplateDiffView"/> lays out text changes.</summary>
internal enum DiffViewMode
{
    /// <summary>Two aligned columns (old left, new right) with empty filler rows.</summary>
    SideBySide,

    /// <summary>One column of unchanged, removed (-) and added (+) lines.</summary>
    Inline,
}
