using Workbench.Core.Templates;

namespace Workbench.Core.Tests.Templates;

public class TokenEstimatorTests
{
    [Theory]
    [InlineData(null, 0)]
    [InlineData("", 0)]
    [InlineData("hello", 1)]
    [InlineData("Hello, world!", 4)]
    public void Estimate_KnownText_MatchesO200kBase(string? text, int expected)
    {
        Assert.Equal(expected, TokenEstimator.Estimate(text));
    }

    [Fact]
    public void Estimate_LongerText_GrowsWithText()
    {
        var one = TokenEstimator.Estimate("The quick brown fox jumps over the lazy dog.");
        var two = TokenEstimator.Estimate("The quick brown fox jumps over the lazy dog. The quick brown fox jumps over the lazy dog.");

        Assert.InRange(one, 5, 15);
        Assert.True(two > one);
    }

    [Fact]
    public void Estimate_OneMegabyteOfText_Works()
    {
        var text = string.Concat(Enumerable.Repeat("Lorem ipsum dolor sit amet, {{ name }} consectetur 12345 äöü 日本語.\n", 20_000));
        Assert.True(text.Length > 1_000_000);

        var count = TokenEstimator.Estimate(text);

        Assert.InRange(count, 100_000, 1_000_000);
    }

    [Fact]
    public void Estimate_OneMegabyteWithoutSpaces_Works()
    {
        var count = TokenEstimator.Estimate(new string('a', 1_000_000));

        Assert.InRange(count, 1, 1_000_000);
    }

    [Fact]
    public void Estimate_ChunkedText_StaysCloseToWholeCount()
    {
        const string sentence = "Summarize the following customer ticket in three short bullet points. ";
        var text = string.Concat(Enumerable.Repeat(sentence, 1_000));

        var count = TokenEstimator.Estimate(text);

        var perRepetition = TokenEstimator.Estimate(sentence + sentence) - TokenEstimator.Estimate(sentence);
        var expected = TokenEstimator.Estimate(sentence) + (999 * perRepetition);
        Assert.InRange(count, expected - 20, expected + 20);
    }

    [Fact]
    public void Estimate_ConcurrentCalls_AgreeWithSequential()
    {
        const string text = "Summarize the following ticket in three bullet points.";
        var expected = TokenEstimator.Estimate(text);

        var results = new int[32];
        Parallel.For(0, results.Length, i => results[i] = TokenEstimator.Estimate(text));

        Assert.All(results, r => Assert.Equal(expected, r));
    }

    [Fact]
    public void EstimateChat_Messages_AddsPerMessageOverhead()
    {
        TemplateMessage[] messages = [new(MessageRole.System, "You are terse."), new(MessageRole.User, "Hello, world!")];

        var count = TokenEstimator.EstimateChat(messages);

        var expected = (2 * TokenEstimator.TokensPerMessage) + TokenEstimator.TokensPerReply
            + TokenEstimator.Estimate("system") + TokenEstimator.Estimate("You are terse.")
            + TokenEstimator.Estimate("user") + TokenEstimator.Estimate("Hello, world!");
        Assert.Equal(expected, count);
    }

    [Fact]
    public void EstimateChat_NoMessages_IsZero()
    {
        Assert.Equal(0, TokenEstimator.EstimateChat([]));
    }

    [Fact]
    public void EstimateChat_EmptyMessage_CountsOverheadAndRole()
    {
        Assert.Equal(TokenEstimator.TokensPerMessage + 1 + TokenEstimator.TokensPerReply,
            TokenEstimator.EstimateChat([new TemplateMessage(MessageRole.Assistant, "")]));
    }
}
