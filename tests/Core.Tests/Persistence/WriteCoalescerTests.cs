using Workbench.Core.Persistence;

namespace Workbench.Core.Tests.Persistence;

public class WriteCoalescerTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Write_WhileAnotherIsInProgress_TheWaitingOnesAreWrittenTogether()
    {
        var firstStarted = new TaskCompletionSource();
        var releaseFirst = new TaskCompletionSource();
        var calls = new List<IReadOnlyList<int>>();
        var coalescer = new WriteCoalescer<int, string>(async items =>
        {
            lock (calls)
            {
                calls.Add(items);
            }

            if (items.Contains(0))
            {
                firstStarted.SetResult();
                await releaseFirst.Task;
            }

            return [.. items.Select(i => "stored " + i)];
        });

        var first = coalescer.WriteAsync(0, Ct);
        await firstStarted.Task.WaitAsync(Ct);
        var waiting = Enumerable.Range(1, 5).Select(i => coalescer.WriteAsync(i, Ct)).ToList();
        releaseFirst.SetResult();

        Assert.Equal("stored 0", await first);
        Assert.Equal(["stored 1", "stored 2", "stored 3", "stored 4", "stored 5"], await Task.WhenAll(waiting));
        Assert.Equal(2, calls.Count);
        Assert.Equal([1, 2, 3, 4, 5], calls[1].Order());
    }

    [Fact]
    public async Task Write_CombinedWriteFails_EachItemIsRetriedAloneAndOnlyTheBadOneFails()
    {
        var firstStarted = new TaskCompletionSource();
        var releaseFirst = new TaskCompletionSource();
        var coalescer = new WriteCoalescer<int, int>(async items =>
        {
            if (items.Contains(0))
            {
                firstStarted.SetResult();
                await releaseFirst.Task;
            }

            return items.Contains(3) ? throw new InvalidOperationException("item 3 breaks a constraint") : [.. items.Select(i => i * 10)];
        });

        var first = coalescer.WriteAsync(0, Ct);
        await firstStarted.Task.WaitAsync(Ct);
        var waiting = Enumerable.Range(1, 4).Select(i => coalescer.WriteAsync(i, Ct)).ToList();
        releaseFirst.SetResult();
        await first;

        Assert.Equal(10, await waiting[0]);
        Assert.Equal(20, await waiting[1]);
        var failed = await Assert.ThrowsAsync<InvalidOperationException>(() => waiting[2]);
        Assert.Equal("item 3 breaks a constraint", failed.Message);
        Assert.Equal(40, await waiting[3]);
    }

    [Fact]
    public async Task Write_MoreQueuedThanOneBatchHolds_AllAreWrittenInBoundedBatches()
    {
        var sizes = new List<int>();
        var coalescer = new WriteCoalescer<int, int>(async items =>
        {
            lock (sizes)
            {
                sizes.Add(items.Count);
            }

            await Task.Yield();
            return [.. items];
        });

        var results = await Task.WhenAll(Enumerable.Range(0, 500).Select(i => Task.Run(() => coalescer.WriteAsync(i, Ct), Ct)));

        Assert.Equal(Enumerable.Range(0, 500), results);
        Assert.Equal(500, sizes.Sum());
        Assert.All(sizes, size => Assert.InRange(size, 1, WriteCoalescer<int, int>.MaxBatch));
    }

    [Fact]
    public async Task Write_AlreadyCancelled_NothingIsQueued()
    {
        var written = 0;
        var coalescer = new WriteCoalescer<int, int>(items =>
        {
            Interlocked.Add(ref written, items.Count);
            return Task.FromResult<IReadOnlyList<int>>([.. items]);
        });

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => coalescer.WriteAsync(1, new CancellationToken(canceled: true)));
        await coalescer.WriteAsync(2, Ct);

        Assert.Equal(1, written);
    }
}
