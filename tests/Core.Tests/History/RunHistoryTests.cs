using Microsoft.EntityFrameworkCore;
using Workbench.Core.History;
using Workbench.Core.Runs;
using Workbench.Core.Tests.Persistence;
using Workbench.Core.Persistence;

namespace Workbench.Core.Tests.History;

public class RunHistoryTests
{
    /// <summary>The engine these tests run against; the PostgreSQL subclass runs them all again there (ADR-020).</summary>
    protected virtual DatabaseProvider Provider => DatabaseProvider.Sqlite;

    private static readonly string Email = "jane.roe" + "@" + "example.com";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Query_NoFilters_NewestFirstWithTotal()
    {
        await using var bed = await HistoryTestBed.CreateAsync(Provider);
        var first = await bed.AddAsync();
        var second = await bed.AddAsync();
        var third = await bed.AddAsync();

        var page = await bed.QueryAsync(new RunHistoryQuery());

        Assert.Equal(3, page.Total);
        Assert.Equal([third, second, first], page.Rows.Select(r => r.Id));
    }

    [Fact]
    public async Task Query_TemplateFilter_OnlyThatTemplate()
    {
        await using var bed = await HistoryTestBed.CreateAsync(Provider);
        var trip = await bed.AddAsync(template: "trip");
        await bed.AddAsync(template: "invoice");

        var page = await bed.QueryAsync(new RunHistoryQuery { Template = "trip" });

        Assert.Equal(trip, Assert.Single(page.Rows).Id);
    }

    [Fact]
    public async Task Query_VersionFilter_OnlyThatVersion()
    {
        await using var bed = await HistoryTestBed.CreateAsync(Provider);
        await bed.AddAsync(version: 1);
        var v2 = await bed.AddAsync(version: 2);

        var page = await bed.QueryAsync(new RunHistoryQuery { Version = 2 });

        Assert.Equal(v2, Assert.Single(page.Rows).Id);
    }

    [Fact]
    public async Task Query_LabelFilter_OnlyRunsByThatLabel()
    {
        await using var bed = await HistoryTestBed.CreateAsync(Provider);
        var production = await bed.AddAsync(label: "production");
        await bed.AddAsync(label: "staging");
        await bed.AddAsync();

        var page = await bed.QueryAsync(new RunHistoryQuery { Label = "production" });

        Assert.Equal(production, Assert.Single(page.Rows).Id);
    }

    [Fact]
    public async Task Query_ProviderAndModelFilters_Combine()
    {
        await using var bed = await HistoryTestBed.CreateAsync(Provider);
        var wanted = await bed.AddAsync(provider: "openai", model: "gpt-4o-mini");
        await bed.AddAsync(provider: "openai", model: "gpt-4o");
        await bed.AddAsync(provider: "simulated", model: "gpt-4o-mini");

        var page = await bed.QueryAsync(new RunHistoryQuery { Provider = "openai", Model = "gpt-4o-mini" });
        var byProvider = await bed.QueryAsync(new RunHistoryQuery { Provider = "openai" });

        Assert.Equal(wanted, Assert.Single(page.Rows).Id);
        Assert.Equal(2, byProvider.Total);
    }

    [Theory]
    [InlineData(RunStatus.Valid)]
    [InlineData(RunStatus.Repaired)]
    [InlineData(RunStatus.Invalid)]
    [InlineData(RunStatus.Failed)]
    [InlineData(RunStatus.Cancelled)]
    [InlineData(RunStatus.Interrupted)]
    public async Task Query_StatusFilter_OnlyThatStatus(RunStatus status)
    {
        await using var bed = await HistoryTestBed.CreateAsync(Provider);
        foreach (var each in new[] { RunStatus.Valid, RunStatus.Repaired, RunStatus.Invalid, RunStatus.Failed, RunStatus.Cancelled, RunStatus.Interrupted })
        {
            await bed.AddAsync(status: each);
        }

        var page = await bed.QueryAsync(new RunHistoryQuery { Statuses = [status] });

        Assert.Equal(status, Assert.Single(page.Rows).Status);
    }

