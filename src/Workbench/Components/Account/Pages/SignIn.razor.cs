using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Options;
using Workbench.Security;

namespace Workbench.Components.Account.Pages;

public partial class SignIn
{
    private bool _failed;
    private int? _retryAfterSeconds;

    [Inject] public required IOptions<SecurityOptions> Security { get; init; }

    [Inject] public required IServiceProvider Services { get; init; }

    [Inject] public required NavigationManager Navigation { get; init; }

    [CascadingParameter] public HttpContext? HttpContext { get; set; }

    [SupplyParameterFromQuery] public string? ReturnUrl { get; set; }

    [SupplyParameterFromQuery] public int? SignedOut { get; set; }

    [SupplyParameterFromQuery] public string? External { get; set; }

    [SupplyParameterFromForm] private SignInInput Input { get; set; } = default!;

    protected override void OnInitialized() => Input ??= new();

    private async Task SignInAsync()
    {
        // Resolved only in team mode; local mode never signs anyone in.
        var signIn = Services.GetRequiredService<PasswordSignIn>();
        var (allowed, retryAfter) = Services.GetRequiredService<SignInThrottle>().TryAttempt(Input.Email);
        if (!allowed)
        {
            // Refused before the password is checked: the same answer whether or not the account exists.
            _retryAfterSeconds = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));
            if (HttpContext is { Response.HasStarted: false } http)
            {
                http.Response.StatusCode = StatusCodes.Status429TooManyRequests;
                http.Response.Headers.RetryAfter = _retryAfterSeconds.Value.ToString(System.Globalization.CultureInfo.InvariantCulture);
            }

            return;
        }

        if (await signIn.SignInAsync(Input.Email, Input.Password))
        {
            Navigation.NavigateTo(LocalReturnUrl(ReturnUrl), forceLoad: true);
            return;
        }

        _failed = true;
    }

    /// <summary>Only a path on this site: anything else (another host, "//host", "/\host") goes home.</summary>
    internal static string LocalReturnUrl(string? returnUrl) =>
        returnUrl is { Length: > 0 } url && url[0] == '/' && (url.Length == 1 || (url[1] != '/' && url[1] != '\\')) && Uri.IsWellFormedUriString(url, UriKind.Relative)
            ? url
            : "/";

    internal sealed class SignInInput
    {
        [Required(ErrorMessage = "Enter your e-mail address.")]
        [StringLength(256, ErrorMessage = "An e-mail address has at most 256 characters.")]
        public string Email { get; set; } = "";

        [Required(ErrorMessage = "Enter your password.")]
        [StringLength(256, ErrorMessage = "A password has at most 256 characters.")]
        public string Password { get; set; } = "";
    }
}
