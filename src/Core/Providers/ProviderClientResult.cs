using Microsoft.Extensions.AI;

namespace Workbench.Core.Providers;

/// <summary>A ready chat client, or the problems that stop one being built (missing key, bad URL, unknown provider).</summary>
public sealed record ProviderClientResult(IChatClient? Client, IReadOnlyList<ProviderProblem> Problems)
{
    public bool Succeeded => Client is not null && Problems.Count == 0;

    public static ProviderClientResult Fail(params ProviderProblem[] problems) => new(null, problems);
}
