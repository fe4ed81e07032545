using Workbench.Core.Configuration;
using Workbench.Core.Runs;

namespace Workbench.Core.Tests.Runs;

public class RunEngineStreamTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Execute_StreamDroppedOnAttempt1_IsSentAgainAsAStreamRetryAndEndsValid()
    {
        await using var bed = await RunTestBed.CreateAsync();

        var result = await bed.Engine.ExecuteAsync(RunTestBed.Request("drop-mid-stream@1"), null, Ct);

        Assert.Equal(RunStatus.Valid, result.Status);
        Assert.Equal(2, result.Attempts.Count);
        var broken = result.Attempts[0];
        Assert.Equal(RunAttemptStatus.Failed, broken.Status);
        Assert.True(broken.StreamBroke);
        Assert.NotEmpty(broken.Output);
        Assert.NotNull(broken.Error);
        var retry = result.Attempts[1];
        Assert.Equal(RunAttemptKind.StreamRetry, retry.Kind);
        Assert.Equal(RunAttemptStatus.Valid, retry.Status);
        Assert.Equal(broken.Messages, retry.Messages);
    }

    [Fact]
    public async Task Execute_StreamDroppedEveryAttempt_IsRetriedOnceThenFails()
    {
        await using var bed = await RunTestBed.CreateAsync();

        var result = await bed.Engine.ExecuteAsync(RunTestBed.Request("drop-mid-stream"), null, Ct);

        Assert.Equal(RunStatus.Failed, result.Status);
        Assert.Equal(1 + RunEngine.MaxBrokenStreamRetries, result.Attempts.Count);
        Assert.All(result.Attempts, a => Assert.True(a.StreamBroke));
        Assert.NotEmpty(result.Errors);
    }

    [Fact]
    public async Task Execute_StreamStallsLongerThanTheIdleTimeout_AttemptIsAbandonedWithAMessageNamingTheSetting()
    {
        var options = new WorkbenchOptions { Runs = { IdleStreamTimeoutSeconds = 1 } };
        await using var bed = await RunTestBed.CreateAsync(slowFirstTokenMilliseconds: 60_000, options: options);

        var result = await bed.Engine.ExecuteAsync(RunTestBed.Request("slow-first-token") with { MaxAttempts = 2 }, null, Ct);

        Assert.Equal(RunStatus.Failed, result.Status);
        Assert.Equal(2, result.Attempts.Count);
        Assert.All(result.Attempts, a => Assert.Contains("Workbench:Runs:IdleStreamTimeoutSeconds", a.Error, StringComparison.Ordinal));
        Assert.Equal(RunAttemptKind.StreamRetry, result.Attempts[1].Kind);
    }

    [Fact]
    public async Task Check_UnknownTemplate_NamesTheTemplateField()
    {
        await using var bed = await RunTestBed.CreateAsync();

        var problems = await bed.Engine.CheckAsync(RunTestBed.Request() with { Template = "nope" }, Ct);

        var problem = Assert.Single(problems);
        Assert.Equal("template", problem.Field);
        Assert.Contains("nope", problem.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("version")]
    [InlineData("label")]
    [InlineData("maxAttempts")]
    [InlineData("simulation.faults")]
    [InlineData("variables")]
    [InlineData("provider")]
    public async Task Check_BadField_NamesThatField(string field)
    {
        await using var bed = await RunTestBed.CreateAsync();
        var request = field switch
        {
            "version" => RunTestBed.Request() with { Version = 9 },
            "label" => RunTestBed.Request() with { Label = "production" },
            "maxAttempts" => RunTestBed.Request() with { MaxAttempts = 0 },
            "simulation.faults" => RunTestBed.Request("no-such-fault"),
            "variables" => RunTestBed.Request() with { Variables = new Dictionary<string, string?>() },
            _ => RunTestBed.Request() with { Provider = "nowhere" },
        };

        var problems = await bed.Engine.CheckAsync(request, Ct);

        Assert.NotEmpty(problems);
        Assert.All(problems, p => Assert.Equal(field, p.Field));
    }

    [Fact]
    public async Task Check_GoodRequest_HasNoProblemsAndSendsNothing()
    {
        await using var bed = await RunTestBed.CreateAsync();

        var problems = await bed.Engine.CheckAsync(RunTestBed.Request("http-500"), Ct);

        Assert.Empty(problems);
    }

    [Fact]
    public async Task Check_ProviderWithoutItsKey_NamesTheEnvironmentVariableBeforeAnythingIsSent()
    {
        var variable = "WORKBENCH_TEST_UNSET_KEY_" + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();
        await using var bed = await RunTestBed.CreateAsync(configuration: new Dictionary<string, string?>
        {
            ["Workbench:Providers:cloud:Type"] = "openai",
            ["Workbench:Providers:cloud:ApiKeyVariable"] = variable,
        });

        var problems = await bed.Engine.CheckAsync(RunTestBed.Request() with { Provider = "cloud", Model = "gpt-test" }, Ct);

        var problem = Assert.Single(problems);
        Assert.Equal("provider", problem.Field);
        Assert.Contains(variable, problem.Message, StringComparison.Ordinal);
    }
}
