using Workbench.Core.Providers;

namespace Workbench.Core.Schemas;

/// <summary>
/// How an output schema reaches the model for one provider: natively as a JSON Schema response format
/// (<see cref="ProviderInfo.SupportsNativeStructuredOutput"/>), or as <see cref="SchemaHint"/> text appended to the last
/// user message. <see cref="Text"/> is exactly what is sent: the schema, or the hint.
/// </summary>
public sealed record SchemaDelivery(bool Native, string ProviderName, bool ProviderConfigured, string Text)
{
    /// <summary>The delivery for <paramref name="providerName"/> (<paramref name="provider"/> null = not configured: a hint).</summary>
    public static SchemaDelivery For(ProviderInfo? provider, string providerName, string schemaJson)
    {
        ArgumentNullException.ThrowIfNull(schemaJson);
        var native = provider?.SupportsNativeStructuredOutput == true;
        string text;
        if (native)
        {
            try
            {
                text = JsonText.Indent(schemaJson);
            }
            catch (System.Text.Json.JsonException)
            {
                text = schemaJson;
            }
        }
        else
        {
            text = SchemaHint.For(schemaJson);
        }

        return new SchemaDelivery(native, provider?.Name ?? providerName, provider is not null, text);
    }
}
