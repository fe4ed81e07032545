using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace Workbench.Testing;

/// <summary>
/// A throwaway PostgreSQL cluster for the tests that run against both engines (ADR-020): <c>initdb</c> in a temporary
/// folder, <c>pg_ctl start</c> on a free loopback port with trust authentication (loopback only), stopped and deleted
/// when the test process exits. One cluster per test process, started on first use; every test gets its own database
/// (<see cref="CreateDatabaseAsync"/>). It never touches Debian's default cluster. Binaries come from Debian's
/// <c>postgresql</c> package (<c>/usr/lib/postgresql/*/bin</c>) or <c>WORKBENCH_POSTGRES_BIN</c>. As root (CI),
/// PostgreSQL refuses to run, so the commands run as the <c>postgres</c> user through <c>runuser</c>.
/// Without PostgreSQL the calling test is skipped, or failed when <c>CI=true</c> (as the browser tests are).
/// </summary>
internal sealed class PostgreSqlServer
{
    public const string BinVariable = "WORKBENCH_POSTGRES_BIN";

    private static readonly Lazy<Task<(PostgreSqlServer? Server, string? Problem)>> Instance =
        new(StartAsync, LazyThreadSafetyMode.ExecutionAndPublication);

    private readonly string _root;
    private readonly string _bin;
    private readonly bool _asPostgresUser;

    private PostgreSqlServer(string root, string bin, bool asPostgresUser, int port)
    {
        _root = root;
        _bin = bin;
        _asPostgresUser = asPostgresUser;
        Port = port;
    }

    public int Port { get; }

    private string DataPath => Path.Combine(_root, "data");

    private static bool IsCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// A new, empty database on the shared cluster; returns its connection string. Skips the calling test when
    /// PostgreSQL is not installed (fails it when <c>CI=true</c>); fails it when PostgreSQL is installed but did not start.
    /// </summary>
    public static async Task<string> CreateDatabaseAsync()
    {
        var (server, problem) = await Instance.Value;
        if (server is null)
        {
            var reason = problem ?? "PostgreSQL is unavailable.";
            if (IsCi || !reason.StartsWith("PostgreSQL is not installed", StringComparison.Ordinal))
            {
                Assert.Fail(IsCi ? $"{reason} CI=true, so PostgreSQL tests fail instead of being skipped." : reason);
            }

            Assert.Skip(reason);
        }

        var name = "wb_" + Guid.NewGuid().ToString("N");
        await using (var connection = new NpgsqlConnection(server!.ConnectionString("postgres")))
        {
            await connection.OpenAsync();
            await using var create = connection.CreateCommand();
            create.CommandText = $"CREATE DATABASE \"{name}\"";
            await create.ExecuteNonQueryAsync();
        }

        return server.ConnectionString(name);
    }

    private string ConnectionString(string database) =>
        $"Host=127.0.0.1;Port={Port};Username=postgres;Database={database};Pooling=true;Maximum Pool Size=20;Connection Idle Lifetime=5;Connection Pruning Interval=1;Timeout=30;Command Timeout=120";

