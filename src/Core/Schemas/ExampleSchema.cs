namespace Workbench.Core.Schemas;

/// <summary>A starting point offered on the empty schema list.</summary>
public sealed record ExampleSchema(string Name, string Description, string SchemaJson);
