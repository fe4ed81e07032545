using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Options;
using Microsoft.JSInterop;
using MudBlazor;
using Workbench.Components.Shared;
using Workbench.Core.Configuration;
using Workbench.Security;

namespace Workbench.Components.Layout;

public partial class MainLayout
{
    private const string DarkModeKey = "workbench.darkMode";
    private MudThemeProvider? _themeProvider;
    private FriendlyErrorBoundary? _errorBoundary;
    private bool _drawerOpen = true;
    private bool _isDarkMode;
    // Set once the circuit is live; browser tests wait for it before clicking.
    private bool _interactive;

    [Inject] public required IOptions<WorkbenchOptions> Options { get; init; }

    [Inject] public required IJSRuntime JS { get; init; }

    [Inject] public required IOptions<RedactionSettings> RedactionSettings { get; init; }

    [Inject] public required IOptions<SecurityOptions> Security { get; init; }

    protected override void OnParametersSet() => _errorBoundary?.Recover();

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (!firstRender)
        {
            return;
        }

        // The user's choice wins; without one, follow the operating system.
        var stored = await JS.InvokeAsync<string?>("workbench.storage.get", DarkModeKey);
        _isDarkMode = stored is null
            ? _themeProvider is not null && await _themeProvider.GetSystemDarkModeAsync()
            : stored == "true";
        _interactive = true;
        StateHasChanged();
    }

    private void ToggleDrawer() => _drawerOpen = !_drawerOpen;

    private async Task ToggleDarkModeAsync()
    {
        _isDarkMode = !_isDarkMode;
        await JS.InvokeVoidAsync("workbench.storage.set", DarkModeKey, _isDarkMode ? "true" : "false");
    }
}
