namespace Workbench.Core.Batches;

/// <summary>A test case as stored in a test set (its values are the redacted form).</summary>
public sealed record StoredTestCase(Guid Id, int Position, TestCase Case);
