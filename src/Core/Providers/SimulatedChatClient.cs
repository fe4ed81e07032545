using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;

namespace Workbench.Core.Providers;

/// <summary>
/// The simulated model as a plain <see cref="IChatClient"/> (no HTTP): deterministic for a prompt and seed, streamed at
/// a configurable pace, schema-conforming JSON for schema-bound requests, prose otherwise, with the faults of
/// <see cref="SimulationSettings"/>. Used directly it throws <see cref="ProviderCallException"/> for HTTP-like faults
/// (no transport retry); the catalog's <c>simulated</c> provider instead serves it through
/// <see cref="SimulatedHttpHandler"/>, so those faults travel the same retry pipeline as real HTTP errors.
/// </summary>
public sealed class SimulatedChatClient(SimulationOptions? options = null, TimeProvider? timeProvider = null, string providerName = "simulated") : IChatClient
{
    private readonly SimulationOptions _options = options ?? new SimulationOptions();
    private readonly TimeProvider _time = timeProvider ?? TimeProvider.System;

    public async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var reply = SimulatedResponder.Compose(messages, options, SimulationSettings.From(options));
        ThrowForHttpFault(reply);
        if (reply.SlowFirstToken)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(_options.SlowFirstTokenMilliseconds), _time, cancellationToken);
        }

        if (reply.DropMidStream)
        {
            throw new ProviderCallException(providerName, ProviderFailureKind.ConnectionFailed, null, $"Provider '{providerName}': the connection dropped before the answer arrived (simulated drop-mid-stream).");
        }

        return new ChatResponse(new ChatMessage(ChatRole.Assistant, reply.Text))
        {
            ModelId = options?.ModelId ?? "simulated-json",
            FinishReason = reply.FinishReason == "length" ? ChatFinishReason.Length : ChatFinishReason.Stop,
            Usage = Usage(reply),
        };
    }

    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var reply = SimulatedResponder.Compose(messages, options, SimulationSettings.From(options));
        ThrowForHttpFault(reply);
        if (reply.SlowFirstToken)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(_options.SlowFirstTokenMilliseconds), _time, cancellationToken);
        }

        var dropAt = reply.DropMidStream ? Math.Max(1, reply.Chunks.Count / 2) : int.MaxValue;
        var modelId = options?.ModelId ?? "simulated-json";
        for (var i = 0; i < reply.Chunks.Count; i++)
        {
            if (i == dropAt)
            {
                throw new ProviderCallException(providerName, ProviderFailureKind.StreamBroken, null, $"Provider '{providerName}': the connection dropped while the answer was streaming (simulated drop-mid-stream).");
            }

            if (i > 0 && _options.ChunkDelayMilliseconds > 0)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(_options.ChunkDelayMilliseconds), _time, cancellationToken);
            }

            cancellationToken.ThrowIfCancellationRequested();
            yield return new ChatResponseUpdate(ChatRole.Assistant, reply.Chunks[i]) { ModelId = modelId };
        }

        if (reply.DropMidStream)
        {
            throw new ProviderCallException(providerName, ProviderFailureKind.StreamBroken, null, $"Provider '{providerName}': the connection dropped while the answer was streaming (simulated drop-mid-stream).");
        }

        yield return new ChatResponseUpdate
        {
            Role = ChatRole.Assistant,
            ModelId = modelId,
            FinishReason = reply.FinishReason == "length" ? ChatFinishReason.Length : ChatFinishReason.Stop,
            Contents = [new UsageContent(Usage(reply))],
        };
    }

    public object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceKey is null && serviceType?.IsInstanceOfType(this) == true ? this
        : serviceType == typeof(ChatClientMetadata) ? new ChatClientMetadata("simulated", null, "simulated-json")
        : null;

    public void Dispose()
    {
    }

    private void ThrowForHttpFault(SimulatedReply reply)
    {
        if (reply.HttpFault is not { } fault)
        {
            return;
        }

        if (fault == SimulatedFaultKind.Timeout)
        {
            throw new ProviderCallException(providerName, ProviderFailureKind.Timeout, null, $"Provider '{providerName}': the request timed out (simulated timeout).");
        }

        var status = SimulatedResponder.HttpStatusOf(fault);
        TimeSpan? retryAfter = status is 429 or 503 or 529 ? TimeSpan.FromMilliseconds(_options.RetryAfterMilliseconds) : null;
        throw new ProviderCallException(providerName, ProviderCallException.KindForStatus(status), status, $"Provider '{providerName}': HTTP {status} (simulated {SimulatedFault.NameOf(fault)}).", retryAfter);
    }

    private static UsageDetails Usage(SimulatedReply reply) => new()
    {
        InputTokenCount = reply.InputTokens,
        OutputTokenCount = reply.OutputTokens,
        TotalTokenCount = reply.InputTokens + reply.OutputTokens,
    };
}
