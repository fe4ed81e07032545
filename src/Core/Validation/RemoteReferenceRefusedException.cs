namespace Workbench.Core.Validation;

/// <summary>Thrown by the schema registry's fetch hook so that no reference ever reaches a network.</summary>
internal sealed class RemoteReferenceRefusedException(Uri uri)
    : Exception($"the schema references \"{uri}\", which is refused: references outside the schema are never fetched from a network; use local $defs/definitions or a schema stored in the workbench")
{
    public Uri Uri { get; } = uri;
}
