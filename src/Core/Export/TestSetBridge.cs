using System.Globalization;
using Workbench.Core.Batches;
using Workbench.Core.Templates;

namespace Workbench.Core.Export;

/// <summary>
/// Test cases for export and import from the template's stored test sets (<see cref="TestCaseService"/>). On import, cases
/// already in the set (same variables and expectation) are not added twice, so importing the same bundle again is harmless.
/// </summary>
public sealed class TestSetBridge(TestCaseService testCases) : ITestCaseSource, ITestCaseSink
{
    public bool CanStore => true;

    public async Task<IReadOnlyList<PackagedTestCase>> GetTestCasesAsync(Guid templateId, CancellationToken cancellationToken = default)
    {
        var result = new List<PackagedTestCase>();
        foreach (var set in await testCases.ListSetsAsync(templateId, cancellationToken))
        {
            foreach (var stored in await testCases.ListAsync(templateId, set.Name, cancellationToken))
            {
                var expectation = stored.Case.Expectation;
                result.Add(new PackagedTestCase(set.Name, stored.Case.Variables, TestCaseExpectation.NameOf(expectation.Kind), expectation.Value));
            }
        }

        return result;
    }

    public IReadOnlyList<TemplateProblem> Check(IReadOnlyList<PackagedTestCase> cases)
    {
        var problems = new List<TemplateProblem>();
        for (var i = 0; i < cases.Count && problems.Count < 20; i++)
        {
            var field = string.Create(CultureInfo.InvariantCulture, $"testCases[{i}]");
            if (TestCaseService.CheckSetName(cases[i].Set) is { } setProblem)
            {
                problems.Add(new TemplateProblem(field + ".set", setProblem));
            }

            if (TestCaseService.CheckExpectation(ToCase(cases[i]).Expect, field + ".expect") is { } expectProblem)
            {
                problems.Add(expectProblem);
            }
        }

        return problems;
    }

    public async Task<int> StoreAsync(Guid templateId, IReadOnlyList<PackagedTestCase> cases, CancellationToken cancellationToken = default)
    {
        var stored = 0;
        foreach (var set in cases.GroupBy(c => c.Set.Trim(), StringComparer.Ordinal))
        {
            var existing = await testCases.ListAsync(templateId, set.Key, cancellationToken);
            foreach (var packaged in set)
            {
                var testCase = ToCase(packaged);
                if (existing.Any(e => Same(e.Case, testCase)))
                {
                    continue;
                }

                if ((await testCases.AddAsync(templateId, set.Key, testCase, cancellationToken)).Succeeded)
                {
                    stored++;
                }
            }
        }

        return stored;
    }

    private static TestCase ToCase(PackagedTestCase packaged) => new(
        packaged.Variables,
        TestCaseExpectation.TryParseKind(packaged.Expect, out var kind) && kind != ExpectationKind.SchemaValid
            ? new TestCaseExpectation(kind.Value, packaged.ExpectValue)
            : null);

    private static bool Same(TestCase left, TestCase right) =>
        left.Expectation == right.Expectation
        && left.Variables.Count == right.Variables.Count
        && left.Variables.All(kv => right.Variables.TryGetValue(kv.Key, out var value) && string.Equals(value, kv.Value, StringComparison.Ordinal));
}
