namespace Workbench.Api.Templates;

/// <summary>A stored schema version (as listed under /schemas in the app).</summary>
public sealed record SchemaReference(string Name, int Version);
