using Microsoft.AspNetCore.Components.Server;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using OpenTelemetry.Exporter;
using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using Workbench.Core.Configuration;
using Workbench.Core.Redaction;

namespace Workbench.Privacy;

/// <summary>The privacy boundaries of the host: redacted logging, the debug clamp, friendly errors, opt-in telemetry.</summary>
internal static class PrivacyHostingExtensions
{
    public static WebApplicationBuilder AddWorkbenchPrivacy(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        var isDevelopment = builder.Environment.IsDevelopment();

        services.AddOptions<TelemetryOptions>().BindConfiguration(TelemetryOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<TelemetryOptions>, TelemetryOptionsValidator>();
        services.AddRedactedLogging();

        // Errors: details reach the browser only in Development, whatever DetailedErrors says.
        services.PostConfigure<CircuitOptions>(o => o.DetailedErrors = o.DetailedErrors && isDevelopment);
        services.AddExceptionHandler<CorrelatingExceptionHandler>();

        var telemetry = builder.Configuration.GetSection(TelemetryOptions.SectionName).Get<TelemetryOptions>() ?? new TelemetryOptions();
        if (telemetry is { Enabled: true, EndpointUri: { } endpoint })
        {
            AddTelemetry(services, endpoint, telemetry.IncludeContent);
        }

        return builder;
    }

    /// <summary>Logs: the standard factory stays (providers and their filter rules); the <see cref="ILoggerFactory"/> everyone
    /// resolves wraps it, so every provider, whenever it was added, only sees redacted text.</summary>
    public static IServiceCollection AddRedactedLogging(this IServiceCollection services)
    {
        services.AddOptions<DiagnosticLoggingOptions>().BindConfiguration(DiagnosticLoggingOptions.SectionName);
        services.AddSingleton<LoggerFactory>();
        services.AddSingleton(sp => new LogRedaction(
            LogRedactor(sp),
            sp.GetRequiredService<IOptions<DiagnosticLoggingOptions>>().Value.EnableDebug));
        services.Replace(ServiceDescriptor.Singleton<ILoggerFactory>(sp =>
            new RedactingLoggerFactory(sp.GetRequiredService<LoggerFactory>(), sp.GetRequiredService<LogRedaction>())));
        return services;
    }

    public static WebApplication UseWorkbenchPrivacyWarnings(this WebApplication app)
    {
        var redaction = app.Services.GetRequiredService<IOptions<RedactionSettings>>().Value;
        var telemetry = app.Services.GetRequiredService<IOptions<TelemetryOptions>>().Value;
        if (!redaction.Enabled)
        {
            PrivacyLog.RedactionDisabled(app.Logger, RedactionSettings.SectionName + ":Enabled");
        }

        if (app.Services.GetRequiredService<LogRedaction>().EnableDebug)
        {
            PrivacyLog.DebugLoggingEnabled(app.Logger, DiagnosticLoggingOptions.EnableDebugKey);
        }

        if (telemetry.Enabled)
        {
            PrivacyLog.TelemetryEnabled(app.Logger, telemetry.EndpointUri, telemetry.IncludeContent);
        }

        return app;
    }

    /// <summary>Logs are redacted with the configured detectors even when redaction of run data is off. The logger factory
    /// is built before start-up validation runs, so an invalid section falls back to all detectors (start-up then stops
    /// with the validation message).</summary>
    private static Redactor LogRedactor(IServiceProvider services)
    {
        try
        {
            return Redactor.Create(services.GetRequiredService<IOptions<RedactionSettings>>().Value.ToRedactionOptions());
        }
        catch (Exception ex) when (ex is OptionsValidationException or ArgumentException)
        {
            return Redactor.CreateDefault();
        }
    }

    private static void AddTelemetry(IServiceCollection services, Uri endpoint, bool includeContent)
    {
        services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService("prompt-workbench"))
            .WithTracing(t => t
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddProcessor(sp => new RedactingActivityProcessor(sp.GetRequiredService<LogRedaction>(), includeContent))
                .AddOtlpExporter(o => Otlp(o, endpoint, "v1/traces")))
            .WithMetrics(m => m
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddOtlpExporter(o => Otlp(o, endpoint, "v1/metrics")))
            .WithLogging(l => l.AddOtlpExporter(o => Otlp(o, endpoint, "v1/logs")));
    }

    /// <summary>OTLP over HTTP/protobuf to the collector's base URL (a programmatic endpoint gets no signal path added).</summary>
    private static void Otlp(OtlpExporterOptions options, Uri endpoint, string signalPath)
    {
        options.Protocol = OtlpExportProtocol.HttpProtobuf;
        var baseUri = endpoint.AbsoluteUri.EndsWith('/') ? endpoint : new Uri(endpoint.AbsoluteUri + "/");
        options.Endpoint = new Uri(baseUri, signalPath);
    }
}
