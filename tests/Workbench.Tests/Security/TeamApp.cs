using System.Net;
using System.Runtime.ExceptionServices;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Workbench.Core.Persistence;
using Workbench.Security;
using Workbench.Testing;
using Workbench.Tests.Hosting;

namespace Workbench.Tests.Security;

/// <summary>
/// The app in team mode with one account per role (password built at run time) and helpers to sign in over HTTP; on SQLite,
/// or on PostgreSQL in <see cref="PostgreSqlTeamApp"/> (ADR-020).
/// </summary>
public partial class TeamApp : IAsyncLifetime
{
    private readonly WorkbenchAppFactory _factory;

    /// <summary>Why the engine is unavailable (PostgreSQL not installed): rethrown in each test, which skips or fails it.</summary>
    private ExceptionDispatchInfo? _unavailable;

    /// <summary>Test-only password: long enough for the default rules, obviously not a real one.</summary>
    public static readonly string Password = string.Join("-", "test", "only", "pass", "phrase", "42");

    public TeamApp()
        : this(new Dictionary<string, string?>())
    {
    }

    internal TeamApp(IDictionary<string, string?> settings)
    {
        var all = new Dictionary<string, string?>(settings) { [SecurityOptions.ModeKey] = SecurityModes.Team };
        // The matrix signs in dozens of times a minute from one test address: limits are tested on their own (RateLimitTests).
        all.TryAdd("Workbench:Security:RateLimits:SignInPerAddress:PermitLimit", "0");
        all.TryAdd("Workbench:Security:RateLimits:SignInPerAccount:PermitLimit", "0");
        all.TryAdd("Workbench:Security:RateLimits:Api:PermitLimit", "0");
        _factory = new WorkbenchAppFactory(all, TestRemoteAddress.Register);
    }

    public WorkbenchAppFactory Factory
    {
        get
        {
            _unavailable?.Throw();
            return _factory;
        }
    }

    /// <summary>The engine of the app's database.</summary>
    protected virtual DatabaseProvider Provider => DatabaseProvider.Sqlite;

    public UserAdministration Users => Factory.Services.GetRequiredService<UserAdministration>();

    public static string EmailFor(string role) => $"{role}@example.test";

    public async ValueTask InitializeAsync()
    {
        if (Provider == DatabaseProvider.PostgreSql)
        {
            try
            {
                await UsePostgreSqlAsync();
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                // Assert.Skip (or Assert.Fail under CI=true) belongs to a test, not to the fixture: keep it for each test.
                _unavailable = ExceptionDispatchInfo.Capture(ex);
                return;
            }
        }

        await CreateAccountsAsync();
    }

    /// <summary>
    /// A team app for one test on <paramref name="provider"/> (PostgreSQL: a fresh database; the test is skipped without
    /// PostgreSQL), with one account per role unless <paramref name="withAccounts"/> is false.
    /// </summary>
    public static async Task<TeamApp> StartAsync(DatabaseProvider provider, IDictionary<string, string?>? settings = null, bool withAccounts = true)
    {
        var app = new TeamApp(settings ?? new Dictionary<string, string?>());
        try
        {
            if (provider == DatabaseProvider.PostgreSql)
            {
                await app.UsePostgreSqlAsync();
            }

            if (withAccounts)
            {
                await app.CreateAccountsAsync();
            }

            return app;
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }
    }

    private async Task UsePostgreSqlAsync()
    {
        _factory.UseSetting(DatabaseSettings.ProviderKey, "postgresql");
        _factory.UseSetting(DatabaseSettings.ConnectionVariable, await PostgreSqlServer.CreateDatabaseAsync());
    }

    private async Task CreateAccountsAsync()
    {
        foreach (var role in Roles.All)
        {
            var created = await Users.CreateAsync(EmailFor(role), role, Password);
            Assert.True(created.Succeeded, created.Error);
        }
    }

    public HttpClient CreateClient() => Factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    /// <summary>A client signed in through the real sign-in form (antiforgery token and all); null role = anonymous.</summary>
    public async Task<HttpClient> ClientForAsync(string? role)
    {
        var client = CreateClient();
        if (role is not null)
        {
            var response = await SignInAsync(client, EmailFor(role), Password);
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        }

        return client;
    }

    public ApiTokenService Tokens => Factory.Services.GetRequiredService<ApiTokenService>();

    public async Task<string> UserIdAsync(string email) => (await Users.ListAsync()).Single(u => u.Email == email).Id;

    /// <summary>A client without cookies that sends <c>Authorization: Bearer</c> with a new token of <paramref name="role"/>'s account, capped at <paramref name="cap"/> (default: the role).</summary>
    public async Task<HttpClient> TokenClientForAsync(string role, string? cap = null)
    {
        var created = await Tokens.CreateAsync(await UserIdAsync(EmailFor(role)), $"matrix {role}", cap ?? role, null);
        Assert.True(created.Succeeded, created.Error);
        return BearerClient(created.Token!);
    }

    public HttpClient BearerClient(string token)
    {
        var client = Factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    public static Task<HttpResponseMessage> SignInAsync(HttpClient client, string email, string password) =>
        PostFormAsync(client, "/account/sign-in", "sign-in", new() { ["Input.Email"] = email, ["Input.Password"] = password });

    /// <summary>GETs the page, takes its antiforgery token and posts the form named <paramref name="handler"/>.</summary>
    public static async Task<HttpResponseMessage> PostFormAsync(HttpClient client, string path, string? handler, Dictionary<string, string> fields, string? tokenFrom = null)
    {
        var page = await client.GetStringAsync(tokenFrom ?? path);
        fields["__RequestVerificationToken"] = AntiforgeryToken(page);
        if (handler is not null)
        {
            fields["_handler"] = handler;
        }

        return await client.PostAsync(path, new FormUrlEncodedContent(fields));
    }

    public static string AntiforgeryToken(string page)
    {
        var match = TokenField().Match(page);
        Assert.True(match.Success, "The page has no antiforgery token field.");
        return WebUtility.HtmlDecode(match.Groups[1].Value);
    }

    public async ValueTask DisposeAsync()
    {
        await _factory.DisposeAsync();
        GC.SuppressFinalize(this);
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex TokenField();
}
