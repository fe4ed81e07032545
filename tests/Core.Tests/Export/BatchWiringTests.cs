using Workbench.Core.Batches;
using Workbench.Core.Export;
using Workbench.Core.Persistence;
using Workbench.Core.Templates;

namespace Workbench.Core.Tests.Export;

/// <summary>The real seams: export evidence from stored batches, test cases from and into stored test sets.</summary>
public class BatchWiringTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static BatchEntity Batch(Guid templateId, int version, string? testSet, BatchStatus status, DateTime created) => new()
    {
        Id = Guid.CreateVersion7(),
        TemplateName = "t",
        TemplateId = templateId,
        TemplateVersion = version,
        TestSet = testSet,
        Status = status,
        CreatedAtUtc = created,
        FinishedAtUtc = status == BatchStatus.Completed ? created.AddMinutes(1) : null,
        SettingsJson = """[{"provider":"simulated","model":"simulated-json"}]""",
    };

    [Fact]
    public async Task Evidence_LatestTestSetBatchOfTheVersion_IsUsedAndAdHocBatchesAreNot()
    {
        await using var bed = await ExportTestBed.CreateAsync();
        var (template, _) = await bed.CreateValidatedAsync(passing: false);
        var t0 = new DateTime(2026, 11, 1, 0, 0, 0, DateTimeKind.Utc);
        var older = Batch(template.Id, 1, "default", BatchStatus.Completed, t0);
        var newer = Batch(template.Id, 1, "default", BatchStatus.Cancelled, t0.AddHours(1));
        var adHoc = Batch(template.Id, 1, null, BatchStatus.Completed, t0.AddHours(2));
        var otherVersion = Batch(template.Id, 2, "default", BatchStatus.Completed, t0.AddHours(3));
        await using (var db = await bed.Db.Factory.CreateDbContextAsync(Ct))
        {
            db.Batches.AddRange(older, newer, adHoc, otherVersion);
            await db.SaveChangesAsync(Ct);
        }

        var evidence = new BatchExportEvidence(bed.Db.Factory, new BatchStore(bed.Db.Factory, bed.Db.Time));
        var latest = await evidence.GetLatestBatchAsync(template.Id, 1, Ct);

        Assert.Equal(newer.Id, latest!.BatchId);
        Assert.False(latest.Finished);
        Assert.Equal("cancelled", latest.Status);
        Assert.Null(await evidence.GetLatestBatchAsync(template.Id, 3, Ct));
    }

    [Fact]
    public async Task TestSets_ExportedAndImported_LandInTheSameSetsOnceOnly()
    {
        await using var source = await ExportTestBed.CreateAsync();
        var (template, _) = await source.CreateValidatedAsync(clean: true);
        var sourceCases = new TestCaseService(source.Db.Factory, source.Db.Time);
        await sourceCases.AddAsync(template.Id, "smoke", new TestCase(new Dictionary<string, string?> { ["text"] = "Alan Turing" }, TestCaseExpectation.ContainsText("Alan")), Ct);
        await sourceCases.AddAsync(template.Id, "edge", new TestCase(new Dictionary<string, string?> { ["text"] = "" }), Ct);
        var bridge = new TestSetBridge(sourceCases);

        var packaged = await bridge.GetTestCasesAsync(template.Id, Ct);
        Assert.Equal(["edge", "smoke"], packaged.Select(c => c.Set).Order(StringComparer.Ordinal));
        Assert.Contains(packaged, c => c.Expect == PackagedTestCase.ContainsText && c.ExpectValue == "Alan");

        await using var target = await ExportTestBed.CreateAsync();
        var targetCases = new TestCaseService(target.Db.Factory, target.Db.Time);
        var targetBridge = new TestSetBridge(targetCases);
        var created = await target.Templates.CreateAsync(new NewTemplate("Target", null, [], ExportTestBed.Content(null)), "bob", Ct);

        Assert.Equal(2, await targetBridge.StoreAsync(created.Value!.Id, packaged, Ct));
        Assert.Equal(0, await targetBridge.StoreAsync(created.Value.Id, packaged, Ct));
        var smoke = Assert.Single(await targetCases.ListAsync(created.Value.Id, "smoke", Ct));
        Assert.Equal(ExpectationKind.ContainsText, smoke.Case.Expectation.Kind);
    }

    [Fact]
    public void TestSets_BadSetNameOrExpectation_AreProblemsBeforeAnythingIsWritten()
    {
        var bridge = new TestSetBridge(new TestCaseService(null!, TimeProvider.System));

        var problems = bridge.Check([
            new PackagedTestCase("../etc", new Dictionary<string, string?>()),
            new PackagedTestCase("ok", new Dictionary<string, string?>(), PackagedTestCase.EqualsJson, "{not json"),
        ]);

        Assert.Equal(["testCases[0].set", "testCases[1].expect"], problems.Select(p => p.Field));
    }
}