    [Fact]
    public async Task Query_SeveralStatuses_AnyOfThem()
    {
        await using var bed = await HistoryTestBed.CreateAsync(Provider);
        await bed.AddAsync(status: RunStatus.Valid);
        await bed.AddAsync(status: RunStatus.Invalid);
        await bed.AddAsync(status: RunStatus.Failed);

        var page = await bed.QueryAsync(new RunHistoryQuery { Statuses = [RunStatus.Invalid, RunStatus.Failed] });

        Assert.Equal([RunStatus.Failed, RunStatus.Invalid], page.Rows.Select(r => r.Status));
    }

    [Fact]
    public async Task Query_BatchFilter_OnlyThatBatchsRuns()
    {
        await using var bed = await HistoryTestBed.CreateAsync(Provider);
        var batch = await bed.AddBatchAsync();
        var other = await bed.AddBatchAsync();
        var inBatch = await bed.AddAsync(batchId: batch);
        await bed.AddAsync(batchId: other);
        await bed.AddAsync();

        var page = await bed.QueryAsync(new RunHistoryQuery { BatchId = batch });

        Assert.Equal(inBatch, Assert.Single(page.Rows).Id);
    }

    [Fact]
    public async Task Query_DateRange_FromInclusiveToExclusive()
    {
        await using var bed = await HistoryTestBed.CreateAsync(Provider);
        var day = new DateTime(2026, 11, 10, 0, 0, 0, DateTimeKind.Utc);
        await bed.AddAsync(createdAtUtc: day.AddTicks(-1));
        var atStart = await bed.AddAsync(createdAtUtc: day);
        var inside = await bed.AddAsync(createdAtUtc: day.AddHours(23));
        await bed.AddAsync(createdAtUtc: day.AddDays(1));

        var page = await bed.QueryAsync(new RunHistoryQuery { FromUtc = day, ToUtc = day.AddDays(1) });

        Assert.Equal([inside, atStart], page.Rows.Select(r => r.Id));
    }

    [Fact]
    public async Task Query_AuthorFilter_OnlyRunsStartedByThem()
    {
        await using var bed = await HistoryTestBed.CreateAsync(Provider);
        var alice = await bed.AddAsync(author: "alice");
        await bed.AddAsync(author: "bob");
        await bed.AddAsync(author: null);

        var page = await bed.QueryAsync(new RunHistoryQuery { Author = "alice" });

        Assert.Equal(alice, Assert.Single(page.Rows).Id);
    }

    [Fact]
    public async Task Query_VerdictFilter_UsesTheNewestVerdict()
    {
        await using var bed = await HistoryTestBed.CreateAsync(Provider);
        var approved = await bed.AddAsync();
        var changedMind = await bed.AddAsync();
        await bed.AddAsync();
        Assert.True((await bed.Verdicts.AddAsync(approved, "rita", VerdictKind.Approved, null, Ct)).Succeeded);
        Assert.True((await bed.Verdicts.AddAsync(changedMind, "rita", VerdictKind.Approved, null, Ct)).Succeeded);
        bed.Database.Time.Advance(TimeSpan.FromMinutes(1));
        Assert.True((await bed.Verdicts.AddAsync(changedMind, "rita", VerdictKind.Rejected, "Wrong currency.", Ct)).Succeeded);

        var page = await bed.QueryAsync(new RunHistoryQuery { Verdict = VerdictKind.Approved });
        var all = await bed.QueryAsync(new RunHistoryQuery());

        Assert.Equal(approved, Assert.Single(page.Rows).Id);
        Assert.Equal(VerdictKind.Rejected, all.Rows.Single(r => r.Id == changedMind).Verdict);
        Assert.Null(all.Rows[0].Verdict);
    }

    [Fact]
    public async Task Query_Paging_PagesDoNotOverlapAndCountAll()
    {
        await using var bed = await HistoryTestBed.CreateAsync(Provider);
        var ids = new List<Guid>();
        for (var i = 0; i < 7; i++)
        {
            ids.Add(await bed.AddAsync());
        }

        var pages = new List<RunHistoryPage>();
        for (var p = 0; p < 3; p++)
        {
            pages.Add(await bed.QueryAsync(new RunHistoryQuery { Page = p, PageSize = 3 }));
        }

        Assert.All(pages, p => Assert.Equal(7, p.Total));
        Assert.Equal([3, 3, 1], pages.Select(p => p.Rows.Count));
        Assert.Equal(Enumerable.Reverse(ids), pages.SelectMany(p => p.Rows).Select(r => r.Id));
    }

