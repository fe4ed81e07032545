namespace Workbench.Core.Templates;

public sealed record TemplateLimits(int MaxSourceLength = 512 * 1024, int MaxNestingDepth = 32, int MaxSteps = 100_000, int MaxOutputLength = 1_000_000, int MaxTagLength = 2_000)
{
    public static TemplateLimits Default { get; } = new();
}
