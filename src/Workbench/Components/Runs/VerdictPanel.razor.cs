using Microsoft.AspNetCore.Components;
using Workbench.Core.History;
using Workbench.Core.Templates;
using Workbench.Hosting;
using Workbench.Security;

namespace Workbench.Components.Runs;

/// <summary>The review box of a run: approve, ask for work or reject, with a comment (required unless approving).</summary>
public partial class VerdictPanel : IDisposable
{
    private readonly CancellationTokenSource _lifetime = new();
    private IReadOnlyList<RunVerdict> _verdicts = [];
    private IReadOnlyList<TemplateProblem> _problems = [];
    private VerdictKind? _verdict;
    private string? _comment;
    private Guid? _loadedFor;
    private bool _saving;

    [Parameter, EditorRequired] public Guid RunId { get; set; }

    /// <summary>A verdict was stored.</summary>
    [Parameter] public EventCallback<RunVerdict> VerdictAdded { get; set; }

    [Inject] public required VerdictService Verdicts { get; init; }

    [Inject] public required CurrentUser User { get; init; }

    [Inject] public required ActionAuthorization Authorization { get; init; }

    protected override async Task OnParametersSetAsync()
    {
        if (_loadedFor == RunId)
        {
            return;
        }

        _loadedFor = RunId;
        _verdicts = await Verdicts.ListAsync(RunId, _lifetime.Token);
    }

    private string? FieldProblem(string field) => _problems.FirstOrDefault(p => p.Field == field)?.Message;

    private async Task SubmitAsync()
    {
        if (_verdict is not { } verdict || _saving || !await Authorization.DemandAsync(Policies.CanReview, "record a verdict"))
        {
            return;
        }

        _saving = true;
        try
        {
            var result = await Verdicts.AddAsync(RunId, User.Name, verdict, _comment, _lifetime.Token);
            _problems = result.Problems;
            if (result.Succeeded)
            {
                _verdict = null;
                _comment = null;
                _verdicts = await Verdicts.ListAsync(RunId, _lifetime.Token);
                await VerdictAdded.InvokeAsync(result.Value!);
            }
        }
        finally
        {
            _saving = false;
        }
    }

    public void Dispose()
    {
        _lifetime.Cancel();
        _lifetime.Dispose();
        GC.SuppressFinalize(this);
    }
}
