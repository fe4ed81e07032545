using System.ComponentModel;

namespace Workbench.Api.Runs;

/// <summary>One validation issue of an attempt's output.</summary>
public sealed record ApiIssue(
    [property: Description("JSON Pointer into the output (\"\" = the root value).")] string Path,
    [property: Description("The schema keyword that failed (type, required, ...) or extraction, schema, limit.")] string Kind,
    string Message);
