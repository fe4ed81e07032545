using Workbench.Components.Pages.Templates;
using Workbench.Components.Shared;
using Workbench.Core.Templates;

namespace Workbench.Tests.Pages;

public class PanelTests
{
    [Fact]
    public async Task VariablesPanel_RequiredToggled_RaisesChangedDeclarations()
    {
        await using var context = new PageTestContext();
        IReadOnlyList<VariableDeclaration>? changed = null;
        var variables = new List<VariableDeclaration> { new("name", null, true, null, "Ada") };

        var cut = context.Render<VariablesPanel>(p => p
            .Add(x => x.Variables, variables)
            .Add(x => x.UsedNames, new HashSet<string> { "name" })
            .Add(x => x.VariablesChanged, v => changed = v));
        cut.Find("[data-testid=variable-name] input[type=checkbox]").Change(false);

        Assert.NotNull(changed);
        Assert.False(Assert.Single(changed).Required);
        Assert.Equal("Ada", changed[0].ExampleValue);
    }

    [Fact]
    public async Task VariablesPanel_UnusedVariable_IsFlaggedAndRemovable()
    {
        await using var context = new PageTestContext();
        IReadOnlyList<VariableDeclaration>? changed = null;

        var cut = context.Render<VariablesPanel>(p => p
            .Add(x => x.Variables, [new VariableDeclaration("tone", "Formal?", false, null, null)])
            .Add(x => x.UsedNames, new HashSet<string>())
            .Add(x => x.VariablesChanged, v => changed = v));

        Assert.Contains("not used", cut.Find("[data-testid=variable-tone]").TextContent, StringComparison.Ordinal);
        cut.Find("[data-testid=variable-tone] button[aria-label='Remove variable tone']").Click();
        Assert.NotNull(changed);
        Assert.Empty(changed);
    }

    [Fact]
    public async Task ModelSettingsPanel_ProblemForTemperature_IsShownAtTheField()
    {
        await using var context = new PageTestContext();

        var cut = context.Render<ModelSettingsPanel>(p => p
            .Add(x => x.Settings, ModelSettings.Default with { Temperature = 3 })
            .Add(x => x.Problems, [new TemplateProblem("settings.temperature", "Temperature must be between 0 and 2 (got 3).")]));

        Assert.Contains("Temperature must be between 0 and 2 (got 3).", cut.Markup, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(10, "just now")]
    [InlineData(60, "a minute ago")]
    [InlineData(600, "10 minutes ago")]
    [InlineData(5400, "an hour ago")]
    [InlineData(3 * 3600, "3 hours ago")]
    [InlineData(30 * 3600, "yesterday")]
    [InlineData(5 * 86400, "5 days ago")]
    public void RelativeTime_Describe_ReadsNaturally(int secondsAgo, string expected)
    {
        var now = new DateTime(2026, 11, 25, 12, 0, 0, DateTimeKind.Utc);

        Assert.Equal(expected, RelativeTime.Describe(now.AddSeconds(-secondsAgo), now));
    }

    [Fact]
    public void RelativeTime_OlderThanAMonth_ShowsTheDate()
    {
        var now = new DateTime(2026, 11, 25, 12, 0, 0, DateTimeKind.Utc);

        Assert.Equal("2026-09-01", RelativeTime.Describe(new DateTime(2026, 9, 1, 8, 0, 0, DateTimeKind.Utc), now));
    }
}
