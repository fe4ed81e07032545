using Microsoft.Extensions.Hosting;

namespace Workbench.Core.Persistence;

/// <summary>
/// Applies migrations while the host is starting: after options validation (a bad setting is reported as such)
/// and before any hosted service, the web server included, starts, so no request ever sees an old schema.
/// </summary>
internal sealed class DatabaseMigrationService(DatabaseInitializer initializer) : IHostedLifecycleService
{
    public Task StartingAsync(CancellationToken cancellationToken) => initializer.InitializeAsync(cancellationToken);

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
