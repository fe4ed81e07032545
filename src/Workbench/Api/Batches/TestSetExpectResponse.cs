using System.Text.Json;

namespace Workbench.Api.Batches;

/// <summary>An expectation in the API: its kind name and value (a JSON value for equals-json, a string for contains-text).</summary>
internal sealed record TestSetExpectResponse(string Kind, JsonElement? Value);
