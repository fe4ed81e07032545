using Workbench.Core.Providers;

namespace Workbench.Core.Runs;

/// <summary>
/// A live report from a running run: an attempt started, text arrived (<see cref="Text"/> is the delta), a transport
/// retry is about to wait, an attempt completed, or the run completed (<see cref="Result"/>). Not redacted: it goes
/// only to the person who started the run, never to storage or logs.
/// </summary>
public sealed record RunProgress(RunProgressKind Kind, int Attempt)
{
    public string? Text { get; init; }

    public TransportRetry? Retry { get; init; }

    public RunAttempt? CompletedAttempt { get; init; }

    public RunResult? Result { get; init; }
}
