namespace Workbench.Core.Templates;

/// <summary>Per-render count of range items still allowed (stored in the Fluid context's ambient values).</summary>
internal sealed class RangeBudget(long maxSteps, CancellationToken cancellationToken)
{
    public long MaxSteps { get; } = maxSteps;

    public long Remaining { get; set; } = maxSteps;

    public CancellationToken CancellationToken { get; } = cancellationToken;
}
