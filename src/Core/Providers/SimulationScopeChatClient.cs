using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;

namespace Workbench.Core.Providers;

/// <summary>
/// Lifts <see cref="SimulationSettings"/> out of the chat options before the SDK sees them: for the simulated provider
/// into a <see cref="SimulationContext"/> scope read by <see cref="SimulatedHttpHandler"/>; for real providers it only
/// removes them, so they are never sent.
/// </summary>
internal sealed class SimulationScopeChatClient(IChatClient innerClient, bool simulated) : DelegatingChatClient(innerClient)
{
    public override async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var previous = SimulationContext.Current;
        SimulationContext.Current = simulated ? new SimulationContext(SimulationSettings.From(options)) : null;
        try
        {
            return await base.GetResponseAsync(messages, Strip(options), cancellationToken);
        }
        finally
        {
            SimulationContext.Current = previous;
        }
    }

    public override async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var previous = SimulationContext.Current;
        SimulationContext.Current = simulated ? new SimulationContext(SimulationSettings.From(options)) : null;
        try
        {
            await foreach (var update in base.GetStreamingResponseAsync(messages, Strip(options), cancellationToken))
            {
                yield return update;
            }
        }
        finally
        {
            SimulationContext.Current = previous;
        }
    }

    private static ChatOptions? Strip(ChatOptions? options)
    {
        if (options?.AdditionalProperties?.ContainsKey(SimulationSettings.PropertyName) != true)
        {
            return options;
        }

        var clone = options.Clone();
        clone.AdditionalProperties!.Remove(SimulationSettings.PropertyName);
        return clone;
    }
}
