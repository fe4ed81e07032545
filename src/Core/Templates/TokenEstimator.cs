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

    /// <summary>Text is counted in chunks of about this many characters, cut at whitespace.</summary>
    private const int ChunkLength = 8 * 1024;

    /// <summary>
    /// Runs of non-whitespace characters are cut after this many characters. Byte-pair encoding of one pre-tokenized piece is
    /// superlinear in its length (a 1 MB run without spaces took minutes); real words are far shorter, so this only changes
    /// the estimate for blobs such as base64, and only slightly.
    /// </summary>
    private const int MaxRunLength = 256;

    /// <summary>
    /// Estimated number of tokens in <paramref name="text"/> (0 for null or empty). Text shorter than 8 KB without very long
    /// runs of non-whitespace is counted exactly as o200k_base would; longer text is counted in chunks, which may differ by a few tokens.
    /// </summary>
    public static int Estimate(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return 0;
        }

        var tokenizer = SharedTokenizer.Value;
        var total = 0;
        var start = 0;
        var run = 0;
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsWhiteSpace(text[i]))
            {
                run = 0;
                if (i - start >= ChunkLength)
                {
                    total += tokenizer.CountTokens(text.AsSpan(start, i - start));
                    start = i;
                }
            }
            else if (++run >= MaxRunLength && !char.IsHighSurrogate(text[i]))
            {
                total += tokenizer.CountTokens(text.AsSpan(start, i + 1 - start));
                start = i + 1;
                run = 0;
            }
        }

        return start < text.Length ? total + tokenizer.CountTokens(text.AsSpan(start)) : total;
    }

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
