using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Workbench.Core.DataProtection;
using Workbench.Core.Persistence;
using Workbench.Security;
using Workbench.Testing;
using Workbench.Tests.Security;

namespace Workbench.Tests.Hosting;

/// <summary>
/// The data-protection key ring lives in the database, encrypted at rest (ADR-023): every node sharing the database can
/// unprotect what another protected (sealed payloads, sign-in and antiforgery cookies), the stored rows hold no key in
/// plain text, and a node with the wrong key refuses to start with a message. On SQLite the nodes share the data
/// directory and its generated key file (the zero-setup default); on PostgreSQL (<see cref="DataProtectionPostgreSqlTests"/>)
/// each node has its own data directory and the key comes from the environment.
/// </summary>
public class DataProtectionTests
{
    private static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;

    protected virtual DatabaseProvider Provider => DatabaseProvider.Sqlite;

    [Fact]
    public async Task Keys_AfterAPageWithAntiforgery_AreStoredEncryptedInTheDatabase()
    {
        await using var shared = await SharedDatabase.CreateAsync(Provider);
        await using var app = new WorkbenchAppFactory(shared.Settings);
        using var client = app.CreateClient();

        using var response = await client.GetAsync("/templates", Ct);

        response.EnsureSuccessStatusCode();
        var rows = await KeyRowsAsync(app);
        Assert.NotEmpty(rows);
        Assert.All(rows, row =>
        {
            Assert.Contains("encryptedSecret", row, StringComparison.Ordinal);
            Assert.Contains(AesGcmXmlEncryptor.Format, row, StringComparison.Ordinal);
            Assert.DoesNotContain("<masterKey", row, StringComparison.Ordinal);
            Assert.DoesNotContain("<value>", row, StringComparison.Ordinal);
        });
        var dataDirectory = shared.DataDirectoryOf(app);
        Assert.False(Directory.Exists(Path.Combine(dataDirectory, "keys")));
        var raw = await RawDatabaseFile.ReadAsync(shared.EngineSettings(dataDirectory), dataDirectory, Ct);
        Assert.Contains("encryptedSecret", raw, StringComparison.Ordinal); // the scan does read the key rows
        Assert.DoesNotContain("masterKey", raw, StringComparison.Ordinal);
        Assert.Equal(Provider == DatabaseProvider.Sqlite, File.Exists(Path.Combine(dataDirectory, KeyRingEncryptionKey.KeyFileName)));
    }

    [Fact]
    public async Task TwoNodes_SharingOneDatabase_UnprotectEachOthersPayloads()
    {
        await using var shared = await SharedDatabase.CreateAsync(Provider);
        await using var a = new WorkbenchAppFactory(shared.Settings);
        await using var b = new WorkbenchAppFactory(shared.Settings);
        // Both start at once on an empty key ring: each may create a key, and each must still read the other's.
        await Task.WhenAll(Task.Run(() => a.Server, Ct), Task.Run(() => b.Server, Ct));

        var fromA = Protector(a).Protect("sealed on node A");
        var fromB = Protector(b).Protect("sealed on node B");

        Assert.Equal("sealed on node A", Protector(b).Unprotect(fromA));
        Assert.Equal("sealed on node B", Protector(a).Unprotect(fromB));
        Assert.NotEmpty(await KeyRowsAsync(a));
    }

