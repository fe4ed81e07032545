namespace Workbench.Core.Schemas;

/// <summary>Schemas matching the example templates ("Extract contact details", "Classify support ticket"); each is valid 2020-12.</summary>
public static class ExampleSchemas
{
    public static IReadOnlyList<ExampleSchema> All { get; } =
    [
        new(
            "Contact details",
            "Name, email, phone and company extracted from free text; null when the text does not say.",
            """
            {
              "$schema": "https://json-schema.org/draft/2020-12/schema",
              "type": "object",
              "properties": {
                "name": { "type": ["string", "null"], "description": "Full name of the person" },
                "email": { "type": ["string", "null"], "format": "email", "description": "Email address" },
                "phone": { "type": ["string", "null"], "description": "Phone number as written" },
                "company": { "type": ["string", "null"], "description": "Company or organisation" }
              },
              "required": ["name", "email", "phone", "company"],
              "additionalProperties": false
            }
            """),
        new(
            "Ticket classification",
            "Exactly one support category with a confidence between 0 and 1.",
            """
            {
              "$schema": "https://json-schema.org/draft/2020-12/schema",
              "type": "object",
              "properties": {
                "category": {
                  "enum": ["billing", "bug", "feature request", "account access"],
                  "description": "The single best category"
                },
                "confidence": { "type": "number", "minimum": 0, "maximum": 1, "description": "How sure the model is" }
              },
              "required": ["category", "confidence"],
              "additionalProperties": false
            }
            """),
    ];
}
