using System.ComponentModel;

namespace Workbench.Api.Runs;

/// <summary>Fault injection for the simulated provider.</summary>
public sealed record ApiSimulation
{
    [Description("Fault names, each optionally with @N for attempt N only: invalid-json, missing-required, wrong-type, extra-property, prose-wrapped, fenced, truncated, empty, http-429, http-500, http-503, http-529, timeout, drop-mid-stream, slow-first-token, echo-pii. E.g. [\"invalid-json@1\", \"http-429@1\"].")]
    public IReadOnlyList<string>? Faults { get; init; }

    [Description("Varies the generated answer; the same prompt and seed give the same answer. Default 0.")]
    public int? Seed { get; init; }
}
