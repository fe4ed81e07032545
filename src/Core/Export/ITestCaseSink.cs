namespace Workbench.Core.Export;

/// <summary>Stores imported test cases for a template. The batch feature supplies the real one.</summary>
public interface ITestCaseSink
{
    /// <summary>False when test cases cannot be stored in this build (the importer then says they were skipped).</summary>
    bool CanStore { get; }

    /// <summary>What would stop <paramref name="cases"/> being stored (checked before anything is written; empty = fine).</summary>
    IReadOnlyList<Templates.TemplateProblem> Check(IReadOnlyList<PackagedTestCase> cases);

    /// <summary>Adds <paramref name="cases"/> to the template's test sets; returns how many were stored.</summary>
    Task<int> StoreAsync(Guid templateId, IReadOnlyList<PackagedTestCase> cases, CancellationToken cancellationToken = default);
}
