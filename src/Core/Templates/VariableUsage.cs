namespace Workbench.Core.Templates;

/// <summary>Variable uses across all messages; <see cref="Complete"/> is false when a message failed to parse.</summary>
public sealed record VariableUsage(IReadOnlyList<VariableUse> Uses, bool Complete)
{
    /// <summary>Whether <paramref name="name"/> is used, or may be (unknown while a message does not parse).</summary>
    public bool MayUse(string name) => !Complete || Uses.Any(u => u.Name == name);
}
