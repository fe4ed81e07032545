namespace Workbench.Core.Export;

/// <summary>The output schema version a packaged template version is linked to: its name, version number and JSON Schema text.</summary>
public sealed record PackagedSchema(string Name, int VersionNumber, string Json);
