using Workbench.Core.History;
using Workbench.Core.Persistence;

namespace Workbench.Core.Tests.History;

public class VerdictServiceTests
{
    /// <summary>The engine these tests run against; the PostgreSQL subclass runs them all again there (ADR-020).</summary>
    protected virtual DatabaseProvider Provider => DatabaseProvider.Sqlite;

    private static readonly string Email = "jane.roe" + "@" + "example.com";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Add_Approval_ListedWithReviewerAndTime()
    {
        await using var bed = await HistoryTestBed.CreateAsync(Provider);
        var run = await bed.AddAsync();

        var added = await bed.Verdicts.AddAsync(run, "rita", VerdictKind.Approved, null, Ct);

        Assert.True(added.Succeeded);
        var verdict = Assert.Single(await bed.Verdicts.ListAsync(run, Ct));
        Assert.Equal(("rita", VerdictKind.Approved, (string?)null), (verdict.Reviewer, verdict.Verdict, verdict.Comment));
        Assert.Equal(bed.Database.Time.GetUtcNow().UtcDateTime, verdict.CreatedAtUtc);
    }

    [Fact]
    public async Task Add_Several_ListedNewestFirstAndLatestPerRun()
    {
        await using var bed = await HistoryTestBed.CreateAsync(Provider);
        var run = await bed.AddAsync();
        var other = await bed.AddAsync();
        await bed.Verdicts.AddAsync(run, "rita", VerdictKind.NeedsWork, "Currency missing.", Ct);
        bed.Database.Time.Advance(TimeSpan.FromMinutes(5));
        await bed.Verdicts.AddAsync(run, "sam", VerdictKind.Approved, "Fixed.", Ct);

        var list = await bed.Verdicts.ListAsync(run, Ct);
        var latest = await bed.Verdicts.LatestAsync([run, other], Ct);

        Assert.Equal([VerdictKind.Approved, VerdictKind.NeedsWork], list.Select(v => v.Verdict));
        Assert.Equal("sam", latest[run].Reviewer);
        Assert.False(latest.ContainsKey(other));
    }

    [Fact]
    public async Task Add_CommentWithPii_StoredRedacted()
    {
        await using var bed = await HistoryTestBed.CreateAsync(Provider);
        var run = await bed.AddAsync();

        await bed.Verdicts.AddAsync(run, "rita", VerdictKind.Rejected, $"Leaks {Email} in the output.", Ct);

        var comment = Assert.Single(await bed.Verdicts.ListAsync(run, Ct)).Comment;
        Assert.DoesNotContain(Email, comment, StringComparison.Ordinal);
        Assert.Contains("[EMAIL", comment, StringComparison.Ordinal);
        var file = await bed.Database.ReadRawAsync(Ct);
        Assert.DoesNotContain(Email, file, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(VerdictKind.Rejected)]
    [InlineData(VerdictKind.NeedsWork)]
    public async Task Add_RejectionWithoutComment_ProblemOnComment(VerdictKind kind)
    {
        await using var bed = await HistoryTestBed.CreateAsync(Provider);
        var run = await bed.AddAsync();

        var result = await bed.Verdicts.AddAsync(run, "rita", kind, "  ", Ct);

        Assert.Equal("comment", Assert.Single(result.Problems).Field);
        Assert.Empty(await bed.Verdicts.ListAsync(run, Ct));
    }

    [Fact]
    public async Task Add_BadInput_ProblemsNameTheFields()
    {
        await using var bed = await HistoryTestBed.CreateAsync(Provider);
        var run = await bed.AddAsync();

        var tooLong = await bed.Verdicts.AddAsync(run, "rita", VerdictKind.Approved, new string('x', VerdictService.MaxCommentLength + 1), Ct);
        var noReviewer = await bed.Verdicts.AddAsync(run, " ", VerdictKind.Approved, null, Ct);
        var unknownKind = await bed.Verdicts.AddAsync(run, "rita", (VerdictKind)42, null, Ct);
        var unknownRun = await bed.Verdicts.AddAsync(Guid.NewGuid(), "rita", VerdictKind.Approved, null, Ct);

        Assert.Equal("comment", Assert.Single(tooLong.Problems).Field);
        Assert.Equal("reviewer", Assert.Single(noReviewer.Problems).Field);
        Assert.Equal("verdict", Assert.Single(unknownKind.Problems).Field);
        Assert.Equal("run", Assert.Single(unknownRun.Problems).Field);
    }
}
