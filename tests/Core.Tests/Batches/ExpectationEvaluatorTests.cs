using Workbench.Core.Batches;
using Workbench.Core.Runs;

namespace Workbench.Core.Tests.Batches;

public class ExpectationEvaluatorTests
{
    private static RunResult Result(RunStatus status, string? output = null, string? json = null) =>
        new(status, null, "t", 1, "simulated", "m", null, null, output, json, [], [], DateTime.UnixEpoch, DateTime.UnixEpoch);

    [Theory]
    [InlineData(RunStatus.Valid, true)]
    [InlineData(RunStatus.Repaired, true)]
    [InlineData(RunStatus.Invalid, false)]
    [InlineData(RunStatus.Failed, false)]
    public void SchemaValid_FinalStatus_PassesOnlyWhenValid(RunStatus status, bool passed)
    {
        var outcome = ExpectationEvaluator.Evaluate(null, Result(status, "{}", "{}"));

        Assert.NotNull(outcome);
        Assert.Equal(ExpectationKind.SchemaValid, outcome.Kind);
        Assert.Equal(passed, outcome.Passed);
    }

    [Theory]
    [InlineData(RunStatus.Cancelled)]
    [InlineData(RunStatus.Interrupted)]
    public void Evaluate_CancelledOrInterrupted_IsNotEvaluated(RunStatus status) =>
        Assert.Null(ExpectationEvaluator.Evaluate(TestCaseExpectation.ContainsText("x"), Result(status, "x")));

    [Fact]
    public void EqualsJson_DifferentKeyOrderAndNumberSpelling_Passes()
    {
        var outcome = ExpectationEvaluator.Evaluate(
            TestCaseExpectation.EqualsJson("{\"price\": 120, \"city\": \"Oslo\", \"tags\": [1, 2.50]}"),
            Result(RunStatus.Valid, "x", "{\"city\":\"Oslo\",\"tags\":[1.0,2.5],\"price\":1.2e2}"));

        Assert.True(outcome!.Passed, outcome.Reason);
    }

    [Theory]
    [InlineData("{\"city\":\"Oslo\",\"price\":120}", "{\"city\":\"Oslo\",\"price\":99}", "/price: expected 120, got 99")]
    [InlineData("{\"city\":\"Oslo\",\"price\":120}", "{\"city\":\"Oslo\"}", "/price: missing (expected 120)")]
    [InlineData("{\"city\":\"Oslo\"}", "{\"city\":\"Oslo\",\"price\":1}", "/price: not expected (got 1)")]
    [InlineData("{\"a\":[1,2]}", "{\"a\":[1]}", "/a: expected 2 items, got 1")]
    [InlineData("{\"a\":{\"b/c\":true}}", "{\"a\":{\"b/c\":false}}", "/a/b~1c: expected true, got false")]
    [InlineData("{\"a\":\"1\"}", "{\"a\":1}", "/a: expected \"1\", got 1")]
    [InlineData("[1]", "{}", "(root): expected an array, got an object")]
    public void EqualsJson_Difference_NamesThePath(string expected, string actual, string reason)
    {
        var outcome = ExpectationEvaluator.Evaluate(TestCaseExpectation.EqualsJson(expected), Result(RunStatus.Valid, actual, actual));

        Assert.False(outcome!.Passed);
        Assert.Equal(reason, outcome.Reason);
    }

    [Fact]
    public void EqualsJson_NoJsonInOutput_Fails()
    {
        var outcome = ExpectationEvaluator.Evaluate(TestCaseExpectation.EqualsJson("{}"), Result(RunStatus.Invalid, "prose", null));

        Assert.False(outcome!.Passed);
        Assert.Equal("The output contains no JSON to compare.", outcome.Reason);
    }

    [Fact]
    public void ContainsText_CaseSensitiveSubstring()
    {
        Assert.True(ExpectationEvaluator.Evaluate(TestCaseExpectation.ContainsText("Oslo"), Result(RunStatus.Valid, "{\"city\":\"Oslo\"}"))!.Passed);
        var miss = ExpectationEvaluator.Evaluate(TestCaseExpectation.ContainsText("oslo"), Result(RunStatus.Valid, "{\"city\":\"Oslo\"}"))!;
        Assert.False(miss.Passed);
        Assert.Equal("The output does not contain \"oslo\".", miss.Reason);
    }
}
