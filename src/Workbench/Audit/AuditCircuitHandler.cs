using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server.Circuits;
using Workbench.Core.Audit;

namespace Workbench.Audit;

/// <summary>
/// Makes the circuit's user and client address the <see cref="AuditContext"/> of every inbound circuit activity
/// (event handlers, JS interop calls), so audit entries written by services in a click handler name who clicked.
/// The client address is the one of the circuit's connection, remembered when it is first seen.
/// </summary>
internal sealed class AuditCircuitHandler(AuthenticationStateProvider authentication, IHttpContextAccessor httpContextAccessor) : CircuitHandler
{
    private string? _clientIp;

    public override Func<CircuitInboundActivityContext, Task> CreateInboundActivityHandler(Func<CircuitInboundActivityContext, Task> next) =>
        async context =>
        {
            _clientIp ??= AuditOrigins.Format(httpContextAccessor.HttpContext?.Connection.RemoteIpAddress);
            var state = await authentication.GetAuthenticationStateAsync();
            var origin = AuditOrigins.From(state.User, null) with { ClientIp = _clientIp };
            using (AuditContext.Use(origin))
            {
                await next(context);
            }
        };
}
