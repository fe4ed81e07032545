using Workbench.Core.Validation;
using NJsonSchemaDocument = NJsonSchema.JsonSchema;

namespace Workbench.Core.Schemas;

/// <summary>Generates an example instance of a schema (NJsonSchema's sample generator), for the sample-output pane.</summary>
public static class SchemaSamples
{
    /// <summary>
    /// A sample instance, indented. The schema is checked with <see cref="SchemaCompiler"/> first, so only valid schemas
    /// with local references reach NJsonSchema (which would otherwise try to resolve remote references). Never throws
    /// on user input. The sample is a starting point: NJsonSchema does not honour every keyword, so it may not validate.
    /// </summary>
    public static SchemaAidResult Generate(string? schemaJson)
    {
        var compiled = SchemaCompiler.Compile(schemaJson ?? "");
        if (!compiled.Success)
        {
            return SchemaAidResult.Fail("Fix the schema first: " + compiled.Errors[0]);
        }

        try
        {
            var schema = NJsonSchemaDocument.FromJsonAsync(schemaJson!).GetAwaiter().GetResult();
            var sample = schema.ToSampleJson();
            return SchemaAidResult.Ok(JsonText.Indent(sample.ToString(Newtonsoft.Json.Formatting.None)));
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            return SchemaAidResult.Fail("No example could be generated from this schema: " + ex.Message);
        }
    }
}
