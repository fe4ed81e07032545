using System.Text.Json;
using System.Text.Json.Nodes;

namespace Workbench.Core.Validation;

/// <summary>
/// Validates a raw model output against a JSON Schema: extracts the JSON (<see cref="JsonExtractor"/>), compiles the
/// schema (<see cref="SchemaCompiler"/>, cached) and evaluates it with JsonSchema.Net. Never throws on user input.
/// </summary>
public static class OutputValidator
{
    /// <summary>Validates <paramref name="modelOutput"/> against <paramref name="schemaJson"/> with the default limits.</summary>
    public static OutputValidation Validate(string schemaJson, string modelOutput) =>
        Validate(schemaJson, modelOutput, SchemaCompileOptions.Default);

    /// <summary>Validates with explicit options (limits, default draft, stored documents).</summary>
    public static OutputValidation Validate(string schemaJson, string modelOutput, SchemaCompileOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var compiled = SchemaCompiler.Compile(schemaJson, options);
        return Validate(compiled, modelOutput, options.Limits);
    }

    /// <summary>Validates against an already compiled schema (the run engine keeps one per schema version).</summary>
    public static OutputValidation Validate(SchemaCompileResult compiled, string modelOutput, ValidationLimits? limits = null)
    {
        ArgumentNullException.ThrowIfNull(compiled);
        limits ??= compiled.Schema?.Limits ?? ValidationLimits.Default;
        var issues = new List<ValidationIssue>();
        foreach (var error in compiled.Errors)
        {
            issues.Add(new ValidationIssue("", "schema", "the schema is invalid: " + error));
        }

        var extraction = JsonExtractor.Extract(modelOutput, limits);
        if (!extraction.Success)
        {
            var kind = extraction.Failure is ExtractionFailure.TooLarge or ExtractionFailure.TooDeep ? "limit" : "extraction";
            issues.Add(new ValidationIssue("", kind, extraction.Reason ?? "no JSON found"));
            return new OutputValidation(false, null, issues);
        }

        if (compiled.Schema is null)
        {
            return new OutputValidation(false, extraction.Json, issues);
        }

        JsonNode? node;
        try
        {
            node = JsonNode.Parse(extraction.Json!, documentOptions: new JsonDocumentOptions { MaxDepth = limits.MaxDepth });
        }
        catch (JsonException ex)
        {
            // Not reachable for extracted text (it was parsed with the same rules); kept so nothing ever throws.
            issues.Add(new ValidationIssue("", "extraction", "the extracted JSON could not be read: " + ex.Message));
            return new OutputValidation(false, extraction.Json, issues);
        }

        var found = compiled.Schema.Validate(node);
        return new OutputValidation(found.Count == 0, extraction.Json, found);
    }
}
