using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Workbench.Security;

namespace Workbench.Tests.Security;

/// <summary>Team mode's rate limits with small configured windows: sign-in per address and per account, /api per token.</summary>
public sealed class RateLimitTests : IAsyncLifetime
{
    private readonly TeamApp _app = new(new Dictionary<string, string?>
    {
        ["Workbench:Security:RateLimits:SignInPerAddress:PermitLimit"] = "3",
        ["Workbench:Security:RateLimits:SignInPerAccount:PermitLimit"] = "2",
        ["Workbench:Security:RateLimits:Api:PermitLimit"] = "3",
    });

    private static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;

    public ValueTask InitializeAsync() => _app.InitializeAsync();

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    private static async Task<HttpResponseMessage> SignInFromAsync(HttpClient client, string address, string email)
    {
        var page = await client.GetStringAsync("/account/sign-in", Ct);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/account/sign-in")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["Input.Email"] = email,
                ["Input.Password"] = "wrong-" + TeamApp.Password,
                ["__RequestVerificationToken"] = TeamApp.AntiforgeryToken(page),
                ["_handler"] = "sign-in",
            }),
        };
        request.Headers.Add(TestRemoteAddress.Header, address);
        return await client.SendAsync(request, Ct);
    }

    [Fact]
    public async Task Api_MoreRequestsThanTheLimit_Gets429ProblemWithRetryAfter()
    {
        using var client = await _app.TokenClientForAsync(Roles.Viewer);
        for (var i = 0; i < 3; i++)
        {
            using var ok = await client.GetAsync("/api/me", Ct);
            Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        }

        using var refused = await client.GetAsync("/api/me", Ct);

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        Assert.True(refused.Headers.RetryAfter?.Delta > TimeSpan.Zero, "Retry-After in seconds");
        var problem = await refused.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Contains("Too many API requests", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Api_LimitIsPerToken_AnotherTokenIsStillServed()
    {
        using var first = await _app.TokenClientForAsync(Roles.Author);
        for (var i = 0; i < 4; i++)
        {
            (await first.GetAsync("/api/me", Ct)).Dispose();
        }

        using var second = await _app.TokenClientForAsync(Roles.Author);
        using var response = await second.GetAsync("/api/me", Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task SignIn_MoreAttemptsFromOneAddress_Gets429ProblemWithRetryAfter()
    {
        using var client = _app.CreateClient();
        for (var i = 0; i < 3; i++)
        {
            // Different accounts, so only the per-address limit applies.
            using var attempt = await SignInFromAsync(client, "203.0.113.7", $"nobody{i}@example.test");
            Assert.Equal(HttpStatusCode.OK, attempt.StatusCode);
        }

        using var refused = await SignInFromAsync(client, "203.0.113.7", "nobody9@example.test");
        using var otherAddress = await SignInFromAsync(client, "203.0.113.8", "nobody9@example.test");

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        Assert.NotNull(refused.Headers.RetryAfter?.Delta);
        Assert.Equal(HttpStatusCode.OK, otherAddress.StatusCode);
    }

    [Fact]
    public async Task SignIn_MoreAttemptsForOneAccountFromManyAddresses_Gets429WithMessage()
    {
        using var client = _app.CreateClient();
        var email = TeamApp.EmailFor(Roles.Reviewer);
        for (var i = 0; i < 2; i++)
        {
            using var attempt = await SignInFromAsync(client, $"198.51.100.{i + 1}", email);
            Assert.Equal(HttpStatusCode.OK, attempt.StatusCode);
        }

        using var refused = await SignInFromAsync(client, "198.51.100.50", email);

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.NotNull(refused.Headers.RetryAfter?.Delta);
        Assert.Contains("Too many sign-in attempts for this account", await refused.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    [Fact]
    public void Defaults_NotConfigured_LimitSignInTenAMinuteAndApiSixHundred()
    {
        var rules = new SecurityOptions().RateLimits;

        Assert.Equal((10, 60), (rules.SignInPerAddress.PermitLimit, rules.SignInPerAddress.WindowSeconds));
        Assert.Equal((10, 60), (rules.SignInPerAccount.PermitLimit, rules.SignInPerAccount.WindowSeconds));
        Assert.Equal((600, 60), (rules.Api.PermitLimit, rules.Api.WindowSeconds));
    }

    [Fact]
    public void Validate_NegativeLimit_FailsNamingTheKey()
    {
        var options = new SecurityOptions();
        options.RateLimits.Api.PermitLimit = -1;

        var result = new SecurityOptionsValidator().Validate(null, options);

        Assert.True(result.Failed);
        Assert.Contains("Workbench:Security:RateLimits:Api:PermitLimit", result.FailureMessage, StringComparison.Ordinal);
    }
}
