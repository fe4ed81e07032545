using System.Buffers;
using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;

namespace Workbench.Core.Validation;

/// <summary>
/// Checks a schema (JSON syntax, size and depth limits, supported <c>$schema</c>, meta-schema, references) and compiles it
/// for repeated validation. Results for the default options are cached by a hash of the schema text (bounded).
/// </summary>
public static class SchemaCompiler
{
    /// <summary>How many compiled schemas the cache keeps (it is cleared when full).</summary>
    public const int CacheCapacity = 256;

    private const string Draft7Id = "http://json-schema.org/draft-07/schema";
    private const string Draft202012Id = "https://json-schema.org/draft/2020-12/schema";

    private static readonly ConcurrentDictionary<(string Hash, ValidationLimits Limits, SchemaDialect Dialect), SchemaCompileResult> Cache = new();
    private static readonly Lock MetaLock = new();
    private static readonly EvaluationOptions MetaOptions = new() { OutputFormat = OutputFormat.Hierarchical };

    /// <summary>Compiles <paramref name="schemaJson"/>. Never throws on user input.</summary>
    public static SchemaCompileResult Compile(string schemaJson, SchemaCompileOptions? options = null)
    {
        options ??= SchemaCompileOptions.Default;
        schemaJson ??= "";
        if (TextLimits.ExceedsBytes(schemaJson, options.Limits.MaxSchemaBytes, out var bytes))
        {
            return Error($"the schema is {TextLimits.Describe(bytes)}, more than the limit of {TextLimits.Describe(options.Limits.MaxSchemaBytes)}");
        }

        if (options.Documents is not null)
        {
            return CompileUncached(schemaJson, options);
        }

        var key = (Hash(schemaJson), options.Limits, options.DefaultDialect);
        if (Cache.TryGetValue(key, out var cached))
        {
            return cached;
        }

        var result = CompileUncached(schemaJson, options);
        if (Cache.Count >= CacheCapacity)
        {
            Cache.Clear();
        }

        Cache.TryAdd(key, result);
        return result;
    }

