using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components.Authorization;
using MudBlazor;

namespace Workbench.Security;

/// <summary>
/// The check a component runs in the handler of every action that changes data, so a hidden button is never the only
/// guard. A refused action shows a message saying which role it needs and changes nothing.
/// </summary>
public sealed class ActionAuthorization(AuthenticationStateProvider authentication, IAuthorizationService authorization, ISnackbar snackbar)
{
    public async Task<bool> IsAllowedAsync(string policy)
    {
        var state = await authentication.GetAuthenticationStateAsync();
        return (await authorization.AuthorizeAsync(state.User, policy)).Succeeded;
    }

    /// <summary>True when allowed; otherwise tells the user why not and returns false.</summary>
    public async Task<bool> DemandAsync(string policy, string action)
    {
        if (await IsAllowedAsync(policy))
        {
            return true;
        }

        var role = Policies.MinimumRole.TryGetValue(policy, out var r) ? r : policy;
        snackbar.Add($"You cannot {action}: that needs the {role} role.", Severity.Warning);
        return false;
    }
}
