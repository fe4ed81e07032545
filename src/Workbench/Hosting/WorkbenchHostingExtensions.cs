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
    /// <summary>
    /// Largest SignalR message a circuit accepts (1 MB; ASP.NET Core's default is 32 KB). An editor sends its whole text
    /// in one message, so the limit is sized to the largest legitimate editor content: a template message of up to
    /// 512 K characters (<c>TemplateLimits.MaxSourceLength</c>) and a schema of up to 256 KB, with room for JSON escaping.
    /// Larger input comes in as a file (test-case and template import stream through <c>InputFile</c>, which is not
    /// bound by this limit). The browser refuses bigger text before sending it (<see cref="MaxFieldMessageBytes"/>).
    /// </summary>
    public const long MaxCircuitMessageBytes = 1024 * 1024;

    /// <summary>
    /// What the browser lets one editor or field change carry, measured as it is sent (UTF-8, JSON-escaped twice): the
    /// circuit limit less 16 KB for the message envelope. Used by the code editor and by the field guard in workbench.js.
    /// </summary>
    public const int MaxFieldMessageBytes = (int)MaxCircuitMessageBytes - (16 * 1024);

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
        builder.Services.AddOptions<NetworkExposureOptions>()
            .Configure<IConfiguration>(ReadListeningAddresses)
            .ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<NetworkExposureOptions>, NetworkExposureValidator>();
        builder.Services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database").AddCheck<WarmUpHealthCheck>("warm-up");
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