    [Fact]
    public async Task Query_PageBeyondTheEnd_EmptyWithTotal()
    {
        await using var bed = await HistoryTestBed.CreateAsync(Provider);
        await bed.AddAsync();

        var page = await bed.QueryAsync(new RunHistoryQuery { Page = 5 });

        Assert.Empty(page.Rows);
        Assert.Equal(1, page.Total);
    }

    [Theory]
    [InlineData(RunHistorySort.Template, false, new[] { "a", "b", "c" })]
    [InlineData(RunHistorySort.Template, true, new[] { "c", "b", "a" })]
    public async Task Query_SortByTemplate_Ordered(RunHistorySort sort, bool descending, string[] expected)
    {
        await using var bed = await HistoryTestBed.CreateAsync(Provider);
        await bed.AddAsync(template: "b");
        await bed.AddAsync(template: "c");
        await bed.AddAsync(template: "a");

        var page = await bed.QueryAsync(new RunHistoryQuery { Sort = sort, Descending = descending });

        Assert.Equal(expected, page.Rows.Select(r => r.Template));
    }

    [Fact]
    public async Task Query_SortByAttemptsAscending_FewestFirstThenOldest()
    {
        await using var bed = await HistoryTestBed.CreateAsync(Provider);
        var three = await bed.AddAsync(attempts: 3);
        var oneOld = await bed.AddAsync(attempts: 1);
        var oneNew = await bed.AddAsync(attempts: 1);

        var page = await bed.QueryAsync(new RunHistoryQuery { Sort = RunHistorySort.Attempts, Descending = false });

        Assert.Equal([oneOld, oneNew, three], page.Rows.Select(r => r.Id));
    }

    [Fact]
    public async Task Query_SortByCreatedAscending_OldestFirst()
    {
        await using var bed = await HistoryTestBed.CreateAsync(Provider);
        var first = await bed.AddAsync();
        var second = await bed.AddAsync();

        var page = await bed.QueryAsync(new RunHistoryQuery { Descending = false });

        Assert.Equal([first, second], page.Rows.Select(r => r.Id));
    }

    [Theory]
    [InlineData(RunHistorySort.Version)]
    [InlineData(RunHistorySort.Status)]
    [InlineData(RunHistorySort.Provider)]
    [InlineData(RunHistorySort.Model)]
    [InlineData(RunHistorySort.Author)]
    public async Task Query_EverySortColumn_ReturnsAllRowsInThatOrder(RunHistorySort sort)
    {
        await using var bed = await HistoryTestBed.CreateAsync(Provider);
        await bed.AddAsync(version: 2, status: RunStatus.Invalid, provider: "p2", model: "m1", author: "zed");
        await bed.AddAsync(version: 1, status: RunStatus.Failed, provider: "p1", model: "m2", author: "amy");

        var ascending = await bed.QueryAsync(new RunHistoryQuery { Sort = sort, Descending = false });
        var descending = await bed.QueryAsync(new RunHistoryQuery { Sort = sort, Descending = true });

        Assert.Equal(2, ascending.Rows.Count);
        Assert.Equal(ascending.Rows.Select(r => r.Id).Reverse(), descending.Rows.Select(r => r.Id));
    }

    [Fact]
    public async Task Query_Text_FindsWordsInRedactedInputAndOutput()
    {
        await using var bed = await HistoryTestBed.CreateAsync(Provider);
        var input = await bed.AddAsync(variables: new Dictionary<string, string?> { ["city"] = "Trondheim" });
        var output = await bed.AddAsync(output: "The Bergen quote is ready.");
        await bed.AddAsync();

        Assert.Equal(input, Assert.Single((await bed.QueryAsync(new RunHistoryQuery { Text = "trondheim" })).Rows).Id);
        Assert.Equal(output, Assert.Single((await bed.QueryAsync(new RunHistoryQuery { Text = "bergen quote" })).Rows).Id);
        Assert.Equal(output, Assert.Single((await bed.QueryAsync(new RunHistoryQuery { Text = "berg" })).Rows).Id); // prefix
        Assert.Empty((await bed.QueryAsync(new RunHistoryQuery { Text = "bergen trondheim" })).Rows); // all words must match
    }

