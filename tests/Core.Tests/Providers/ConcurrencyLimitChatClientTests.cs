using Microsoft.Extensions.AI;
using Workbench.Core.Providers;

namespace Workbench.Core.Tests.Providers;

public sealed class ConcurrencyLimitChatClientTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task GetResponse_LimitOfOneAndACallInFlight_SecondCallWaitsForTheSlot()
    {
        using var inner = new HeldChatClient();
        using var gate = new SemaphoreSlim(1);
        using var first = new ConcurrencyLimitChatClient(inner, gate);
        using var second = new ConcurrencyLimitChatClient(inner, gate);

        var firstCall = first.GetResponseAsync("one", cancellationToken: Ct);
        var secondCall = second.GetResponseAsync("two", cancellationToken: Ct);

        Assert.Equal(1, inner.Calls);
        Assert.False(secondCall.IsCompleted);
        inner.Release();
        await firstCall;
        await inner.WaitForCallsAsync(2);
        inner.Release();
        Assert.Equal("done", (await secondCall).Text);
        Assert.Equal(1, gate.CurrentCount);
    }

    [Fact]
    public async Task GetResponse_CancelledWhileWaiting_ThrowsAndKeepsTheSlotCount()
    {
        using var inner = new HeldChatClient();
        using var gate = new SemaphoreSlim(1);
        using var client = new ConcurrencyLimitChatClient(inner, gate);
        using var cancel = new CancellationTokenSource();
        var holding = client.GetResponseAsync("one", cancellationToken: Ct);

        var waiting = client.GetResponseAsync("two", cancellationToken: cancel.Token);
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting);
        inner.Release();
        await holding;
        Assert.Equal(1, inner.Calls);
        Assert.Equal(1, gate.CurrentCount);
    }

    /// <summary>Answers each call only when released, counting the calls that reached it.</summary>
    private sealed class HeldChatClient : IChatClient
    {
        private readonly SemaphoreSlim _release = new(0);
        private readonly SemaphoreSlim _called = new(0);
        private int _calls;

        public int Calls => Volatile.Read(ref _calls);

        public void Release() => _release.Release();

        public async Task WaitForCallsAsync(int count)
        {
            while (Calls < count)
            {
                await _called.WaitAsync(Ct);
            }
        }

        public async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
        {
            Interlocked.Increment(ref _calls);
            _called.Release();
            await _release.WaitAsync(cancellationToken);
            return new ChatResponse(new ChatMessage(ChatRole.Assistant, "done"));
        }

        public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
            throw new NotSupportedException("Only whole responses are used here.");

        public object? GetService(Type serviceType, object? serviceKey = null) => null;

        public void Dispose()
        {
            _release.Dispose();
            _called.Dispose();
        }
    }
}
