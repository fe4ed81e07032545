using Workbench.Core.Runs;

namespace Workbench.Core.Tests.Runs;

public class RunEngineTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Execute_ValidFirstTry_IsValidWithOneRecordedAttempt()
    {
        await using var bed = await RunTestBed.CreateAsync();
        var reports = new List<RunProgress>();

        var result = await bed.Engine.ExecuteAsync(RunTestBed.Request(), new SyncProgress<RunProgress>(reports.Add), Ct);

        Assert.Equal(RunStatus.Valid, result.Status);
        var attempt = Assert.Single(result.Attempts);
        Assert.Equal(RunAttemptKind.Initial, attempt.Kind);
        Assert.Equal(RunAttemptStatus.Valid, attempt.Status);
        Assert.Empty(attempt.Issues);
        Assert.NotNull(attempt.Json);
        Assert.Equal(result.Json, attempt.Json);
        Assert.Contains(attempt.Messages, m => m.Role == "user" && m.Text.Contains("Quote a trip to Oslo. Notes: none", StringComparison.Ordinal));
        Assert.True(attempt.InputTokens > 0);
        Assert.True(attempt.OutputTokens > 0);
        Assert.NotNull(attempt.TimeToFirstTokenMs);
        Assert.Equal(0m, attempt.CostUsd);
        Assert.Equal(1, result.TemplateVersion);
        Assert.Contains(reports, r => r.Kind == RunProgressKind.Text);
        Assert.Equal(RunProgressKind.Completed, reports[^1].Kind);
    }

    [Fact]
    public async Task Execute_PinnedTemplateIdAndVersion_RunsWithoutTheNameAfterARenameWhileAnUnpinnedRequestFails()
    {
        await using var bed = await RunTestBed.CreateAsync();
        var first = await bed.Engine.ExecuteAsync(RunTestBed.Request(), null, Ct);
        Assert.Equal(RunStatus.Valid, first.Status);
        var templates = bed.Database.CreateTemplateService();
        Assert.True((await templates.UpdateMetadataAsync(first.TemplateId!.Value, "trip-quote-renamed", null, [], Ct)).Succeeded);

        var pinned = await bed.Engine.ExecuteAsync(RunTestBed.Request() with { Version = first.TemplateVersion, TemplateId = first.TemplateId }, null, Ct);
        var byOldName = await bed.Engine.ExecuteAsync(RunTestBed.Request(), null, Ct);

        Assert.Equal(RunStatus.Valid, pinned.Status);
        Assert.Equal(first.TemplateId, pinned.TemplateId);
        Assert.Equal(RunStatus.Failed, byOldName.Status);
        Assert.Contains(byOldName.Errors, e => e.Contains("There is no template named", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Execute_PinnedVersionThatDoesNotExist_FailsWithTheVersionProblem()
    {
        await using var bed = await RunTestBed.CreateAsync();
        var first = await bed.Engine.ExecuteAsync(RunTestBed.Request(), null, Ct);

        var result = await bed.Engine.ExecuteAsync(RunTestBed.Request() with { Version = 9, TemplateId = first.TemplateId }, null, Ct);

        Assert.Equal(RunStatus.Failed, result.Status);
        Assert.Contains(result.Errors, e => e.Contains("has no version 9", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Execute_InvalidJsonOnAttempt1_IsRepairedOnAttempt2WithTheIssueInTheRepairMessage()
    {
        await using var bed = await RunTestBed.CreateAsync();

        var result = await bed.Engine.ExecuteAsync(RunTestBed.Request("invalid-json@1"), null, Ct);

        Assert.Equal(RunStatus.Repaired, result.Status);
        Assert.Equal(2, result.Attempts.Count);
        var first = result.Attempts[0];
        Assert.Equal(RunAttemptStatus.Invalid, first.Status);
        var issue = Assert.Single(first.Issues);
        var repair = result.Attempts[1];
        Assert.Equal(RunAttemptKind.Repair, repair.Kind);
        Assert.Equal(RunAttemptStatus.Valid, repair.Status);
        Assert.Equal(new RunMessage("assistant", first.Output), repair.Messages[^2]);
        var message = repair.Messages[^1];
        Assert.Equal("user", message.Role);
        Assert.StartsWith(RunEngine.RepairIntroduction, message.Text, StringComparison.Ordinal);
        Assert.Contains(issue.Message, message.Text, StringComparison.Ordinal);
        Assert.Contains("JSON Schema:", message.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Execute_MissingRequiredEveryAttempt_IsInvalidAfterThreeAttempts()
    {
        await using var bed = await RunTestBed.CreateAsync();

        var result = await bed.Engine.ExecuteAsync(RunTestBed.Request("missing-required"), null, Ct);

        Assert.Equal(RunStatus.Invalid, result.Status);
        Assert.Equal(3, result.Attempts.Count);
        Assert.All(result.Attempts, a => Assert.Equal(RunAttemptStatus.Invalid, a.Status));
        Assert.All(result.Attempts, a => Assert.Contains(a.Issues, i => i.Kind == "required"));
        Assert.Equal([RunAttemptKind.Initial, RunAttemptKind.Repair, RunAttemptKind.Repair], result.Attempts.Select(a => a.Kind));
        Assert.Contains($"- {result.Attempts[1].Issues[0].Path}", result.Attempts[2].Messages[^1].Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Execute_Http429OnAttempt1_RecordsTheTransportRetryWithItsWaitThenIsValid()
    {
        await using var bed = await RunTestBed.CreateAsync();
        var retries = new List<RunProgress>();

        var result = await bed.Engine.ExecuteAsync(RunTestBed.Request("http-429@1"), new SyncProgress<RunProgress>(p =>
        {
            if (p.Kind == RunProgressKind.TransportRetry)
            {
                retries.Add(p);
            }
        }), Ct);

        Assert.Equal(RunStatus.Valid, result.Status);
        var retry = Assert.Single(Assert.Single(result.Attempts).TransportRetries);
        Assert.Equal(429, retry.HttpStatus);
        Assert.Equal(TimeSpan.FromMilliseconds(25), retry.Wait);
        Assert.Single(retries);
    }

    [Fact]
    public async Task Execute_Http500WithRetriesExhausted_IsFailedWithTheProviderError()
    {
        await using var bed = await RunTestBed.CreateAsync(maxRetries: 0);

        var result = await bed.Engine.ExecuteAsync(RunTestBed.Request("http-500"), null, Ct);

        Assert.Equal(RunStatus.Failed, result.Status);
        var attempt = Assert.Single(result.Attempts);
        Assert.Equal(RunAttemptStatus.Failed, attempt.Status);
        Assert.Equal(500, attempt.HttpStatus);
        Assert.Empty(attempt.TransportRetries);
        Assert.False(string.IsNullOrWhiteSpace(attempt.Error));
        Assert.Equal(attempt.Error, Assert.Single(result.Errors));
    }

    [Fact]
    public async Task Execute_Cancelled_IsCancelledWithWhatArrivedSoFar()
    {
        await using var bed = await RunTestBed.CreateAsync(chunkDelayMilliseconds: 20);
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(Ct);

        var result = await bed.Engine.ExecuteAsync(RunTestBed.Request(), new SyncProgress<RunProgress>(p =>
        {
            if (p.Kind == RunProgressKind.Text)
            {
                cts.Cancel();
            }
        }), cts.Token);

        Assert.Equal(RunStatus.Cancelled, result.Status);
        var attempt = Assert.Single(result.Attempts);
        Assert.Equal(RunAttemptStatus.Cancelled, attempt.Status);
        Assert.False(string.IsNullOrEmpty(attempt.Output));
        Assert.Equal(attempt.Output, result.Output);
    }

    [Fact]
    public async Task Execute_MissingRequiredVariable_FailsWithoutCallingTheProvider()
    {
        await using var bed = await RunTestBed.CreateAsync();

        var result = await bed.Engine.ExecuteAsync(RunTestBed.Request() with { Variables = new Dictionary<string, string?>() }, null, Ct);

        Assert.Equal(RunStatus.Failed, result.Status);
        Assert.Empty(result.Attempts);
        Assert.Contains(result.Errors, e => e.Contains("city", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Execute_UnknownTemplateOrLabel_FailsWithAClearMessage()
    {
        await using var bed = await RunTestBed.CreateAsync();

        var unknown = await bed.Engine.ExecuteAsync(RunTestBed.Request() with { Template = "nope" }, null, Ct);
        var label = await bed.Engine.ExecuteAsync(RunTestBed.Request() with { Label = "production" }, null, Ct);

        Assert.Equal(RunStatus.Failed, unknown.Status);
        Assert.Contains("no template named 'nope'", Assert.Single(unknown.Errors), StringComparison.Ordinal);
        Assert.Contains("no label 'production'", Assert.Single(label.Errors), StringComparison.Ordinal);
    }
}
