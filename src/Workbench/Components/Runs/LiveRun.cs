using Workbench.Core.Providers;
using Workbench.Core.Runs;
using Workbench.Core.Validation;

namespace Workbench.Components.Runs;

/// <summary>
/// Collects the live reports of one run (from <see cref="RunNotifier"/>, on the worker's thread) into what the timeline
/// shows: completed attempts, the attempt streaming now with its live validation, and the outcome. Thread-safe; the
/// component reads a <see cref="Snapshot"/> when it renders. Not redacted (it is shown only to whoever watches the run
/// live); once <see cref="IsStored"/> the view switches to the stored, redacted run.
/// </summary>
public sealed class LiveRun(IReadOnlyList<string> requiredProperties)
{
    private readonly Lock _gate = new();
    private readonly List<RunAttempt> _completed = [];
    private readonly List<TransportRetry> _retries = [];
    private StreamingJsonInspector? _inspector;
    private int _current;
    private RunResult? _result;
    private bool _stored;

    public bool IsStored
    {
        get
        {
            lock (_gate)
            {
                return _stored;
            }
        }
    }

    /// <summary>Applies one report.</summary>
    public void Apply(RunProgress report)
    {
        ArgumentNullException.ThrowIfNull(report);
        lock (_gate)
        {
            switch (report.Kind)
            {
                case RunProgressKind.AttemptStarted:
                    _current = report.Attempt;
                    _retries.Clear();
                    _inspector = new StreamingJsonInspector(requiredProperties);
                    break;
                case RunProgressKind.Text:
                    if (report.Attempt != _current || _inspector is null)
                    {
                        _current = report.Attempt;
                        _inspector = new StreamingJsonInspector(requiredProperties);
                    }

                    _inspector.Append(report.Text);
                    break;
                case RunProgressKind.TransportRetry when report.Retry is not null:
                    _retries.Add(report.Retry);
                    break;
                case RunProgressKind.AttemptCompleted when report.CompletedAttempt is not null:
                    _completed.RemoveAll(a => a.Number == report.CompletedAttempt.Number);
                    _completed.Add(report.CompletedAttempt);
                    _current = 0;
                    _inspector = null;
                    _retries.Clear();
                    break;
                case RunProgressKind.Completed:
                    _result = report.Result;
                    _current = 0;
                    _inspector = null;
                    break;
                case RunProgressKind.Stored:
                    _result ??= report.Result;
                    _stored = true;
                    _current = 0;
                    _inspector = null;
                    break;
            }
        }
    }

    /// <summary>What to render now: the completed attempts, the streaming attempt (or null) and the outcome (or null while running).</summary>
    public (IReadOnlyList<RunAttempt> Attempts, LiveAttempt? Current, RunResult? Result) Snapshot()
    {
        lock (_gate)
        {
            var current = _current > 0
                ? new LiveAttempt(_current, _inspector?.Text ?? "", [.. _retries], _inspector?.Status ?? StreamingJsonInspector.Inspect("", requiredProperties))
                : null;
            return ([.. _completed], current, _result);
        }
    }
}
