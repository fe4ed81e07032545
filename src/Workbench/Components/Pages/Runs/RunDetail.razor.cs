using Microsoft.AspNetCore.Components;
using Workbench.Components.Runs;
using Workbench.Core.Providers;
using Workbench.Core.Runs;
using Workbench.Core.Templates;

namespace Workbench.Components.Pages.Runs;

/// <summary>
/// One stored run (redacted, as in the database) with its attempt timeline. A run still executing on this node is
/// followed live through the <see cref="RunNotifier"/> until it is stored. Unknown ids get an empty state.
/// </summary>
public partial class RunDetail : IDisposable
{
    private readonly CancellationTokenSource _lifetime = new();
    private RunRecord? _record;
    private LiveRun? _live;
    private IDisposable? _subscription;
    private Guid? _templateId;
    private bool _loading = true;
    private int _renderQueued;
    private bool _disposed;

    [Parameter] public Guid RunId { get; set; }

    [Inject] public required RunStore Store { get; init; }

    [Inject] public required RunNotifier Notifier { get; init; }

    [Inject] public required RunService Runs { get; init; }

    [Inject] public required ProviderCatalog Catalog { get; init; }

    [Inject] public required TemplateService Templates { get; init; }

    private bool IsActive => _record is { Status: RunStatus.Queued or RunStatus.Running };

    private RunView View
    {
        get
        {
            var simulated = _record?.Provider is { } provider && Catalog.Find(provider)?.IsSimulated == true;
            return IsActive && _live is not null && RunView.FromLive(_live, simulated) is { } live && (live.Attempts.Count > 0 || live.Current is not null)
                ? live
                : RunView.FromRecord(_record!, simulated);
        }
    }

    protected override async Task OnParametersSetAsync()
    {
        _subscription?.Dispose();
        _subscription = null;
        _live = null;
        _loading = true;
        _record = await Store.GetAsync(RunId, _lifetime.Token);
        if (IsActive)
        {
            Follow(RunId);
        }

        if (_record is not null)
        {
            var templates = await Templates.ListAsync(new TemplateQuery(_record.Template), _lifetime.Token);
            _templateId = templates.FirstOrDefault(t => string.Equals(t.Name, _record.Template, StringComparison.OrdinalIgnoreCase))?.Id;
        }

        _loading = false;
    }

    private void Follow(Guid id)
    {
        var live = new LiveRun([]);
        _live = live;
        _subscription = Notifier.Subscribe(id, report =>
        {
            live.Apply(report);
            if (report.Kind == RunProgressKind.Stored)
            {
                _ = InvokeAsync(() => ReloadAsync(id));
            }
            else if (!_disposed && Interlocked.Exchange(ref _renderQueued, 1) == 0)
            {
                _ = InvokeAsync(() =>
                {
                    Volatile.Write(ref _renderQueued, 0);
                    if (!_disposed)
                    {
                        StateHasChanged();
                    }
                });
            }
        });
    }

    private async Task ReloadAsync(Guid id)
    {
        if (_disposed || id != RunId)
        {
            return;
        }

        _record = await Store.GetAsync(id, _lifetime.Token);
        if (!IsActive)
        {
            _subscription?.Dispose();
            _subscription = null;
        }

        StateHasChanged();
    }

    private async Task CancelAsync()
    {
        await Runs.CancelAsync(RunId, _lifetime.Token);
        await ReloadAsync(RunId);
    }

    public void Dispose()
    {
        _disposed = true;
        _subscription?.Dispose();
        _lifetime.Cancel();
        _lifetime.Dispose();
        GC.SuppressFinalize(this);
    }
}
