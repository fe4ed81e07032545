using Workbench.Core.Batches;
using Workbench.Core.Tests.Runs;
using Workbench.Testing;

namespace Workbench.Core.Tests.Batches;

public class BatchRedactionTests
{
    private static readonly string Email = "jane.roe" + "@" + "example.com";

    private static readonly string Phone = "+1 415 555 " + "0123";

    private static readonly string Key = "sk-" + "proj-" + new string([.. Enumerable.Range(0, 48).Select(i => "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789"[(i * 7) % 56])]);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task TestCasesAndBatchRuns_PlantedPii_NeverReachTheDatabaseFile()
    {
        await using var bed = await BatchTestBed.CreateAsync();
        await bed.Runner.StartAsync(Ct);
        var template = await bed.TestCases.FindTemplateAsync(RunTestBed.TemplateName, Ct);
        TestCase[] cases =
        [
            new(new Dictionary<string, string?> { ["city"] = "Oslo", ["notes"] = $"mail {Email}" }, TestCaseExpectation.EqualsJson($"{{\"contact\":\"{Email}\",\"phone\":\"{Phone}\"}}")),
            new(new Dictionary<string, string?> { ["city"] = "Oslo", ["notes"] = $"key {Key}" }, TestCaseExpectation.ContainsText($"call {Phone}")),
        ];
        Assert.True((await bed.TestCases.ReplaceSetAsync(template!.Id, TestCaseService.DefaultSet, cases, Ct)).Succeeded);
        var added = await bed.TestCases.AddAsync(template.Id, "other", new TestCase(new Dictionary<string, string?> { ["city"] = Phone }), Ct);
        Assert.True(added.Succeeded);
        Assert.True((await bed.TestCases.UpdateAsync(added.Value!.Id, new TestCase(new Dictionary<string, string?> { ["city"] = Email }, TestCaseExpectation.ContainsText(Key)), Ct)).Succeeded);

        // A batch with the same values submitted directly (echo-pii puts them in the output too): the expectation
        // reasons quote the expected text, and are stored redacted as well.
        var started = await bed.Service.StartAsync(new BatchRequest(RunTestBed.TemplateName) { Cases = cases, Simulation = new() { Faults = ["echo-pii"] } }, Ct);
        Assert.True(started.Succeeded, string.Join("; ", started.Problems));
        var summary = await bed.WaitForFinalAsync(started.Value, Ct);
        Assert.Equal(2, summary.Completed);

        var stored = await bed.TestCases.ListAsync(template.Id, TestCaseService.DefaultSet, Ct);
        Assert.DoesNotContain(Email, stored[0].Case.Variables["notes"], StringComparison.Ordinal);
        Assert.Equal(Workbench.Core.Batches.ExpectationKind.EqualsJson, stored[0].Case.Expectation.Kind);

        var text = await RawDatabaseFile.ReadAsync(bed.Runs.Database.DataDirectory, Ct);
        Assert.Contains("Oslo", text, StringComparison.Ordinal);
        foreach (var planted in new[] { Email, "jane.roe", Phone, "555 0123", Key, Key[8..] })
        {
            Assert.DoesNotContain(planted, text, StringComparison.Ordinal);
        }

        await bed.Runner.StopAsync(Ct);
    }
}
