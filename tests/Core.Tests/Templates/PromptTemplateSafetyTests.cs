using Workbench.Core.Templates;

namespace Workbench.Core.Tests.Templates;

public class PromptTemplateSafetyTests
{
    private static TemplateError SingleParseError(string source, TemplateLimits? limits = null)
    {
        var result = limits is null ? PromptTemplate.Parse(source) : PromptTemplate.Parse(source, limits);
        Assert.False(result.Success);
        Assert.Null(result.Template);
        return Assert.Single(result.Errors);
    }

    private static PromptTemplate ParseOk(string source, TemplateLimits? limits = null)
    {
        var result = limits is null ? PromptTemplate.Parse(source) : PromptTemplate.Parse(source, limits);
        Assert.True(result.Success, string.Join("; ", result.Errors.Select(e => $"{e.Line}:{e.Column} {e.Message}")));
        return result.Template!;
    }

    [Theory]
    [InlineData("assign", "{% assign x = 1 %}")]
    [InlineData("include", "{% include 'file' %}")]
    [InlineData("render", "{% render 'file' %}")]
    [InlineData("capture", "{% capture x %}a{% endcapture %}")]
    [InlineData("increment", "{% increment n %}")]
    [InlineData("decrement", "{% decrement n %}")]
    [InlineData("cycle", "{% cycle 'a', 'b' %}")]
    [InlineData("layout", "{% layout 'x' %}")]
    [InlineData("tablerow", "{% tablerow x in xs %}{% endtablerow %}")]
    [InlineData("liquid", "{% liquid echo 1 %}")]
    [InlineData("echo", "{% echo 1 %}")]
    public void Parse_DisallowedTag_ErrorWithPositionAndAllowedTags(string tag, string markup)
    {
        var errors = PromptTemplate.Parse("line 1\nab " + markup).Errors;

        var error = errors[0];
        Assert.Equal(2, error.Line);
        Assert.Equal(7, error.Column);
        Assert.Contains($"'{tag}'", error.Message, StringComparison.Ordinal);
        Assert.Contains("Allowed tags", error.Message, StringComparison.Ordinal);
        Assert.Contains("for/else/endfor", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_UnknownTag_Error()
    {
        var error = SingleParseError("{% frobnicate %}");

        Assert.Equal((1, 4), (error.Line, error.Column));
        Assert.Contains("Unknown tag 'frobnicate'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_UnknownFilter_ErrorAtFilterName()
    {
        var error = SingleParseError("Hi\n{{ name | upcase | shout: 2 }}");

        Assert.Equal((2, 20), (error.Line, error.Column));
        Assert.Contains("Unknown filter 'shout'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_UnclosedOutputTag_ErrorAtOpening()
    {
        var error = SingleParseError("abc\n  x {{ name \n more text");

        Assert.Equal((2, 5), (error.Line, error.Column));
        Assert.Contains("'}}'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_UnclosedLogicTag_ErrorAtOpening()
    {
        var error = SingleParseError("abc {% if x ");

        Assert.Equal((1, 5), (error.Line, error.Column));
    }

    [Fact]
    public void Parse_UnterminatedIf_ErrorAtIfTag()
    {
        var error = SingleParseError("one\ntwo {% if x %}\nthree");

        Assert.Equal((2, 5), (error.Line, error.Column));
        Assert.Contains("endif", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_MismatchedEndTag_Error()
    {
        var errors = PromptTemplate.Parse("{% if x %}{% endfor %}").Errors;

        Assert.Contains(errors, e => e.Line == 1 && e.Column == 11 && e.Message.Contains("endfor", StringComparison.Ordinal));
    }

    [Fact]
    public void Parse_FluidSyntaxError_LineAndColumnFromMultiLineTemplate()
    {
        var error = SingleParseError("first line\nsecond {{ a }}\nthird {{ a | }}\n");

        Assert.Equal(3, error.Line);
        Assert.True(error.Column > 6, $"column {error.Column}");
        Assert.DoesNotContain("\n", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_InvalidExpressionInIf_ErrorOnItsLine()
    {
        var error = SingleParseError("a\nb\n{% if x == %}y{% endif %}");

        Assert.Equal(3, error.Line);
    }

    [Fact]
    public void Parse_DeepNesting10000_ErrorNotCrash()
    {
        var source = string.Concat(Enumerable.Repeat("{% if x %}", 10_000)) + string.Concat(Enumerable.Repeat("{% endif %}", 10_000));

        var error = SingleParseError(source);

        Assert.Contains("MaxNestingDepth", error.Message, StringComparison.Ordinal);
        Assert.Equal(1, error.Line);
        Assert.Equal((32 * 10) + 1, error.Column);
    }

    [Fact]
    public void Parse_NestingAtLimit_Succeeds()
    {
        var source = string.Concat(Enumerable.Repeat("{% if x %}", 32)) + "y" + string.Concat(Enumerable.Repeat("{% endif %}", 32));

        Assert.Equal("y", ParseOk(source).Render(new Dictionary<string, string?> { ["x"] = "1" }, TestContext.Current.CancellationToken).Text);
    }

    [Fact]
    public void Render_ForLoopsNestedAtLimit_Succeeds()
    {
        var source = string.Concat(Enumerable.Range(0, 32).Select(i => $"{{% for i{i} in (1..1) %}}")) + "y" + string.Concat(Enumerable.Repeat("{% endfor %}", 32));

        Assert.Equal("y", ParseOk(source).Render(new Dictionary<string, string?>(), TestContext.Current.CancellationToken).Text);
    }

    [Fact]
    public void Parse_LongestOperatorAndFilterChains_DoNotCrash()
    {
        var orChain = "{% if " + string.Join(" or ", Enumerable.Repeat("a", 380)) + " %}y{% endif %}";
        var filterChain = "{{ a" + string.Concat(Enumerable.Repeat(" | upcase", 210)) + " }}";
        var values = new Dictionary<string, string?> { ["a"] = "x" };

        Assert.Equal("y", ParseOk(orChain).Render(values, TestContext.Current.CancellationToken).Text);
        Assert.Equal("X", ParseOk(filterChain).Render(values, TestContext.Current.CancellationToken).Text);
    }

    [Fact]
    public void Parse_SourceNearSizeLimit_ParsesAndRenders()
    {
        var source = string.Concat(Enumerable.Repeat("{{ a }}.\n", 40_000));
        Assert.True(source.Length < TemplateLimits.Default.MaxSourceLength);

        var result = ParseOk(source).Render(new Dictionary<string, string?> { ["a"] = "x" }, TestContext.Current.CancellationToken);

        Assert.True(result.Success, string.Join("; ", result.Errors.Select(e => e.Message)));
        Assert.Equal(40_000 * 3, result.Text!.Length);
    }

    [Fact]
    public void Parse_OneMegabyteSource_RejectedWithSizeAndLimit()
    {
        var error = SingleParseError(new string('a', 1024 * 1024));

        Assert.Equal((1, 1), (error.Line, error.Column));
        Assert.Contains("1,048,576", error.Message, StringComparison.Ordinal);
        Assert.Contains("524,288", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_TagLongerThanLimit_Rejected()
    {
        var error = SingleParseError("x {{ \"" + new string('a', 3000) + "\" }}");

        Assert.Equal((1, 3), (error.Line, error.Column));
        Assert.Contains("MaxTagLength", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_ControlCharacter_RejectedWithCodePointAndPosition()
    {
        var error = SingleParseError("ok\nab\u0001c");

        Assert.Equal((2, 3), (error.Line, error.Column));
        Assert.Contains("U+0001", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_TabsAndNewlines_Allowed()
    {
        Assert.Equal("a\tb\r\nc", ParseOk("a\tb\r\nc").Render(new Dictionary<string, string?>(), TestContext.Current.CancellationToken).Text);
    }

    [Fact]
    public void Render_HugeRange_StopsWithStepsError()
    {
        var result = ParseOk("{% for i in (1..1000000000) %}x{% endfor %}").Render(new Dictionary<string, string?>(), TestContext.Current.CancellationToken);

        Assert.False(result.Success);
        var error = Assert.Single(result.Errors);
        Assert.Contains("100,000", error.Message, StringComparison.Ordinal);
        Assert.Contains("MaxSteps", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_HugeRangeFromVariable_StopsWithStepsError()
    {
        var result = ParseOk("{% for i in (1..n) %}x{% endfor %}").Render(new Dictionary<string, string?> { ["n"] = "99999999999" }, TestContext.Current.CancellationToken);

        Assert.False(result.Success);
        Assert.Contains("MaxSteps", Assert.Single(result.Errors).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_NestedLoopBomb_StopsWithStepsError()
    {
        var result = ParseOk(
            "{% for a in (1..50000) %}{% for b in (1..50000) %}{% for c in (1..50000) %}x{% endfor %}{% endfor %}{% endfor %}")
            .Render(new Dictionary<string, string?>(), TestContext.Current.CancellationToken);

        Assert.False(result.Success);
        var error = Assert.Single(result.Errors);
        Assert.Contains("stopped", error.Message, StringComparison.Ordinal);
        Assert.Contains("MaxSteps", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_RangeInsideLargeLoop_StopsWithStepsError()
    {
        var result = ParseOk("{% for a in (1..90000) %}{{ (1..90000) | size }}{% endfor %}").Render(new Dictionary<string, string?>(), TestContext.Current.CancellationToken);

        Assert.False(result.Success);
        Assert.Contains("MaxSteps", Assert.Single(result.Errors).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_OutputLimit_StopsWithError()
    {
        var limits = TemplateLimits.Default with { MaxOutputLength = 1_000 };
        var template = ParseOk("{% for i in (1..500) %}{{ v }}{% endfor %}", limits);

        var result = template.Render(new Dictionary<string, string?> { ["v"] = "0123456789" }, TestContext.Current.CancellationToken);

        Assert.False(result.Success);
        Assert.Null(result.Text);
        var error = Assert.Single(result.Errors);
        Assert.Contains("MaxOutputLength", error.Message, StringComparison.Ordinal);
        Assert.Contains("1,000", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_OutputLimitFromLargeValue_StopsWithError()
    {
        var template = ParseOk("{{ v }}{{ v }}");

        var result = template.Render(new Dictionary<string, string?> { ["v"] = new string('a', 600_000) }, TestContext.Current.CancellationToken);

        Assert.False(result.Success);
        Assert.Contains("MaxOutputLength", Assert.Single(result.Errors).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_LimitsOverload_UsesGivenLimits()
    {
        var template = ParseOk("{% for i in (1..20) %}x{% endfor %}");

        var result = template.Render(new Dictionary<string, string?>(), null, TemplateLimits.Default with { MaxSteps = 10 }, TestContext.Current.CancellationToken);

        Assert.False(result.Success);
        Assert.Contains("10 steps", Assert.Single(result.Errors).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_BreakOutsideLoop_Error()
    {
        var error = SingleParseError("{% break %}");

        Assert.Contains("for loop", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{{")]
    [InlineData("{%")]
    [InlineData("{{ }}")]
    [InlineData("{% %}")]
    [InlineData("{% if %}{% endif %}")]
    [InlineData("{% for %}{% endfor %}")]
    [InlineData("{% endif %}")]
    [InlineData("{% else %}")]
    [InlineData("{{ a.b.[ }}")]
    [InlineData("{{ 'unterminated }}")]
    [InlineData("{% raw %}never closed")]
    [InlineData("{{ a | default: }}")]
    [InlineData("{{ (1..) }}")]
    public void Parse_MalformedInput_ReturnsErrorsWithoutThrowing(string source)
    {
        var result = PromptTemplate.Parse(source);

        Assert.False(result.Success);
        Assert.NotEmpty(result.Errors);
        Assert.All(result.Errors, e => Assert.True(e.Line >= 1 && e.Column >= 1));
    }
}
