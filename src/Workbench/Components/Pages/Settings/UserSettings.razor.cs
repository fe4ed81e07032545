using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Options;
using MudBlazor;
using Workbench.Hosting;
using Workbench.Security;

namespace Workbench.Components.Pages.Settings;

/// <summary>
/// Admin page for team-mode accounts. Every handler checks <see cref="Policies.CanAdminister"/> itself: the page
/// attribute keeps others out, the handler check keeps a circuit whose role just changed from acting on it.
/// </summary>
public partial class UserSettings : IDisposable
{
    private readonly CancellationTokenSource _cts = new();
    private IReadOnlyList<UserSummary>? _users;
    private string? _newEmail;
    private string _newRole = Roles.Author;
    private string? _newPassword;
    private string? _createError;
    private (string Email, string Password)? _shownPassword;
    private bool _busy;

    [Inject] public required UserAdministration Users { get; init; }

    [Inject] public required ActionAuthorization Authorization { get; init; }

    [Inject] public required CurrentUser User { get; init; }

    [Inject] public required IOptions<SecurityOptions> Security { get; init; }

    [Inject] public required ISnackbar Snackbar { get; init; }

    protected override async Task OnInitializedAsync()
    {
        if (Security.Value.IsTeam)
        {
            await LoadAsync();
        }
    }

    private async Task LoadAsync() => _users = await Users.ListAsync(_cts.Token);

    private async Task CreateAsync()
    {
        if (!await Authorization.DemandAsync(Policies.CanAdminister, "create accounts"))
        {
            return;
        }

        await RunAsync(async () =>
        {
            var email = _newEmail?.Trim() ?? "";
            var result = await Users.CreateAsync(email, _newRole, _newPassword, _cts.Token);
            if (!result.Succeeded)
            {
                _createError = result.Error;
                return;
            }

            _createError = null;
            _shownPassword = result.GeneratedPassword is { } generated ? (email, generated) : null;
            _newEmail = null;
            _newPassword = null;
            Snackbar.Add($"Created {email} as {_newRole}.", Severity.Success);
        });
    }

    private async Task SetRoleAsync(UserSummary user, string role)
    {
        if (role == user.Role || !await Authorization.DemandAsync(Policies.CanAdminister, "change roles"))
        {
            return;
        }

        await RunAsync(async () => Report(await Users.SetRoleAsync(user.Id, role, _cts.Token), $"{user.Email} is now {role}."));
    }

    private async Task SetEnabledAsync(UserSummary user, bool enabled)
    {
        if (!await Authorization.DemandAsync(Policies.CanAdminister, enabled ? "enable accounts" : "disable accounts"))
        {
            return;
        }

        await RunAsync(async () => Report(
            await Users.SetEnabledAsync(user.Id, enabled, User.Id, _cts.Token),
            enabled ? $"{user.Email} can sign in again." : $"{user.Email} is disabled and signed out within a minute."));
    }

    private async Task ResetPasswordAsync(UserSummary user)
    {
        if (!await Authorization.DemandAsync(Policies.CanAdminister, "reset passwords"))
        {
            return;
        }

        await RunAsync(async () =>
        {
            var result = await Users.ResetPasswordAsync(user.Id, null, _cts.Token);
            Report(result, $"New password for {user.Email} is shown above.");
            if (result is { Succeeded: true, GeneratedPassword: { } password })
            {
                _shownPassword = (user.Email, password);
            }
        });
    }

    private void Report(UserChange result, string success) =>
        Snackbar.Add(result.Succeeded ? success : result.Error ?? "That did not work.", result.Succeeded ? Severity.Success : Severity.Error);

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
