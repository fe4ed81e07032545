using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Workbench.Core.Schemas;

/// <summary>Formatting helpers shared by the authoring aids.</summary>
internal static class JsonText
{
    public static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, IndentSize = 2, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string Indent(string json) => Indent(JsonNode.Parse(json));

    public static string Indent(JsonNode? node) => node is null ? "null" : node.ToJsonString(Indented);
}
