using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;

namespace Workbench.Core.Providers;

/// <summary>
/// Holds a provider's <c>MaxConcurrency</c> on this node: a call (a streamed one until its last update) takes a slot
/// of the provider's shared gate first and waits for one when all are taken. Waiting honours cancellation.
/// </summary>
public sealed class ConcurrencyLimitChatClient(IChatClient innerClient, SemaphoreSlim gate) : DelegatingChatClient(innerClient)
{
    public override async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        await gate.WaitAsync(cancellationToken);
        try
        {
            return await base.GetResponseAsync(messages, options, cancellationToken);
        }
        finally
        {
            gate.Release();
        }
    }

    public override async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await gate.WaitAsync(cancellationToken);
        try
        {
            await foreach (var update in base.GetStreamingResponseAsync(messages, options, cancellationToken))
            {
                yield return update;
            }
        }
        finally
        {
            gate.Release();
        }
    }
}
