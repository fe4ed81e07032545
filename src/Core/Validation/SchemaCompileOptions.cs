namespace Workbench.Core.Validation;

/// <summary>Options for <see cref="SchemaCompiler"/>.</summary>
public sealed record SchemaCompileOptions
{
    /// <summary>The options used when none are given.</summary>
    public static SchemaCompileOptions Default { get; } = new();

    /// <summary>Limits for the schema and for the outputs validated with it.</summary>
    public ValidationLimits Limits { get; init; } = ValidationLimits.Default;

    /// <summary>The draft used when the schema has no <c>$schema</c>.</summary>
    public SchemaDialect DefaultDialect { get; init; } = SchemaDialect.Draft202012;

    /// <summary>
    /// Other schemas that <c>$ref</c> (or <c>$schema</c>) may name, by absolute URI without fragment
    /// (for example schemas stored in the workbench). Anything else outside the schema is refused: nothing is fetched from a network.
    /// </summary>
    public IReadOnlyDictionary<Uri, string>? Documents { get; init; }
}
