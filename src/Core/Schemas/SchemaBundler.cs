using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Workbench.Core.Schemas;

/// <summary>
/// Builds one self-contained schema from a schema and the stored schemas it references: each referenced version is copied
/// under <c>$defs</c> (<c>definitions</c> for draft 7) as <c>workbench.&lt;name&gt;.v&lt;n&gt;</c>, and every
/// <c>workbench:schemas/…</c> reference, and every local reference inside a copied schema, is rewritten to point at the
/// copy. This is what a model sees (native response format or hint) and what the authoring aids read; validation resolves
/// the references through the schema registry instead (<see cref="SchemaService.CheckAsync"/>).
/// </summary>
internal static class SchemaBundler
{
    /// <summary>The bundle, or <paramref name="rootJson"/> unchanged when it references no stored schema or cannot be parsed.</summary>
    public static string Bundle(string rootJson, IReadOnlyDictionary<string, string> documents)
    {
        if (documents.Count == 0)
        {
            return rootJson;
        }

        JsonNode? root;
        try
        {
            root = JsonNode.Parse(rootJson);
        }
        catch (JsonException)
        {
            return rootJson;
        }

        if (root is not JsonObject rootObject)
        {
            return rootJson;
        }

        var draft7 = rootObject["$schema"] is JsonValue schema && schema.GetValueKind() == JsonValueKind.String
                     && schema.GetValue<string>().Contains("draft-07", StringComparison.Ordinal);
        var container = draft7 ? "definitions" : "$defs";
        if (rootObject[container] is not JsonObject defs)
        {
            defs = [];
            rootObject[container] = defs;
        }

        var keys = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var uri in documents.Keys.Order(StringComparer.Ordinal))
        {
            var key = KeyFor(uri);
            while (defs.ContainsKey(key) || keys.ContainsValue(key))
            {
                key += "_";
            }

            keys[uri] = key;
        }

        string? ToLocal(string reference)
        {
            var hash = reference.IndexOf('#', StringComparison.Ordinal);
            var uri = hash < 0 ? reference : reference[..hash];
            var fragment = hash < 0 ? "" : reference[(hash + 1)..];
            return keys.TryGetValue(uri, out var key) ? $"#/{container}/{key}{fragment}" : null;
        }

        SchemaReferenceScanner.Rewrite(rootObject, ToLocal);
        foreach (var (uri, key) in keys)
        {
            JsonNode? copy;
            try
            {
                copy = JsonNode.Parse(documents[uri]);
            }
            catch (JsonException)
            {
                continue;
            }

            if (copy is JsonObject copied)
            {
                copied.Remove("$schema");
                copied.Remove("$id");
                var prefix = $"#/{container}/{key}";
                SchemaReferenceScanner.Rewrite(copied, reference =>
                    reference.StartsWith("#/", StringComparison.Ordinal) || reference == "#"
                        ? prefix + reference[1..]
                        : ToLocal(reference));
            }

            defs[key] = copy;
        }

        return rootObject.ToJsonString(JsonText.Indented);
    }

    private static string KeyFor(string uri)
    {
        // workbench:schemas/<escaped name>@<n> → workbench.<name>.v<n>, keeping only characters safe in a pointer segment.
        var rest = uri.StartsWith(StoredSchemaReference.Prefix, StringComparison.Ordinal) ? uri[StoredSchemaReference.Prefix.Length..] : uri;
        var at = rest.LastIndexOf('@');
        var name = Uri.UnescapeDataString(at < 0 ? rest : rest[..at]);
        var version = at < 0 ? "" : ".v" + rest[(at + 1)..];
        var safe = new StringBuilder("workbench.");
        foreach (var c in name)
        {
            safe.Append(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '_');
        }

        return safe.Append(version).ToString();
    }
}
