using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Json.Schema;

namespace Workbench.Core.Validation;

/// <summary>
/// A schema that passed <see cref="SchemaCompiler.Compile(string, SchemaCompileOptions?)"/>, ready to validate many outputs.
/// Reuse one instance per schema version: the library keeps its evaluation plan between calls. Thread-safe.
/// </summary>
public sealed class CompiledSchema
{
    private readonly JsonSchema _schema;
    private readonly EvaluationOptions _options;
    private readonly JsonNode _schemaNode;
    private readonly PatternGuard? _patterns;
    private readonly Lock _lock = new();

    internal CompiledSchema(JsonSchema schema, EvaluationOptions options, JsonNode schemaNode, SchemaDialect dialect, ValidationLimits limits)
    {
        _schema = schema;
        _options = options;
        _schemaNode = schemaNode;
        Dialect = dialect;
        Limits = limits;
        _patterns = PatternGuard.Create(schemaNode, limits.RegexMatchTimeout);
    }

    /// <summary>The draft the schema is evaluated as.</summary>
    public SchemaDialect Dialect { get; }

    /// <summary>The limits applied when validating.</summary>
    public ValidationLimits Limits { get; }

    /// <summary>Parses <paramref name="json"/> (strict JSON, depth-limited) and validates it.</summary>
    public IReadOnlyList<ValidationIssue> Validate(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        if (TextLimits.ExceedsBytes(json, Limits.MaxOutputBytes, out var bytes))
        {
            return [new ValidationIssue("", "limit", $"the JSON is {TextLimits.Describe(bytes)}, more than the limit of {TextLimits.Describe(Limits.MaxOutputBytes)}; it was not parsed")];
        }

        JsonNode? node;
        try
        {
            node = JsonNode.Parse(json, documentOptions: new JsonDocumentOptions { MaxDepth = Limits.MaxDepth });
        }
        catch (JsonException ex)
        {
            return ex.Message.Contains("maximum configured depth", StringComparison.OrdinalIgnoreCase)
                ? [new ValidationIssue("", "limit", $"the JSON is nested deeper than {Limits.MaxDepth} levels")]
                : [new ValidationIssue("", "extraction", $"not valid JSON (line {(ex.LineNumber ?? 0) + 1}): {ex.Message}")];
        }

        return Validate(node);
    }

    /// <summary>Validates a parsed value.</summary>
    public IReadOnlyList<ValidationIssue> Validate(JsonElement instance) => Validate(instance.ValueKind switch
    {
        JsonValueKind.Object => JsonObject.Create(instance),
        JsonValueKind.Array => JsonArray.Create(instance),
        JsonValueKind.Null or JsonValueKind.Undefined => null,
        _ => JsonValue.Create(instance),
    });

    /// <summary>Validates a parsed value (<c>null</c> is the JSON literal null). Never throws on user data.</summary>
    public IReadOnlyList<ValidationIssue> Validate(JsonNode? instance)
    {
        if (_patterns?.Check(instance, Limits) is { } slow)
        {
            return [slow];
        }

        EvaluationResults results;
        try
        {
            results = Evaluate(instance);
        }
        catch (Exception ex) when (ex is FormatException or OverflowException)
        {
            // JsonSchema.Net compares numbers as decimal: 1e400 or 40-digit integers overflow it. Compare a copy where such
            // numbers are clamped to the decimal range (same sign, still integral); messages still show the real values.
            try
            {
                results = Evaluate(BigNumbers.Clamp(instance));
            }
            catch (Exception again) when (!IsFatal(again))
            {
                return [Failure(again)];
            }
        }
        catch (Exception ex) when (!IsFatal(ex))
        {
            return [Failure(ex)];
        }

        if (results.IsValid)
        {
            return [];
        }

        var issues = IssueMessages.FromResults(results, instance, _schemaNode, _schema.BaseUri);
        return Order(issues, Limits.MaxIssues);
    }

    /// <summary>Builds the evaluation plan once; returns the failure when the schema cannot be evaluated at all.</summary>
    internal ValidationIssue? DryRun()
    {
        try
        {
            Evaluate(null);
            return null;
        }
        catch (Exception ex) when (ex is not (FormatException or OverflowException or RegexMatchTimeoutException) && !IsFatal(ex))
        {
            return Failure(ex);
        }
        catch (Exception ex) when (ex is FormatException or OverflowException or RegexMatchTimeoutException)
        {
            return null;
        }
    }

    private EvaluationResults Evaluate(JsonNode? instance)
    {
        lock (_lock)
        {
            return _schema.Evaluate(instance, _options);
        }
    }

    internal static IReadOnlyList<ValidationIssue> Order(List<ValidationIssue> issues, int max)
    {
        var ordered = issues
            .Distinct()
            .OrderBy(i => i.Path, Comparer<string>.Create(JsonPointers.Compare))
            .ThenBy(i => i.Kind, StringComparer.Ordinal)
            .ThenBy(i => i.Message, StringComparer.Ordinal)
            .ToList();
        if (ordered.Count > max)
        {
            var more = ordered.Count - max;
            ordered = ordered.Take(max).ToList();
            ordered.Add(new ValidationIssue("", "limit", $"{more} more issues not shown"));
        }

        return ordered;
    }

    private static bool IsRemote(Uri? uri) =>
        uri is { IsAbsoluteUri: true } && uri.Scheme is "http" or "https" or "ftp" or "file"
        && !string.Equals(uri.Host, "json-everything.net", StringComparison.OrdinalIgnoreCase);

    private static bool IsFatal(Exception ex) => ex is OutOfMemoryException;

    internal static ValidationIssue Failure(Exception ex) => ex switch
    {
        RegexMatchTimeoutException t => new ValidationIssue("", "limit",
            $"the regular expression {JsonPointers.Quote(t.Pattern)} took too long on a value; validation stopped"),
        RefResolutionException r when IsRemote(r.BaseUri) => new ValidationIssue("", "schema", new RemoteReferenceRefusedException(r.BaseUri).Message),
        RefResolutionException r => new ValidationIssue("", "schema", $"a $ref in the schema points nowhere: {r.Message}"),
        JsonSchemaException s when s.Message.Contains("circular", StringComparison.OrdinalIgnoreCase) =>
            new ValidationIssue("", "schema", $"the schema's $ref chain loops without reaching a constraint: {s.Message}"),
        InsufficientExecutionStackException => new ValidationIssue("", "limit", "the schema and value are nested too deeply to evaluate"),
        _ => new ValidationIssue("", "schema", $"the schema could not be evaluated: {ex.Message}"),
    };
}
