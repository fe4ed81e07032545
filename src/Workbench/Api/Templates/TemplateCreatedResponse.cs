using System.ComponentModel;

namespace Workbench.Api.Templates;

/// <summary>The version a POST saved.</summary>
public sealed record TemplateCreatedResponse(
    string Name,
    int Version,
    [property: Description("True when this request created the template, false when it added a version.")] bool Created,
    [property: Description("The output schema this version pins, when the request had one.")] SchemaReference? Schema);
