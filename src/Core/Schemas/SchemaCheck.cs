using Workbench.Core.Validation;

namespace Workbench.Core.Schemas;

/// <summary>
/// A schema checked with its references to stored schemas resolved (<see cref="SchemaService.CheckAsync"/>).
/// <see cref="Compiled"/> validates outputs (the referenced versions are in its registry); <see cref="PinnedJson"/> is the
/// text with every stored-schema reference pinned to a version (what a save stores); <see cref="SelfContainedJson"/> is one
/// schema with the referenced versions copied in (what a model is shown); <see cref="Options"/> carries the referenced
/// documents for further validation calls.
/// </summary>
public sealed record SchemaCheck(SchemaCompileResult Compiled, string PinnedJson, string SelfContainedJson, SchemaCompileOptions Options)
{
    public bool Success => Compiled.Success;
}
