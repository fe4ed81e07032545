using Workbench.Core.Templates;

namespace Workbench.Core.Tests.Templates;

public class TemplateSyntaxSpansTests
{
    [Fact]
    public void Compute_MixedTemplate_ReturnsKindsAndOffsets()
    {
        const string source = "Hi {{ name }}{% if x %}{% raw %}{{y}}{% endraw %}{% comment %}c{% endcomment %}{% endif %}";

        var spans = TemplateSyntaxSpans.Compute(source);

        Assert.Equal(
            [
                new TemplateSyntaxSpan(0, 3, TemplateSpanKind.Text),
                new TemplateSyntaxSpan(3, 10, TemplateSpanKind.OutputTag),
                new TemplateSyntaxSpan(6, 4, TemplateSpanKind.Variable),
                new TemplateSyntaxSpan(13, 10, TemplateSpanKind.LogicTag),
                new TemplateSyntaxSpan(19, 1, TemplateSpanKind.Variable),
                new TemplateSyntaxSpan(23, 26, TemplateSpanKind.RawBlock),
                new TemplateSyntaxSpan(49, 30, TemplateSpanKind.Comment),
                new TemplateSyntaxSpan(79, 11, TemplateSpanKind.LogicTag),
            ],
            spans);
    }

    [Fact]
    public void Compute_UnclosedAndRejectedTags_AreErrorSpans()
    {
        var spans = TemplateSyntaxSpans.Compute("a{% assign x = 1 %}b{{ c");

        Assert.Contains(new TemplateSyntaxSpan(1, 18, TemplateSpanKind.Error), spans);
        Assert.Contains(new TemplateSyntaxSpan(20, 4, TemplateSpanKind.Error), spans);
    }
}
