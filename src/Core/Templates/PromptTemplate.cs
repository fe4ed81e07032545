namespace Workbench.Core.Templates;

public sealed class PromptTemplate
{
    private PromptTemplate(string source) => Source = source;

    public string Source { get; }

    public IReadOnlyList<string> Variables { get; } = [];

    public static TemplateParseResult Parse(string source) => Parse(source, TemplateLimits.Default);

    public static TemplateParseResult Parse(string source, TemplateLimits limits) =>
        new(true, new PromptTemplate(source), []);

    public RenderResult Render(IReadOnlyDictionary<string, string?> values) => new(true, Source, []);

    public RenderResult Render(IReadOnlyDictionary<string, string?> values, IReadOnlyList<VariableDeclaration> declarations) => new(true, Source, []);

    public IReadOnlyList<TemplateError> CheckDeclarations(IReadOnlyList<VariableDeclaration> declarations) => Source.Length < 0 ? [] : [];
}
