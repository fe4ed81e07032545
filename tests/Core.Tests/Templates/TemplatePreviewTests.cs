using Workbench.Core.Templates;

namespace Workbench.Core.Tests.Templates;

public class TemplatePreviewTests
{
    private static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;

    [Fact]
    public void Render_ExampleValues_FillVariables()
    {
        var content = new TemplateContent(
            [new(MessageRole.System, "Be {{ tone }}."), new(MessageRole.User, "Hello {{ name }}")],
            ModelSettings.Default,
            [new VariableDeclaration("tone", null, false, "polite", null), new VariableDeclaration("name", null, true, null, "Ada")]);

        var preview = TemplatePreview.Render(content, cancellationToken: Ct);

        Assert.Equal(["Be polite.", "Hello Ada"], preview.Select(p => p.Text));
        Assert.All(preview, p => Assert.Empty(p.Errors));
    }

    [Fact]
    public void Render_RequiredVariableWithoutExample_ReportsErrorAtItsPosition()
    {
        var content = new TemplateContent([new(MessageRole.User, "Line one\nHello {{ name }}")], ModelSettings.Default, [new VariableDeclaration("name", null, true, null, null)]);

        var preview = Assert.Single(TemplatePreview.Render(content, cancellationToken: Ct));

        var error = Assert.Single(preview.Errors);
        Assert.Null(preview.Text);
        Assert.Equal((2, 10), (error.Line, error.Column));
        Assert.Contains("name", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_ParseErrorInOneMessage_OtherMessagesStillRender()
    {
        var content = new TemplateContent([new(MessageRole.System, "Fine"), new(MessageRole.User, "Broken {% if %}")], ModelSettings.Default, []);

        var preview = TemplatePreview.Render(content, cancellationToken: Ct);

        Assert.Equal("Fine", preview[0].Text);
        Assert.NotEmpty(preview[1].Errors);
    }
}
