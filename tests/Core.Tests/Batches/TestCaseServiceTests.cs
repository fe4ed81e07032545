using Workbench.Core.Batches;
using Workbench.Core.Tests.Runs;

namespace Workbench.Core.Tests.Batches;

public class TestCaseServiceTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task AddUpdateDeleteReplace_KeepOrderAndExpectations()
    {
        await using var bed = await BatchTestBed.CreateAsync();
        var template = await bed.TestCases.FindTemplateAsync(RunTestBed.TemplateName, Ct);
        Assert.Equal(["city", "notes"], template!.Variables.Select(v => v.Name));

        var first = await bed.TestCases.AddAsync(template.Id, "default", BatchTestBed.Case("Oslo"), Ct);
        var second = await bed.TestCases.AddAsync(template.Id, "default", BatchTestBed.Case("Rome", TestCaseExpectation.ContainsText("Rome")), Ct);
        await bed.TestCases.UpdateAsync(first.Value!.Id, BatchTestBed.Case("Bergen", TestCaseExpectation.EqualsJson("{\"a\":1}")), Ct);

        var cases = await bed.TestCases.ListAsync(template.Id, "default", Ct);
        Assert.Equal(["Bergen", "Rome"], cases.Select(c => c.Case.Variables["city"]));
        Assert.Equal(TestCaseExpectation.EqualsJson("{\"a\":1}"), cases[0].Case.Expect);
        Assert.Equal(TestCaseExpectation.ContainsText("Rome"), cases[1].Case.Expect);

        Assert.True(await bed.TestCases.DeleteAsync(second.Value!.Id, Ct));
        Assert.False(await bed.TestCases.DeleteAsync(second.Value.Id, Ct));
        await bed.TestCases.ReplaceSetAsync(template.Id, "smoke", [BatchTestBed.Case("A"), BatchTestBed.Case("B"), BatchTestBed.Case("C")], Ct);

        var sets = await bed.TestCases.ListSetsAsync(template.Id, Ct);
        Assert.Equal([("default", 1), ("smoke", 3)], sets.Select(s => (s.Name, s.Count)));
        await bed.TestCases.ReplaceSetAsync(template.Id, "smoke", [], Ct);
        Assert.Single(await bed.TestCases.ListSetsAsync(template.Id, Ct));
    }

    [Theory]
    [InlineData("", "set", "A test set name is required.")]
    [InlineData("bad/name", "set", "A test set name starts with a letter or digit and has only letters, digits, spaces, '.', '_' and '-'.")]
    public async Task Add_BadSetName_NamesTheField(string set, string field, string message)
    {
        await using var bed = await BatchTestBed.CreateAsync();
        var template = await bed.TestCases.FindTemplateAsync(RunTestBed.TemplateName, Ct);

        var added = await bed.TestCases.AddAsync(template!.Id, set, BatchTestBed.Case("Oslo"), Ct);

        var problem = Assert.Single(added.Problems);
        Assert.Equal((field, message), (problem.Field, problem.Message));
    }

    [Fact]
    public async Task Replace_BadExpectation_StoresNothing()
    {
        await using var bed = await BatchTestBed.CreateAsync();
        var template = await bed.TestCases.FindTemplateAsync(RunTestBed.TemplateName, Ct);
        await bed.TestCases.ReplaceSetAsync(template!.Id, "default", [BatchTestBed.Case("Oslo")], Ct);

        var replaced = await bed.TestCases.ReplaceSetAsync(template.Id, "default", [BatchTestBed.Case("A"), BatchTestBed.Case("B", TestCaseExpectation.ContainsText(""))], Ct);

        Assert.Equal("cases[1].expect", Assert.Single(replaced.Problems).Field);
        Assert.Equal("Oslo", Assert.Single(await bed.TestCases.ListAsync(template.Id, "default", Ct)).Case.Variables["city"]);
    }
}
