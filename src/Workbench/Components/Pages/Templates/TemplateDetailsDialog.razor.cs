using Microsoft.AspNetCore.Components;
using MudBlazor;
using Workbench.Core.Templates;
using Workbench.Hosting;
using Workbench.Security;

namespace Workbench.Components.Pages.Templates;

/// <summary>Creates a template (blank or from an example) or edits the name, description and tags of an existing one.</summary>
public partial class TemplateDetailsDialog
{
    private static readonly string[] FieldsWithOwnPlace = ["name", "description", "tags"];
    private IReadOnlyList<TemplateProblem> _problems = [];
    private string _name = "";
    private string? _description;
    private string? _tags;
    private bool _busy;

    [CascadingParameter] public required IMudDialogInstance Dialog { get; set; }

    [Parameter] public ExampleTemplate? Example { get; set; }

    [Parameter] public TemplateSummary? Existing { get; set; }

    [Inject] public required TemplateService Templates { get; init; }

    [Inject] public required CurrentUser User { get; init; }

    [Inject] public required ActionAuthorization Authorization { get; init; }

    private IReadOnlyList<TemplateProblem> OtherProblems => _problems.Where(p => !FieldsWithOwnPlace.Contains(p.Field)).ToList();

    protected override void OnInitialized()
    {
        if (Existing is not null)
        {
            _name = Existing.Name;
            _description = Existing.Description;
            _tags = string.Join(", ", Existing.Tags);
        }
        else if (Example is not null)
        {
            _name = Example.Name;
            _description = Example.Description;
            _tags = string.Join(", ", Example.Tags);
        }
    }

    private string? ProblemFor(string field) => _problems.FirstOrDefault(p => p.Field == field)?.Message;

    private void Cancel() => Dialog.Cancel();

    private void Close(OperationResult<TemplateSummary> result)
    {
        if (result.Succeeded)
        {
            Dialog.Close(DialogResult.Ok(result.Value));
        }
        else
        {
            _problems = result.Problems;
        }
    }

    private async Task SubmitAsync()
    {
        if (!await Authorization.DemandAsync(Policies.CanEdit, "create or edit templates"))
        {
            return;
        }

        _busy = true;
        try
        {
            var tags = (_tags ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            if (Existing is not null)
            {
                Close(await Templates.UpdateMetadataAsync(Existing.Id, _name, _description, tags));
                return;
            }

            var content = Example?.Content ?? TemplateContent.Empty with
            {
                Messages = [new TemplateMessage(MessageRole.System, "You are a helpful assistant."), new TemplateMessage(MessageRole.User, "{{ input }}")],
                Variables = [new VariableDeclaration("input", "What the user asks", true, null, "Hello!")],
            };
            Close(await Templates.CreateAsync(new NewTemplate(_name, _description, tags, content, Example is null ? "Created" : $"Created from the example “{Example.Name}”"), User.Name));
        }
        finally
        {
            _busy = false;
        }
    }
}
