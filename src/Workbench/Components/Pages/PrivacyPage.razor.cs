using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Options;
using Workbench.Core.Configuration;
using Workbench.Core.Redaction;
using Workbench.Privacy;

namespace Workbench.Components.Pages;

/// <summary>Privacy status and a "try it" box. The pasted text lives only in this component (never stored, never logged).</summary>
public partial class PrivacyPage
{
    private const int MaxInputLength = 64 * 1024;

    private RedactionSettings _settings = new();
    private DiagnosticLoggingOptions _logging = new();
    private TelemetryOptions _telemetry = new();
    private string _input = "";
    private int _spanCount;
    private List<Segment> _original = [];
    private List<Segment> _redacted = [];

    [Inject] public required IOptions<RedactionSettings> RedactionSettings { get; init; }

    [Inject] public required IOptions<DiagnosticLoggingOptions> LoggingOptions { get; init; }

    [Inject] public required IOptions<TelemetryOptions> TelemetryOptions { get; init; }

    [Inject] public required LogRedaction LogRedaction { get; init; }

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
    }

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