    [Fact]
    public async Task TwoNodes_TeamMode_AntiforgeryAndSignInCookieOfOneNodeWorkOnTheOther()
    {
        await using var shared = await SharedDatabase.CreateAsync(Provider);
        await using var a = new TeamApp(shared.Settings);
        await a.InitializeAsync();
        await using var b = new TeamApp(shared.Settings);
        using var clientA = a.Factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        using var clientB = b.Factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });

        // The sign-in form (antiforgery cookie and token) comes from node A; the post goes to node B.
        using var page = await clientA.GetAsync("/account/sign-in", Ct);
        var antiforgeryCookie = Cookies(page);
        var token = TeamApp.AntiforgeryToken(await page.Content.ReadAsStringAsync(Ct));
        using var post = new HttpRequestMessage(HttpMethod.Post, "/account/sign-in")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["Input.Email"] = TeamApp.EmailFor(Roles.Author),
                ["Input.Password"] = TeamApp.Password,
                ["__RequestVerificationToken"] = token,
                ["_handler"] = "sign-in",
            }),
        };
        post.Headers.Add("Cookie", antiforgeryCookie);
        using var signedIn = await clientB.SendAsync(post, Ct);
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        var authCookie = Cookies(signedIn);
        Assert.Contains(SecurityHostingExtensions.CookieName + "=", authCookie, StringComparison.Ordinal);

        // The sign-in cookie issued by node B is accepted by node A.
        using var me = new HttpRequestMessage(HttpMethod.Get, "/api/me");
        me.Headers.Add("Cookie", authCookie);
        using var answer = await clientA.SendAsync(me, Ct);
        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        using var json = JsonDocument.Parse(await answer.Content.ReadAsStringAsync(Ct));
        Assert.Equal(TeamApp.EmailFor(Roles.Author), json.RootElement.GetProperty("name").GetString());
    }

    [Fact]
    public async Task SecondNode_WithAnotherKey_RefusesToStartNamingTheVariableNotTheKey()
    {
        await using var shared = await SharedDatabase.CreateAsync(Provider);
        await using (var a = new WorkbenchAppFactory(shared.Settings))
        {
            _ = Protector(a).Protect("a key exists now");
        }

        // The second node is a real process: the app turns the start-up error into a message and exit code 1.
        var otherKey = KeyRingEncryptionKey.Generate();
        var environment = shared.Settings.Where(s => s.Value is not null).ToDictionary(s => s.Key.Replace(":", "__", StringComparison.Ordinal), s => s.Value!);
        environment[KeyRingEncryptionKey.Variable] = otherKey;

        var (exitCode, message) = await StartupTests.RunAppProcessAsync(environment);

        Assert.Equal(1, exitCode);
        Assert.Contains("Prompt Workbench did not start", message, StringComparison.Ordinal);
        Assert.Contains(KeyRingEncryptionKey.Variable, message, StringComparison.Ordinal);
        Assert.Contains("cannot be decrypted", message, StringComparison.Ordinal);
        Assert.DoesNotContain(otherKey, message, StringComparison.Ordinal);
    }

    private static IDataProtector Protector(WorkbenchAppFactory app) =>
        app.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("Workbench.Tests.DataProtection");

    private static async Task<List<string>> KeyRowsAsync(WorkbenchAppFactory app)
    {
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<WorkbenchDbContext>>().CreateDbContextAsync(Ct);
        return await db.DataProtectionKeys.Select(k => k.Xml ?? "").ToListAsync(Ct);
    }

    private static string Cookies(HttpResponseMessage response) =>
        string.Join("; ", response.Headers.TryGetValues("Set-Cookie", out var values) ? values.Select(v => v.Split(';')[0]) : []);

    /// <summary>
    /// What several app instances need to share one database: on SQLite one data directory (with its generated key
    /// file); on PostgreSQL one database and one key in the environment, each node with a data directory of its own.
    /// </summary>
    protected sealed class SharedDatabase : IAsyncDisposable
    {
        private readonly TemporaryDataDirectory? _data;

        private SharedDatabase(Dictionary<string, string?> settings, TemporaryDataDirectory? data)
        {
            Settings = settings;
            _data = data;
        }

        public Dictionary<string, string?> Settings { get; }

        public static async Task<SharedDatabase> CreateAsync(DatabaseProvider provider)
        {
            if (provider == DatabaseProvider.PostgreSql)
            {
                return new SharedDatabase(new Dictionary<string, string?>
                {
                    ["Workbench:Database:Provider"] = "postgresql",
                    [DatabaseSettings.ConnectionVariable] = await PostgreSqlServer.CreateDatabaseAsync(),
                    [KeyRingEncryptionKey.Variable] = KeyRingEncryptionKey.Generate(),
                }, null);
            }

            var data = new TemporaryDataDirectory("workbench-tests");
            return new SharedDatabase(new Dictionary<string, string?> { ["Workbench:DataDirectory"] = data.Path }, data);
        }

        /// <summary>The data directory <paramref name="app"/> really uses: the shared one on SQLite, its own otherwise.</summary>
        public string DataDirectoryOf(WorkbenchAppFactory app) => _data?.Path ?? app.DataDirectory;

        public DatabaseSettings EngineSettings(string dataDirectory) => _data is null
            ? DatabaseSettings.PostgreSql(Settings[DatabaseSettings.ConnectionVariable]!)
            : DatabaseSettings.Sqlite(dataDirectory);

        public ValueTask DisposeAsync()
        {
            _data?.Delete();
            return ValueTask.CompletedTask;
        }
    }
}