    private static SchemaCompileResult CompileUncached(string schemaJson, SchemaCompileOptions options)
    {
        var limits = options.Limits;
        if (string.IsNullOrWhiteSpace(schemaJson))
        {
            return Error("the schema is empty");
        }

        JsonNode? node;
        try
        {
            node = JsonNode.Parse(schemaJson, documentOptions: new JsonDocumentOptions { MaxDepth = limits.MaxDepth });
        }
        catch (JsonException ex)
        {
            var line = (int)(ex.LineNumber ?? 0) + 1;
            var column = Column(schemaJson, line, ex.BytePositionInLine ?? 0);
            var detail = ex.Message.Contains("maximum configured depth", StringComparison.OrdinalIgnoreCase)
                ? $"the schema is nested deeper than {limits.MaxDepth} levels"
                : "the schema is not valid JSON: " + Trim(ex.Message);
            return new SchemaCompileResult(false, null, [new SchemaError(line, column, "", detail)]);
        }

        if (node is not JsonObject && node?.GetValueKind() is not (JsonValueKind.True or JsonValueKind.False))
        {
            return Error("a schema must be a JSON object (or true/false)");
        }

        var dialect = options.DefaultDialect;
        var metaValidate = true;
        if (node is JsonObject obj && obj.TryGetPropertyValue("$schema", out var declared))
        {
            if (declared?.GetValueKind() != JsonValueKind.String)
            {
                return At(schemaJson, "/$schema", "$schema must be a string URI");
            }

            var id = declared.GetValue<string>().TrimEnd('#');
            if (string.Equals(id, Draft7Id, StringComparison.Ordinal) || string.Equals(id, "https://json-schema.org/draft-07/schema", StringComparison.Ordinal))
            {
                dialect = SchemaDialect.Draft7;
            }
            else if (string.Equals(id, Draft202012Id, StringComparison.Ordinal))
            {
                dialect = SchemaDialect.Draft202012;
            }
            else if (options.Documents is not null && Uri.TryCreate(id, UriKind.Absolute, out var custom) && options.Documents.ContainsKey(custom))
            {
                metaValidate = false; // a meta-schema provided by the caller: the library applies it
            }
            else
            {
                return At(schemaJson, "/$schema",
                    $"unsupported $schema \"{declared.GetValue<string>()}\": use draft-07 ({Draft7Id}#) or 2020-12 ({Draft202012Id}), or leave it out for 2020-12");
            }
        }

        if (node is not null && BigNumbers.FindUnsupported(node) is var (pointer, problem))
        {
            return At(schemaJson, pointer, pointer + ": " + problem);
        }

        if (metaValidate && node is JsonObject)
        {
            var metaErrors = MetaValidate(schemaJson, node, dialect);
            if (metaErrors.Count > 0)
            {
                return new SchemaCompileResult(false, null, metaErrors);
            }
        }

        if (RefLoops.Find(node!, dialect) is { } loop)
        {
            var first = loop[0];
            var at = JsonPointers.TryResolve(node, first, out var looping) && looping is JsonObject o && o.ContainsKey("$ref") ? first + "/$ref" : first;
            return At(schemaJson, at,
                $"the $ref chain {string.Join(" → ", loop.Select(p => "#" + p))} loops back to itself without descending into the value, so the schema can never be evaluated");
        }

        JsonSchema schema;
        try
        {
            schema = JsonSchema.FromText(schemaJson, new JsonSerializerOptions { MaxDepth = limits.MaxDepth + 8 });
        }
        catch (Exception ex) when (ex is JsonException or ArgumentException or FormatException or InvalidOperationException or NotSupportedException or OverflowException)
        {
            return Error("the schema is not a valid JSON Schema: " + Trim(ex.Message));
        }

        var evaluation = new EvaluationOptions
        {
            OutputFormat = OutputFormat.List,
            EvaluateAs = dialect == SchemaDialect.Draft7 ? SpecVersion.Draft7 : SpecVersion.Draft202012,
        };
        evaluation.SchemaRegistry.Fetch = Fetcher(options.Documents);
        evaluation.SchemaRegistry.Register(schema);
        var compiled = new CompiledSchema(schema, evaluation, node!, dialect, limits);

        // A dry run builds the evaluation plan now, so unresolvable or remote references are reported at compile time.
        var broken = compiled.DryRun();
        return broken is not null ? Error(broken.Message) : new SchemaCompileResult(true, compiled, []);
    }

    private static Func<Uri, IBaseDocument?> Fetcher(IReadOnlyDictionary<Uri, string>? documents)
    {
        var loaded = new ConcurrentDictionary<Uri, JsonSchema>();
        return uri =>
        {
            var withoutFragment = new Uri(uri.GetLeftPart(UriPartial.Query));
            if (documents is not null && documents.TryGetValue(withoutFragment, out var text))
            {
                return loaded.GetOrAdd(withoutFragment, _ => JsonSchema.FromText(text));
            }

            // Never fetched: the library reports the reference as unresolvable, and CompiledSchema explains why.
            return null;
        };
    }

    private static List<SchemaError> MetaValidate(string schemaJson, JsonNode node, SchemaDialect dialect)
    {
        var meta = dialect == SchemaDialect.Draft7 ? MetaSchemas.Draft7 : MetaSchemas.Draft202012;
        EvaluationResults results;
        try
        {
            lock (MetaLock)
            {
                results = meta.Evaluate(node, MetaOptions);
            }
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            return [new SchemaError(0, 0, "", "the schema could not be checked against its meta-schema: " + ex.Message)];
        }

        return results.IsValid ? [] : MetaSchemaErrors.From(results, schemaJson, node);
    }

    private static string Hash(string text)
    {
        var rented = ArrayPool<byte>.Shared.Rent(Encoding.UTF8.GetMaxByteCount(text.Length));
        try
        {
            var count = Encoding.UTF8.GetBytes(text, rented);
            Span<byte> hash = stackalloc byte[32];
            SHA256.HashData(rented.AsSpan(0, count), hash);
            return Convert.ToHexString(hash);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    private static int Column(string text, int line, long bytePositionInLine)
    {
        var start = 0;
        for (var l = 1; l < line; l++)
        {
            var k = text.IndexOf('\n', start);
            if (k < 0)
            {
                break;
            }

            start = k + 1;
        }

        var end = text.IndexOf('\n', start);
        var lineText = text.AsSpan(start, (end < 0 ? text.Length : end) - start);
        var bytes = Encoding.UTF8.GetBytes(lineText.ToArray());
        var prefix = (int)Math.Min(bytes.Length, bytePositionInLine);
        return Encoding.UTF8.GetCharCount(bytes, 0, prefix) + 1;
    }

    private static string Trim(string message)
    {
        var cut = message.IndexOf(" Path:", StringComparison.Ordinal);
        if (cut < 0)
        {
            cut = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
        }

        return (cut > 0 ? message[..cut] : message).TrimEnd(' ', '|', '.');
    }

    private static SchemaCompileResult Error(string message) =>
        new(false, null, [new SchemaError(0, 0, "", message)]);

    private static SchemaCompileResult At(string schemaJson, string pointer, string message)
    {
        var (line, column) = JsonPointerLocator.Locate(schemaJson, pointer);
        return new SchemaCompileResult(false, null, [new SchemaError(line, column, pointer, message)]);
    }
}