    [Fact]
    public async Task Query_TextWithOrWithoutAccents_MatchesEitherWayOnBothEngines()
    {
        await using var bed = await HistoryTestBed.CreateAsync(Provider);
        var accented = await bed.AddAsync(output: "Meeting at Café Münster in São Paulo, Ærøskøbing later.");
        var plain = await bed.AddAsync(variables: new Dictionary<string, string?> { ["notes"] = "resume for Jose" });
        await bed.AddAsync();

        Assert.Equal(accented, Assert.Single((await bed.QueryAsync(new RunHistoryQuery { Text = "cafe munster" })).Rows).Id);
        Assert.Equal(accented, Assert.Single((await bed.QueryAsync(new RunHistoryQuery { Text = "SAO PAULO" })).Rows).Id);
        Assert.Equal(accented, Assert.Single((await bed.QueryAsync(new RunHistoryQuery { Text = "café" })).Rows).Id);
        Assert.Equal(plain, Assert.Single((await bed.QueryAsync(new RunHistoryQuery { Text = "résumé" })).Rows).Id);
        Assert.Equal(plain, Assert.Single((await bed.QueryAsync(new RunHistoryQuery { Text = "José" })).Rows).Id);
    }

    [Fact]
    public async Task Query_TextWithOriginalPii_FindsNothingButThePlaceholderMatches()
    {
        await using var bed = await HistoryTestBed.CreateAsync(Provider);
        var id = await bed.AddAsync(variables: new Dictionary<string, string?> { ["notes"] = $"write to {Email}" }, output: $"Sent to {Email}.");

        Assert.Empty((await bed.QueryAsync(new RunHistoryQuery { Text = Email })).Rows);
        Assert.Empty((await bed.QueryAsync(new RunHistoryQuery { Text = "jane.roe" })).Rows);
        Assert.Equal(id, Assert.Single((await bed.QueryAsync(new RunHistoryQuery { Text = "EMAIL" })).Rows).Id);
    }

    [Fact]
    public async Task Query_TextAfterUpdateAndDelete_IndexFollowsTheRuns()
    {
        await using var bed = await HistoryTestBed.CreateAsync(Provider);
        var id = await bed.AddAsync(output: "first answer about Lisbon");
        await using (var db = await bed.Database.Factory.CreateDbContextAsync(Ct))
        {
            var run = await db.Runs.SingleAsync(r => r.Id == id, Ct);
            run.Output = "second answer about Madrid";
            await db.SaveChangesAsync(Ct);
        }

        Assert.Empty((await bed.QueryAsync(new RunHistoryQuery { Text = "lisbon" })).Rows);
        Assert.Single((await bed.QueryAsync(new RunHistoryQuery { Text = "madrid" })).Rows);

        await using (var db = await bed.Database.Factory.CreateDbContextAsync(Ct))
        {
            await db.Runs.Where(r => r.Id == id).ExecuteDeleteAsync(Ct);
        }

        Assert.Empty((await bed.QueryAsync(new RunHistoryQuery { Text = "madrid" })).Rows);
    }

    [Fact]
    public async Task Query_TextSurvivesVacuum_StillFindsTheRightRun()
    {
        await using var bed = await HistoryTestBed.CreateAsync(Provider);
        var doomed = await bed.AddAsync(output: "gone soon");
        var kept = await bed.AddAsync(output: "keeps Vienna");
        await using (var db = await bed.Database.Factory.CreateDbContextAsync(Ct))
        {
            await db.Runs.Where(r => r.Id == doomed).ExecuteDeleteAsync(Ct);
            await db.Database.ExecuteSqlRawAsync("VACUUM;", Ct);
        }

        Assert.Equal(kept, Assert.Single((await bed.QueryAsync(new RunHistoryQuery { Text = "vienna" })).Rows).Id);
    }

    [Theory]
    [InlineData("\"unbalanced")]
    [InlineData("NEAR(a b")]
    [InlineData("Output: x OR")]
    [InlineData("a* AND -b ^c")]
    public async Task Query_TextWithFtsSyntax_IsTreatedAsWords(string text)
    {
        await using var bed = await HistoryTestBed.CreateAsync(Provider);
        await bed.AddAsync();

        var result = await bed.History.QueryAsync(new RunHistoryQuery { Text = text }, Ct);

        Assert.True(result.Succeeded);
        Assert.Empty(result.Value!.Rows);
    }

