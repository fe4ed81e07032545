using Microsoft.Extensions.Diagnostics.HealthChecks;
using Workbench.Core.Runs;

namespace Workbench.Hosting;

/// <summary>
/// Degraded while the run path warms up after start-up (ADR-027): the app answers, but its first runs would be slower and
/// would compete with the warm-up for the CPU. Healthy once it is over, switched off, or failed (a failed warm-up only
/// costs speed). <c>/healthz</c> answers 200 for both, so only a client that asks for "Healthy" waits for it.
/// </summary>
internal sealed class WarmUpHealthCheck(RunPathWarmUp warmUp) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(ResultFor(warmUp.State));

    internal static HealthCheckResult ResultFor(WarmUpState state) => state switch
    {
        WarmUpState.Pending or WarmUpState.Running => HealthCheckResult.Degraded("Warming up the run path; the first runs are slower until it ends."),
        WarmUpState.Done => HealthCheckResult.Healthy("Run path warmed up."),
        WarmUpState.Off => HealthCheckResult.Healthy("No warm-up (Workbench:Runs:WarmUpCases is 0, or the app is stopping)."),
        _ => HealthCheckResult.Healthy("The warm-up failed; runs work, the first ones are slower."),
    };
}
