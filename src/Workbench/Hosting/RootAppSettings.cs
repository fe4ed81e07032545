using Microsoft.Extensions.Configuration.Json;
using Microsoft.Extensions.FileProviders;

namespace Workbench.Hosting;

/// <summary>
/// The app's base configuration is the repository's top-level appsettings.json. The build copies it next to the
/// binaries; here the default appsettings sources are pointed at that folder, so there is one file and no copy
/// in the source tree that could drift. Environment variables and command-line arguments still override it.
/// </summary>
internal static class RootAppSettings
{
    public static string BaseDirectory => AppContext.BaseDirectory;

    public static WebApplicationBuilder UseRootAppSettings(this WebApplicationBuilder builder)
    {
        var sources = builder.Configuration.Sources;
        for (var i = 0; i < sources.Count; i++)
        {
            if (sources[i] is JsonConfigurationSource { Path: { } path } json && path.StartsWith("appsettings", StringComparison.OrdinalIgnoreCase))
            {
                sources[i] = new JsonConfigurationSource
                {
                    Path = path,
                    Optional = json.Optional,
                    ReloadOnChange = json.ReloadOnChange,
                    FileProvider = new PhysicalFileProvider(BaseDirectory),
                };
            }
        }

        return builder;
    }
}
