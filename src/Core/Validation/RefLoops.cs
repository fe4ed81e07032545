using System.Text.Json;
using System.Text.Json.Nodes;

namespace Workbench.Core.Validation;

/// <summary>
/// Finds local <c>$ref</c> loops that never descend into the value (<c>{"$ref": "#"}</c>, <c>a → b → a</c>, or through
/// <c>allOf</c>/<c>anyOf</c>/<c>oneOf</c>/<c>not</c>/<c>if</c>/<c>then</c>/<c>else</c>/<c>dependentSchemas</c>). Such a
/// schema can never be evaluated; JsonSchema.Net 7.4.0 recurses without end on some of them (a self reference kills the
/// process), so they are refused before the library sees the schema. Recursion through <c>properties</c>, <c>items</c>
/// ... is fine and not reported. Iterative, linear in the size of the schema.
/// </summary>
internal static class RefLoops
{
    private static readonly string[] InPlaceSingle = ["not", "if", "then", "else"];
    private static readonly string[] InPlaceArrays = ["allOf", "anyOf", "oneOf"];

    /// <summary>The loop as a chain of JSON Pointers into the schema (first = last), or null.</summary>
    public static IReadOnlyList<string>? Find(JsonNode root, SchemaDialect dialect)
    {
        if (root is not JsonObject || HasNestedId(root))
        {
            return null; // references resolve against nested resources: left to the library
        }

        var pointers = new Dictionary<JsonObject, string>(ReferenceEqualityComparer.Instance);
        Index(root, pointers);

        var state = new Dictionary<JsonObject, int>(ReferenceEqualityComparer.Instance); // 1 = on the path, 2 = done
        foreach (var start in pointers.Keys)
        {
            if (state.ContainsKey(start))
            {
                continue;
            }

            var path = new List<JsonObject>();
            var stack = new Stack<(JsonObject Node, IEnumerator<JsonObject> Next)>();
            state[start] = 1;
            path.Add(start);
            stack.Push((start, Edges(start, root, dialect).GetEnumerator()));
            while (stack.Count > 0)
            {
                var (node, next) = stack.Peek();
                if (!next.MoveNext())
                {
                    state[node] = 2;
                    path.RemoveAt(path.Count - 1);
                    stack.Pop();
                    continue;
                }

                var target = next.Current;
                if (!state.TryGetValue(target, out var s))
                {
                    state[target] = 1;
                    path.Add(target);
                    stack.Push((target, Edges(target, root, dialect).GetEnumerator()));
                }
                else if (s == 1)
                {
                    var from = path.FindIndex(n => ReferenceEquals(n, target));
                    return [.. path.Skip(from).Append(target).Select(n => pointers.TryGetValue(n, out var p) ? p : "?")];
                }
            }
        }

        return null;
    }

    private static IEnumerable<JsonObject> Edges(JsonObject schema, JsonNode root, SchemaDialect dialect)
    {
        if (schema["$ref"] is JsonValue reference && reference.GetValueKind() == JsonValueKind.String
            && Resolve(root, reference.GetValue<string>()) is { } target)
        {
            yield return target;
        }

        if (dialect == SchemaDialect.Draft7 && schema.ContainsKey("$ref"))
        {
            yield break; // draft 7 ignores the siblings of $ref
        }

        foreach (var keyword in InPlaceSingle)
        {
            if (schema[keyword] is JsonObject single)
            {
                yield return single;
            }
        }

        foreach (var keyword in InPlaceArrays)
        {
            if (schema[keyword] is JsonArray array)
            {
                foreach (var item in array.OfType<JsonObject>())
                {
                    yield return item;
                }
            }
        }

        if (schema["dependentSchemas"] is JsonObject dependent)
        {
            foreach (var (_, value) in dependent)
            {
                if (value is JsonObject o)
                {
                    yield return o;
                }
            }
        }
    }

    private static JsonObject? Resolve(JsonNode root, string reference)
    {
        if (!reference.StartsWith('#'))
        {
            return null;
        }

        var fragment = Uri.UnescapeDataString(reference[1..]);
        if (fragment.Length > 0 && fragment[0] != '/')
        {
            return null; // an anchor
        }

        return JsonPointers.TryResolve(root, fragment, out var node) ? node as JsonObject : null;
    }

    private static bool HasNestedId(JsonNode root)
    {
        var stack = new Stack<(JsonNode Node, bool IsRoot)>();
        stack.Push((root, true));
        while (stack.Count > 0)
        {
            var (node, isRoot) = stack.Pop();
            switch (node)
            {
                case JsonObject obj:
                    if (!isRoot && (obj.ContainsKey("$id") || obj.ContainsKey("id")))
                    {
                        return true;
                    }

                    foreach (var (_, child) in obj)
                    {
                        if (child is not null)
                        {
                            stack.Push((child, false));
                        }
                    }

                    break;
                case JsonArray array:
                    foreach (var child in array)
                    {
                        if (child is not null)
                        {
                            stack.Push((child, false));
                        }
                    }

                    break;
            }
        }

        return false;
    }

    private static void Index(JsonNode root, Dictionary<JsonObject, string> pointers)
    {
        var stack = new Stack<(JsonNode Node, string Pointer)>();
        stack.Push((root, ""));
        while (stack.Count > 0)
        {
            var (node, pointer) = stack.Pop();
            switch (node)
            {
                case JsonObject obj:
                    pointers[obj] = pointer;
                    foreach (var (name, child) in obj)
                    {
                        if (child is not null)
                        {
                            stack.Push((child, JsonPointers.Append(pointer, name)));
                        }
                    }

                    break;
                case JsonArray array:
                    for (var i = 0; i < array.Count; i++)
                    {
                        if (array[i] is { } child)
                        {
                            stack.Push((child, JsonPointers.Append(pointer, i)));
                        }
                    }

                    break;
            }
        }
    }
}
