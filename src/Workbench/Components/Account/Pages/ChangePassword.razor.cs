using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Workbench.Core.Audit;
using Workbench.Core.Persistence;
using Workbench.Hosting;
using Workbench.Security;

namespace Workbench.Components.Account.Pages;

public partial class ChangePassword
{
    private string? _error;
    private bool _changed;

    [Inject] public required IOptions<SecurityOptions> Security { get; init; }

    [Inject] public required CurrentUser User { get; init; }

    [Inject] public required IServiceProvider Services { get; init; }

    [SupplyParameterFromForm] private PasswordInput Input { get; set; } = default!;

    protected override void OnInitialized() => Input ??= new();

    private async Task ChangeAsync()
    {
        if (!string.Equals(Input.New, Input.Confirm, StringComparison.Ordinal))
        {
            _error = "The two new passwords differ.";
            return;
        }

        var signIn = Services.GetRequiredService<SignInManager<WorkbenchUser>>();
        if (await signIn.UserManager.GetUserAsync(User.Principal) is not { } user)
        {
            _error = "Your account no longer exists.";
            return;
        }

        var result = await signIn.UserManager.ChangePasswordAsync(user, Input.Current, Input.New);
        if (!result.Succeeded)
        {
            _error = result.Errors.Any(e => e.Code == nameof(IdentityErrorDescriber.PasswordMismatch))
                ? "The current password is wrong."
                : string.Join(" ", result.Errors.Select(e => e.Description));
            return;
        }

        await Services.GetRequiredService<AuditTrail>().RecordAsync(new(AuditActions.PasswordChanged, AuditTargets.User, user.Id, user.UserName) { ActorId = user.Id, ActorName = user.UserName });
        // The security stamp changed (other sessions end); keep this one signed in.
        await signIn.RefreshSignInAsync(user);
        _changed = true;
        Input = new();
    }

    internal sealed class PasswordInput
    {
        [Required(ErrorMessage = "Enter your current password.")]
        [StringLength(256, ErrorMessage = "A password has at most 256 characters.")]
        public string Current { get; set; } = "";

        [Required(ErrorMessage = "Choose a new password.")]
        [StringLength(256, ErrorMessage = "A password has at most 256 characters.")]
        public string New { get; set; } = "";

        [Required(ErrorMessage = "Repeat the new password.")]
        public string Confirm { get; set; } = "";
    }
}
