using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using MudBlazor.Services;
using Workbench.Api;
using Workbench.Audit;
using Workbench.Components;
using Workbench.Core;
using Workbench.Privacy;
using Workbench.Security;

namespace Workbench.Hosting;

internal static class WorkbenchHostingExtensions
{
    /// <summary>Largest SignalR message a circuit accepts: a pasted prompt arrives in one message.</summary>
    public const long MaxCircuitMessageBytes = 4 * 1024 * 1024;

    public static WebApplicationBuilder AddWorkbench(this WebApplicationBuilder builder)
    {
        // Static web assets (MudBlazor's CSS/JS) are served from the build output in every environment, so the
        // README run command and the in-process test host work without a publish step.
        builder.WebHost.UseStaticWebAssets();

        builder.Services.AddWorkbenchCore(builder.Configuration);
        builder.Services.AddRazorComponents()
            .AddInteractiveServerComponents()
            .AddHubOptions(o => o.MaximumReceiveMessageSize = MaxCircuitMessageBytes);
        builder.Services.AddMudServices();
        builder.Services.AddDataProtection().SetApplicationName("PromptWorkbench");
        builder.Services.AddSingleton<IConfigureOptions<Microsoft.AspNetCore.DataProtection.KeyManagement.KeyManagementOptions>, DataProtectionSetup>();
        builder.Services.AddOptions<NetworkExposureOptions>()
            .Configure<IConfiguration>(ReadListeningAddresses)
            .ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<NetworkExposureOptions>, NetworkExposureValidator>();
        builder.Services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database");
        builder.Services.AddWorkbenchApi();
        builder.AddWorkbenchPrivacy();
        builder.AddWorkbenchSecurity();
        builder.Services.AddWorkbenchAudit();
        return builder;
    }

    /// <summary>Every setting that makes Kestrel listen somewhere: urls, http(s)_ports (all interfaces) and endpoints.</summary>
    internal static void ReadListeningAddresses(NetworkExposureOptions options, IConfiguration configuration)
    {
        options.AllowUnauthenticatedNetworkAccess = configuration.GetValue<bool>(NetworkExposureOptions.AllowKey);
        options.TeamMode = string.Equals(configuration[SecurityOptions.ModeKey], SecurityModes.Team, StringComparison.OrdinalIgnoreCase);
        foreach (var url in (configuration["urls"] ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            options.Addresses.Add((url, "urls / ASPNETCORE_URLS"));
        }

        foreach (var key in new[] { "http_ports", "https_ports" })
        {
            foreach (var port in (configuration[key] ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                options.Addresses.Add(($"*:{port}", $"{key} / ASPNETCORE_{key.ToUpperInvariant()}"));
            }
        }

        foreach (var endpoint in configuration.GetSection("Kestrel:Endpoints").GetChildren())
        {
            if (endpoint["Url"] is { Length: > 0 } url)
            {
                options.Addresses.Add((url, $"Kestrel:Endpoints:{endpoint.Key}:Url"));
            }
        }
    }

    public static WebApplication UseWorkbench(this WebApplication app)
    {
        if (app.Services.GetRequiredService<IOptions<NetworkExposureOptions>>().Value is { AllowUnauthenticatedNetworkAccess: true, TeamMode: false })
        {
            StartupLog.UnauthenticatedNetworkAccessAllowed(app.Logger, NetworkExposureOptions.AllowKey);
        }

        app.UseWorkbenchPrivacyWarnings();
        if (!app.Environment.IsDevelopment())
        {
            app.UseExceptionHandler("/Error", createScopeForErrors: true);
        }

        app.UseSecurityHeaders();
        app.UseStatusCodePagesWithReExecute("/status/{0}", createScopeForStatusCodePages: true);
        app.UseWorkbenchApi();
        app.UseWorkbenchSecurity();
        app.UseWorkbenchAudit();
        app.UseAntiforgery();
        app.MapStaticAssets();
        app.MapHealthChecks("/healthz", new HealthCheckOptions { ResponseWriter = HealthReportWriter.WriteAsync });
        app.MapAccountEndpoints();
        app.MapWorkbenchApi();
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
        return app;
    }
}
