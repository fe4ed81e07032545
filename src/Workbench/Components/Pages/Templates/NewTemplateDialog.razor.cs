using Microsoft.AspNetCore.Components;
using MudBlazor;
using Workbench.Core.Templates;
using Workbench.Hosting;

namespace Workbench.Components.Pages.Templates;

public partial class NewTemplateDialog
{
    private static readonly string[] FieldsWithOwnPlace = ["name", "description", "tags"];
    private IReadOnlyList<TemplateProblem> _problems = [];
    private string _name = "";
    private string? _description;
    private string? _tags;
    private bool _busy;

    [CascadingParameter] public required IMudDialogInstance Dialog { get; set; }

    [Parameter] public ExampleTemplate? Example { get; set; }

    [Inject] public required TemplateService Templates { get; init; }

    [Inject] public required CurrentUser User { get; init; }

    private IReadOnlyList<TemplateProblem> OtherProblems => _problems.Where(p => !FieldsWithOwnPlace.Contains(p.Field)).ToList();

    protected override void OnInitialized()
    {
        if (Example is not null)
        {
            _name = Example.Name;
            _description = Example.Description;
            _tags = string.Join(", ", Example.Tags);
        }
    }

    private string? ProblemFor(string field) => _problems.FirstOrDefault(p => p.Field == field)?.Message;

    private void Cancel() => Dialog.Cancel();

    private async Task CreateAsync()
    {
        _busy = true;
        try
        {
            var tags = (_tags ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            var content = Example?.Content ?? TemplateContent.Empty with
            {
                Messages = [new TemplateMessage(MessageRole.System, "You are a helpful assistant."), new TemplateMessage(MessageRole.User, "{{ input }}")],
                Variables = [new VariableDeclaration("input", "What the user asks", true, null, "Hello!")],
            };
            var result = await Templates.CreateAsync(new NewTemplate(_name, _description, tags, content, Example is null ? "Created" : $"Created from the example “{Example.Name}”"), User.Name);
            if (result.Succeeded)
            {
                Dialog.Close(DialogResult.Ok(result.Value));
            }
            else
            {
                _problems = result.Problems;
            }
        }
        finally
        {
            _busy = false;
        }
    }
}
