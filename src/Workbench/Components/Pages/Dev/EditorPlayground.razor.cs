using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Options;
using Workbench.Core.Configuration;
using Workbench.Core.Templates;

namespace Workbench.Components.Pages.Dev;

public partial class EditorPlayground
{
    internal const string Sample = """
        You are a support assistant for {{ company_name | upcase }}.
        {% comment %}Internal note: keep answers short.{% endcomment %}
        Customer: {{ customer.name }} <{{ customer.email }}>
        {% if tickets.size > 0 %}
        Open tickets:
        {% for ticket in tickets limit: 3 %}
          - #{{ ticket.id }}: {{ ticket.title | truncate: 40 }}
        {% endfor %}
        {% endif %}
        {% raw %}Literal braces: {{ not_a_variable }}{% endraw %}
        Reply in {{ language | default: "English" }}. {{ signature
        {% unknowntag %}
        A very long line to check wrapping: lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor incididunt ut labore et dolore magna aliqua, {{ closing_remark }}.
        <img src=x onerror=alert(1)> is shown as text.
        """;

    private string _text = Sample;
    private IReadOnlyList<TemplateError> _errors = [];
    private IReadOnlyList<string> _variables = [];
    private bool _readOnly;

    [Inject] public required IOptions<WorkbenchOptions> Options { get; init; }

    protected override void OnInitialized() => Reparse();

    private void Reparse()
    {
        var result = PromptTemplate.Parse(_text);
        _errors = result.Errors;
        _variables = result.Template?.Variables ?? [];
    }

    private void ResetSample()
    {
        _text = Sample;
        Reparse();
    }

    private void Clear()
    {
        _text = "";
        Reparse();
    }

    private void SetReadOnly(bool value) => _readOnly = value;
}
