using Workbench.Core.Redaction;
using Workbench.Core.Tokens;

namespace Workbench.Core.Tests.Tokens;

public sealed class ApiTokenTextTests
{
    [Fact]
    public void Generate_Always_HasPrefixLengthAndBase64UrlAlphabet()
    {
        var token = ApiTokenText.Generate();

        Assert.StartsWith("pwb_", token, StringComparison.Ordinal);
        Assert.Equal(ApiTokenText.Length, token.Length);
        Assert.True(ApiTokenText.HasTokenShape(token));
        Assert.DoesNotContain('=', token);
    }

    [Fact]
    public void Generate_TwoCalls_GiveDifferentTokens()
    {
        var tokens = Enumerable.Range(0, 100).Select(_ => ApiTokenText.Generate()).ToHashSet(StringComparer.Ordinal);

        Assert.Equal(100, tokens.Count);
    }

    [Fact]
    public void Hash_SameToken_IsStableLowerHexSha256()
    {
        var hash = ApiTokenText.Hash("pwb_example");

        Assert.Equal(hash, ApiTokenText.Hash("pwb_example"));
        Assert.Equal(64, hash.Length);
        Assert.Matches("^[0-9a-f]{64}$", hash);
        // SHA-256 of the UTF-8 text, checked against an independent computation.
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData("pwb_example"u8)), hash);
        Assert.NotEqual(hash, ApiTokenText.Hash("pwb_examplf"));
    }

    [Fact]
    public void Hint_Token_KeepsOnlyTheStart()
    {
        var token = ApiTokenText.Generate();

        var hint = ApiTokenText.Hint(token);

        Assert.Equal(token[..10] + "…", hint);
        Assert.True(hint.Length <= 20, "The hint column holds 20 characters.");
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("pwb_short")]
    [InlineData("xyz_aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa")]
    [InlineData("pwb_aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa!")]
    [InlineData("pwb_aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa")]
    public void HasTokenShape_WrongText_IsFalse(string? text) => Assert.False(ApiTokenText.HasTokenShape(text));

    [Fact]
    public void Redact_TokenPastedIntoAPrompt_IsReplacedAndHintIsNot()
    {
        var token = ApiTokenText.Generate();

        var result = Redactor.CreateDefault().Redact($"call the API with {token} please");

        Assert.DoesNotContain(token, result.Text, StringComparison.Ordinal);
        Assert.Equal(RedactionKinds.SecretWorkbench, Assert.Single(result.Spans).Kind);
        Assert.Empty(Redactor.CreateDefault().Redact(ApiTokenText.Hint(token)).Spans);
    }
}
