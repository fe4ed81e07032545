using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Workbench.Tests.Security;

/// <summary>
/// The in-memory test server has no remote address (the app treats that as "not this machine"). Tests that need one
/// register this filter and name the address in a test-only header.
/// </summary>
public sealed class TestRemoteAddress : IStartupFilter
{
    public const string Header = "X-Test-Remote-Address";

    public static void Register(IServiceCollection services) => services.AddSingleton<IStartupFilter, TestRemoteAddress>();

    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Use(async (HttpContext context, Func<Task> nextMiddleware) =>
        {
            if (context.Request.Headers.TryGetValue(Header, out var value) && IPAddress.TryParse(value.ToString(), out var address))
            {
                context.Connection.RemoteIpAddress = address;
                context.Request.Headers.Remove(Header);
            }

            await nextMiddleware();
        });
        next(app);
    };
}
