using Microsoft.Extensions.Options;

namespace Workbench.Privacy;

/// <summary>Telemetry needs an endpoint the user chose; a bad one stops start-up naming the key.</summary>
public sealed class TelemetryOptionsValidator : IValidateOptions<TelemetryOptions>
{
    public ValidateOptionsResult Validate(string? name, TelemetryOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        const string key = TelemetryOptions.SectionName + ":OtlpEndpoint";
        if (string.IsNullOrWhiteSpace(options.OtlpEndpoint))
        {
            return options.Enabled
                ? ValidateOptionsResult.Fail($"{key} is required when {TelemetryOptions.SectionName}:Enabled is true (the URL of your own OTLP collector, e.g. http://localhost:4318).")
                : ValidateOptionsResult.Success;
        }

        return options.EndpointUri is null
            ? ValidateOptionsResult.Fail($"{key} must be an absolute http or https URL, e.g. http://localhost:4318.")
            : ValidateOptionsResult.Success;
    }
}
