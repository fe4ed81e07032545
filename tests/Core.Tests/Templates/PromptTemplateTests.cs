using Workbench.Core.Templates;

namespace Workbench.Core.Tests.Templates;

public class PromptTemplateTests
{
    private static PromptTemplate ParseOk(string source)
    {
        var result = PromptTemplate.Parse(source);
        Assert.True(result.Success, string.Join("; ", result.Errors.Select(e => $"{e.Line}:{e.Column} {e.Message}")));
        Assert.NotNull(result.Template);
        return result.Template;
    }

    private static string RenderOk(string source, Dictionary<string, string?> values)
    {
        var result = ParseOk(source).Render(values, TestContext.Current.CancellationToken);
        Assert.True(result.Success, string.Join("; ", result.Errors.Select(e => $"{e.Line}:{e.Column} {e.Message}")));
        Assert.NotNull(result.Text);
        return result.Text;
    }

    private static string RenderOk(string source, Dictionary<string, string?> values, VariableDeclaration[] declarations)
    {
        var result = ParseOk(source).Render(values, declarations, TestContext.Current.CancellationToken);
        Assert.True(result.Success, string.Join("; ", result.Errors.Select(e => $"{e.Line}:{e.Column} {e.Message}")));
        Assert.NotNull(result.Text);
        return result.Text;
    }

    private static VariableDeclaration Decl(string name, bool required = true, string? defaultValue = null, VariableKind kind = VariableKind.Text) =>
        new(name, null, required, defaultValue, null, kind);

    // ---- Variables -------------------------------------------------------------------------------------------

    [Fact]
    public void Variables_SeveralUses_FirstUseOrderWithoutDuplicates()
    {
        var template = ParseOk("{{ b }} {{ a }} {% if c %}{{ b }}{% endif %} {{ a | append: d }}");

        Assert.Equal(["b", "a", "c", "d"], template.Variables);
    }

    [Fact]
    public void Variables_ForLoop_LoopLocalAndForloopExcluded()
    {
        var template = ParseOk("{% for item in items limit: max %}{{ item.name }}{{ forloop.index }}{% endfor %}{{ item }}");

        Assert.Equal(["items", "max", "item"], template.Variables);
    }

    [Fact]
    public void Variables_MemberAndIndexAccess_TopLevelNameOnly()
    {
        var template = ParseOk("{{ user.address.city }} {{ map[\"key\"] }} {{ list[i] }} {{ 'literal' }} {{ x == empty or y contains \"z\" }}");

        Assert.Equal(["user", "map", "list", "i", "x", "y"], template.Variables);
        Assert.True(template.VariableUses.Single(u => u.Name == "user").UsedAsCollectionOrObject);
        Assert.False(template.VariableUses.Single(u => u.Name == "i").UsedAsCollectionOrObject);
    }

    [Fact]
    public void Variables_FilterArguments_AreVariablesButFilterNamesAreNot()
    {
        var template = ParseOk("{{ name | default: fallback | truncate: size }}");

        Assert.Equal(["name", "fallback", "size"], template.Variables);
    }

    [Fact]
    public void VariableUses_MultiLine_ReportsLineAndColumn()
    {
        var template = ParseOk("Hello\n  {{ who }}\n{% for x in xs %}{% endfor %}");

        Assert.Equal(new VariableUse("who", 2, 6, false), template.VariableUses[0]);
        Assert.Equal(new VariableUse("xs", 3, 13, true), template.VariableUses[1]);
    }

    // ---- Rendering ------------------------------------------------------------------------------------------

    [Fact]
    public void Render_AllValues_RendersText()
    {
        Assert.Equal("Hello Ada!", RenderOk("Hello {{ name }}!", new() { ["name"] = "Ada" }));
    }

#pragma warning disable xUnit1051 // Exercises the exact public seam overloads, which take no CancellationToken.
    [Fact]
    public void Render_SeamOverloads_Work()
    {
        var template = ParseOk("{{ a }}-{{ b }}");

        Assert.Equal("1-2", template.Render(new Dictionary<string, string?> { ["a"] = "1", ["b"] = "2" }).Text);
        Assert.Equal("1-", template.Render(new Dictionary<string, string?> { ["a"] = "1" }, [Decl("a"), Decl("b", required: false)]).Text);
    }
#pragma warning restore xUnit1051

