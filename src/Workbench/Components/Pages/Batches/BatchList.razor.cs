using Microsoft.AspNetCore.Components;
using Workbench.Core.Batches;

namespace Workbench.Components.Pages.Batches;

/// <summary>The newest batches first: template, version, status, pass rate, counts, created. Live while any of them runs here.</summary>
public partial class BatchList : IDisposable
{
    private readonly CancellationTokenSource _lifetime = new();
    private readonly List<Guid> _selected = [];
    private IReadOnlyList<BatchSummary>? _batches;
    private IDisposable? _subscription;
    private int _refreshQueued;
    private bool _disposed;

    [Inject] public required BatchService Batches { get; init; }

    [Inject] public required BatchNotifier Notifier { get; init; }

    protected override async Task OnInitializedAsync()
    {
        _subscription = Notifier.SubscribeToAll(_ => QueueRefresh());
        _batches = await Batches.ListRecentAsync(50, _lifetime.Token);
    }

    private void QueueRefresh()
    {
        if (_disposed || Interlocked.Exchange(ref _refreshQueued, 1) == 1)
        {
            return;
        }

        _ = InvokeAsync(async () =>
        {
            Volatile.Write(ref _refreshQueued, 0);
            if (_disposed)
            {
                return;
            }

            try
            {
                _batches = await Batches.ListRecentAsync(50, _lifetime.Token);
                StateHasChanged();
            }
            catch (OperationCanceledException) when (_disposed)
            {
                // the page was left
            }
        });
    }

    /// <summary>Batch vs batch for the two ticked batches: the older one first, so a regression reads "was passing, now fails".</summary>
    private string? CompareHref
    {
        get
        {
            if (_selected.Count != 2 || _batches is null)
            {
                return null;
            }

            var pair = _batches.Where(b => _selected.Contains(b.Id)).OrderBy(b => b.CreatedAtUtc).Select(b => b.Id).ToList();
            return pair.Count == 2 ? $"batches/compare?left={pair[0]}&right={pair[1]}" : null;
        }
    }

    /// <summary>Keeps the two most recently ticked batches.</summary>
    private void ToggleSelected(Guid id, bool selected)
    {
        _selected.Remove(id);
        if (selected)
        {
            _selected.Add(id);
            if (_selected.Count > 2)
            {
                _selected.RemoveAt(0);
            }
        }
    }

    internal static string PassRate(BatchSummary batch) => batch.Evaluated == 0
        ? "—"
        : string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{100.0 * batch.Passed / batch.Evaluated:0}%");

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        _subscription?.Dispose();
        _lifetime.Cancel();
        _lifetime.Dispose();
        GC.SuppressFinalize(this);
    }
}
