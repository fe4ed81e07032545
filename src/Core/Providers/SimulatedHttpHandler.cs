using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.AI;

namespace Workbench.Core.Providers;

/// <summary>
/// An in-process OpenAI chat-completions server for the <c>simulated</c> provider: it reads the real request body
/// (model, messages, response_format with a JSON schema, stream) and answers in the real wire format (JSON with usage,
/// or SSE chunks ending with a usage chunk and <c>data: [DONE]</c>). HTTP faults become real HTTP responses (429 with
/// Retry-After, 500, 503, 529 <c>overloaded_error</c>), <c>timeout</c> never answers, <c>drop-mid-stream</c> breaks the
/// body; so they go through exactly the transport pipeline that real providers use.
/// </summary>
public sealed class SimulatedHttpHandler(SimulationOptions? options = null, TimeProvider? timeProvider = null) : HttpMessageHandler
{
    private readonly SimulationOptions _options = options ?? new SimulationOptions();
    private readonly TimeProvider _time = timeProvider ?? TimeProvider.System;

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var context = SimulationContext.Current;
        var settings = context?.Settings ?? new SimulationSettings();
        var firstTry = (context?.NextTry() ?? 1) == 1;

        if (request.Method == HttpMethod.Get && request.RequestUri?.AbsolutePath.EndsWith("/models", StringComparison.Ordinal) == true)
        {
            return Json(HttpStatusCode.OK, """{"object":"list","data":[{"id":"simulated-json","object":"model","owned_by":"workbench"},{"id":"simulated-prose","object":"model","owned_by":"workbench"}]}""");
        }

        if (request.Method != HttpMethod.Post || request.Content is null)
        {
            return Json(HttpStatusCode.NotFound, """{"error":{"message":"Unknown endpoint (simulated server).","type":"invalid_request_error"}}""");
        }

        using var document = JsonDocument.Parse(await request.Content.ReadAsStringAsync(cancellationToken));
        var body = document.RootElement;
        var model = body.TryGetProperty("model", out var m) ? m.GetString() ?? "simulated-json" : "simulated-json";
        var stream = body.TryGetProperty("stream", out var s) && s.ValueKind == JsonValueKind.True;
        var (messages, chatOptions) = ReadRequest(body, settings);

        var reply = SimulatedResponder.Compose(messages, chatOptions, settings);
        if (reply.HttpFault is { } fault && firstTry)
        {
            if (fault == SimulatedFaultKind.Timeout)
            {
                await Task.Delay(Timeout.InfiniteTimeSpan, _time, cancellationToken); // the per-attempt timeout ends this
            }

            return Fault(SimulatedResponder.HttpStatusOf(fault));
        }

