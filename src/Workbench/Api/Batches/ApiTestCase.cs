using System.Text.Json;

namespace Workbench.Api.Batches;

/// <summary>
/// A test case in the API: <c>variables</c> (strings; numbers, booleans, objects and arrays are passed as their JSON text),
/// an optional <c>expect</c> (a kind name, or <c>{"kind": "equals-json" | "contains-text" | "schema-valid", "value": ...}</c>)
/// and optional simulated-provider <c>faults</c> for this case only.
/// </summary>
internal sealed record ApiTestCase
{
    public Dictionary<string, JsonElement>? Variables { get; init; }

    public JsonElement? Expect { get; init; }

    public List<string>? Faults { get; init; }
}
