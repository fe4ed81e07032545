using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Hosting;
using Workbench.Core;
using Workbench.Core.DataProtection;
using Workbench.Core.Persistence;
using Workbench.Core.Schemas;
using Workbench.Core.Templates;

namespace Workbench.Benchmarks.Batches;

/// <summary>
/// A measured run (not BenchmarkDotNet): the real app (Release build) as its own process, an <c>openai-compatible</c>
/// provider pointing at a zero-latency fake OpenAI server (HttpListener, streamed SSE answers that are schema-valid), a
/// batch of N cases at concurrency C posted through <c>POST /api/batches</c> and polled until it completes. Reports cases
/// per second (POST to completed, polling every 50 ms), the app's peak memory (VmHWM from /proc/PID/status) and the
/// stored valid runs. <c>dotnet run -c Release --project tests/Benchmarks -- batch-api [cases] [concurrency] [repeats]</c>.
/// </summary>
internal static class BatchApiBenchmark
{
    private const string Schema = """{"type":"object","properties":{"city":{"type":"string"},"price":{"type":"number"}},"required":["city","price"],"additionalProperties":false}""";

    public static async Task<int> RunAsync(string[] args)
    {
        var cases = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 1000;
        var concurrency = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 8;
        var repeats = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 3;
        var batchesPerProcess = args.Length > 3 ? int.Parse(args[3], CultureInfo.InvariantCulture) : 1;
        var appDll = FindAppDll();
        Console.WriteLine($"app: {appDll}");
        using var fake = new FakeOpenAiServer();
        var results = new List<(double Rate, long PeakKb, int Valid)>();
        var allValid = true;
        for (var r = 0; r < repeats; r++)
        {
            var batches = await RunOnceAsync(appDll, fake.BaseUrl, cases, concurrency, batchesPerProcess);
            for (var b = 0; b < batches.Count; b++)
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"run {r + 1}, batch {b + 1} ({(b > 0 ? "warm" : WarmUpCases() > 0 ? $"first measured batch, after a {WarmUpCases()}-case warm-up" : "cold: first batch after start")}): {batches[b].Rate:0} cases/s, peak {batches[b].PeakKb / 1024.0:0.0} MB (VmHWM), {batches[b].Valid} valid runs stored"));
            }

            results.Add(batches[0]);
            allValid &= batches.All(x => x.Valid == cases);
        }

        var rates = results.Select(x => x.Rate).Order().ToList();
        var peaks = results.Select(x => x.PeakKb).Order().ToList();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"median of {repeats} (first batches): {rates[rates.Count / 2]:0} cases/s, peak {peaks[peaks.Count / 2] / 1024.0:0.0} MB; fake server answered {fake.Requests} requests"));
        return allValid ? 0 : 1;
    }

    /// <summary>
    /// Starts the app (on PostgreSQL: <c>WORKBENCH_BENCH_NODES</c> app processes, default 1, sharing one new database) and
    /// runs <paramref name="batches"/> batches one after the other through the first node (the first batch is the cold one).
    /// </summary>
    private static async Task<List<(double Rate, long PeakKb, int Valid)>> RunOnceAsync(string appDll, string fakeBaseUrl, int cases, int concurrency, int batches)
    {
        var data = Path.Combine(Path.GetTempPath(), "workbench-bench", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(data);
        var postgres = BenchPostgreSql.FromEnvironment();
        var nodes = postgres is null ? 1 : int.Parse(Environment.GetEnvironmentVariable("WORKBENCH_BENCH_NODES") ?? "1", CultureInfo.InvariantCulture);
        var database = new Dictionary<string, string?>();
        if (postgres is not null)
        {
            database["Workbench:Database:Provider"] = "postgresql";
            database[DatabaseSettings.ConnectionVariable] = postgres.CreateDatabase();
            database[KeyRingEncryptionKey.Variable] = KeyRingEncryptionKey.Generate();
            Console.WriteLine($"PostgreSQL, {nodes} node(s)");
        }

        var processes = new List<Process>();
        try
        {
            await SeedAsync(data, database);
            var ports = new List<int>();
            for (var n = 0; n < nodes; n++)
            {
                var port = FreePort();
                var start = new ProcessStartInfo("dotnet", [appDll]) { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = Path.GetDirectoryName(appDll)! };
                start.Environment["Workbench__DataDirectory"] = data;
                start.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}";
                start.Environment["Workbench__Providers__bench__Type"] = "openai-compatible";
                start.Environment["Workbench__Providers__bench__BaseUrl"] = fakeBaseUrl;
                start.Environment["Workbench__Providers__bench__Models__0__Name"] = "fake";
                start.Environment["Logging__LogLevel__Default"] = "Warning";
                foreach (var (key, value) in database)
                {
                    start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
                }

                var process = Process.Start(start)!;
                processes.Add(process);
                process.OutputDataReceived += (_, _) => { };
                process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { Console.Error.WriteLine("app: " + e.Data); } };
                process.BeginOutputReadLine();
                process.BeginErrorReadLine();
                ports.Add(port);
            }

            using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{ports[0]}") };
            for (var n = 0; n < nodes; n++)
            {
                using var node = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{ports[n]}") };
                await WaitHealthyAsync(node, processes[n]);
            }

            // WORKBENCH_BENCH_WARMUP=N: a batch of N cases first, not measured (what a warm-up of the run path at start-up
            // would give the first real batch; the app has no such warm-up).
            if (WarmUpCases() is var warmUp and > 0)
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"warm-up batch of {warmUp} cases (not measured):"));
                await RunBatchAsync(client, processes.Select(p => p.Id).ToList(), warmUp, concurrency);
            }

            var measured = new List<(double Rate, long PeakKb, int Valid)>();
            for (var b = 0; b < batches; b++)
            {
                measured.Add(await RunBatchAsync(client, processes.Select(p => p.Id).ToList(), cases, concurrency));
            }

            return measured;
        }
        finally
        {
            foreach (var process in processes)
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync();
                process.Dispose();
            }

            SqliteConnection.ClearAllPools();
            if (Environment.GetEnvironmentVariable("WORKBENCH_BENCH_KEEP") == "1")
            {
                Console.WriteLine($"kept the data directory: {data}");
            }
            else
            {
                Directory.Delete(data, recursive: true);
            }

            postgres?.DropDatabases();
        }
    }

    private static async Task<(double Rate, long PeakKb, int Valid)> RunBatchAsync(HttpClient client, IReadOnlyList<int> pids, int cases, int concurrency)
    {
        var body = new
        {
            template = "bench",
            cases = Enumerable.Range(0, cases).Select(i => new { variables = new { city = "City" + i.ToString(CultureInfo.InvariantCulture) } }),
            provider = "bench",
            model = "fake",
            concurrency,
        };
        var cpuBefore = pids.Sum(CpuSeconds);
        var ownCpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        var stopwatch = Stopwatch.StartNew();
        var posted = await client.PostAsJsonAsync("/api/batches", body);
        if (posted.StatusCode != HttpStatusCode.Accepted)
        {
            throw new InvalidOperationException("POST /api/batches: " + await posted.Content.ReadAsStringAsync());
        }

        // The batch and all its queued runs are stored before the 202: part of the measured time.
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"POST /api/batches answered after {stopwatch.Elapsed.TotalMilliseconds:0} ms"));
        var id = (await posted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString();
        JsonElement batch;
        while (true)
        {
            batch = await client.GetFromJsonAsync<JsonElement>($"/api/batches/{id}");
            if (batch.GetProperty("status").GetString() is not ("queued" or "running"))
            {
                break;
            }

            await Task.Delay(50);
        }

        stopwatch.Stop();
        // The largest node's peak (each node is its own process and machine in a real deployment).
        var peak = pids.Max(PeakKb);
        var cpu = pids.Sum(CpuSeconds) - cpuBefore;
        // The fake provider and the polling client share the machine with the app: their CPU is not the app's, but on two
        // cores it caps the rate the app can show.
        var ownCpu = (Process.GetCurrentProcess().TotalProcessorTime - ownCpuBefore).TotalSeconds;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"benchmark process CPU (fake provider + client): {ownCpu:0.00} s = {ownCpu * 1000 / cases:0.00} ms per case"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"app CPU time for the batch (all nodes): {cpu:0.00} s = {cpu * 1000 / cases:0.00} ms per case (load-independent; on 2 free cores that allows about {2 * cases / cpu:0} cases/s)"));
        return (cases / stopwatch.Elapsed.TotalSeconds, peak, batch.GetProperty("valid").GetInt32());
    }

    /// <summary>WORKBENCH_BENCH_WARMUP: cases of an unmeasured batch run first in each app process (0 = none).</summary>
    private static int WarmUpCases() =>
        int.TryParse(Environment.GetEnvironmentVariable("WORKBENCH_BENCH_WARMUP"), CultureInfo.InvariantCulture, out var cases) ? Math.Max(cases, 0) : 0;

    private static async Task SeedAsync(string dataDirectory, Dictionary<string, string?> database)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>(database) { ["Workbench:DataDirectory"] = dataDirectory })
            .Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddSingleton<IHostEnvironment>(new SeedEnvironment(dataDirectory));
        services.AddLogging();
        services.AddWorkbenchCore(configuration);
        await using var provider = services.BuildServiceProvider();
        await provider.GetRequiredService<DatabaseInitializer>().InitializeAsync();
        var schema = await provider.GetRequiredService<SchemaService>().CreateAsync(new NewSchema("bench-quote", null, Schema), "bench");
        var content = new TemplateContent(
            [new TemplateMessage(MessageRole.User, "Quote a trip to {{ city }}.")],
            ModelSettings.Default with { Provider = "bench", Model = "fake" },
            [new VariableDeclaration("city", null, true, null, "Oslo")],
            new OutputSchemaLink(schema.Value!.Id, 1));
        var created = await provider.GetRequiredService<TemplateService>().CreateAsync(new NewTemplate("bench", null, [], content), "bench");
        if (!created.Succeeded)
        {
            throw new InvalidOperationException(string.Join("; ", created.Problems));
        }
    }

    private static async Task WaitHealthyAsync(HttpClient client, Process process)
    {
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromSeconds(60))
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException("The app exited during start-up.");
            }

            try
            {
                // "Healthy", not just 200: the app is Degraded while its run path warms up after start-up (ADR-027), and a
                // batch posted meanwhile would compete with the warm-up for the two cores.
                using var response = await client.GetAsync("/healthz");
                using var health = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
                if (response.IsSuccessStatusCode && health.RootElement.GetProperty("status").GetString() == "Healthy")
                {
                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"app healthy after {deadline.Elapsed.TotalSeconds:0.0} s, {CpuSeconds(process.Id):0.00} s CPU, {StatusKb(process.Id, "VmRSS:") / 1024.0:0.0} MB resident"));
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // not listening yet
            }

            await Task.Delay(100);
        }

        throw new TimeoutException("The app did not become healthy in 60 s.");
    }

    /// <summary>CPU time (user + system) the process has used, from /proc/PID/stat (fields 14 and 15, in clock ticks of 10 ms).</summary>
    private static double CpuSeconds(int pid)
    {
        var stat = File.ReadAllText($"/proc/{pid}/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return (long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)) / 100.0;
    }

    private static long PeakKb(int pid) => StatusKb(pid, "VmHWM:");

    /// <summary>A memory figure in kB from /proc/PID/status (VmHWM = peak resident set, VmRSS = resident now).</summary>
    private static long StatusKb(int pid, string field)
    {
        foreach (var line in File.ReadLines($"/proc/{pid}/status"))
        {
            if (line.StartsWith(field, StringComparison.Ordinal))
            {
                return long.Parse(line[field.Length..].Replace("kB", "", StringComparison.Ordinal).Trim(), CultureInfo.InvariantCulture);
            }
        }

        return -1;
    }

    /// <summary>
    /// The app to start: <c>WORKBENCH_BENCH_APP</c> (e.g. a ReadyToRun publish, as the container image ships it), else the
    /// Release build beside the benchmarks.
    /// </summary>
    private static string FindAppDll()
    {
        if (Environment.GetEnvironmentVariable("WORKBENCH_BENCH_APP") is { Length: > 0 } configured)
        {
            return File.Exists(configured) ? Path.GetFullPath(configured) : throw new FileNotFoundException($"WORKBENCH_BENCH_APP: {configured} does not exist.");
        }

        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "src", "Workbench", "bin", "Release", "net10.0", "Workbench.dll");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new FileNotFoundException("Build the app first: dotnet build Workbench.sln -c Release");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private sealed class SeedEnvironment(string root) : IHostEnvironment
    {
        public string EnvironmentName { get; set; } = "Production";

        public string ApplicationName { get; set; } = "Workbench";

        public string ContentRootPath { get; set; } = root;

        public IFileProvider ContentRootFileProvider { get; set; } = new NullFileProvider();
    }

    /// <summary>A zero-latency OpenAI chat-completions server: every request gets the same schema-valid answer, streamed or not.</summary>
    private sealed class FakeOpenAiServer : IDisposable
    {
        private const string Answer = "{\\\"city\\\":\\\"Oslo\\\",\\\"price\\\":120}";

        private static readonly byte[] Streamed = Encoding.UTF8.GetBytes(
            "data: {\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"fake\",\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"" + Answer + "\"},\"finish_reason\":null}]}\n\n"
            + "data: {\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"fake\",\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}],\"usage\":{\"prompt_tokens\":20,\"completion_tokens\":9,\"total_tokens\":29}}\n\n"
            + "data: [DONE]\n\n");

        private static readonly byte[] Whole = Encoding.UTF8.GetBytes(
            "{\"id\":\"c1\",\"object\":\"chat.completion\",\"created\":1,\"model\":\"fake\",\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"" + Answer + "\"},\"finish_reason\":\"stop\"}],\"usage\":{\"prompt_tokens\":20,\"completion_tokens\":9,\"total_tokens\":29}}");

        private readonly HttpListener _listener = new();
        private readonly CancellationTokenSource _stop = new();
        private int _requests;

        public FakeOpenAiServer()
        {
            var port = FreePort();
            BaseUrl = $"http://127.0.0.1:{port}/v1";
            _listener.Prefixes.Add($"http://127.0.0.1:{port}/");
            _listener.Start();
            for (var i = 0; i < 16; i++)
            {
                _ = Task.Run(LoopAsync);
            }
        }

        public string BaseUrl { get; }

        public int Requests => Volatile.Read(ref _requests);

        public void Dispose()
        {
            _stop.Cancel();
            _listener.Close();
            _stop.Dispose();
        }

        private async Task LoopAsync()
        {
            while (!_stop.IsCancellationRequested)
            {
                HttpListenerContext context;
                try
                {
                    context = await _listener.GetContextAsync();
                }
                catch (Exception) when (_stop.IsCancellationRequested)
                {
                    return;
                }

                Interlocked.Increment(ref _requests);
                using var reader = new StreamReader(context.Request.InputStream);
                var request = await reader.ReadToEndAsync();
                var stream = request.Contains("\"stream\":true", StringComparison.Ordinal);
                context.Response.StatusCode = 200;
                context.Response.ContentType = stream ? "text/event-stream" : "application/json";
                var bytes = stream ? Streamed : Whole;
                context.Response.ContentLength64 = bytes.Length;
                await context.Response.OutputStream.WriteAsync(bytes);
                context.Response.Close();
            }
        }
    }
}
