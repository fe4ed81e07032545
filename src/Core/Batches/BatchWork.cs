using Workbench.Core.Runs;

namespace Workbench.Core.Batches;

/// <summary>
/// A stored batch handed to the <see cref="BatchRunner"/>, with each run's request as submitted (in memory only: the
/// stored copies are redacted) and its expectation. <see cref="Cancellation"/> is signalled by a cancel.
/// </summary>
internal sealed class BatchWork(Guid id, int concurrency, IReadOnlyList<BatchWorkItem> items) : IDisposable
{
    public Guid Id { get; } = id;

    public int Concurrency { get; } = concurrency;

    public IReadOnlyList<BatchWorkItem> Items { get; } = items;

    public CancellationTokenSource Cancellation { get; } = new();

    public void Dispose() => Cancellation.Dispose();
}

/// <summary>One run of a batch: its stored id, the submitted request and the case's expectation.</summary>
public sealed record BatchWorkItem(Guid RunId, RunRequest Request, TestCaseExpectation? Expect);