    [Fact]
    public async Task Query_TextOnly_TotalCountedInTheIndexMatchesTheRows()
    {
        await using var bed = await HistoryTestBed.CreateAsync(Provider);
        for (var i = 0; i < 5; i++)
        {
            await bed.AddAsync(output: i < 3 ? "about Lisbon" : "about Rome");
        }

        var deleted = (await bed.QueryAsync(new RunHistoryQuery { Text = "lisbon" })).Rows[0].Id;
        await using (var db = await bed.Database.Factory.CreateDbContextAsync(Ct))
        {
            await db.Runs.Where(r => r.Id == deleted).ExecuteDeleteAsync(Ct);
        }

        var page = await bed.QueryAsync(new RunHistoryQuery { Text = "lisbon", PageSize = 1 });

        Assert.Equal(2, page.Total);
        Assert.Single(page.Rows);
    }

    [Fact]
    public async Task Query_TextCombinedWithFilters_BothApply()
    {
        await using var bed = await HistoryTestBed.CreateAsync(Provider);
        var wanted = await bed.AddAsync(template: "trip", status: RunStatus.Invalid, output: "Oslo invalid");
        await bed.AddAsync(template: "trip", status: RunStatus.Valid, output: "Oslo valid");
        await bed.AddAsync(template: "other", status: RunStatus.Invalid, output: "Oslo other");

        var page = await bed.QueryAsync(new RunHistoryQuery { Template = "trip", Statuses = [RunStatus.Invalid], Text = "oslo" });

        Assert.Equal(wanted, Assert.Single(page.Rows).Id);
        Assert.Equal(1, page.Total);
    }

    [Theory]
    [InlineData("***", "text")]
    [InlineData("", null)]
    public async Task Query_TextWithoutWords_ProblemOrIgnored(string text, string? field)
    {
        await using var bed = await HistoryTestBed.CreateAsync(Provider);
        await bed.AddAsync();

        var result = await bed.History.QueryAsync(new RunHistoryQuery { Text = text }, Ct);

        if (field is null)
        {
            Assert.Equal(1, result.Value!.Total);
        }
        else
        {
            Assert.Equal(field, Assert.Single(result.Problems).Field);
        }
    }

    [Fact]
    public async Task Query_BadPageAndRange_ProblemsNameTheFields()
    {
        await using var bed = await HistoryTestBed.CreateAsync(Provider);
        var day = new DateTime(2026, 11, 10, 0, 0, 0, DateTimeKind.Utc);

        var result = await bed.History.QueryAsync(new RunHistoryQuery { Page = -1, PageSize = 0, FromUtc = day, ToUtc = day, Text = new string('a', 201) }, Ct);

        Assert.Equal(["pageSize", "page", "dates", "text"], result.Problems.Select(p => p.Field));
    }

    [Fact]
    public async Task Facets_DistinctSortedValues()
    {
        await using var bed = await HistoryTestBed.CreateAsync(Provider);
        await bed.AddAsync(template: "b", label: "production", author: "zed");
        await bed.AddAsync(template: "a", provider: "openai", model: "gpt-4o", author: "amy");
        await bed.AddAsync(template: "b", author: null);

        var facets = await bed.History.GetFacetsAsync(Ct);

        Assert.Equal(["a", "b"], facets.Templates);
        Assert.Equal(["production"], facets.Labels);
        Assert.Equal(["openai", "simulated"], facets.Providers);
        Assert.Equal(["gpt-4o", "simulated-json"], facets.Models);
        Assert.Equal(["amy", "zed"], facets.Authors);
    }

    [Fact]
    public async Task GetInputs_StoredRun_RedactedVariablesAndSettings()
    {
        await using var bed = await HistoryTestBed.CreateAsync(Provider);
        var id = await bed.AddAsync(variables: new Dictionary<string, string?> { ["city"] = "Oslo", ["notes"] = $"mail {Email}" }, provider: "openai", model: "gpt-4o", version: 3);

        var inputs = await bed.History.GetInputsAsync(id, Ct);

        Assert.NotNull(inputs);
        Assert.Equal("Oslo", inputs.Variables["city"]);
        Assert.DoesNotContain(Email, inputs.Variables["notes"], StringComparison.Ordinal);
        Assert.Contains("[EMAIL", inputs.Variables["notes"], StringComparison.Ordinal);
        Assert.Equal((3, "openai", "gpt-4o"), (inputs.Version, inputs.Provider, inputs.Model));
        Assert.Null(await bed.History.GetInputsAsync(Guid.NewGuid(), Ct));
    }

