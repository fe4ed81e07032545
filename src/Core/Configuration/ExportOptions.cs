using System.ComponentModel.DataAnnotations;

namespace Workbench.Core.Configuration;

/// <summary>The <c>Workbench:Export</c> section: when a template version may leave the workbench, and how large an import may be.</summary>
public sealed class ExportOptions
{
    /// <summary>
    /// Share of a batch's evaluated test cases that must pass for the version to be exportable (0 to 1; 1 = every case).
    /// </summary>
    [Range(0.0, 1.0)]
    public double MinimumPassRate { get; set; } = 1.0;

    /// <summary>Largest file accepted by the importers, in bytes (default 5 MB).</summary>
    [Range(1024, 50 * 1024 * 1024)]
    public int MaxImportBytes { get; set; } = 5 * 1024 * 1024;
}
