using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace Workbench.Core.Configuration;

/// <summary>
/// The <c>Workbench</c> configuration section. Every validation message names the full configuration key,
/// because that message is what an operator sees when start-up stops.
/// </summary>
public sealed class WorkbenchOptions
{
    public const string SectionName = "Workbench";

    /// <summary>Folder for the SQLite database and other local state; relative paths are under the content root.</summary>
    [Required(AllowEmptyStrings = false, ErrorMessage = "Workbench:DataDirectory must not be empty.")]
    public string DataDirectory { get; set; } = "data";

    /// <summary>Name shown in the app bar; lets several deployments be told apart.</summary>
    [Required(AllowEmptyStrings = false, ErrorMessage = "Workbench:DisplayName must not be empty.")]
    [StringLength(60, ErrorMessage = "Workbench:DisplayName must be at most 60 characters.")]
    public string DisplayName { get; set; } = "Prompt Workbench";

    [ValidateObjectMembers]
    public EditorOptions Editor { get; set; } = new();

    [ValidateObjectMembers]
    public RetentionOptions Retention { get; set; } = new();

    [ValidateObjectMembers]
    public RunsOptions Runs { get; set; } = new();

    [ValidateObjectMembers]
    public ExportOptions Export { get; set; } = new();

    [ValidateObjectMembers]
    public BatchesOptions Batches { get; set; } = new();

    public DatabaseOptions Database { get; set; } = new();
}
