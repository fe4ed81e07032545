namespace Workbench.Core.Redaction;

/// <summary>A piece of redacted text: plain text (<see cref="Kind"/> null) or a placeholder such as <c>[EMAIL#2]</c> with its kind (<c>email</c>).</summary>
public sealed record PlaceholderSegment(string Text, string? Kind)
{
    public bool IsPlaceholder => Kind is not null;
}
