using System.Threading.Channels;
using Microsoft.Extensions.Options;
using Workbench.Core.Configuration;

namespace Workbench.Core.Runs;

/// <summary>
/// The bounded in-process queue between <see cref="RunService"/> (writer) and <see cref="RunWorker"/> (readers).
/// Bounded by <c>Workbench:Runs:QueueCapacity</c>: a full queue refuses new runs instead of growing without limit.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Naming", "CA1711:Identifiers should not have incorrect suffix", Justification = "It is a queue of runs.")]
public sealed class RunQueue
{
    private readonly Channel<QueuedRun> _channel;

    public RunQueue(IOptions<WorkbenchOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        Capacity = options.Value.Runs.QueueCapacity;
        _channel = Channel.CreateBounded<QueuedRun>(new BoundedChannelOptions(Capacity)
        {
            FullMode = BoundedChannelFullMode.Wait,
            SingleReader = false,
            SingleWriter = false,
        });
    }

    public int Capacity { get; }

    /// <summary>Runs waiting for the worker.</summary>
    public int Count => _channel.Reader.Count;

    /// <summary>False when the queue is full.</summary>
    public bool TryEnqueue(QueuedRun run) => _channel.Writer.TryWrite(run);

    internal ChannelReader<QueuedRun> Reader => _channel.Reader;

    /// <summary>Takes every waiting run out of the queue (at shutdown, to mark them interrupted).</summary>
    internal List<QueuedRun> Drain()
    {
        var drained = new List<QueuedRun>();
        while (_channel.Reader.TryRead(out var run))
        {
            drained.Add(run);
        }

        return drained;
    }
}