    [Fact]
    public async Task Store_RequestedBy_IsStoredAsTheAuthor()
    {
        await using var database = await TestDatabase.CreateAsync(Provider);
        var store = new RunStore(database.Factory, database.Time);
        await store.AddQueuedAsync(new RunRequest("trip", new Dictionary<string, string?>()) { RequestedBy = "alice" }, Ct);

        var page = await new RunHistory(database.Factory, database.CreateRunSearch()).QueryAsync(new RunHistoryQuery { Author = "alice" }, Ct);

        Assert.Equal("alice", Assert.Single(page.Value!.Rows).StartedBy);
    }

    [Fact]
    public async Task Query_CommonWordPastTheCountCap_TotalIsALowerBoundAndNewestMatchesFirst()
    {
        await using var bed = await HistoryTestBed.CreateAsync();
        var matches = await bed.AddManyAsync(RunHistoryQuery.CountCap + 30, "refund");
        await bed.AddAsync(output: """{"note":"nothing to see"}""");

        var first = await bed.QueryAsync(new RunHistoryQuery { Text = "refund" });
        var second = await bed.QueryAsync(new RunHistoryQuery { Text = "refund", Page = 1 });
        var oldest = await bed.QueryAsync(new RunHistoryQuery { Text = "refund", Descending = false });

        Assert.True(first.TotalIsLowerBound);
        Assert.Equal(RunHistoryQuery.CountCap, first.Total);
        Assert.Equal(Enumerable.Reverse(matches).Take(25), first.Rows.Select(r => r.Id));
        Assert.Equal(Enumerable.Reverse(matches).Skip(25).Take(25), second.Rows.Select(r => r.Id));
        Assert.Equal(matches.Take(25), oldest.Rows.Select(r => r.Id));
    }

    [Fact]
    public async Task Query_CommonWordOnALatePage_CountsOnePageFurtherAndEndsExact()
    {
        await using var bed = await HistoryTestBed.CreateAsync();
        var matches = await bed.AddManyAsync(RunHistoryQuery.CountCap + 30, "refund");

        var page39 = await bed.QueryAsync(new RunHistoryQuery { Text = "refund", Page = 39 });
        var last = await bed.QueryAsync(new RunHistoryQuery { Text = "refund", Page = 41 });

        Assert.True(page39.TotalIsLowerBound);
        Assert.Equal(41 * 25, page39.Total);
        Assert.Equal(Enumerable.Reverse(matches).Skip(975).Take(25), page39.Rows.Select(r => r.Id));
        Assert.False(last.TotalIsLowerBound);
        Assert.Equal(matches.Count, last.Total);
        Assert.Equal(Enumerable.Reverse(matches).Skip(1025), last.Rows.Select(r => r.Id));
    }

    [Fact]
    public async Task Query_CommonWordSortedByAnotherColumn_SameMatchesInThatOrder()
    {
        await using var bed = await HistoryTestBed.CreateAsync();
        var matches = await bed.AddManyAsync(RunHistoryQuery.CountCap + 5, "refund");
        var other = await bed.AddManyAsync(3, "refund", template: "aaa");

        var page = await bed.QueryAsync(new RunHistoryQuery { Text = "refund", Sort = RunHistorySort.Template, Descending = false });

        Assert.True(page.TotalIsLowerBound);
        Assert.Equal(other.Concat(matches).Take(25), page.Rows.Select(r => r.Id));
    }

    [Fact]
    public async Task Query_RareWord_ExactTotal()
    {
        await using var bed = await HistoryTestBed.CreateAsync();
        await bed.AddManyAsync(3, "zanzibar");
        await bed.AddManyAsync(5, "refund");

        var page = await bed.QueryAsync(new RunHistoryQuery { Text = "zanzibar" });

        Assert.False(page.TotalIsLowerBound);
        Assert.Equal(3, page.Total);
    }
}
