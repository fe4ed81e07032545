namespace Workbench.Core.Templates;

/// <summary>
/// Something wrong with user input, with where it is: <see cref="Field"/> names the form field
/// (<c>name</c>, <c>messages[1]</c>, <c>variables.customer</c>, <c>settings.temperature</c> ...),
/// and line/column point into a message's text where that applies.
/// </summary>
public sealed record TemplateProblem(string Field, string Message, int? Line = null, int? Column = null)
{
    public override string ToString() =>
        Line is { } line ? $"{Field} (line {line}, column {Column}): {Message}" : $"{Field}: {Message}";
}
