namespace Workbench.Privacy;

/// <summary>The <c>Workbench:Telemetry</c> section. Off by default: no OpenTelemetry service is registered at all.</summary>
public sealed class TelemetryOptions
{
    public const string SectionName = "Workbench:Telemetry";

    /// <summary>Sends traces, metrics and logs to <see cref="OtlpEndpoint"/>.</summary>
    public bool Enabled { get; set; }

    /// <summary>The user's own OTLP collector (absolute http/https URL); required when enabled.</summary>
    public string? OtlpEndpoint { get; set; }

    /// <summary>Allows prompt and output content attributes in spans (redacted even then).</summary>
    public bool IncludeContent { get; set; }

    /// <summary>The endpoint when it is an absolute http/https URL, otherwise null.</summary>
    public Uri? EndpointUri =>
        Uri.TryCreate(OtlpEndpoint, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps) ? uri : null;
}
