namespace Workbench.Core.Export;

/// <summary>Gives export a template's stored test cases (all test sets). The batch feature supplies the real one.</summary>
public interface ITestCaseSource
{
    Task<IReadOnlyList<PackagedTestCase>> GetTestCasesAsync(Guid templateId, CancellationToken cancellationToken = default);
}
