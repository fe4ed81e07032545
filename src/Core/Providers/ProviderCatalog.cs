using System.ClientModel;
using System.ClientModel.Primitives;
using System.Net;
using System.Runtime.CompilerServices;
using Anthropic;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OpenAI;

namespace Workbench.Core.Providers;

/// <summary>
/// The configured providers: lists them (without keys), checks them before any request, builds their chat clients
/// (<see cref="ChatClientBuilder"/> over the official SDKs, on an <see cref="IHttpClientFactory"/> client with the
/// transport pipeline) and tests connections for the settings page.
/// </summary>
public sealed class ProviderCatalog(
    IOptionsMonitor<ProvidersOptions> options,
    IHttpClientFactory httpClientFactory,
    ILoggerFactory loggerFactory,
    TimeProvider timeProvider) : IChatClientFactory
{
    public const string HttpClientNamePrefix = "Workbench.Provider.";

    internal static readonly Uri OpenAIEndpoint = new("https://api.openai.com/v1");
    internal static readonly Uri AnthropicEndpoint = new("https://api.anthropic.com");
    internal static readonly Uri SimulatedEndpoint = new("http://simulated.workbench.invalid/v1");

    private static readonly TimeSpan ConnectionTestTimeout = TimeSpan.FromSeconds(10);

    /// <summary>
    /// How long a shared client is reused. It holds one <see cref="IHttpClientFactory"/> client, whose handler the factory
    /// rotates for new clients (DNS changes); renewing ours as often keeps that behaviour, and picks up a changed key
    /// variable within the same time.
    /// </summary>
    public static readonly TimeSpan SharedClientLifetime = TimeSpan.FromMinutes(2);

    /// <summary>Most provider/model pairs whose clients are kept (model names come from requests, so the set is open).</summary>
    public const int SharedClientCapacity = 64;

    private readonly ILogger _logger = loggerFactory.CreateLogger<ProviderCatalog>();

    /// <summary>One gate per provider with a <c>MaxConcurrency</c>, shared by all its clients (a changed limit gets a new gate).</summary>
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, (int Limit, SemaphoreSlim Gate)> _gates = new(StringComparer.OrdinalIgnoreCase);

    private readonly Runs.BoundedCache<(string Provider, string Model), (SharedProviderClient Shared, ProvidersOptions Options, long CreatedAt)> _shared = new(SharedClientCapacity);

    /// <summary>The name of the <see cref="IHttpClientFactory"/> client a provider uses (tests replace its primary handler).</summary>
    public static string HttpClientName(string provider) => HttpClientNamePrefix + provider;

    public IReadOnlyList<ProviderInfo> Providers =>
        [.. options.CurrentValue.Providers.OrderBy(p => p.Value.Kind == ProviderKind.Simulated ? 0 : 1).ThenBy(p => p.Key, StringComparer.OrdinalIgnoreCase).Select(p => Describe(p.Key, p.Value))];

    public ProviderInfo? Find(string provider) =>
        options.CurrentValue.Providers.TryGetValue(provider, out var settings) ? Describe(ProviderKey(provider), settings) : null;

    /// <summary>The price of a model, or unknown prices (null) when the model is not listed.</summary>
    public ProviderModelPrice PriceOf(string provider, string model) =>
        Find(provider)?.Models.FirstOrDefault(m => string.Equals(m.Model, model, StringComparison.OrdinalIgnoreCase))
        ?? new ProviderModelPrice(model, null, null);

    /// <summary>What stops the provider being used, found without any request (empty = ready).</summary>
    public IReadOnlyList<ProviderProblem> Check(string provider, string? model = null)
    {
        if (!options.CurrentValue.Providers.TryGetValue(provider, out var settings))
        {
            var known = string.Join(", ", options.CurrentValue.Providers.Keys.Order(StringComparer.OrdinalIgnoreCase));
            return [new ProviderProblem(provider, $"{ProvidersOptions.ProvidersKey}:{provider}", $"There is no provider named '{provider}'. Configured providers: {known}.")];
        }

        var problems = new List<ProviderProblem>(Describe(ProviderKey(provider), settings).Problems);
        if (model is not null && string.IsNullOrWhiteSpace(model))
        {
            problems.Add(new ProviderProblem(provider, "model", "A model name is required."));
        }

        return problems;
    }

    /// <summary>
    /// The Anthropic SDK's client. Each SDK in a method of its own, never inlined: the JIT loads the assemblies a method
    /// refers to when it compiles it, so an app without an Anthropic provider never loads that SDK (≈ 2.5 MB mapped).
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static IChatClient AnthropicChatClient(string model, string key, string baseUrl, HttpClient http, TimeSpan budget) =>
        new AnthropicClient { ApiKey = key, BaseUrl = baseUrl, HttpClient = http, MaxRetries = 0, Timeout = budget }.AsIChatClient(model);

    /// <summary>The OpenAI SDK's chat client (OpenAI, OpenAI-compatible servers and the Simulated provider).</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static IChatClient OpenAIChatClient(string model, string? key, Uri endpoint, HttpClient http, TimeSpan budget) =>
        new OpenAI.Chat.ChatClient(model, new ApiKeyCredential(key ?? "no-key"), new OpenAIClientOptions
        {
            Endpoint = endpoint,
            Transport = new HttpClientPipelineTransport(http),
            RetryPolicy = new ClientRetryPolicy(maxRetries: 0),
            NetworkTimeout = budget,
        }).AsIChatClient();

    public ProviderClientResult Create(string provider, string model)
    {
        var problems = Check(provider, model ?? "");
        if (problems.Count > 0)
        {
            return new ProviderClientResult(null, problems);
        }

        var name = ProviderKey(provider);
        var settings = options.CurrentValue.Providers[name];
        var key = ReadKey(settings);
        var http = httpClientFactory.CreateClient(HttpClientName(name));
        var budget = TimeSpan.FromSeconds((settings.TimeoutSeconds * (settings.MaxRetries + 1)) + (settings.MaxRetryAfterSeconds * settings.MaxRetries));

        var inner = settings.Kind == ProviderKind.Anthropic
            ? AnthropicChatClient(model ?? "", key!, (BaseUri(settings) ?? AnthropicEndpoint).ToString().TrimEnd('/'), http, budget)
            : OpenAIChatClient(model ?? "", key, settings.Kind == ProviderKind.Simulated ? SimulatedEndpoint : BaseUri(settings) ?? OpenAIEndpoint, http, budget);

        var logger = loggerFactory.CreateLogger("Workbench.Core.Providers." + name);
        var builder = new ChatClientBuilder(inner);
        if (settings.MaxConcurrency is int limit)
        {
            var gate = _gates.AddOrUpdate(name, _ => (limit, new SemaphoreSlim(limit)), (_, old) => old.Limit == limit ? old : (limit, new SemaphoreSlim(limit))).Gate;
            builder.Use(next => new ConcurrencyLimitChatClient(next, gate));
        }

        var client = builder
            .Use(next => new ProviderErrorChatClient(next, name, key, logger))
            .Use(next => new SimulationScopeChatClient(next, settings.Kind == ProviderKind.Simulated))
            .Build();
        return new ProviderClientResult(client, []);
    }

    /// <summary>
    /// The client for <paramref name="provider"/> and <paramref name="model"/> with the provider's description, shared by
    /// runs: built once (<see cref="Create"/>) and reused for <see cref="SharedClientLifetime"/> while the providers'
    /// configuration is unchanged (a reload builds new ones). The clients keep no per-call state, so concurrent runs can
    /// share one. Problems are never cached: a provider that cannot be used is checked again on the next call.
    /// </summary>
    public SharedProviderClient GetShared(string provider, string model)
    {
        ArgumentNullException.ThrowIfNull(provider);
        ArgumentNullException.ThrowIfNull(model);
        var current = options.CurrentValue;
        var key = (provider, model);
        if (_shared.TryGet(key, out var entry)
            && ReferenceEquals(entry.Options, current)
            && timeProvider.GetElapsedTime(entry.CreatedAt) < SharedClientLifetime)
        {
            return entry.Shared;
        }

        var created = Create(provider, model);
        var shared = new SharedProviderClient(created, Find(provider));
        if (created.Succeeded && shared.Info is not null)
        {
            _shared.Set(key, (shared, current, timeProvider.GetTimestamp()));
        }

        return shared;
    }

    /// <summary>One cheap request (the model list) without retries: reachable or not, and why. Never returns the key.</summary>
    public async Task<ProviderStatus> TestConnectionAsync(string provider, CancellationToken cancellationToken = default)
    {
        var problems = Check(provider);
        if (problems.Count > 0)
        {
            return new ProviderStatus(provider, false, false, null, string.Join(" ", problems.Select(p => p.Message)), null);
        }

        var name = ProviderKey(provider);
        var settings = options.CurrentValue.Providers[name];
        var key = ReadKey(settings);
        var baseUri = settings.Kind switch
        {
            ProviderKind.Simulated => SimulatedEndpoint,
            ProviderKind.Anthropic => new Uri((BaseUri(settings) ?? AnthropicEndpoint).ToString().TrimEnd('/') + "/v1"),
            _ => BaseUri(settings) ?? OpenAIEndpoint,
        };
        using var request = new HttpRequestMessage(HttpMethod.Get, baseUri.ToString().TrimEnd('/') + "/models");
        request.Options.Set(TransportPolicy.NoRetry, true);
        if (settings.Kind == ProviderKind.Anthropic)
        {
            request.Headers.TryAddWithoutValidation("x-api-key", key);
            request.Headers.TryAddWithoutValidation("anthropic-version", "2023-06-01");
        }
        else if (key is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", "Bearer " + key);
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(ConnectionTestTimeout);
        var started = timeProvider.GetTimestamp();
        ProviderStatus status;
        try
        {
            using var response = await httpClientFactory.CreateClient(HttpClientName(name)).SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            var code = (int)response.StatusCode;
            var latency = timeProvider.GetElapsedTime(started);
            status = response.StatusCode switch
            {
                _ when response.IsSuccessStatusCode => new ProviderStatus(name, true, true, code, $"Connected (HTTP {code}).", latency),
                HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden => new ProviderStatus(name, true, true, code,
                    $"The server answered but rejected the key in {settings.EffectiveApiKeyVariable ?? "the request"} (HTTP {code}).", latency),
                _ => new ProviderStatus(name, true, true, code, $"The server answered with HTTP {code}.", latency),
            };
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            status = new ProviderStatus(name, true, false, null, $"No answer from {baseUri.Host} within {ConnectionTestTimeout.TotalSeconds:0} s.", null);
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException or Polly.Timeout.TimeoutRejectedException)
        {
            status = new ProviderStatus(name, true, false, null, $"Could not reach {baseUri.Host}: {SecretScrubber.Scrub(ex.Message, key)}", null);
        }

        ProviderLog.ConnectionTested(_logger, name, status.Reachable ? "reached the server" : "could not reach the server");
        return status;
    }

    private string ProviderKey(string provider) =>
        options.CurrentValue.Providers.Keys.First(k => string.Equals(k, provider, StringComparison.OrdinalIgnoreCase));

    private static ProviderInfo Describe(string name, ProviderOptions settings)
    {
        var problems = new List<ProviderProblem>();
        var variable = settings.EffectiveApiKeyVariable;
        var keyPresent = variable is not null && !string.IsNullOrEmpty(Environment.GetEnvironmentVariable(variable));
        var configKey = $"{ProvidersOptions.ProvidersKey}:{name}";
        if (!ProviderKinds.TryParse(settings.Type, out var kind))
        {
            problems.Add(new ProviderProblem(name, $"{configKey}:Type", $"{configKey}:Type must be one of {string.Join(", ", ProviderKinds.All)}."));
        }
        else
        {
            if (kind is ProviderKind.OpenAI or ProviderKind.Anthropic && !keyPresent)
            {
                problems.Add(new ProviderProblem(name, variable!, $"{variable} is not set in the environment: provider '{name}' needs its API key there (see .env.example)."));
            }
            else if (kind == ProviderKind.OpenAICompatible && settings.ApiKeyVariable is not null && !keyPresent)
            {
                problems.Add(new ProviderProblem(name, variable!, $"{variable} is not set in the environment: provider '{name}' is configured to send the key it holds."));
            }

            if (kind == ProviderKind.OpenAICompatible && string.IsNullOrWhiteSpace(settings.BaseUrl))
            {
                problems.Add(new ProviderProblem(name, $"{configKey}:BaseUrl", $"{configKey}:BaseUrl is required for an openai-compatible provider."));
            }
            else if (kind != ProviderKind.Simulated && !string.IsNullOrWhiteSpace(settings.BaseUrl) && BaseUri(settings) is null)
            {
                problems.Add(new ProviderProblem(name, $"{configKey}:BaseUrl", $"{configKey}:BaseUrl must be an absolute http(s) URL."));
            }
        }

        var models = settings.Models.Select(m => new ProviderModelPrice(m.Name.Trim(), m.InputPricePerMillion, m.OutputPricePerMillion)).ToList();
        var native = kind is ProviderKind.OpenAI or ProviderKind.Simulated || (kind == ProviderKind.OpenAICompatible && settings.NativeStructuredOutput);
        return new ProviderInfo(name, kind, kind == ProviderKind.Simulated ? null : settings.BaseUrl, variable, keyPresent, models, problems, native);
    }

    private static Uri? BaseUri(ProviderOptions settings) =>
        ProvidersOptionsValidator.TryParseBaseUrl(settings.BaseUrl, out var uri) && string.IsNullOrEmpty(uri.UserInfo) ? uri : null;

    private static string? ReadKey(ProviderOptions settings) =>
        settings.Kind == ProviderKind.Simulated || settings.EffectiveApiKeyVariable is not { } variable
            ? null
            : Environment.GetEnvironmentVariable(variable) is { Length: > 0 } key ? key : null;
}
