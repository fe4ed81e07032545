namespace Workbench.Core.Batches;

/// <summary>One case of a batch or a test set: variable values and what the output should satisfy (null = schema-valid).</summary>
public sealed record TestCase(IReadOnlyDictionary<string, string?> Variables, TestCaseExpectation? Expect = null)
{
    /// <summary>
    /// Simulated-provider faults for this case only (added to the batch's), e.g. to show a 429 on one row. Submitted
    /// batches only: stored test sets do not keep them.
    /// </summary>
    public IReadOnlyList<string>? Faults { get; init; }

    public TestCaseExpectation Expectation => Expect ?? TestCaseExpectation.SchemaValid;
}
