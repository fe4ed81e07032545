using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Text;

namespace Workbench.Core.Tests.Providers.Fakes;

/// <summary>
/// An in-process provider server (the primary <see cref="HttpMessageHandler"/> of a provider's HTTP client) answering
/// from a script, in the real OpenAI chat-completions and Anthropic messages wire formats, streamed (SSE through a pipe,
/// so chunks arrive one by one and a stream can be cut mid-way) or not. Records every request.
/// </summary>
public sealed class FakeProviderServer : HttpMessageHandler
{
    private readonly ConcurrentQueue<Func<HttpResponseMessage>> _script = new();
    private Func<HttpResponseMessage>? _fallback;

    public ConcurrentQueue<RecordedRequest> Requests { get; } = new();

    public int RequestCount => Requests.Count;

    public FakeProviderServer Then(Func<HttpResponseMessage> response)
    {
        _script.Enqueue(response);
        return this;
    }

    public FakeProviderServer Always(Func<HttpResponseMessage> response)
    {
        _fallback = response;
        return this;
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var header in request.Headers)
        {
            headers[header.Key] = string.Join(",", header.Value);
        }

        var body = request.Content is null ? "" : await request.Content.ReadAsStringAsync(cancellationToken);
        Requests.Enqueue(new RecordedRequest(request.Method, request.RequestUri!, headers, body));
        var next = _script.TryDequeue(out var scripted) ? scripted : _fallback ?? throw new InvalidOperationException("The fake server has no scripted response left.");
        var response = next();
        response.RequestMessage = request;
        return response;
    }

    // ---- generic ----

    public static HttpResponseMessage Json(HttpStatusCode status, string json) =>
        new(status) { Content = new StringContent(json, Encoding.UTF8, "application/json") };

    public static HttpResponseMessage Error(int status, string json, string? retryAfter = null, string? retryAfterMs = null)
    {
        var response = Json((HttpStatusCode)status, json);
        if (retryAfter is not null)
        {
            response.Headers.TryAddWithoutValidation("Retry-After", retryAfter);
        }

        if (retryAfterMs is not null)
        {
            response.Headers.TryAddWithoutValidation("retry-after-ms", retryAfterMs);
        }

        return response;
    }

    /// <summary>An SSE body written event by event; with <paramref name="dropAfter"/> the connection is cut after that many events.</summary>
    public static HttpResponseMessage Sse(IReadOnlyList<string> events, int? dropAfter = null) =>
        new(HttpStatusCode.OK) { Content = Workbench.Core.Providers.PipeContent.Create("text/event-stream", Produce(events, dropAfter), CancellationToken.None) };

    private static async IAsyncEnumerable<string> Produce(IReadOnlyList<string> events, int? dropAfter)
    {
        for (var i = 0; i < events.Count; i++)
        {
            if (i == dropAfter)
            {
                throw new IOException("The connection was reset by the peer (fake server).");
            }

            await Task.Yield();
            yield return events[i];
        }
    }

    // ---- OpenAI chat completions ----

    public static HttpResponseMessage OpenAICompletion(string text, int promptTokens = 11, int completionTokens = 7, string model = "gpt-test") =>
        Json(HttpStatusCode.OK, $$$"""
        {"id":"chatcmpl-fake1","object":"chat.completion","created":1735689600,"model":"{{{model}}}",
         "choices":[{"index":0,"message":{"role":"assistant","content":{{{Quote(text)}}},"refusal":null},"logprobs":null,"finish_reason":"stop"}],
         "usage":{"prompt_tokens":{{{promptTokens}}},"completion_tokens":{{{completionTokens}}},"total_tokens":{{{promptTokens + completionTokens}}}},
         "system_fingerprint":"fp_fake"}
        """);

    public static List<string> OpenAIStreamEvents(IEnumerable<string> chunks, int promptTokens = 11, int completionTokens = 7, string model = "gpt-test")
    {
        var events = new List<string>();
        var first = true;
        foreach (var chunk in chunks)
        {
            var delta = first ? $$$"""{"role":"assistant","content":{{{Quote(chunk)}}}}""" : $$$"""{"content":{{{Quote(chunk)}}}}""";
            events.Add($$$"""data: {"id":"chatcmpl-fake2","object":"chat.completion.chunk","created":1735689600,"model":"{{{model}}}","choices":[{"index":0,"delta":{{{delta}}},"finish_reason":null}]}""" + "\n\n");
            first = false;
        }

        events.Add($$$"""data: {"id":"chatcmpl-fake2","object":"chat.completion.chunk","created":1735689600,"model":"{{{model}}}","choices":[{"index":0,"delta":{},"finish_reason":"stop"}]}""" + "\n\n");
        events.Add($$$"""data: {"id":"chatcmpl-fake2","object":"chat.completion.chunk","created":1735689600,"model":"{{{model}}}","choices":[],"usage":{"prompt_tokens":{{{promptTokens}}},"completion_tokens":{{{completionTokens}}},"total_tokens":{{{promptTokens + completionTokens}}}}}""" + "\n\n");
        events.Add("data: [DONE]\n\n");
        return events;
    }

    public static HttpResponseMessage OpenAIStream(IEnumerable<string> chunks, int promptTokens = 11, int completionTokens = 7) =>
        Sse(OpenAIStreamEvents(chunks, promptTokens, completionTokens));

    public static string OpenAIError(string type, string code, string message) =>
        $$$"""{"error":{"message":{{{Quote(message)}}},"type":"{{{type}}}","param":null,"code":"{{{code}}}"}}""";

    // ---- Anthropic messages ----

    public static HttpResponseMessage AnthropicMessage(string text, int inputTokens = 13, int outputTokens = 9, string model = "claude-test") =>
        Json(HttpStatusCode.OK, $$$"""
        {"id":"msg_fake1","type":"message","role":"assistant","model":"{{{model}}}",
         "content":[{"type":"text","text":{{{Quote(text)}}}}],
         "stop_reason":"end_turn","stop_sequence":null,
         "usage":{"input_tokens":{{{inputTokens}}},"output_tokens":{{{outputTokens}}}}}
        """);

    public static List<string> AnthropicStreamEvents(IEnumerable<string> chunks, int inputTokens = 13, int outputTokens = 9, string model = "claude-test")
    {
        static string Event(string name, string data) => $"event: {name}\ndata: {data}\n\n";
        var events = new List<string>
        {
            Event("message_start", $$$"""{"type":"message_start","message":{"id":"msg_fake2","type":"message","role":"assistant","model":"{{{model}}}","content":[],"stop_reason":null,"stop_sequence":null,"usage":{"input_tokens":{{{inputTokens}}},"output_tokens":1}}""" + "}"),
            Event("content_block_start", """{"type":"content_block_start","index":0,"content_block":{"type":"text","text":""}}"""),
            Event("ping", """{"type":"ping"}"""),
        };
        foreach (var chunk in chunks)
        {
            events.Add(Event("content_block_delta", $$$"""{"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":{{{Quote(chunk)}}}}}"""));
        }

        events.Add(Event("content_block_stop", """{"type":"content_block_stop","index":0}"""));
        events.Add(Event("message_delta", $$$"""{"type":"message_delta","delta":{"stop_reason":"end_turn","stop_sequence":null},"usage":{"output_tokens":{{{outputTokens}}}}}"""));
        events.Add(Event("message_stop", """{"type":"message_stop"}"""));
        return events;
    }

    public static HttpResponseMessage AnthropicStream(IEnumerable<string> chunks, int inputTokens = 13, int outputTokens = 9) =>
        Sse(AnthropicStreamEvents(chunks, inputTokens, outputTokens));

    public static string AnthropicError(string type, string message) =>
        $$$"""{"type":"error","error":{"type":"{{{type}}}","message":{{{Quote(message)}}}}}""";

    private static string Quote(string text) => System.Text.Json.JsonSerializer.Serialize(text);

    internal static string Seconds(int seconds) => seconds.ToString(CultureInfo.InvariantCulture);
}
