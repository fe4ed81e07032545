using System.Diagnostics;
using System.Net;
using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Workbench.Core;
using Workbench.Core.Configuration;
using Workbench.Core.DataProtection;
using Workbench.Core.Persistence;

namespace Workbench.Tests.Hosting;

public class StartupTests
{
    [Fact]
    public async Task Healthz_FreshDatabase_ReportsHealthyWithMigrationsApplied()
    {
        await using var app = new WorkbenchAppFactory();
        using var client = app.CreateClient();

        var response = await client.GetAsync("/healthz", Xunit.TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync(Xunit.TestContext.Current.CancellationToken);
        using var json = JsonDocument.Parse(body);
        Assert.Equal("Healthy", json.RootElement.GetProperty("status").GetString());
        Assert.Contains("migrations applied", body, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(app.DataDirectory, "workbench.db")));
    }

    [Fact]
    public async Task RootAppSettings_ValueSetThere_ReachesTheApp()
    {
        var root = FindRepositoryRoot();
        var file = new ConfigurationBuilder().AddJsonFile(Path.Combine(root, "appsettings.json")).Build();
        var expected = file["Workbench:Editor:DebounceMilliseconds"];
        Assert.False(string.IsNullOrEmpty(expected));

        await using var app = new WorkbenchAppFactory();
        _ = app.Server;
        var options = app.Services.GetRequiredService<IOptions<WorkbenchOptions>>().Value;
        var configuration = app.Services.GetRequiredService<IConfiguration>();

        Assert.Equal(expected, options.Editor.DebounceMilliseconds.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(file["Workbench:DisplayName"], configuration["Workbench:DisplayName"]);
        // The file the app read is byte-for-byte the one at the repository root (a build copy, not a second source).
        Assert.Equal(File.ReadAllText(Path.Combine(root, "appsettings.json")), File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "appsettings.json")));
    }

    [Theory]
    [InlineData("Workbench:Editor:DebounceMilliseconds", "5")]
    [InlineData("Workbench:Editor:MaxMessageLength", "10")]
    [InlineData("Workbench:DisplayName", "")]
    [InlineData("Workbench:DataDirectory", "")]
    [InlineData("Workbench:Retention:RunDays", "-1")]
    [InlineData("Workbench:Retention:RunDays", "36501")]
    [InlineData("Workbench:Retention:PurgeInterval", "00:00:30")]
    [InlineData("Workbench:Retention:PurgeInterval", "31.00:00:00")]
    public void Options_BadSetting_FailsNamingTheKey(string key, string value)
    {
        using var services = BuildCoreServices(new Dictionary<string, string?> { [key] = value });

        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<WorkbenchOptions>>().Value);

        Assert.Contains(key, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Options_DataDirectoryIsAFile_FailsNamingTheKey()
    {
        var file = Path.GetTempFileName();
        try
        {
            using var services = BuildCoreServices(new Dictionary<string, string?> { ["Workbench:DataDirectory"] = file });
            var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<WorkbenchOptions>>().Value);
            Assert.Contains("Workbench:DataDirectory", error.Message, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Theory]
    [InlineData("Workbench__Editor__DebounceMilliseconds", "1", "http://127.0.0.1:0", "Workbench:Editor:DebounceMilliseconds")]
    [InlineData("Workbench__DisplayName", "ok", "http://0.0.0.0:0", "urls / ASPNETCORE_URLS")]
    [InlineData("Workbench__Redaction__CustomPatterns__0__Pattern", "(?<open", "http://127.0.0.1:0", "Workbench:Redaction:CustomPatterns:0:Pattern")]
    [InlineData("Workbench__Telemetry__Enabled", "true", "http://127.0.0.1:0", "Workbench:Telemetry:OtlpEndpoint")]
    [InlineData("Workbench__Retention__RunDays", "-7", "http://127.0.0.1:0", "Workbench:Retention:RunDays")]
    [InlineData("WORKBENCH_DATA_PROTECTION_KEY", "bm90LWEta2V5", "http://127.0.0.1:0", "WORKBENCH_DATA_PROTECTION_KEY")]
    public async Task RealProcess_BadSetting_ExitsWithMessageNamingTheKey(string variable, string value, string urls, string expectedKey)
    {
        var appDll = Path.Combine(AppContext.BaseDirectory, "Workbench.dll");
        var start = new ProcessStartInfo("dotnet", [appDll])
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        start.Environment[variable] = value;
        start.Environment["Workbench__DataDirectory"] = Path.Combine(Path.GetTempPath(), "workbench-tests", Guid.NewGuid().ToString("N"));
        start.Environment["ASPNETCORE_URLS"] = urls;

        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync(Xunit.TestContext.Current.CancellationToken);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);

        Assert.Equal(1, process.ExitCode);
        var message = await stderr;
        Assert.Contains(expectedKey, message, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", message, StringComparison.Ordinal); // a message, not a stack trace
    }

    [Fact]
    public async Task RealProcess_PostgreSqlWithoutDataProtectionKey_ExitsNamingTheVariable()
    {
        var (exitCode, message) = await RunAppProcessAsync(new Dictionary<string, string>
        {
            ["Workbench__Database__Provider"] = "postgresql",
            [DatabaseSettings.ConnectionVariable] = "Host=127.0.0.1;Port=9;Database=unused",
        });

        Assert.Equal(1, exitCode);
        Assert.Contains(KeyRingEncryptionKey.Variable, message, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", message, StringComparison.Ordinal);
    }

    /// <summary>Runs the app as a process with these environment variables; it must exit within a minute.</summary>
    internal static async Task<(int ExitCode, string Message)> RunAppProcessAsync(Dictionary<string, string> environment)
    {
        var start = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "Workbench.dll")])
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        start.Environment["Workbench__DataDirectory"] = Path.Combine(Path.GetTempPath(), "workbench-tests", Guid.NewGuid().ToString("N"));
        start.Environment["ASPNETCORE_URLS"] = "http://127.0.0.1:0";
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync(Xunit.TestContext.Current.CancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(Xunit.TestContext.Current.CancellationToken);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            // Started instead of refusing to: stop it so no stray server outlives the test.
            process.Kill(entireProcessTree: true);
            Assert.Fail("The app started instead of exiting with a message.");
        }

        return (process.ExitCode, await stderr + await stdout);
    }

    private static ServiceProvider BuildCoreServices(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddLogging();
        services.AddWorkbenchCore(configuration);
        return services.BuildServiceProvider();
    }

    internal static string FindRepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Workbench.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Workbench.sln not found above the test output folder.");
    }
}
