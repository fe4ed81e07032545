using System.Collections;
using System.Globalization;

namespace Workbench.Privacy;

/// <summary>Log state (or scope) after redaction: the formatted message and every structured value, so sinks that read
/// properties (JSON console, OpenTelemetry) see no more than sinks that print the message.</summary>
public sealed class RedactedLogState : IReadOnlyList<KeyValuePair<string, object?>>
{
    private readonly KeyValuePair<string, object?>[] _values;

    private RedactedLogState(string message, KeyValuePair<string, object?>[] values)
    {
        Message = message;
        _values = values;
    }

    public string Message { get; }

    public int Count => _values.Length;

    public KeyValuePair<string, object?> this[int index] => _values[index];

    public static RedactedLogState Create<TState>(TState state, string message, LogRedaction redaction)
    {
        ArgumentNullException.ThrowIfNull(redaction);
        if (state is not IEnumerable<KeyValuePair<string, object?>> pairs)
        {
            return new RedactedLogState(message, []);
        }

        var values = new List<KeyValuePair<string, object?>>();
        foreach (var (key, value) in pairs)
        {
            // The template too: an interpolated message ($"... {email}") puts the data into {OriginalFormat}.
            values.Add(new(key, RedactValue(value, redaction)));
        }

        return new RedactedLogState(message, [.. values]);
    }

    /// <summary>Strings are redacted; any other value is kept as it is unless its text contains something to redact
    /// (a card number logged as a <see cref="long"/>), then it becomes the redacted text.</summary>
    private static object? RedactValue(object? value, LogRedaction redaction)
    {
        switch (value)
        {
            case null or bool:
                return value;
            case string text:
                return redaction.Redact(text);
            case IEnumerable items and not IFormattable:
                return string.Join(", ", items.Cast<object?>().Select(i => redaction.Redact(Convert.ToString(i, CultureInfo.InvariantCulture))));
            default:
                var formatted = Convert.ToString(value, CultureInfo.InvariantCulture) ?? "";
                var redacted = redaction.Redact(formatted);
                return ReferenceEquals(redacted, formatted) || redacted == formatted ? value : redacted;
        }
    }

    public IEnumerator<KeyValuePair<string, object?>> GetEnumerator() => ((IEnumerable<KeyValuePair<string, object?>>)_values).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    public override string ToString() => Message;
}
