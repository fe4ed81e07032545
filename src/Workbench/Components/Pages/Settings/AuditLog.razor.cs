using Microsoft.AspNetCore.Components;
using MudBlazor;
using Workbench.Audit;
using Workbench.Core.Audit;

namespace Workbench.Components.Pages.Settings;

/// <summary>
/// The audit trail (<c>/settings/audit</c>, admins): entries newest first, paged on the server, filtered by actor,
/// action, target and a UTC date range, with the filters in the query string (a link reproduces the view).
/// </summary>
public partial class AuditLog : IDisposable
{
    /// <summary>Passed to <see cref="ApplyAsync"/> to remove a filter (null means "keep").</summary>
    private const string Clear = "";

    private readonly CancellationTokenSource _lifetime = new();
    private AuditPage? _page;
    private IReadOnlyList<string> _actors = [];
    private Dictionary<string, string[]> _errors = [];
    private string? _actor;
    private string? _action;
    private string? _target;
    private string? _from;
    private string? _to;
    private int _pageNumber = 1;

    [SupplyParameterFromQuery(Name = "actor")] public string? ActorParameter { get; set; }

    [SupplyParameterFromQuery(Name = "action")] public string? ActionParameter { get; set; }

    [SupplyParameterFromQuery(Name = "target")] public string? TargetParameter { get; set; }

    [SupplyParameterFromQuery(Name = "from")] public string? FromParameter { get; set; }

    [SupplyParameterFromQuery(Name = "to")] public string? ToParameter { get; set; }

    [SupplyParameterFromQuery(Name = "page")] public string? PageParameter { get; set; }

    [Inject] public required AuditTrail Audit { get; init; }

    [Inject] public required NavigationManager Navigation { get; init; }

    private bool HasFilter => _actor is not null || _action is not null || _target is not null || _from is not null || _to is not null;

    protected override async Task OnParametersSetAsync()
    {
        _actor = Blank(ActorParameter);
        _action = Blank(ActionParameter);
        _target = Blank(TargetParameter);
        _from = Blank(FromParameter);
        _to = Blank(ToParameter);
        _pageNumber = int.TryParse(PageParameter, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var number) && number > 0 ? number : 1;
        var (query, errors) = new AuditFilter(_actor, _action, _target, _from, _to, _pageNumber, null).ToQuery();
        _errors = errors;
        try
        {
            _actors = await Audit.ListActorsAsync(_lifetime.Token);
            // A bad filter (a hand-edited URL) is reported and ignored, not allowed to break the page.
            _page = await Audit.QueryAsync(query ?? new AuditQuery { Page = _pageNumber }, _lifetime.Token);
        }
        catch (OperationCanceledException) when (_lifetime.IsCancellationRequested)
        {
        }
    }

    private Task ApplyAsync(string? actor = null, string? action = null, string? target = null, string? from = null, string? to = null, int? page = null)
    {
        Navigation.NavigateTo(Link(actor, action, target, from, to, page ?? 1));
        return Task.CompletedTask;
    }

    /// <summary>The URL of this view with the given filters changed (null keeps one, <see cref="Clear"/> removes it).</summary>
    private string Link(string? actor = null, string? action = null, string? target = null, string? from = null, string? to = null, int? page = null) =>
        Navigation.GetUriWithQueryParameters("settings/audit", new Dictionary<string, object?>
        {
            ["actor"] = Blank(actor ?? _actor),
            ["action"] = Blank(action ?? _action),
            ["target"] = Blank(target ?? _target),
            ["from"] = Blank(from ?? _from),
            ["to"] = Blank(to ?? _to),
            ["page"] = (page ?? _pageNumber) > 1 ? page ?? _pageNumber : null,
        });

    private static Color ColorOf(string action) => action switch
    {
        AuditActions.SignInFailed or AuditActions.SignInLockedOut => Color.Error,
        AuditActions.RunDeleted or AuditActions.RunsDeletedForTemplate or AuditActions.RetentionPurged or AuditActions.UserDisabled => Color.Warning,
        _ when action.StartsWith("user.", StringComparison.Ordinal) || action == AuditActions.SetupFirstAdmin || action == AuditActions.PasswordChanged => Color.Secondary,
        _ => Color.Default,
    };

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    public void Dispose()
    {
        _lifetime.Cancel();
        _lifetime.Dispose();
        GC.SuppressFinalize(this);
    }
}
