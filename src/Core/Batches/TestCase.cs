namespace Workbench.Core.Batches;

/// <summary>One case of a batch or a test set: variable values and what the output should satisfy (null = schema-valid).</summary>
public sealed record TestCase(IReadOnlyDictionary<string, string?> Variables, TestCaseExpectation? Expect = null)
{
    public TestCaseExpectation Expectation => Expect ?? TestCaseExpectation.SchemaValid;
}
