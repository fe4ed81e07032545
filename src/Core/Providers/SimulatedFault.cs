using System.Globalization;

namespace Workbench.Core.Providers;

/// <summary>
/// One parsed fault: <c>invalid-json</c> (every attempt) or <c>invalid-json@2</c> (only on attempt 2).
/// Parsing is strict: lower-case names, a positive attempt number, nothing else.
/// </summary>
public sealed record SimulatedFault(SimulatedFaultKind Kind, int? Attempt)
{
    private static readonly (string Name, SimulatedFaultKind Kind)[] Table =
    [
        ("invalid-json", SimulatedFaultKind.InvalidJson),
        ("missing-required", SimulatedFaultKind.MissingRequired),
        ("wrong-type", SimulatedFaultKind.WrongType),
        ("extra-property", SimulatedFaultKind.ExtraProperty),
        ("prose-wrapped", SimulatedFaultKind.ProseWrapped),
        ("fenced", SimulatedFaultKind.Fenced),
        ("truncated", SimulatedFaultKind.Truncated),
        ("empty", SimulatedFaultKind.Empty),
        ("http-429", SimulatedFaultKind.Http429),
        ("http-500", SimulatedFaultKind.Http500),
        ("http-503", SimulatedFaultKind.Http503),
        ("http-529", SimulatedFaultKind.Http529),
        ("timeout", SimulatedFaultKind.Timeout),
        ("drop-mid-stream", SimulatedFaultKind.DropMidStream),
        ("slow-first-token", SimulatedFaultKind.SlowFirstToken),
        ("echo-pii", SimulatedFaultKind.EchoPii),
    ];

    /// <summary>Every valid fault name, in documentation order.</summary>
    public static IReadOnlyList<string> Names { get; } = [.. Table.Select(t => t.Name)];

    public string Name => NameOf(Kind);

    public bool IsHttpFault => Kind is SimulatedFaultKind.Http429 or SimulatedFaultKind.Http500 or SimulatedFaultKind.Http503 or SimulatedFaultKind.Http529 or SimulatedFaultKind.Timeout;

    public bool AppliesTo(int attempt) => Attempt is null || Attempt == attempt;

    public static string NameOf(SimulatedFaultKind kind) => Table.First(t => t.Kind == kind).Name;

    /// <summary>Parses one fault string; on failure <paramref name="error"/> says why and lists the valid names.</summary>
    public static bool TryParse(string? text, out SimulatedFault? fault, out string? error)
    {
        fault = null;
        error = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            error = $"A fault must not be empty. Valid faults: {string.Join(", ", Names)} (optionally with @N for attempt N only).";
            return false;
        }

        var at = text.IndexOf('@', StringComparison.Ordinal);
        var name = at < 0 ? text : text[..at];
        int? attempt = null;
        if (at >= 0)
        {
            var number = text[(at + 1)..];
            if (number.Length == 0 || number.Length > 6 || !number.All(char.IsAsciiDigit)
                || !int.TryParse(number, NumberStyles.None, CultureInfo.InvariantCulture, out var n) || n < 1)
            {
                error = $"Fault '{text}': the attempt after '@' must be a positive whole number, e.g. '{name}@1'.";
                return false;
            }

            attempt = n;
        }

        foreach (var (candidate, kind) in Table)
        {
            if (string.Equals(candidate, name, StringComparison.Ordinal))
            {
                fault = new SimulatedFault(kind, attempt);
                return true;
            }
        }

        error = $"Unknown fault '{name}'. Valid faults: {string.Join(", ", Names)} (optionally with @N for attempt N only).";
        return false;
    }

    /// <summary>Parses a list; returns every error (not just the first).</summary>
    public static (IReadOnlyList<SimulatedFault> Faults, IReadOnlyList<string> Errors) ParseAll(IEnumerable<string>? texts)
    {
        var faults = new List<SimulatedFault>();
        var errors = new List<string>();
        foreach (var text in texts ?? [])
        {
            if (TryParse(text, out var fault, out var error))
            {
                faults.Add(fault!);
            }
            else
            {
                errors.Add(error!);
            }
        }

        return (faults, errors);
    }

    public override string ToString() => Attempt is { } n ? $"{Name}@{n.ToString(CultureInfo.InvariantCulture)}" : Name;
}
