using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Workbench.Core.Configuration;

namespace Workbench.Core.Redaction;

public static class RedactionServiceCollectionExtensions
{
    /// <summary>Registers <c>Workbench:Redaction</c> (validated at start-up) and the app's singleton <see cref="Redactor"/>,
    /// built from it; when redaction is switched off, the singleton leaves text unchanged.</summary>
    public static IServiceCollection AddWorkbenchRedaction(this IServiceCollection services)
    {
        services.AddOptions<RedactionSettings>()
            .Configure<IConfiguration>((settings, configuration) => RedactionSettingsReader.Read(settings, configuration))
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<RedactionSettings>, RedactionSettingsValidator>();
        services.AddSingleton(sp =>
        {
            var settings = sp.GetRequiredService<IOptions<RedactionSettings>>().Value;
            return Redactor.Create(settings.Enabled ? settings.ToRedactionOptions() : RedactionSettings.PassThrough());
        });
        return services;
    }
}
