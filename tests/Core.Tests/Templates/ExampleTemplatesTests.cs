using Workbench.Core.Templates;

namespace Workbench.Core.Tests.Templates;

public class ExampleTemplatesTests
{
    public static TheoryData<string> Names => [.. ExampleTemplates.All.Select(e => e.Name)];

    [Theory]
    [MemberData(nameof(Names))]
    public void Example_IsValidAndRendersWithItsExampleValues(string name)
    {
        var example = ExampleTemplates.All.Single(e => e.Name == name);

        Assert.Empty(TemplateContentValidator.Validate(example.Content));
        var values = example.Content.Variables.ToDictionary(v => v.Name, v => v.ExampleValue);
        foreach (var message in example.Content.Messages)
        {
            var rendered = PromptTemplate.Parse(message.Text).Template!.Render(values, example.Content.Variables, Xunit.TestContext.Current.CancellationToken);
            Assert.True(rendered.Success, string.Join("; ", rendered.Errors));
        }
    }

    [Fact]
    public void ClassifyTicket_RendersCategoriesAndLiteralJsonExample()
    {
        var example = ExampleTemplates.All.Single(e => e.Name == "Classify support ticket");
        var values = example.Content.Variables.ToDictionary(v => v.Name, v => v.ExampleValue);

        var text = PromptTemplate.Parse(example.Content.Messages[1].Text).Template!.Render(values, example.Content.Variables, Xunit.TestContext.Current.CancellationToken).Text!;

        Assert.Contains("- feature request", text, StringComparison.Ordinal);
        Assert.Contains("""{"category": "billing", "confidence": 0.9}""", text, StringComparison.Ordinal);
        Assert.Contains("Enterprise plan", text, StringComparison.Ordinal);
    }
}