        var id = "chatcmpl-sim-" + Math.Abs(reply.Text.GetHashCode(StringComparison.Ordinal)).ToString(CultureInfo.InvariantCulture);
        var created = _time.GetUtcNow().ToUnixTimeSeconds();
        if (!stream)
        {
            if (reply.SlowFirstToken)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(_options.SlowFirstTokenMilliseconds), _time, cancellationToken);
            }

            if (reply.DropMidStream)
            {
                throw new HttpRequestException("The connection was closed before the response arrived (simulated drop-mid-stream).", new IOException("Connection reset (simulated)."));
            }

            var completion = new JsonObject
            {
                ["id"] = id,
                ["object"] = "chat.completion",
                ["created"] = created,
                ["model"] = model,
                ["choices"] = new JsonArray(new JsonObject
                {
                    ["index"] = 0,
                    ["message"] = new JsonObject { ["role"] = "assistant", ["content"] = reply.Text },
                    ["finish_reason"] = reply.FinishReason,
                }),
                ["usage"] = Usage(reply),
            };
            return Json(HttpStatusCode.OK, completion.ToJsonString());
        }

        return new HttpResponseMessage(HttpStatusCode.OK)
        {
            Content = PipeContent.Create("text/event-stream", StreamEvents(reply, id, created, model, cancellationToken), cancellationToken),
        };
    }

    private async IAsyncEnumerable<string> StreamEvents(SimulatedReply reply, string id, long created, string model, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        if (reply.SlowFirstToken)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(_options.SlowFirstTokenMilliseconds), _time, cancellationToken);
        }

        var dropAt = reply.DropMidStream ? Math.Max(1, reply.Chunks.Count / 2) : int.MaxValue;
        for (var i = 0; i < reply.Chunks.Count; i++)
        {
            if (i == dropAt)
            {
                throw new IOException("The connection was closed mid-stream (simulated drop-mid-stream).");
            }

            if (i > 0 && _options.ChunkDelayMilliseconds > 0)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(_options.ChunkDelayMilliseconds), _time, cancellationToken);
            }

            var delta = i == 0 ? new JsonObject { ["role"] = "assistant", ["content"] = reply.Chunks[i] } : new JsonObject { ["content"] = reply.Chunks[i] };
            yield return Sse(Chunk(id, created, model, delta, null));
        }

        if (reply.DropMidStream)
        {
            throw new IOException("The connection was closed mid-stream (simulated drop-mid-stream).");
        }

        yield return Sse(Chunk(id, created, model, new JsonObject(), reply.FinishReason));
        yield return Sse(new JsonObject { ["id"] = id, ["object"] = "chat.completion.chunk", ["created"] = created, ["model"] = model, ["choices"] = new JsonArray(), ["usage"] = Usage(reply) });
        yield return "data: [DONE]\n\n";
    }

    private static (List<ChatMessage> Messages, ChatOptions Options) ReadRequest(JsonElement body, SimulationSettings settings)
    {
        var messages = new List<ChatMessage>();
        if (body.TryGetProperty("messages", out var list) && list.ValueKind == JsonValueKind.Array)
        {
            foreach (var message in list.EnumerateArray())
            {
                var role = message.TryGetProperty("role", out var r) ? r.GetString() ?? "user" : "user";
                var text = new StringBuilder();
                if (message.TryGetProperty("content", out var content))
                {
                    if (content.ValueKind == JsonValueKind.String)
                    {
                        text.Append(content.GetString());
                    }
                    else if (content.ValueKind == JsonValueKind.Array)
                    {
                        foreach (var part in content.EnumerateArray())
                        {
                            if (part.TryGetProperty("text", out var t))
                            {
                                text.Append(t.GetString());
                            }
                        }
                    }
                }

                messages.Add(new ChatMessage(new ChatRole(role), text.ToString()));
            }
        }

        var options = settings.ApplyTo(null);
        if (body.TryGetProperty("response_format", out var format) && format.TryGetProperty("type", out var type))
        {
            if (type.GetString() == "json_schema" && format.TryGetProperty("json_schema", out var js) && js.TryGetProperty("schema", out var schema))
            {
                options.ResponseFormat = ChatResponseFormat.ForJsonSchema(schema.Clone());
            }
            else if (type.GetString() == "json_object")
            {
                options.ResponseFormat = ChatResponseFormat.Json;
            }
        }

        return (messages, options);
    }

    private HttpResponseMessage Fault(int status)
    {
        var body = status switch
        {
            429 => """{"error":{"message":"Rate limit reached (simulated). Please try again later.","type":"requests","param":null,"code":"rate_limit_exceeded"}}""",
            529 => """{"type":"error","error":{"type":"overloaded_error","message":"Overloaded (simulated)"}}""",
            503 => """{"error":{"message":"The server is overloaded or not ready yet (simulated).","type":"server_error","param":null,"code":null}}""",
            _ => """{"error":{"message":"The server had an error while processing your request (simulated).","type":"server_error","param":null,"code":null}}""",
        };
        var response = Json((HttpStatusCode)status, body);
        if (status is 429 or 503 or 529)
        {
            var wait = _options.RetryAfterMilliseconds;
            response.Headers.TryAddWithoutValidation("retry-after-ms", wait.ToString(CultureInfo.InvariantCulture));
            response.Headers.TryAddWithoutValidation("Retry-After", ((wait + 999) / 1000).ToString(CultureInfo.InvariantCulture));
        }

        return response;
    }

    private static JsonObject Chunk(string id, long created, string model, JsonObject delta, string? finishReason) => new()
    {
        ["id"] = id,
        ["object"] = "chat.completion.chunk",
        ["created"] = created,
        ["model"] = model,
        ["choices"] = new JsonArray(new JsonObject { ["index"] = 0, ["delta"] = delta, ["finish_reason"] = finishReason }),
    };

    private static JsonObject Usage(SimulatedReply reply) => new()
    {
        ["prompt_tokens"] = reply.InputTokens,
        ["completion_tokens"] = reply.OutputTokens,
        ["total_tokens"] = reply.InputTokens + reply.OutputTokens,
    };

    private static string Sse(JsonObject data) => "data: " + data.ToJsonString() + "\n\n";

    private static HttpResponseMessage Json(HttpStatusCode status, string json) => new(status)
    {
        Content = new StringContent(json, Encoding.UTF8, "application/json"),
    };
}
