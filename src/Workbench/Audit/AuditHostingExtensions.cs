using Microsoft.AspNetCore.Components.Server.Circuits;
using Workbench.Core.Audit;

namespace Workbench.Audit;

/// <summary>Sets the <see cref="AuditContext"/> for requests (after authentication) and for circuit events (ADR-017).</summary>
public static class AuditHostingExtensions
{
    public static IServiceCollection AddWorkbenchAudit(this IServiceCollection services)
    {
        services.AddScoped<CircuitHandler, AuditCircuitHandler>();
        return services;
    }

    /// <summary>Call after authentication: the request's user and remote address become the audit origin.</summary>
    public static IApplicationBuilder UseWorkbenchAudit(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            using (AuditContext.Use(AuditOrigins.From(context.User, context.Connection.RemoteIpAddress)))
            {
                await next(context);
            }
        });
}
