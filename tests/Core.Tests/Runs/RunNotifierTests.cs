using Workbench.Core.Runs;

namespace Workbench.Core.Tests.Runs;

public class RunNotifierTests
{
    [Fact]
    public void Subscribe_AfterReportsWereMade_ReplaysThemThenDeliversNewOnes()
    {
        var notifier = new RunNotifier();
        var id = Guid.NewGuid();
        var sink = notifier.Begin(id);
        sink.Report(new RunProgress(RunProgressKind.AttemptStarted, 1));
        sink.Report(new RunProgress(RunProgressKind.Text, 1) { Text = "{" });
        var seen = new List<RunProgress>();

        using var subscription = notifier.Subscribe(id, seen.Add);
        sink.Report(new RunProgress(RunProgressKind.Text, 1) { Text = "}" });

        Assert.Equal([RunProgressKind.AttemptStarted, RunProgressKind.Text, RunProgressKind.Text], seen.Select(s => s.Kind));
        Assert.Equal("{}", string.Concat(seen.Select(s => s.Text)));
    }

    [Fact]
    public void Subscribe_Disposed_ReceivesNothingMore()
    {
        var notifier = new RunNotifier();
        var id = Guid.NewGuid();
        var sink = notifier.Begin(id);
        var seen = new List<RunProgress>();

        notifier.Subscribe(id, seen.Add).Dispose();
        sink.Report(new RunProgress(RunProgressKind.AttemptStarted, 1));

        Assert.Empty(seen);
    }

    [Fact]
    public void Report_HandlerThrows_HandlerIsRemovedAndOthersStillReceive()
    {
        var notifier = new RunNotifier();
        var id = Guid.NewGuid();
        var sink = notifier.Begin(id);
        var calls = 0;
        var seen = new List<RunProgress>();
        using var bad = notifier.Subscribe(id, _ => { calls++; throw new InvalidOperationException("boom"); });
        using var good = notifier.Subscribe(id, seen.Add);

        sink.Report(new RunProgress(RunProgressKind.AttemptStarted, 1));
        sink.Report(new RunProgress(RunProgressKind.AttemptStarted, 2));

        Assert.Equal(1, calls);
        Assert.Equal(2, seen.Count);
    }

    [Fact]
    public void Subscribe_RunNotActive_ReplaysNothing()
    {
        var notifier = new RunNotifier();
        var id = Guid.NewGuid();
        var sink = notifier.Begin(id);
        sink.Report(new RunProgress(RunProgressKind.AttemptStarted, 1));
        notifier.End(id, RunStatus.Valid);
        var seen = new List<RunProgress>();

        using var subscription = notifier.Subscribe(id, seen.Add);

        Assert.Empty(seen);
        Assert.False(notifier.IsActive(id));
    }

    [Fact]
    public void End_TellsStatusSubscribers()
    {
        var notifier = new RunNotifier();
        var id = Guid.NewGuid();
        notifier.Begin(id);
        var changes = new List<RunStatusChange>();
        using var subscription = notifier.SubscribeToStatusChanges(changes.Add);

        notifier.End(id, RunStatus.Repaired);

        Assert.Equal(new RunStatusChange(id, RunStatus.Repaired), Assert.Single(changes));
    }

    [Fact]
    public void Subscribe_BeforeTheRunStarts_ReceivesItsReportsOnceItStarts()
    {
        var notifier = new RunNotifier();
        var id = Guid.NewGuid();
        var seen = new List<RunProgress>();
        using var subscription = notifier.Subscribe(id, seen.Add);
        Assert.False(notifier.IsActive(id));

        var sink = notifier.Begin(id);
        sink.Report(new RunProgress(RunProgressKind.AttemptStarted, 1));

        Assert.True(notifier.IsActive(id));
        Assert.Single(seen);
    }
}
