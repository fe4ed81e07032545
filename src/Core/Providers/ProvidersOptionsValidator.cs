using System.Text.RegularExpressions;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace Workbench.Core.Providers;

/// <summary>
/// Start-up rules for <c>Workbench:Providers</c>. Every message names the configuration key it is about and never
/// repeats a configured value that could be a secret (an API key pasted into the wrong place, a URL with credentials).
/// </summary>
public sealed partial class ProvidersOptionsValidator(IConfiguration? configuration = null) : IValidateOptions<ProvidersOptions>
{
    private static readonly string[] ForbiddenSecretKeys = ["ApiKey", "Key", "Token", "Secret", "Password"];

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$")]
    private static partial Regex ProviderName();

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]{0,127}$")]
    private static partial Regex VariableName();

    public ValidateOptionsResult Validate(string? name, ProvidersOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        foreach (var (providerName, provider) in options.Providers)
        {
            ValidateProvider(providerName, provider, failures);
        }

        if (configuration is not null)
        {
            foreach (var section in configuration.GetSection(ProvidersOptions.ProvidersKey).GetChildren())
            {
                foreach (var forbidden in ForbiddenSecretKeys)
                {
                    if (section.GetSection(forbidden).Value is not null)
                    {
                        failures.Add($"{ProvidersOptions.ProvidersKey}:{section.Key}:{forbidden} is not allowed: API keys are read only from the environment variable named by {ProvidersOptions.ProvidersKey}:{section.Key}:ApiKeyVariable. Remove it from the configuration (and rotate the key if it was real).");
                    }
                }
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void ValidateProvider(string providerName, ProviderOptions provider, List<string> failures)
    {
        var key = $"{ProvidersOptions.ProvidersKey}:{providerName}";
        if (!ProviderName().IsMatch(providerName))
        {
            failures.Add($"{key} is not a valid provider name: use letters, digits, '-' and '_' (at most 64 characters).");
        }

        if (string.IsNullOrWhiteSpace(provider.Type))
        {
            failures.Add($"{key}:Type is required: one of {string.Join(", ", ProviderKinds.All)}.");
            return;
        }

        if (!ProviderKinds.TryParse(provider.Type, out var kind))
        {
            failures.Add($"{key}:Type must be one of {string.Join(", ", ProviderKinds.All)}.");
            return;
        }

        if (string.Equals(providerName, ProvidersOptions.SimulatedProviderName, StringComparison.OrdinalIgnoreCase) && kind != ProviderKind.Simulated)
        {
            failures.Add($"{key}:Type must be simulated: the name '{ProvidersOptions.SimulatedProviderName}' is reserved for the built-in simulated provider.");
        }

        if (provider.NativeStructuredOutput && kind == ProviderKind.Anthropic)
        {
            failures.Add($"{key}:NativeStructuredOutput applies only to openai-compatible providers: an anthropic provider always gets the output schema as a hint appended to the prompt. Remove the setting.");
        }

        ValidateBaseUrl(key, kind, provider.BaseUrl, failures);
        ValidateApiKeyVariable(key, kind, provider.ApiKeyVariable, failures);

        if (provider.TimeoutSeconds is < 1 or > 3600)
        {
            failures.Add($"{key}:TimeoutSeconds must be between 1 and 3600.");
        }

        if (provider.MaxRetries is < 0 or > 10)
        {
            failures.Add($"{key}:MaxRetries must be between 0 and 10.");
        }

        if (provider.RetryBaseDelayMilliseconds is < 1 or > 60_000)
        {
            failures.Add($"{key}:RetryBaseDelayMilliseconds must be between 1 and 60000.");
        }

        if (provider.MaxRetryAfterSeconds is < 1 or > 3600)
        {
            failures.Add($"{key}:MaxRetryAfterSeconds must be between 1 and 3600.");
        }

        if (provider.MaxConcurrency is < 1 or > 1000)
        {
            failures.Add($"{key}:MaxConcurrency must be between 1 and 1000 (leave it out for no limit).");
        }

        if (provider.Simulation.ChunkDelayMilliseconds is < 0 or > 10_000)
        {
            failures.Add($"{key}:Simulation:ChunkDelayMilliseconds must be between 0 and 10000.");
        }

        if (provider.Simulation.SlowFirstTokenMilliseconds is < 0 or > 600_000)
        {
            failures.Add($"{key}:Simulation:SlowFirstTokenMilliseconds must be between 0 and 600000.");
        }

        if (provider.Simulation.RetryAfterMilliseconds is < 0 or > 600_000)
        {
            failures.Add($"{key}:Simulation:RetryAfterMilliseconds must be between 0 and 600000.");
        }

        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < provider.Models.Count; i++)
        {
            var model = provider.Models[i];
            var modelKey = $"{key}:Models:{i}";
            if (string.IsNullOrWhiteSpace(model.Name))
            {
                failures.Add($"{modelKey}:Name is required.");
            }
            else if (!seen.Add(model.Name.Trim()))
            {
                failures.Add($"{modelKey}:Name repeats the model '{model.Name.Trim()}'.");
            }

            if (model.InputPricePerMillion is < 0)
            {
                failures.Add($"{modelKey}:InputPricePerMillion must not be negative (leave it out when unknown).");
            }

            if (model.OutputPricePerMillion is < 0)
            {
                failures.Add($"{modelKey}:OutputPricePerMillion must not be negative (leave it out when unknown).");
            }
        }
    }

    private static void ValidateBaseUrl(string key, ProviderKind kind, string? baseUrl, List<string> failures)
    {
        if (string.IsNullOrWhiteSpace(baseUrl))
        {
            if (kind == ProviderKind.OpenAICompatible)
            {
                failures.Add($"{key}:BaseUrl is required for an openai-compatible provider (e.g. http://127.0.0.1:11434/v1).");
            }

            return;
        }

        if (!TryParseBaseUrl(baseUrl, out var uri))
        {
            failures.Add($"{key}:BaseUrl must be an absolute http(s) URL.");
        }
        else if (!string.IsNullOrEmpty(uri.UserInfo))
        {
            failures.Add($"{key}:BaseUrl must not contain credentials; put the key in the environment variable named by {key}:ApiKeyVariable.");
        }
    }

    private static void ValidateApiKeyVariable(string key, ProviderKind kind, string? variable, List<string> failures)
    {
        if (string.IsNullOrWhiteSpace(variable))
        {
            return; // openai and anthropic fall back to OPENAI_API_KEY / ANTHROPIC_API_KEY; the others need none
        }

        var trimmed = variable.Trim();
        if (LooksLikeKey(trimmed))
        {
            failures.Add($"{key}:ApiKeyVariable looks like an API key, not the name of an environment variable. Put the key in an environment variable (e.g. {DefaultVariable(kind)}) and write that variable's name here; rotate the key if it was real.");
        }
        else if (!VariableName().IsMatch(trimmed))
        {
            failures.Add($"{key}:ApiKeyVariable must be the name of an environment variable (letters, digits and '_', not starting with a digit).");
        }
    }

    internal static bool TryParseBaseUrl(string? baseUrl, out Uri uri)
    {
        if (Uri.TryCreate(baseUrl?.Trim(), UriKind.Absolute, out var parsed)
            && (parsed.Scheme == Uri.UriSchemeHttp || parsed.Scheme == Uri.UriSchemeHttps)
            && !string.IsNullOrEmpty(parsed.Host))
        {
            uri = parsed;
            return true;
        }

        uri = null!;
        return false;
    }

    /// <summary>A value that looks like a credential rather than a variable name.</summary>
    internal static bool LooksLikeKey(string value)
    {
        if (value.StartsWith("sk-", StringComparison.OrdinalIgnoreCase)
            || value.StartsWith("sk_", StringComparison.OrdinalIgnoreCase)
            || value.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
            || value.Contains('-', StringComparison.Ordinal) && value.Length >= 20)
        {
            return true;
        }

        // Long mixed-case-and-digit runs are keys or tokens; environment variable names are short and upper-case.
        return value.Length >= 32 && value.Any(char.IsLower) && value.Any(char.IsUpper) && value.Any(char.IsDigit);
    }

    private static string DefaultVariable(ProviderKind kind) => kind == ProviderKind.Anthropic ? "ANTHROPIC_API_KEY" : "OPENAI_API_KEY";
}
