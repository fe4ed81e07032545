using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Workbench.Core.Persistence;
using Workbench.Security;

namespace Workbench.Components.Account.Pages;

public partial class Setup
{
    private string? _whyNot;
    private string? _error;

    [CascadingParameter] public HttpContext? HttpContext { get; set; }

    [Inject] public required IOptions<SecurityOptions> Security { get; init; }

    [Inject] public required SetupAccess Access { get; init; }

    [Inject] public required UserAdministration Users { get; init; }

    [Inject] public required IServiceProvider Services { get; init; }

    [Inject] public required NavigationManager Navigation { get; init; }

    [SupplyParameterFromForm] private SetupInput Input { get; set; } = default!;

    protected override async Task OnInitializedAsync()
    {
        Input ??= new();
        _whyNot = HttpContext is null ? "Setup needs a plain page load." : await Access.WhyNotAsync(HttpContext);
        if (_whyNot is not null && HttpContext is not null)
        {
            // As if the page were not there: nothing to see for anyone but the first local visitor.
            HttpContext.Response.StatusCode = StatusCodes.Status404NotFound;
        }
    }

    private async Task CreateAsync()
    {
        if (_whyNot is not null)
        {
            return;
        }

        if (!string.Equals(Input.Password, Input.Confirm, StringComparison.Ordinal))
        {
            _error = "The two passwords differ.";
            return;
        }

        var created = await Users.CreateFirstAdminAsync(Input.Email, Input.Password);
        if (!created.Succeeded)
        {
            _error = created.Error;
            return;
        }

        var signIn = Services.GetRequiredService<SignInManager<WorkbenchUser>>();
        if (await signIn.UserManager.FindByNameAsync(Input.Email.Trim()) is { } user)
        {
            await signIn.SignInAsync(user, isPersistent: false);
        }

        Navigation.NavigateTo("/settings/users", forceLoad: true);
    }

    internal sealed class SetupInput
    {
        [Required(ErrorMessage = "Enter the admin's e-mail address.")]
        [EmailAddress(ErrorMessage = "Enter an e-mail address.")]
        [StringLength(256, ErrorMessage = "An e-mail address has at most 256 characters.")]
        public string Email { get; set; } = "";

        [Required(ErrorMessage = "Choose a password.")]
        [StringLength(256, ErrorMessage = "A password has at most 256 characters.")]
        public string Password { get; set; } = "";

        [Required(ErrorMessage = "Repeat the password.")]
        public string Confirm { get; set; } = "";
    }
}
