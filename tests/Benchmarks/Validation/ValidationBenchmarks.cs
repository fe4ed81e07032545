using System.Globalization;
using System.Text;
using BenchmarkDotNet.Attributes;
using Workbench.Core.Validation;

namespace Workbench.Benchmarks.Validation;

/// <summary>
/// Validation of a typical 2 KB output against a typical schema (compiled schema cached), and extraction from a 20 KB
/// output with prose. dotnet run -c Release --project tests/Benchmarks -- --filter '*Validation*' --job short
/// </summary>
[MemoryDiagnoser]
public class ValidationBenchmarks
{
    private const string Schema = """
        {
          "$schema": "https://json-schema.org/draft/2020-12/schema",
          "type": "object",
          "required": ["invoice_number", "currency", "customer", "line_items", "total"],
          "additionalProperties": false,
          "properties": {
            "invoice_number": { "type": "string", "pattern": "^INV-[0-9]{5}$" },
            "currency": { "enum": ["EUR", "USD", "GBP"] },
            "customer": {
              "type": "object",
              "required": ["name", "email"],
              "properties": {
                "name": { "type": "string", "minLength": 1 },
                "email": { "type": "string" },
                "address": { "type": "object", "properties": { "street": { "type": "string" }, "city": { "type": "string" }, "zip": { "type": "string" } } }
              }
            },
            "line_items": {
              "type": "array", "minItems": 1,
              "items": {
                "type": "object",
                "required": ["description", "quantity", "unit_price"],
                "properties": {
                  "description": { "type": "string" },
                  "quantity": { "type": "integer", "minimum": 1 },
                  "unit_price": { "type": "number", "minimum": 0 }
                }
              }
            },
            "total": { "type": "number", "minimum": 0 },
            "notes": { "type": "string" }
          }
        }
        """;

    private CompiledSchema _compiled = null!;
    private string _output = "";
    private string _prose = "";

    [GlobalSetup]
    public void Setup()
    {
        _compiled = SchemaCompiler.Compile(Schema).Schema!;
        var items = new StringBuilder();
        for (var i = 0; i < 14; i++)
        {
            items.Append(CultureInfo.InvariantCulture,
                $"{(i > 0 ? "," : "")}\n    {{\"description\": \"Consulting hours, item {i}\", \"quantity\": {i + 1}, \"unit_price\": {19.99 + i}}}");
        }

        _output = $$$"""
            {
              "invoice_number": "INV-52900",
              "currency": "EUR",
              "customer": {"name": "Ada Lovelace", "email": "ada@example.com", "address": {"street": "1 Analytical Way", "city": "London", "zip": "N1 9GU"}},
              "line_items": [{{{items}}}
              ],
              "total": 1234.56,
              "notes": "Payment due in 30 days."
            }
            """;
        var prose = new StringBuilder("<think>The user wants an invoice. Fields: {invoice_number}, [currency] ... let me check the totals.</think>\n");
        while (prose.Length < 18_000)
        {
            prose.Append("Here is a careful explanation of the invoice, with notes about {placeholders} and [citations], line by line. ");
        }

        _prose = prose + "\n\n```json\n" + _output + "\n```\nLet me know if anything should change.";
    }

    /// <summary>Parse and validate a ~2 KB output against the cached compiled schema.</summary>
    [Benchmark]
    public int Validate2KbOutput() => _compiled.Validate(_output).Count;

    /// <summary>Extract the JSON from a ~20 KB output with prose, a reasoning block and a fence.</summary>
    [Benchmark]
    public int Extract20KbOutput() => JsonExtractor.Extract(_prose).Json!.Length;

    /// <summary>The whole seam on the 20 KB output: compile (cache hit), extract, parse, validate.</summary>
    [Benchmark]
    public bool OutputValidatorEndToEnd() => OutputValidator.Validate(Schema, _prose).IsValid;
}
