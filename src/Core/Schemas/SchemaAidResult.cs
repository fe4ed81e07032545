namespace Workbench.Core.Schemas;

/// <summary>The outcome of an authoring aid: JSON text on success, otherwise a message for the author.</summary>
public sealed record SchemaAidResult(bool Success, string? Json, string? Error)
{
    public static SchemaAidResult Ok(string json) => new(true, json, null);

    public static SchemaAidResult Fail(string error) => new(false, null, error);
}
