using Workbench.Core.History;

namespace Workbench.Core.Tests.History;

public class RunSearchExpressionTests
{
    [Theory]
    [InlineData("oslo", "\"oslo\"*")]
    [InlineData("  oslo   price ", "\"oslo\" AND \"price\"*")]
    [InlineData("say \"hi\"", "\"say\" AND \"\"\"hi\"\"\"*")]
    [InlineData("a OR b", "\"a\" AND \"OR\" AND \"b\"*")]
    [InlineData("x - y", "\"x\" AND \"y\"*")]
    public void Build_Words_QuotedTermsAllRequiredLastIsPrefix(string text, string expected)
    {
        var (expression, problem) = RunSearchExpression.Build(text);

        Assert.Null(problem);
        Assert.Equal(expected, expression);
    }

    [Fact]
    public void Build_TooManyWords_Problem()
    {
        var (expression, problem) = RunSearchExpression.Build(string.Join(' ', Enumerable.Repeat("w", RunSearchExpression.MaxTerms + 1)));

        Assert.Null(expression);
        Assert.Contains("at most", problem, StringComparison.Ordinal);
    }
}
