namespace Workbench.Core.Redaction;

/// <summary>Consistent numbering across several <see cref="Redactor.Redact(string, RedactionScope)"/> calls (e.g. all messages of one run):
/// the same value of the same kind always gets the same number. Thread-safe. Holds the original values in memory only.</summary>
public sealed class RedactionScope
{
    private readonly Dictionary<(string Kind, string Value), int> _numbers = [];
    private readonly Dictionary<string, int> _counters = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();

    /// <summary>The number of <paramref name="value"/> within <paramref name="kind"/>, assigning the next one on first sight.</summary>
    public int NumberOf(string kind, string value)
    {
        lock (_lock)
        {
            if (_numbers.TryGetValue((kind, value), out var n))
            {
                return n;
            }

            _counters.TryGetValue(kind, out n);
            n++;
            _counters[kind] = n;
            _numbers[(kind, value)] = n;
            return n;
        }
    }
}
