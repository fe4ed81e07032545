using Microsoft.AspNetCore.Components;
using Workbench.Core.History;
using Workbench.Core.Providers;
using Workbench.Core.Runs;

namespace Workbench.Components.Pages.Runs;

/// <summary>The newest runs with status, template, version, provider, model and time; refreshed when any run changes status.</summary>
public partial class RunList : IDisposable
{
    private const int RecentRunsPageSize = 100;

    private readonly CancellationTokenSource _lifetime = new();
    private IReadOnlyList<RunSummary>? _runs;
    private IDisposable? _subscription;
    private int _reloadQueued;
    private bool _disposed;

    [Inject] public required RecentRuns Recent { get; init; }

    [Inject] public required RunNotifier Notifier { get; init; }

    [Inject] public required ProviderCatalog Catalog { get; init; }

    protected override async Task OnInitializedAsync()
    {
        _subscription = Notifier.SubscribeToStatusChanges(change =>
        {
            if (!_disposed && Interlocked.Exchange(ref _reloadQueued, 1) == 0)
            {
                _ = InvokeAsync(ReloadAsync);
            }
        });
        _runs = await Recent.ListAsync(RecentRunsPageSize, _lifetime.Token);
    }

    private async Task ReloadAsync()
    {
        Volatile.Write(ref _reloadQueued, 0);
        if (_disposed)
        {
            return;
        }

        _runs = await Recent.ListAsync(RecentRunsPageSize, _lifetime.Token);
        StateHasChanged();
    }

    private bool IsSimulated(string? provider) => provider is not null && Catalog.Find(provider)?.IsSimulated == true;

    public void Dispose()
    {
        _disposed = true;
        _subscription?.Dispose();
        _lifetime.Cancel();
        _lifetime.Dispose();
        GC.SuppressFinalize(this);
    }
}
