using System.ComponentModel.DataAnnotations;

namespace Workbench.Core.Configuration;

/// <summary>The <c>Workbench:Editor</c> section: how the template editor behaves.</summary>
public sealed class EditorOptions
{
    /// <summary>Quiet time after the last keystroke before the preview re-renders and the draft is saved.</summary>
    [Range(50, 5000)]
    public int DebounceMilliseconds { get; set; } = 400;

    /// <summary>Largest template message accepted, in characters.</summary>
    [Range(1024, 4 * 1024 * 1024)]
    public int MaxMessageLength { get; set; } = 512 * 1024;
}
