using Workbench.Core.Validation;

namespace Workbench.Core.Schemas;

/// <summary>Validates a pasted sample output against a schema for the editor, locating each issue in the output text.</summary>
public static class SampleCheck
{
    /// <summary>Never throws on user input.</summary>
    public static SampleCheckResult Run(string? schemaJson, string? output) => Run(schemaJson, output, SchemaCompileOptions.Default);

    /// <summary>With explicit options (for example the stored schemas a schema references: <see cref="SchemaCheck.Options"/>).</summary>
    public static SampleCheckResult Run(string? schemaJson, string? output, SchemaCompileOptions options)
    {
        output ??= "";
        var validation = OutputValidator.Validate(schemaJson ?? "", output, options);
        var extraction = JsonExtractor.Extract(output);
        var json = validation.Json;
        var offset = json is null ? -1 : output.IndexOf(json, StringComparison.Ordinal);
        var located = new List<LocatedIssue>(validation.Issues.Count);
        foreach (var issue in validation.Issues)
        {
            if (json is null || offset < 0 || issue.Kind is "schema" or "limit" or "extraction")
            {
                var line = !extraction.Success && extraction.Line > 0 ? extraction.Line : 0;
                located.Add(new LocatedIssue(issue, line, line > 0 ? extraction.Column : 0));
                continue;
            }

            var (innerLine, innerColumn) = JsonPointerLocator.Locate(json, issue.Path);
            if (innerLine == 0)
            {
                located.Add(new LocatedIssue(issue, 0, 0));
                continue;
            }

            var (startLine, startColumn) = TextLimits.LineColumn(output, offset);
            located.Add(new LocatedIssue(issue, startLine + innerLine - 1, innerLine == 1 ? startColumn + innerColumn - 1 : innerColumn));
        }

        return new SampleCheckResult(validation, extraction.Step, located);
    }
}
