using System.Globalization;

namespace Workbench.Core.Validation;

/// <summary>
/// What <see cref="StreamingJsonInspector"/> knows about an output that is still arriving.
/// <see cref="Viable"/>: the JSON so far (after the extraction rule's leading prose, fence or reasoning block) can still
/// become valid JSON. When it cannot, <see cref="StoppedAt"/> (0-based offset into the output), <see cref="Line"/> and
/// <see cref="Column"/> (1-based) say where, and <see cref="Reason"/> why. <see cref="Started"/>: a JSON value has begun;
/// <see cref="Complete"/>: it has ended. <see cref="PresentRequired"/> / <see cref="MissingRequired"/> split the
/// schema's top-level <c>required</c> properties by whether their key has arrived yet.
/// </summary>
public sealed record StreamingJsonStatus(
    bool Viable,
    bool Started,
    bool Complete,
    int? StoppedAt,
    int? Line,
    int? Column,
    string? Reason,
    IReadOnlyList<string> Required,
    IReadOnlyList<string> PresentRequired,
    IReadOnlyList<string> MissingRequired)
{
    /// <summary>"not viable at line 2, column 5: ..." / "viable, complete, required 2/3".</summary>
    public override string ToString()
    {
        var head = Viable
            ? (Complete ? "viable, complete" : Started ? "viable" : "waiting for JSON")
            : string.Create(CultureInfo.InvariantCulture, $"not viable at line {Line}, column {Column}: {Reason}");
        return Required.Count == 0
            ? head
            : string.Create(CultureInfo.InvariantCulture, $"{head}; required {PresentRequired.Count}/{Required.Count}");
    }
}
