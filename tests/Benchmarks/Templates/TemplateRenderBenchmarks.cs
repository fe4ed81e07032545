using BenchmarkDotNet.Attributes;
using Workbench.Core.Templates;

namespace Workbench.Benchmarks.Templates;

/// <summary>Parse and render of a typical few-shot prompt; the editor does this on every debounced keystroke.</summary>
[MemoryDiagnoser]
public class TemplateRenderBenchmarks
{
    private readonly Dictionary<string, string?> _values = new()
    {
        ["categories"] = """["billing", "bug", "feature request", "account access"]""",
        ["customer_tier"] = "Enterprise",
        ["ticket"] = string.Concat(Enumerable.Repeat("I was charged twice for my November invoice. ", 40)),
    };

    private TemplateContent _content = null!;
    private PromptTemplate _parsed = null!;

    [GlobalSetup]
    public void Setup()
    {
        _content = ExampleTemplates.All.Single(e => e.Name == "Classify support ticket").Content;
        _parsed = PromptTemplate.Parse(_content.Messages[1].Text).Template!;
    }

    [Benchmark]
    public TemplateParseResult Parse() => PromptTemplate.Parse(_content.Messages[1].Text);

    [Benchmark]
    public RenderResult Render() => _parsed.Render(_values, _content.Variables);

    [Benchmark]
    public IReadOnlyList<MessagePreview> Preview() => TemplatePreview.Render(_content);
}
