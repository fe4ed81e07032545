using System.Text.RegularExpressions;

namespace Workbench.Tests.Hosting;

/// <summary>
/// The Dockerfile and deploy/ cannot be built or started here (no image registry), so they are checked statically
/// against each other and against the app (ADR-023): the runtime stage runs as a non-root user, its data directory is the
/// volume, the health check and the load balancer use the port the image listens on, every file the projects read from
/// outside src/ is copied into the build, and compose passes only settings the app knows.
/// </summary>
public sealed partial class ContainerImageTests
{
    private static readonly string Root = StartupTests.FindRepositoryRoot();

    [Fact]
    public void Dockerfile_RuntimeStage_NonRootUserDataVolumeAndHealthCheckOnTheExposedPort()
    {
        var runtime = RuntimeStage();
        var env = EnvironmentOf(runtime);

        var user = Instruction(runtime, "USER");
        Assert.DoesNotMatch(@"^(root|0)(:.*)?$", user);
        Assert.Equal("/data", env["Workbench__DataDirectory"]);
        Assert.Contains("\"/data\"", Instruction(runtime, "VOLUME"), StringComparison.Ordinal);
        Assert.Contains("/data", Instruction(runtime, "RUN"), StringComparison.Ordinal); // created and handed to the user
        var port = env["ASPNETCORE_HTTP_PORTS"];
        Assert.Equal(port, Instruction(runtime, "EXPOSE"));
        var health = Instruction(runtime, "HEALTHCHECK");
        Assert.Contains($"/dev/tcp/127.0.0.1/{port}", health, StringComparison.Ordinal);
        Assert.Contains("GET /healthz", health, StringComparison.Ordinal);
        Assert.Equal("team", env["Workbench__Security__Mode"]);
        Assert.StartsWith("[\"dotnet\", \"Workbench.dll\"]", Instruction(runtime, "ENTRYPOINT"), StringComparison.Ordinal);
    }

    [Fact]
    public void Dockerfile_BuildStage_CopiesEveryFileTheProjectsReadOutsideSrc()
    {
        var dockerfile = File.ReadAllText(Path.Combine(Root, "Dockerfile"));
        var copied = CopyInstruction().Matches(dockerfile).SelectMany(m => m.Groups["sources"].Value.Split(' ', StringSplitOptions.RemoveEmptyEntries)).ToList();
        var ignored = File.ReadAllLines(Path.Combine(Root, ".dockerignore")).Where(l => l.Length > 0 && !l.StartsWith('#')).ToList();
        var outside = Directory.GetFiles(Path.Combine(Root, "src"), "*.csproj", SearchOption.AllDirectories)
            .SelectMany(project => OutsideInclude().Matches(File.ReadAllText(project)).Select(m => m.Groups["path"].Value))
            .ToList();

        Assert.NotEmpty(outside);
        Assert.All(outside, path =>
        {
            Assert.True(File.Exists(Path.Combine(Root, path)), $"{path} does not exist");
            Assert.Contains(copied, source => path == source || path.StartsWith(source.TrimEnd('/') + "/", StringComparison.Ordinal));
            Assert.DoesNotContain(path.Split('/')[0], ignored);
        });
        Assert.Contains("Directory.Packages.props", copied);
        Assert.Contains("--locked-mode", dockerfile, StringComparison.Ordinal);
    }

    [Fact]
    public void Compose_AppNodes_PassOnlyKnownSettingsAndReachTheLoadBalancerOnTheImagePort()
    {
        var compose = File.ReadAllText(Path.Combine(Root, "deploy", "compose.yaml"));
        var readme = File.ReadAllText(Path.Combine(Root, "README.md"));
        var port = EnvironmentOf(RuntimeStage())["ASPNETCORE_HTTP_PORTS"];
        var appEnvironment = compose[compose.IndexOf("  environment: &app-environment", StringComparison.Ordinal)..compose.IndexOf("  expose:", StringComparison.Ordinal)];
        var keys = EnvironmentKey().Matches(appEnvironment).Select(m => m.Groups["key"].Value).ToList();

        Assert.Contains("WORKBENCH_DATA_PROTECTION_KEY", keys);
        Assert.Contains("WORKBENCH_DATABASE_CONNECTION", keys);
        Assert.All(keys, key =>
        {
            // Every variable is a setting README documents (':' written as '__'): no typo silently does nothing.
            Assert.True(
                readme.Contains($"`{key.Replace("__", ":", StringComparison.Ordinal)}", StringComparison.Ordinal) || readme.Contains($"`{key}`", StringComparison.Ordinal),
                $"compose passes {key}, which README does not document");
        });
        Assert.Contains($"- \"{port}\"", compose, StringComparison.Ordinal);
        Assert.Contains("profiles: [\"telemetry\"]", compose, StringComparison.Ordinal);

        var haproxy = File.ReadAllText(Path.Combine(Root, "deploy", "haproxy.cfg"));
        Assert.Contains($"server app1 app1:{port} check cookie app1", haproxy, StringComparison.Ordinal);
        Assert.Contains($"server app2 app2:{port} check cookie app2", haproxy, StringComparison.Ordinal);
        Assert.Matches(@"(?m)^\s+cookie \w+ insert", haproxy); // sticky sessions: Blazor Server circuits live on one node
        Assert.Matches(@"(?m)^\s+timeout tunnel ", haproxy); // WebSocket connections outlive the request timeouts
    }

    /// <summary>The lines of the last stage, continuation lines joined.</summary>
    private static List<string> RuntimeStage()
    {
        var text = File.ReadAllText(Path.Combine(Root, "Dockerfile")).ReplaceLineEndings("\n").Replace("\\\n", " ", StringComparison.Ordinal);
        var lines = text.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith('#')).ToList();
        return lines[lines.FindLastIndex(l => l.StartsWith("FROM ", StringComparison.Ordinal))..];
    }

    private static string Instruction(List<string> stage, string name)
    {
        var line = Assert.Single(stage, l => l.StartsWith(name + " ", StringComparison.Ordinal));
        return line[(name.Length + 1)..].Trim();
    }

    private static Dictionary<string, string> EnvironmentOf(List<string> stage) => stage
        .Where(l => l.StartsWith("ENV ", StringComparison.Ordinal))
        .SelectMany(l => l[4..].Split(' ', StringSplitOptions.RemoveEmptyEntries))
        .Select(pair => pair.Split('=', 2))
        .ToDictionary(pair => pair[0], pair => pair[1]);

    [GeneratedRegex(@"^COPY (?!--from)(?<sources>.+) \S+$", RegexOptions.Multiline)]
    private static partial Regex CopyInstruction();

    [GeneratedRegex(@"Include=""\.\./\.\./(?<path>[^""]+)""")]
    private static partial Regex OutsideInclude();

    [GeneratedRegex(@"(?m)^    (?<key>[A-Za-z_][A-Za-z0-9_]*):")]
    private static partial Regex EnvironmentKey();
}