    private static async Task<(PostgreSqlServer?, string?)> StartAsync()
    {
        var bin = FindBinaries();
        if (bin is null)
        {
            return (null, $"PostgreSQL is not installed: no initdb under /usr/lib/postgresql/*/bin. Install Debian's package " +
                $"(apt-get install postgresql) or set {BinVariable} to the folder holding initdb and pg_ctl.");
        }

        var asPostgresUser = Environment.UserName == "root";
        var root = Path.Combine(Path.GetTempPath(), "workbench-postgres-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(root);
        var server = new PostgreSqlServer(root, bin, asPostgresUser, FreePort());
        try
        {
            if (asPostgresUser)
            {
                // The cluster belongs to the postgres user, which must be able to reach and own the folder.
                await RunAsync("chmod", ["755", root]);
                await RunAsync("chown", ["postgres:postgres", root]);
            }

            await server.RunToolAsync("initdb", ["-D", server.DataPath, "-U", "postgres", "-A", "trust", "-E", "UTF8", "--locale=C.UTF-8", "--no-sync"]);
            var settings = $"-p {server.Port} -k {root} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off " +
                "-c full_page_writes=off -c max_connections=500";
            await server.RunToolAsync("pg_ctl", ["start", "-D", server.DataPath, "-w", "-t", "60", "-l", Path.Combine(root, "server.log"), "-o", settings]);
        }
        catch (InvalidOperationException ex)
        {
            server.Stop();
            return (null, $"PostgreSQL is installed ({bin}) but the test cluster did not start: {ex.Message}");
        }

        // Normally the assembly fixture (PostgreSqlClusterFixture) stops the cluster while the test pipeline still runs.
        // This is only the fallback: a blocking stop inside ProcessExit delays the exit, which xUnit reports as a fatal
        // "foreground threads were left running" error on a loaded machine, so here the stop is started, not awaited.
        AppDomain.CurrentDomain.ProcessExit += (_, _) => server.StopWithoutWaiting();
        return (server, null);
    }

    private static string? FindBinaries()
    {
        var configured = Environment.GetEnvironmentVariable(BinVariable);
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return File.Exists(Path.Combine(configured, "initdb")) ? configured : null;
        }

        const string debian = "/usr/lib/postgresql";
        if (!Directory.Exists(debian))
        {
            return null;
        }

        return Directory.GetDirectories(debian)
            .Select(d => (Directory: Path.Combine(d, "bin"), Version: int.TryParse(Path.GetFileName(d), out var v) ? v : 0))
            .Where(d => File.Exists(Path.Combine(d.Directory, "initdb")))
            .OrderByDescending(d => d.Version)
            .Select(d => d.Directory)
            .FirstOrDefault();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>
    /// Stops and deletes the cluster if this process started one (called by the assembly fixture at the end of the run).
    /// </summary>
    public static async Task StopIfStartedAsync()
    {
        if (!Instance.IsValueCreated)
        {
            return;
        }

        var (server, _) = await Instance.Value;
        if (server is not null)
        {
            await Task.Run(server.Stop);
        }
    }

    private int _stopped;

    private void StopWithoutWaiting()
    {
        if (Interlocked.CompareExchange(ref _stopped, 1, 0) != 0)
        {
            return;
        }

        try
        {
            var stop = new ProcessStartInfo("/bin/sh") { UseShellExecute = false };
            var pgCtl = (_asPostgresUser ? "runuser -u postgres -- " : "") + $"'{Path.Combine(_bin, "pg_ctl")}'";
            stop.ArgumentList.Add("-c");
            stop.ArgumentList.Add($"{pgCtl} stop -D '{DataPath}' -m immediate -w -t 30 >/dev/null 2>&1; rm -rf '{_root}'");
            Process.Start(stop)?.Dispose();
        }
        catch (System.ComponentModel.Win32Exception)
        {
            // Best effort at exit.
        }
    }

    private void Stop()
    {
        if (Interlocked.CompareExchange(ref _stopped, 1, 0) != 0)
        {
            return;
        }

        try
        {
            if (File.Exists(Path.Combine(DataPath, "postmaster.pid")))
            {
                RunToolAsync("pg_ctl", ["stop", "-D", DataPath, "-m", "immediate", "-w", "-t", "30"]).GetAwaiter().GetResult();
            }
        }
        catch (InvalidOperationException)
        {
            // Best effort: the folder is removed below either way.
        }

        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    private Task RunToolAsync(string tool, IReadOnlyList<string> arguments)
    {
        var path = Path.Combine(_bin, tool);
        return _asPostgresUser ? RunAsync("runuser", ["-u", "postgres", "--", path, .. arguments]) : RunAsync(path, arguments);
    }

    private static async Task RunAsync(string fileName, IReadOnlyList<string> arguments)
    {
        var start = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetTempPath(),
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{fileName} did not start.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{Path.GetFileName(fileName)} {string.Join(' ', arguments.Take(2))} exited with {process.ExitCode}: {(await error).Trim()} {(await output).Trim()}");
        }
    }
}
