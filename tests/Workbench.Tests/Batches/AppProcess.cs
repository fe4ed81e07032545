using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Workbench.Tests.Batches;

/// <summary>The built app (Workbench.dll) as its own process on a free loopback port, with a slow simulated provider (and any extra environment variables).</summary>
internal sealed class AppProcess : IDisposable
{
    private readonly Process _process;

    private AppProcess(Process process, HttpClient client)
    {
        _process = process;
        Client = client;
    }

    public HttpClient Client { get; }

    /// <summary>The app's process id (part of its work-queue node id, ADR-022).</summary>
    public int ProcessId => _process.Id;

    public static async Task<AppProcess> StartAsync(string dataDirectory, CancellationToken cancellationToken, IReadOnlyDictionary<string, string>? environment = null)
    {
        var port = FreePort();
        var start = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "Workbench.dll")])
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        start.Environment["Workbench__DataDirectory"] = dataDirectory;
        start.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}";
        start.Environment["Workbench__Providers__simulated__Simulation__ChunkDelayMilliseconds"] = "15";
        start.Environment["Workbench__Runs__WarmUpCases"] = "0";
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
        var app = new AppProcess(process, client);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(60));
        while (true)
        {
            Assert.False(process.HasExited, "The app exited during start-up.");
            try
            {
                if ((await client.GetAsync("/healthz", timeout.Token)).StatusCode == HttpStatusCode.OK)
                {
                    return app;
                }
            }
            catch (HttpRequestException)
            {
                // not listening yet
            }

            await Task.Delay(100, timeout.Token);
        }
    }

    /// <summary>SIGKILL: no shutdown code runs, exactly like a crash or <c>kill -9</c>.</summary>
    public void Kill()
    {
        _process.Kill(entireProcessTree: true);
        _process.WaitForExit();
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            Kill();
        }

        Client.Dispose();
        _process.Dispose();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
