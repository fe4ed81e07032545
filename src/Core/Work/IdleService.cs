using Microsoft.Extensions.Hosting;

namespace Workbench.Core.Work;

/// <summary>Stands in for the hosted services of the engine not in use (ADR-022: one engine's workers run, the other's never start).</summary>
internal sealed class IdleService : IHostedService
{
    public static IdleService Instance { get; } = new();

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
