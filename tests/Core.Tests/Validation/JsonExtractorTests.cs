using System.Diagnostics;
using Workbench.Core.Validation;

namespace Workbench.Core.Tests.Validation;

public sealed class JsonExtractorTests
{
    [Theory]
    [InlineData("{\"a\": 1}", "{\"a\": 1}", ExtractionStep.WholeOutput)]
    [InlineData("  87.5 \n", "87.5", ExtractionStep.WholeOutput)]
    [InlineData("\uFEFF[1, 2]", "[1, 2]", ExtractionStep.WholeOutput)]
    [InlineData("<think>maybe {\"a\": 0}?</think>\n{\"a\": 1}", "{\"a\": 1}", ExtractionStep.WholeOutput)]
    [InlineData("Here:\n```json\n{\"a\": 1}\n```\nDone.", "{\"a\": 1}", ExtractionStep.FencedBlock)]
    [InlineData("```python\nx = {1: 2}\n```\n```\n{\"a\": 1}\n```", "{\"a\": 1}", ExtractionStep.FencedBlock)]
    [InlineData("```json\n{bad}\n```\n```json\n[true]\n```", "[true]", ExtractionStep.FencedBlock)]
    [InlineData("Fill {name} in: {\"a\": \"}{\\\"\"}", "{\"a\": \"}{\\\"\"}", ExtractionStep.BalancedScan)]
    [InlineData("<json>{\"a\": [1, {\"b\": null}]}</json>", "{\"a\": [1, {\"b\": null}]}", ExtractionStep.BalancedScan)]
    [InlineData("It's (see [a, b) here: {\"ok\": true}", "{\"ok\": true}", ExtractionStep.BalancedScan)]
    public void Extract_OutputShapes_ReturnsJsonAndStep(string output, string json, ExtractionStep step)
    {
        var result = JsonExtractor.Extract(output);

        Assert.Equal(json, result.Json);
        Assert.Equal(step, result.Step);
        Assert.Equal(ExtractionFailure.None, result.Failure);
    }

    [Theory]
    [InlineData("", ExtractionFailure.Empty)]
    [InlineData("  \n\t ", ExtractionFailure.Empty)]
    [InlineData("I'm sorry, but I can't help with that.", ExtractionFailure.NoJson)]
    [InlineData("The score is 87.", ExtractionFailure.NoJson)]
    [InlineData("{\"a\": 1, \"b\": [1, 2", ExtractionFailure.Truncated)]
    [InlineData("Result: {\"a\": 1, \"b\": 2,}", ExtractionFailure.TrailingComma)]
    [InlineData("{'a': 1}", ExtractionFailure.SingleQuotes)]
    [InlineData("{\"a\": 1 // one\n}", ExtractionFailure.Comments)]
    [InlineData("{\"a\": NaN}", ExtractionFailure.NonFiniteNumber)]
    [InlineData("{\"a\": -Infinity}", ExtractionFailure.NonFiniteNumber)]
    [InlineData("{\"a\": True, \"b\": None}", ExtractionFailure.PythonLiteral)]
    [InlineData("{a: 1}", ExtractionFailure.UnquotedName)]
    [InlineData("<think>{\"a\": 1}</think>", ExtractionFailure.ReasoningOnly)]
    [InlineData("<think>still thinking {\"a\": 1}", ExtractionFailure.ReasoningOnly)]
    public void Extract_BadOutput_NothingExtractedWithReason(string output, ExtractionFailure failure)
    {
        var result = JsonExtractor.Extract(output);

        Assert.Null(result.Json);
        Assert.Equal(failure, result.Failure);
        Assert.False(string.IsNullOrWhiteSpace(result.Reason));
    }

    [Fact]
    public void Extract_TrailingComma_ReasonHasLineAndColumn()
    {
        var result = JsonExtractor.Extract("Here it is:\n{\"a\": 1,\n}");

        Assert.Equal(ExtractionFailure.TrailingComma, result.Failure);
        Assert.Equal(2, result.Line);
        Assert.Contains("line 2", result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Extract_NeverRepairs_InvalidJsonIsNotFixed()
    {
        var result = JsonExtractor.Extract("{\"a\": [1, 2,], \"b\": 'x'}");

        Assert.Null(result.Json);
    }

    [Fact]
    public void Extract_TenThousandLevels_TooDeepQuickly()
    {
        var output = new string('[', 10_000) + new string(']', 10_000);
        var watch = Stopwatch.StartNew();

        var result = JsonExtractor.Extract(output);

        Assert.Equal(ExtractionFailure.TooDeep, result.Failure);
        Assert.Contains("nested deeper than 256 levels", result.Reason, StringComparison.Ordinal);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(10), watch.Elapsed.ToString()); // a hang detector only: the bound itself is structural (timeouts, linear scan) and is measured in the benchmarks
    }

    [Fact]
    public void Extract_OverFiveMegabytes_TooLargeNotParsed()
    {
        var result = JsonExtractor.Extract(new string('x', 5 * 1024 * 1024 + 1));

        Assert.Equal(ExtractionFailure.TooLarge, result.Failure);
    }

    [Fact]
    public void Extract_ManyBracketsInFiveMegabytes_Linear()
    {
        // Worst cases for a naive scanner: many unclosed openers, many small failing candidates, a long prose tail.
        var unclosed = new string('{', 2 * 1024 * 1024);
        var failing = string.Concat(Enumerable.Repeat("{x} [y] ", 300_000));
        var watch = Stopwatch.StartNew();

        var a = JsonExtractor.Extract(unclosed);
        var b = JsonExtractor.Extract(failing + "{\"ok\": 1}");

        Assert.Null(a.Json);
        Assert.Equal("{\"ok\": 1}", b.Json);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(10), watch.Elapsed.ToString()); // a hang detector only: the bound itself is structural (timeouts, linear scan) and is measured in the benchmarks
    }

    [Fact]
    public void Extract_BigNumbers_ExtractedAsWritten()
    {
        var result = JsonExtractor.Extract("{\"a\": 1e400, \"b\": 1234567890123456789012345678901234567890123456789012345678901234567890123456789012345678901234567890}");

        Assert.Equal(ExtractionStep.WholeOutput, result.Step);
        Assert.Contains("1e400", result.Json, StringComparison.Ordinal);
    }
}
