using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Options;
using Microsoft.JSInterop;
using MudBlazor;
using Workbench.Hosting;
using Workbench.Security;

namespace Workbench.Components.Pages.Tokens;

/// <summary>
/// The signed-in account's personal API tokens: create (shown once, with a copy button), list, revoke. Admins may list
/// and revoke every account's tokens. Handlers check the policy themselves, the page attribute only keeps others out.
/// </summary>
public partial class ApiTokens : IDisposable
{
    private static readonly int[] ExpiryChoices = [30, 90, 365, 7, 0];

    private readonly CancellationTokenSource _cts = new();
    private IReadOnlyList<ApiTokenSummary>? _tokens;
    private string? _newName;
    private string _newRole = Roles.Viewer;
    private int _newExpiryDays = 90;
    private string? _createError;
    private (string Name, string Token)? _shownToken;
    private string _myRole = Roles.Viewer;
    private bool _isAdmin;
    private bool _everyone;
    private bool _busy;

    [Inject] public required ApiTokenService Tokens { get; init; }

    [Inject] public required ActionAuthorization Authorization { get; init; }

    [Inject] public required CurrentUser User { get; init; }

    [Inject] public required IOptions<SecurityOptions> Security { get; init; }

    [Inject] public required TimeProvider Time { get; init; }

    [Inject] public required IJSRuntime JS { get; init; }

    [Inject] public required ISnackbar Snackbar { get; init; }

    private DateTime Now => Time.GetUtcNow().UtcDateTime;

    protected override async Task OnInitializedAsync()
    {
        if (!Security.Value.IsTeam)
        {
            return;
        }

        _myRole = Roles.Highest(Roles.All.Where(User.Principal.IsInRole)) ?? Roles.Viewer;
        _newRole = _myRole;
        _isAdmin = await Authorization.IsAllowedAsync(Policies.CanAdminister);
        await LoadAsync();
    }

    private async Task LoadAsync() => _tokens = User.Id is { } id ? await Tokens.ListAsync(_everyone ? null : id, _cts.Token) : [];

    private async Task ShowEveryoneAsync(bool everyone)
    {
        if (everyone && !await Authorization.DemandAsync(Policies.CanAdminister, "see other accounts' tokens"))
        {
            return;
        }

        _everyone = everyone;
        await LoadAsync();
    }

    private async Task CreateAsync()
    {
        if (!await Authorization.DemandAsync(Policies.CanRead, "create API tokens") || User.Id is not { } id)
        {
            return;
        }

        await RunAsync(async () =>
        {
            DateTime? expires = _newExpiryDays > 0 ? Now.AddDays(_newExpiryDays) : null;
            var result = await Tokens.CreateAsync(id, _newName, _newRole, expires, _cts.Token);
            if (!result.Succeeded)
            {
                _createError = result.Error;
                return;
            }

            _createError = null;
            _shownToken = (result.Summary!.Name, result.Token!);
            _newName = null;
            Snackbar.Add($"Created token '{result.Summary.Name}'. Copy it now.", Severity.Success);
        });
    }

    private async Task RevokeAsync(ApiTokenSummary token)
    {
        if (!await Authorization.DemandAsync(Policies.CanRead, "revoke API tokens") || User.Id is not { } id)
        {
            return;
        }

        // Someone else's token needs the admin role, checked now (not when the page was opened).
        var admin = token.UserId != id && await Authorization.DemandAsync(Policies.CanAdminister, "revoke other accounts' tokens");
        if (token.UserId != id && !admin)
        {
            return;
        }

        await RunAsync(async () =>
        {
            var result = await Tokens.RevokeAsync(token.Id, id, admin, _cts.Token);
            Snackbar.Add(result.Succeeded ? $"Revoked '{token.Name}': it no longer works." : result.Error ?? "That did not work.", result.Succeeded ? Severity.Success : Severity.Error);
        });
    }

    private async Task CopyAsync()
    {
        if (_shownToken is { } shown)
        {
            var copied = await JS.InvokeAsync<bool>("workbench.clipboard.copy", _cts.Token, shown.Token);
            Snackbar.Add(copied ? "Copied." : "The browser did not allow copying: select the token and copy it by hand.", copied ? Severity.Success : Severity.Warning);
        }
    }

    private async Task RunAsync(Func<Task> action)
    {
        _busy = true;
        try
        {
            await action();
            await LoadAsync();
        }
        finally
        {
            _busy = false;
        }
    }

    public void Dispose()
    {
        _cts.Cancel();
        _cts.Dispose();
        GC.SuppressFinalize(this);
    }
}
