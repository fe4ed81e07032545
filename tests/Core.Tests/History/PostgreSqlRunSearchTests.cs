using Workbench.Core.History;

namespace Workbench.Core.Tests.History;

public class PostgreSqlRunSearchTests
{
    [Theory]
    [InlineData("oslo", "('oslo':*)")]
    [InlineData("Oslo bergen", "('oslo') & ('bergen':*)")]
    [InlineData("example.com", "('example' <-> 'com':*)")]
    [InlineData("a-b c", "('a' <-> 'b') & ('c':*)")]
    [InlineData("Café", "('café':*)")]
    public void Query_Words_BecomePhrasesAllRequiredLastAsPrefix(string text, string expected)
    {
        Assert.Equal(expected, PostgreSqlRunSearch.Query(text));
    }

    [Theory]
    [InlineData("it's")]
    [InlineData("a & b | !c")]
    [InlineData("x' | 'y")]
    [InlineData("foo:* <-> bar\\")]
    public void Query_OperatorsAndQuotesInText_AreNeverTsquerySyntax(string text)
    {
        var query = PostgreSqlRunSearch.Query(text);

        // Only quoted lexemes of letters/digits and the operators the builder itself writes.
        var stripped = System.Text.RegularExpressions.Regex.Replace(query, @"'[\p{L}\p{Nd}]+'(:\*)?|<->|&|\(|\)|\s", "");
        Assert.Equal("", stripped);
    }

    [Fact]
    public void Query_UncheckedText_Throws()
    {
        Assert.Throws<ArgumentException>(() => PostgreSqlRunSearch.Query("!!!"));
    }
}
