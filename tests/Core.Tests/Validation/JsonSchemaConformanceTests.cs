using System.Globalization;

namespace Workbench.Core.Tests.Validation;

/// <summary>The official JSON-Schema-Test-Suite, draft 7 and 2020-12, required tests (not optional/), one case per test.</summary>
public sealed class JsonSchemaConformanceTests
{
    public static IEnumerable<TheoryDataRow<string, string, int, int>> Cases() =>
        ConformanceSuite.Drafts.SelectMany(ConformanceSuite.Cases).Select(c =>
            new TheoryDataRow<string, string, int, int>(c.Draft, c.File, c.Group, c.Test) { TestDisplayName = c.Name });

    [Theory]
    [MemberData(nameof(Cases))]
    public void Conformance_SuiteCase_MatchesExpectedValidity(string draft, string file, int group, int test)
    {
        var name = ConformanceSuite.Cases(draft).First(c => c.File == file && c.Group == group && c.Test == test).Name;
        if (ConformanceSuite.KnownFailures.TryGetValue(name, out var reason))
        {
            Assert.Skip(reason);
        }

        Assert.True(ConformanceSuite.Run(draft, file, group, test, out var detail), detail);
    }

    [Fact]
    public void Conformance_PassRate_PrintedPerDraft()
    {
        var output = TestContext.Current.TestOutputHelper;
        foreach (var draft in ConformanceSuite.Drafts)
        {
            int total = 0, passed = 0;
            foreach (var c in ConformanceSuite.Cases(draft))
            {
                total++;
                if (ConformanceSuite.Run(c.Draft, c.File, c.Group, c.Test, out var detail))
                {
                    passed++;
                }
                else
                {
                    output?.WriteLine($"  failed: {c.Name}: {detail}{(ConformanceSuite.KnownFailures.ContainsKey(c.Name) ? " (known)" : "")}");
                }
            }

            output?.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{draft}: {passed}/{total} passed ({100.0 * passed / total:0.00} %)"));
            Assert.True(passed >= total - ConformanceSuite.KnownFailures.Keys.Count(k => k.StartsWith(draft + "/", StringComparison.Ordinal)),
                $"{draft}: {passed}/{total}");
        }
    }
}
