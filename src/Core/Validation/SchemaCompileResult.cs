namespace Workbench.Core.Validation;

/// <summary>The outcome of <see cref="SchemaCompiler.Compile(string, SchemaCompileOptions?)"/>: a schema ready to validate, or its errors.</summary>
public sealed record SchemaCompileResult(bool Success, CompiledSchema? Schema, IReadOnlyList<SchemaError> Errors);
