using System.Globalization;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Options;
using Workbench.Core.Configuration;
using Workbench.Core.Redaction;
using Workbench.Core.Retention;
using Workbench.Privacy;

namespace Workbench.Components.Pages;

/// <summary>Privacy status and a "try it" box. The pasted text lives only in this component (never stored, never logged).</summary>
public partial class PrivacyPage
{
    private const int MaxInputLength = 64 * 1024;

    private RedactionSettings _settings = new();
    private DiagnosticLoggingOptions _logging = new();
    private TelemetryOptions _telemetry = new();
    private RetentionOptions _retention = new();
    private RetentionStatus _retentionStatus = RetentionStatus.None;
    private string _input = "";
    private int _spanCount;
    private List<Segment> _original = [];
    private List<Segment> _redacted = [];

    [Inject] public required IOptions<RedactionSettings> RedactionSettings { get; init; }

    [Inject] public required IOptions<DiagnosticLoggingOptions> LoggingOptions { get; init; }

    [Inject] public required IOptions<TelemetryOptions> TelemetryOptions { get; init; }

    [Inject] public required LogRedaction LogRedaction { get; init; }

    [Inject] public required RunRetention Retention { get; init; }

    /// <summary>Every built-in detector with its state, then the custom ones.</summary>
    private IEnumerable<(string Kind, bool On)> Detectors =>
        RedactionKinds.BuiltIn.Select(k => (k, _settings.IsDetectorOn(k)))
            .Concat(_settings.CustomPatterns.Select(p => (RedactionKinds.CustomPrefix + p.Name, true)))
            .Concat(_settings.CustomTerms.Count > 0 ? [(RedactionKinds.CustomTerm, true)] : []);

    protected override void OnInitialized()
    {
        _settings = RedactionSettings.Value;
        _logging = LoggingOptions.Value;
        _telemetry = TelemetryOptions.Value;
        _retention = Retention.Options;
        _retentionStatus = Retention.Status;
    }

    /// <summary>"6 h", "30 min", "1 d", "1 d 12 h": the purge interval as a person reads it.</summary>
    internal static string IntervalText(TimeSpan interval)
    {
        var parts = new List<string>();
        if (interval.Days > 0)
        {
            parts.Add(interval.Days.ToString(CultureInfo.InvariantCulture) + " d");
        }

        if (interval.Hours > 0)
        {
            parts.Add(interval.Hours.ToString(CultureInfo.InvariantCulture) + " h");
        }

        if (interval.Minutes > 0 || parts.Count == 0)
        {
            parts.Add(interval.Minutes.ToString(CultureInfo.InvariantCulture) + " min");
        }

        return string.Join(" ", parts);
    }

    private static string DaysText(int days) => days == 1 ? "1 day" : days.ToString(CultureInfo.InvariantCulture) + " days";

    private static string RunsText(int runs) => runs == 1 ? "1 run" : runs.ToString(CultureInfo.InvariantCulture) + " runs";

    private void OnInputChanged(string? value)
    {
        _input = value ?? "";
        if (_input.Length > MaxInputLength)
        {
            _input = _input[..MaxInputLength];
        }

        // The configured detectors (the ones logs always use), so the box shows them even when run-data redaction is off.
        var result = LogRedaction.Redactor.Redact(_input, scope: null);
        _spanCount = result.Spans.Count;
        _original = [];
        _redacted = [];
        var last = 0;
        var output = 0;
        foreach (var span in result.Spans)
        {
            var plain = _input[last..span.Start];
            Add(_original, plain, null);
            Add(_redacted, plain, null);
            Add(_original, _input.Substring(span.Start, span.Length), span.Kind);
            output += plain.Length;
            var end = result.Text.IndexOf(']', output) + 1;
            Add(_redacted, result.Text[output..end], span.Kind);
            output = end;
            last = span.Start + span.Length;
        }

        Add(_original, _input[last..], null);
        Add(_redacted, result.Text[output..], null);
    }

    private static void Add(List<Segment> segments, string text, string? kind)
    {
        if (text.Length > 0)
        {
            segments.Add(new Segment(text, kind));
        }
    }

    private sealed record Segment(string Text, string? Kind);
}
