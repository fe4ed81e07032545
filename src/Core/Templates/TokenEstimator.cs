using Microsoft.ML.Tokenizers;

namespace Workbench.Core.Templates;

/// <summary>
/// Token counts for display: an <b>estimate</b> made with OpenAI's <c>o200k_base</c> encoding (GPT-4o and later), loaded offline from
/// the Microsoft.ML.Tokenizers.Data.O200kBase package. Other providers and models count differently (Anthropic, Gemini, local models
/// use other tokenizers), so treat the number as an approximation, never as a billing figure or a hard limit check.
/// </summary>
public static class TokenEstimator
{
    /// <summary>Tokens OpenAI's chat format adds around each message (start, role separator, end).</summary>
    public const int TokensPerMessage = 3;

    /// <summary>Tokens that prime the assistant's reply, added once per conversation.</summary>
    public const int TokensPerReply = 3;

    /// <summary>The encoding the estimate uses.</summary>
    public const string EncodingName = "o200k_base";

    // Lazy<T> with the default mode (ExecutionAndPublication) creates the tokenizer once, thread-safely;
    // the tokenizer itself is safe for concurrent use.
    private static readonly Lazy<Tokenizer> SharedTokenizer = new(static () => TiktokenTokenizer.CreateForEncoding(EncodingName));

    /// <summary>Estimated number of tokens in <paramref name="text"/> (0 for null or empty).</summary>
    public static int Estimate(string? text) =>
        string.IsNullOrEmpty(text) ? 0 : SharedTokenizer.Value.CountTokens(text);

    /// <summary>
    /// Estimated number of prompt tokens for a chat: for each message <see cref="TokensPerMessage"/> plus its role and text,
    /// then <see cref="TokensPerReply"/> (the OpenAI cookbook's formula). Returns 0 for no messages.
    /// </summary>
    public static int EstimateChat(IEnumerable<TemplateMessage> messages)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var total = 0;
        var any = false;
        foreach (var message in messages)
        {
            any = true;
            total += TokensPerMessage + Estimate(RoleName(message.Role)) + Estimate(message.Text);
        }

        return any ? total + TokensPerReply : 0;
    }

    private static string RoleName(MessageRole role) => role switch
    {
        MessageRole.System => "system",
        MessageRole.User => "user",
        MessageRole.Assistant => "assistant",
        _ => "user",
    };
}