    [Fact]
    public void Render_MissingVariable_ErrorAtFirstUse()
    {
        var result = ParseOk("line one\n  {{ name }} and {{ name }}").Render(new Dictionary<string, string?>(), TestContext.Current.CancellationToken);

        Assert.False(result.Success);
        Assert.Null(result.Text);
        var error = Assert.Single(result.Errors);
        Assert.Equal(2, error.Line);
        Assert.Equal(6, error.Column);
        Assert.Contains("Variable 'name' is not set", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_NullValue_IsNotSet()
    {
        var result = ParseOk("{{ name }}").Render(new Dictionary<string, string?> { ["name"] = null }, TestContext.Current.CancellationToken);

        Assert.False(result.Success);
        Assert.Contains("'name'", Assert.Single(result.Errors).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_UnusedValue_IsFine()
    {
        Assert.Equal("x", RenderOk("x", new() { ["unused"] = "y" }));
    }

    [Fact]
    public void Render_ValueWithTemplateSyntax_RendersLiterally()
    {
        var text = RenderOk("A {{ v }} B", new() { ["v"] = "{{ secret }} {% if true %}yes{% endif %} {% raw %}" });

        Assert.Equal("A {{ secret }} {% if true %}yes{% endif %} {% raw %} B", text);
    }

    [Fact]
    public void Render_HtmlCharacters_NotEncoded()
    {
        Assert.Equal("<b>Tom & \"Jerry\" 'x'</b>", RenderOk("{{ v }}", new() { ["v"] = "<b>Tom & \"Jerry\" 'x'</b>" }));
    }

    [Fact]
    public void Render_Filters_UpcaseAndDefault()
    {
        Assert.Equal("ADA|none", RenderOk("{{ name | upcase }}|{{ empty_value | default: \"none\" }}", new() { ["name"] = "Ada", ["empty_value"] = "" }));
    }

    [Fact]
    public void Render_CaseWhen_PicksBranch()
    {
        const string source = "{% case tone %}{% when \"formal\" %}Dear{% when \"casual\", \"friendly\" %}Hi{% else %}Hello{% endcase %}";

        Assert.Equal("Dear", RenderOk(source, new() { ["tone"] = "formal" }));
        Assert.Equal("Hi", RenderOk(source, new() { ["tone"] = "friendly" }));
        Assert.Equal("Hello", RenderOk(source, new() { ["tone"] = "other" }));
    }

    [Fact]
    public void Render_IfElsifUnless_Works()
    {
        const string source = "{% if n == \"1\" %}one{% elsif n == \"2\" %}two{% else %}many{% endif %}{% unless n == \"1\" %}!{% endunless %}";

        Assert.Equal("one", RenderOk(source, new() { ["n"] = "1" }));
        Assert.Equal("two!", RenderOk(source, new() { ["n"] = "2" }));
    }

    [Fact]
    public void Render_WhitespaceControl_TrimsAroundTags()
    {
        var text = RenderOk("a  \n  {%- if x -%}  \n  b  \n  {%- endif -%}  \n  c {{- x -}} d", new() { ["x"] = "X" });

        Assert.Equal("abcXd", text);
    }

    [Fact]
    public void Render_RangeLoopWithBreakContinueAndOptions_Works()
    {
        var text = RenderOk(
            "{% for i in (1..n) reversed %}{% if i == 2 %}{% continue %}{% endif %}{{ i }}{% endfor %}|{% for i in (1..10) limit: 3 offset: 1 %}{% if i == 4 %}{% break %}{% endif %}{{ i }}{% endfor %}",
            new() { ["n"] = "4" });

        Assert.Equal("431|23", text);
    }

    [Fact]
    public void Render_ForElse_RendersElseForEmptyCollection()
    {
        Assert.Equal("none", RenderOk("{% for x in items %}{{ x }}{% else %}none{% endfor %}", new() { ["items"] = "[]" }));
    }

    [Fact]
    public void Render_RawBlock_RendersLiterally()
    {
        Assert.Equal("{\"a\": {{b}}} {% if %}", RenderOk("{% raw %}{\"a\": {{b}}} {% if %}{% endraw %}", []));
    }

    [Fact]
    public void Render_JsonTextAndLoneBraces_RenderLiterallyWithoutRaw()
    {
        Assert.Equal("{\"a\": 1} { } }x{ Ada", RenderOk("{\"a\": 1} { } }x{ {{ name }}", new() { ["name"] = "Ada" }));
    }

    [Fact]
    public void Render_CommentBlock_IsRemovedAndNotScanned()
    {
        var template = ParseOk("a{% comment %}{{ hidden }} {% assign x = 1 %}{% endcomment %}b");

        Assert.Empty(template.Variables);
        Assert.Equal("ab", template.Render(new Dictionary<string, string?>(), TestContext.Current.CancellationToken).Text);
    }

    [Fact]
    public void Render_SeamOverloadJsonArrayUsedInLoop_IsTreatedAsJson()
    {
        Assert.Equal("a,b,", RenderOk("{% for x in items %}{{ x }},{% endfor %}", new() { ["items"] = "[\"a\", \"b\"]" }));
    }

    [Fact]
    public void Render_SeamOverloadJsonLikeValueUsedAsText_StaysText()
    {
        Assert.Equal("[1, 2]", RenderOk("{{ items }}", new() { ["items"] = "[1, 2]" }));
    }

    [Fact]
    public void Render_CancelledToken_Throws()
    {
        using var cts = new CancellationTokenSource();
        cts.Cancel();

        Assert.Throws<OperationCanceledException>(() => ParseOk("x").Render(new Dictionary<string, string?>(), cts.Token));
    }

    // ---- Declarations ---------------------------------------------------------------------------------------

    [Fact]
    public void CheckDeclarations_UndeclaredVariable_ErrorAtFirstUse()
    {
        var template = ParseOk("{{ a }}\n  {{ b }} {{ b }}");

        var error = Assert.Single(template.CheckDeclarations([Decl("a")]));

        Assert.Equal(new TemplateError(2, 6, "Variable 'b' is used but not declared"), error);
    }

    [Fact]
    public void Render_Declarations_UndeclaredVariable_Error()
    {
        var result = ParseOk("{{ a }} {{ b }}").Render(new Dictionary<string, string?> { ["a"] = "1", ["b"] = "2" }, [Decl("a")], TestContext.Current.CancellationToken);

        Assert.False(result.Success);
        var error = Assert.Single(result.Errors);
        Assert.Equal((1, 12), (error.Line, error.Column));
        Assert.Contains("'b'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_Declarations_MissingRequired_Error()
    {
        var result = ParseOk("Hi {{ name }}").Render(new Dictionary<string, string?>(), [Decl("name", required: true, defaultValue: "ignored")], TestContext.Current.CancellationToken);

        Assert.False(result.Success);
        var error = Assert.Single(result.Errors);
        Assert.Equal(new TemplateError(1, 7, "Required variable 'name' is not set"), error);
    }

    [Fact]
    public void Render_Declarations_OptionalWithDefault_UsesDefault()
    {
        Assert.Equal("Hi friend", RenderOk("Hi {{ name }}", [], [Decl("name", required: false, defaultValue: "friend")]));
    }

    [Fact]
    public void Render_Declarations_OptionalWithoutDefault_EmptyAndFalsy()
    {
        Assert.Equal("[]no", RenderOk("[{{ name }}]{% if name %}yes{% else %}no{% endif %}", [], [Decl("name", required: false)]));
    }

    [Fact]
    public void Render_Declarations_SuppliedValueWinsOverDefault()
    {
        Assert.Equal("Hi Ada", RenderOk("Hi {{ name }}", new() { ["name"] = "Ada" }, [Decl("name", required: false, defaultValue: "friend")]));
    }

    [Fact]
    public void Render_JsonKind_LoopAndMemberAccess()
    {
        var text = RenderOk(
            "{{ user.name }} ({{ user.tags.size }}): {% for t in user.tags %}{{ t | upcase }} {% endfor %}{{ user[\"age\"] | plus: 1 }} {{ items[1].id }}",
            new() { ["user"] = "{\"name\":\"Ada\",\"tags\":[\"a\",\"b\"],\"age\":36}", ["items"] = "[{\"id\":1},{\"id\":2}]" },
            [Decl("user", kind: VariableKind.Json), Decl("items", kind: VariableKind.Json)]);

        Assert.Equal("Ada (2): A B 37 2", text);
    }

    [Fact]
    public void Render_JsonKind_InvalidJson_ErrorNamesVariable()
    {
        var result = ParseOk("x\n{{ data.a }}").Render(new Dictionary<string, string?> { ["data"] = "{not json" }, [Decl("data", kind: VariableKind.Json)], TestContext.Current.CancellationToken);

        Assert.False(result.Success);
        var error = Assert.Single(result.Errors);
        Assert.Equal((2, 4), (error.Line, error.Column));
        Assert.Contains("'data'", error.Message, StringComparison.Ordinal);
        Assert.Contains("JSON", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_JsonKindValueWithTemplateSyntax_RendersLiterally()
    {
        Assert.Equal("{{ x }}", RenderOk("{{ d.s }}", new() { ["d"] = "{\"s\":\"{{ x }}\"}" }, [Decl("d", kind: VariableKind.Json)]));
    }
}
