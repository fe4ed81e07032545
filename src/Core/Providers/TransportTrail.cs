namespace Workbench.Core.Providers;

/// <summary>
/// Collects the transport retries of the calls made inside its scope (an <see cref="AsyncLocal{T}"/>, so it follows
/// the call into the HTTP pipeline). The run engine opens one per attempt:
/// <code>using var trail = TransportTrail.Begin(r => progress.Report(r)); await client.GetResponseAsync(...); trail.Retries</code>
/// Scopes nest: a retry is recorded in the current scope and in every enclosing one.
/// </summary>
public sealed class TransportTrail : IDisposable
{
    private static readonly AsyncLocal<TransportTrail?> CurrentScope = new();

    private readonly Lock _gate = new();
    private readonly List<TransportRetry> _retries = [];
    private readonly TransportTrail? _parent;
    private readonly Action<TransportRetry>? _onRetry;
    private bool _disposed;

    private TransportTrail(TransportTrail? parent, Action<TransportRetry>? onRetry)
    {
        _parent = parent;
        _onRetry = onRetry;
    }

    /// <summary>The innermost open scope on this async flow, if any.</summary>
    public static TransportTrail? Current => CurrentScope.Value;

    /// <summary>Opens a scope; <paramref name="onRetry"/> is called for each retry as it happens (before the wait).</summary>
    public static TransportTrail Begin(Action<TransportRetry>? onRetry = null)
    {
        var trail = new TransportTrail(CurrentScope.Value, onRetry);
        CurrentScope.Value = trail;
        return trail;
    }

    public IReadOnlyList<TransportRetry> Retries
    {
        get
        {
            lock (_gate)
            {
                return [.. _retries];
            }
        }
    }

    /// <summary>The last failed try seen in this scope (cleared by a later success).</summary>
    public TransportFailure? LastFailure { get; private set; }

    /// <summary>The HTTP status of the last response seen in this scope.</summary>
    public int? LastHttpStatus { get; private set; }

    internal static void RecordRetry(TransportRetry retry)
    {
        for (var scope = CurrentScope.Value; scope is not null; scope = scope._parent)
        {
            lock (scope._gate)
            {
                scope._retries.Add(retry);
            }

            scope._onRetry?.Invoke(retry);
        }
    }

    internal static void RecordOutcome(int? httpStatus, TransportFailure? failure)
    {
        for (var scope = CurrentScope.Value; scope is not null; scope = scope._parent)
        {
            scope.LastHttpStatus = httpStatus ?? scope.LastHttpStatus;
            scope.LastFailure = failure;
        }
    }

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        if (ReferenceEquals(CurrentScope.Value, this))
        {
            CurrentScope.Value = _parent;
        }
    }
}
