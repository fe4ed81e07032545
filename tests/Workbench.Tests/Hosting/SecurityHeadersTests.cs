using System.Text.RegularExpressions;

namespace Workbench.Tests.Hosting;

public partial class SecurityHeadersTests
{
    [GeneratedRegex("nonce-([A-Za-z0-9+/=_-]+)")]
    private static partial Regex NoncePattern();

    [Theory]
    [InlineData("/")]
    [InlineData("/templates")]
    [InlineData("/healthz")]
    [InlineData("/no-such-page")]
    public async Task Response_AnyPath_CarriesHardeningHeaders(string path)
    {
        await using var app = new WorkbenchAppFactory();
        using var client = app.CreateClient();

        using var response = await client.GetAsync(path, Xunit.TestContext.Current.CancellationToken);

        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
        Assert.Equal("no-referrer", response.Headers.GetValues("Referrer-Policy").Single());
        var csp = response.Headers.GetValues("Content-Security-Policy").Single();
        Assert.Contains("frame-ancestors 'none'", csp, StringComparison.Ordinal);
        Assert.Contains("object-src 'none'", csp, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-eval", csp, StringComparison.Ordinal);
        Assert.Matches("script-src 'self' 'nonce-[A-Za-z0-9+/=]+';", csp);
    }

    [Fact]
    public async Task Page_ImportMap_CarriesTheNonceOfItsOwnResponse()
    {
        await using var app = new WorkbenchAppFactory();
        using var client = app.CreateClient();
        var ct = Xunit.TestContext.Current.CancellationToken;

        var nonces = new HashSet<string>();
        // Many responses: a nonce alphabet that HTML attribute encoding rewrites (base64 "+") failed only sometimes.
        for (var i = 0; i < 20; i++)
        {
            using var response = await client.GetAsync("/", ct);
            var nonce = NoncePattern().Match(response.Headers.GetValues("Content-Security-Policy").Single()).Groups[1].Value;
            var html = await response.Content.ReadAsStringAsync(ct);

            Assert.Contains($"<script type=\"importmap\" nonce=\"{nonce}\">", html, StringComparison.Ordinal);
            // No other inline script: every other <script> has a src.
            Assert.DoesNotMatch("<script(?![^>]*(src=|type=\"importmap\"))[^>]*>", html);
            Assert.True(nonces.Add(nonce), "nonces must not repeat");
        }
    }
}
