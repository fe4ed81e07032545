using Workbench.Core.Redaction;

namespace Workbench.Core.Tests.Redaction;

public sealed class RedactionPlaceholdersTests
{
    [Fact]
    public void Split_TextWithPlaceholders_ReturnsPlainAndPlaceholderSegmentsInOrder()
    {
        var segments = RedactionPlaceholders.Split("Mail [EMAIL#2], call [PHONE], key [SECRET:openai] for [CUSTOM:term].");

        Assert.Equal(
            ["Mail ", "[EMAIL#2]", ", call ", "[PHONE]", ", key ", "[SECRET:openai]", " for ", "[CUSTOM:term]", "."],
            segments.Select(s => s.Text));
        Assert.Equal([null, "email", null, "phone", null, "secret:openai", null, "custom:term", null], segments.Select(s => s.Kind));
    }

    [Fact]
    public void Split_EveryPlaceholderTheRedactorWrites_IsRecognised()
    {
        foreach (var kind in RedactionKinds.BuiltIn.Append("custom:customers"))
        {
            var placeholder = RedactionKinds.Placeholder(kind, 3);

            var segment = Assert.Single(RedactionPlaceholders.Split(placeholder));

            Assert.Equal(kind, segment.Kind);
        }
    }

    [Fact]
    public void Split_RedactorOutput_RoundTripsToTheSameText()
    {
        var redacted = Redactor.CreateDefault().Redact("Write to jane.doe@example.com or +44 20 7946 0958 today.").Text;

        var segments = RedactionPlaceholders.Split(redacted);

        Assert.Equal(redacted, string.Concat(segments.Select(s => s.Text)));
        Assert.Contains(segments, s => s.Kind == "email");
        Assert.Contains(segments, s => s.Kind == "phone");
    }

    [Theory]
    [InlineData("[email]")]
    [InlineData("[NOTE]")]
    [InlineData("[EMAIL#]")]
    [InlineData("[SECRET:]")]
    [InlineData("[1, 2]")]
    [InlineData("[EMAIL")]
    public void Split_LookAlikes_AreLeftAsText(string text)
    {
        var segment = Assert.Single(RedactionPlaceholders.Split(text));

        Assert.False(segment.IsPlaceholder);
        Assert.False(RedactionPlaceholders.Contains(text));
    }

    [Fact]
    public void Split_NullOrEmpty_IsEmpty()
    {
        Assert.Empty(RedactionPlaceholders.Split(null));
        Assert.Empty(RedactionPlaceholders.Split(""));
    }
}
