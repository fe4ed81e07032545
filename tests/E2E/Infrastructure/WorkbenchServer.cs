using System.Collections.Concurrent;
using System.Net;
using Microsoft.Data.Sqlite;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Workbench.Core.Persistence;
using Workbench.Testing;

namespace Workbench.E2E.Infrastructure;

/// <summary>
/// The real app, in-process, behind real Kestrel on 127.0.0.1 and a free port, with its own temporary data
/// directory (deleted on dispose). Shared by every E2E test as an assembly fixture.
/// </summary>
public sealed class WorkbenchServer : WebApplicationFactory<Program>, IAsyncLifetime
{
    private static readonly ConcurrentDictionary<WorkbenchServer, byte> Live = new();

    private readonly TemporaryDataDirectory _data = new("workbench-e2e");
    private readonly ServerLog _log = new();
    private readonly Dictionary<string, string?> _settings;
    private Uri? _baseUrl;

    public WorkbenchServer()
        : this(new Dictionary<string, string?>())
    {
    }

    /// <summary>A server with extra settings (team mode, ...) for tests that start their own.</summary>
    internal WorkbenchServer(Dictionary<string, string?> settings) => _settings = settings;

    /// <summary>
    /// A started server in team mode whose first admin is <c>admin@example.test</c> with <paramref name="adminPassword"/>,
    /// plus any <paramref name="extra"/> settings.
    /// </summary>
    internal static async Task<WorkbenchServer> StartTeamModeAsync(string adminPassword, Dictionary<string, string?>? extra = null)
    {
        var settings = new Dictionary<string, string?>(extra ?? [])
        {
            ["Workbench:Security:Mode"] = "team",
            ["WORKBENCH_ADMIN_EMAIL"] = "admin@example.test",
            ["WORKBENCH_ADMIN_PASSWORD"] = adminPassword,
        };
        var server = new WorkbenchServer(settings);
        try
        {
            await server.InitializeAsync();
            return server;
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    /// <summary>The temporary folder the app keeps its database in.</summary>
    public string DataDirectory => _data.Path;

    /// <summary>Where the app listens, e.g. <c>http://127.0.0.1:41234/</c>.</summary>
    public Uri BaseUrl => _baseUrl ?? throw new InvalidOperationException("The Workbench server has not been started.");

    public ValueTask InitializeAsync()
    {
        UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        StartServer();

        var addresses = Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses;
        var address = addresses.FirstOrDefault()
            ?? throw new InvalidOperationException("Kestrel started but reported no listening address.");
        _baseUrl = new Uri(address.EndsWith('/') ? address : address + "/");
        Live[this] = 0;
        return ValueTask.CompletedTask;
    }

    /// <summary>
    /// For a timeout's message: for each running server, whether its database's write lock is free at this moment and
    /// its warnings, errors and slow commands of the last minute.
    /// </summary>
    internal static string DescribeLiveServers() => string.Join(" || ", Live.Keys.Select(s => s.Describe()));

    private string Describe()
    {
        string database;
        try
        {
            var path = Path.Combine(DataDirectory, DatabasePaths.DatabaseFileName);
            using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadWrite, Pooling = false, DefaultTimeout = 1 }.ToString());
            connection.Open();
            using var probe = connection.CreateCommand();
            probe.CommandText = "PRAGMA busy_timeout=0; SELECT count(*) FROM RunSearchPending;";
            var pending = probe.ExecuteScalar();
            probe.CommandText = "BEGIN IMMEDIATE; ROLLBACK;";
            probe.ExecuteNonQuery();
            database = $"database readable ({pending} runs waiting for the search index), write lock free";
        }
        catch (SqliteException ex)
        {
            database = $"database probe: {ex.Message}";
        }

        return $"server {BaseUrl}: {database}; server log (last 60 s): [{string.Join(" | ", _log.Recent(TimeSpan.FromSeconds(60)))}]";
    }

    /// <summary>A plain HTTP client (real sockets, no test server handler) pointed at <see cref="BaseUrl"/>.</summary>
    public HttpClient CreateHttpClient() => new() { BaseAddress = BaseUrl, Timeout = TimeSpan.FromSeconds(30) };

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(Environments.Development);
        builder.ConfigureLogging(logging =>
        {
            logging.AddProvider(_log);
            logging.AddFilter<ServerLog>(ServerLog.CommandCategory, LogLevel.Information);
        });
        builder.UseSetting("Workbench:DataDirectory", DataDirectory);
        // No start-up warm-up (ADR-027): the browser tests start at once and would share the cores with it.
        builder.UseSetting("Workbench:Runs:WarmUpCases", "0");
        // The run tests cancel a run while it waits for its first token: give them ample time to press Cancel.
        builder.UseSetting("Workbench:Providers:simulated:Simulation:SlowFirstTokenMilliseconds", "30000");
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }
    }

    public override async ValueTask DisposeAsync()
    {
        Live.TryRemove(this, out _);
        try
        {
            await base.DisposeAsync();
        }
        catch (ArgumentNullException)
        {
            // Stopping a host whose start failed trips over its empty service list; the start error was reported.
        }

        _data.Delete();
    }
}
