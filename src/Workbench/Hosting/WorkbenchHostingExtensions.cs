using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using MudBlazor.Services;
using Workbench.Components;
using Workbench.Core;

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
        builder.Services.AddScoped<CurrentUser>();
        builder.Services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database");
        return builder;
    }

    public static WebApplication UseWorkbench(this WebApplication app)
    {
        if (!app.Environment.IsDevelopment())
        {
            app.UseExceptionHandler("/Error", createScopeForErrors: true);
        }

        app.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true);
        app.UseAntiforgery();
        app.MapStaticAssets();
        app.MapHealthChecks("/healthz", new HealthCheckOptions { ResponseWriter = HealthReportWriter.WriteAsync });
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
        return app;
    }
}
