using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Workbench.Core.Runs;
using Workbench.Tests.Privacy;

namespace Workbench.Tests.Api;

public class RunApiTests(ApiHost host) : IClassFixture<ApiHost>
{
    private const string ContactTemplate = """
        {
          "name": "Run contacts",
          "messages": [
            {"role": "system", "content": "You extract contacts."},
            {"role": "user", "content": "Extract the contact from {{ text }}"}
          ],
          "variables": [{"name": "text", "required": true}],
          "settings": {"provider": "simulated", "model": "simulated-json"},
          "schema": {"type": "object", "properties": {"name": {"type": "string"}, "email": {"type": "string"}}, "required": ["name", "email"]}
        }
        """;

    /// <summary>Saves the template once per host (tests of a class run one after another).</summary>
    private async Task EnsureTemplateAsync()
    {
        if ((await host.GetAsync("/api/templates/Run%20contacts")).Status == HttpStatusCode.NotFound)
        {
            Assert.Equal(HttpStatusCode.Created, (await host.PostJsonAsync("/api/templates", ContactTemplate)).Status);
        }
    }

    private async Task<ApiResponse> SubmitAsync(string faults, string extra = "")
    {
        await EnsureTemplateAsync();
        return await host.PostJsonAsync("/api/runs", $$"""{"template": "run contacts", "variables": {"text": "Ada Lovelace, analyst"}, "simulation": {"faults": [{{faults}}], "seed": 7}{{extra}}}""");
    }

    private async Task<JsonElement> RunToTheEndAsync(string faults, string extra = "")
    {
        var submitted = await SubmitAsync(faults, extra);
        Assert.Equal(HttpStatusCode.Accepted, submitted.Status);
        return (await host.WaitForFinalAsync(submitted.Json.GetProperty("id").GetString()!)).Json;
    }

    private static List<(int Number, string? Kind, string? Status)> Trail(JsonElement run) =>
        [.. run.GetProperty("attempts").EnumerateArray().Select(a => (a.GetProperty("number").GetInt32(), a.GetProperty("kind").GetString(), a.GetProperty("status").GetString()))];

    [Fact]
    public async Task Submit_Valid_202WithIdAndLocation()
    {
        var response = await SubmitAsync("");

        Assert.Equal(HttpStatusCode.Accepted, response.Status);
        var id = response.Json.GetProperty("id").GetString();
        Assert.True(Guid.TryParse(id, out _));
        Assert.Equal("/api/runs/" + id, response.Location);
    }

    [Fact]
    public async Task Run_NoFault_ValidWithOneInitialAttemptAndMetadata()
    {
        var run = await RunToTheEndAsync("");

        Assert.Equal("valid", run.GetProperty("status").GetString());
        Assert.Equal([(1, "initial", "valid")], Trail(run));
        Assert.Equal("run contacts", run.GetProperty("template").GetString()); // the name as the request gave it
        Assert.Equal(1, run.GetProperty("version").GetInt32());
        Assert.Equal("simulated", run.GetProperty("provider").GetString());
        Assert.Equal("simulated-json", run.GetProperty("model").GetString());
        Assert.True(run.GetProperty("simulated").GetBoolean());
        Assert.Equal(JsonValueKind.Object, run.GetProperty("json").ValueKind);
        Assert.True(run.GetProperty("json").TryGetProperty("email", out _));
        Assert.False(string.IsNullOrEmpty(run.GetProperty("output").GetString()));
        Assert.True(run.GetProperty("finishedAt").GetDateTimeOffset() >= run.GetProperty("createdAt").GetDateTimeOffset());
        var attempt = run.GetProperty("attempts")[0];
        Assert.True(attempt.GetProperty("latencyMs").GetInt64() >= 0);
        Assert.True(attempt.GetProperty("inputTokens").GetInt64() > 0);
        Assert.True(attempt.GetProperty("outputTokens").GetInt64() > 0);
        Assert.Equal(JsonValueKind.Number, attempt.GetProperty("timeToFirstTokenMs").ValueKind);
        Assert.Equal("stop", attempt.GetProperty("finishReason").GetString());
    }

    [Fact]
    public async Task Run_InvalidJsonOnAttempt1_RepairedWithInitialInvalidThenRepairValid()
    {
        var run = await RunToTheEndAsync("\"invalid-json@1\"");

        Assert.Equal("repaired", run.GetProperty("status").GetString());
        Assert.Equal([(1, "initial", "invalid"), (2, "repair", "valid")], Trail(run));
        var first = run.GetProperty("attempts")[0];
        var issue = Assert.Single(first.GetProperty("issues").EnumerateArray());
        Assert.Equal("extraction", issue.GetProperty("kind").GetString());
        Assert.Equal("", issue.GetProperty("path").GetString());
        var repairMessages = run.GetProperty("attempts")[1].GetProperty("messages");
        Assert.StartsWith("Your previous answer does not conform", repairMessages[repairMessages.GetArrayLength() - 1].GetProperty("content").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_Http429OnAttempt1_TransportRetryEntryWithStatusAndWaitBeforeTheAttempt()
    {
        var run = await RunToTheEndAsync("\"http-429@1\"");

        Assert.Equal("valid", run.GetProperty("status").GetString());
        Assert.Equal([(1, "transport-retry", "retried"), (1, "initial", "valid")], Trail(run));
        var retry = run.GetProperty("attempts")[0];
        Assert.Equal(429, retry.GetProperty("httpStatus").GetInt32());
        Assert.Equal(50, retry.GetProperty("waitMs").GetInt64());
        Assert.True(retry.GetProperty("waitFromRetryAfter").GetBoolean());
    }

    [Fact]
    public async Task Run_MaxAttemptsOneWithInvalidJson_Invalid()
    {
        var run = await RunToTheEndAsync("\"invalid-json\"", ", \"maxAttempts\": 1");

        Assert.Equal("invalid", run.GetProperty("status").GetString());
        Assert.Equal([(1, "initial", "invalid")], Trail(run));
    }

    [Fact]
    public async Task Cancel_SlowFirstToken_202ThenCancelled_SecondCancel409()
    {
        var submitted = await SubmitAsync("\"slow-first-token\"");
        var id = submitted.Json.GetProperty("id").GetString()!;
        // "running" in the store comes before the first attempt starts; a cancel then ends the run with no attempt.
        // Wait for the attempt (the notifier replays what was reported before the subscription).
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var subscription = host.App.Services.GetRequiredService<RunNotifier>().Subscribe(Guid.Parse(id), p =>
        {
            if (p.Kind == RunProgressKind.AttemptStarted)
            {
                started.TrySetResult();
            }
        });
        await started.Task.WaitAsync(ApiHost.FinalTimeout, ApiHost.Ct);

        var cancel = await host.PostJsonAsync($"/api/runs/{id}/cancel", "");

        Assert.Equal(HttpStatusCode.Accepted, cancel.Status);
        Assert.Equal(id, cancel.Json.GetProperty("id").GetString());
        var run = (await host.WaitForFinalAsync(id)).Json;
        Assert.Equal("cancelled", run.GetProperty("status").GetString());
        Assert.Equal([(1, "initial", "cancelled")], Trail(run));
        var again = await host.SendAsync(HttpMethod.Post, $"/api/runs/{id}/cancel", null, null);
        again.AssertProblem(HttpStatusCode.Conflict);
        Assert.Contains("cancelled", again.Json.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task CancelAndGet_UnknownRun_404Problem()
    {
        var id = Guid.NewGuid();

        var cancel = await host.SendAsync(HttpMethod.Post, $"/api/runs/{id}/cancel", null, null);
        var get = await host.GetAsync($"/api/runs/{id}");

        cancel.AssertProblem(HttpStatusCode.NotFound);
        get.AssertProblem(HttpStatusCode.NotFound);
        Assert.Contains(id.ToString(), get.Json.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Submit_UnknownFault_400ListingTheValidNames()
    {
        var response = await SubmitAsync("\"invalid-jsn@1\", \"http-429@0\"");

        response.AssertProblem(HttpStatusCode.BadRequest);
        var errors = response.ErrorsFor("simulation.faults");
        Assert.Equal(2, errors.Count);
        Assert.Contains("invalid-jsn", errors[0], StringComparison.Ordinal);
        Assert.Contains("invalid-json, missing-required, wrong-type", errors[0], StringComparison.Ordinal);
        Assert.Contains("echo-pii", errors[0], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"variables": {}}""", "template", "required")]
    [InlineData("""{"template": "No such template"}""", "template", "no template named")]
    [InlineData("""{"template": "Run contacts", "version": 99, "variables": {"text": "x"}}""", "version", "no version 99")]
    [InlineData("""{"template": "Run contacts", "label": "production", "variables": {"text": "x"}}""", "label", "no label 'production'")]
    [InlineData("""{"template": "Run contacts", "version": 1, "label": "production", "variables": {"text": "x"}}""", "label", "not both")]
    [InlineData("""{"template": "Run contacts", "variables": {}}""", "variables", "Required variable 'text'")]
    [InlineData("""{"template": "Run contacts", "variables": {"text": "x"}, "maxAttempts": 11}""", "maxAttempts", "between 1 and 10")]
    [InlineData("""{"template": "Run contacts", "variables": {"text": "x"}, "maxAttempts": "three"}""", "maxAttempts", "Expected a whole number")]
    [InlineData("""{"template": "Run contacts", "variables": {"text": "x"}, "provider": "nope"}""", "provider", "Configured providers: simulated")]
    [InlineData("""{"template": "Run contacts", "variables": ["x"]}""", "variables", "Expected an object")]
    [InlineData("""{"template": "Run contacts", "variables": {"text": "x"}, "simulation": {"faults": "invalid-json"}}""", "simulation.faults", "Expected an array")]
    public async Task Submit_BadRequest_400NamingTheField(string body, string field, string expected)
    {
        await EnsureTemplateAsync();

        var response = await host.PostJsonAsync("/api/runs", body);

        response.AssertProblem(HttpStatusCode.BadRequest);
        Assert.Contains(response.ErrorsFor(field), m => m.Contains(expected, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Submit_NotJson_415AndMalformed_400()
    {
        var wrongType = await host.SendAsync(HttpMethod.Post, "/api/runs", "{}", "text/plain");
        var malformed = await host.PostJsonAsync("/api/runs", "{\"template\": ");

        wrongType.AssertProblem(HttpStatusCode.UnsupportedMediaType);
        malformed.AssertProblem(HttpStatusCode.BadRequest);
        Assert.Contains("not valid JSON", Assert.Single(malformed.ErrorsFor("body")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_PlantedPiiAndKeyInVariablesEchoed_NothingPlantedInTheResponse()
    {
        await EnsureTemplateAsync();
        var text = $"Call {PlantedValues.Phone} or mail {PlantedValues.Email}; card {PlantedValues.Card}; key {PlantedValues.OpenAiKey}";
        var submitted = await host.PostJsonAsync("/api/runs", $$$"""{"template": "Run contacts", "variables": {"text": {{{JsonSerializer.Serialize(text)}}}}, "simulation": {"faults": ["echo-pii"]}}""");
        var id = submitted.Json.GetProperty("id").GetString()!;

        var run = await host.WaitForFinalAsync(id);

        Assert.Equal("", PlantedValues.FindIn(run.Body));
        Assert.Contains("[EMAIL", run.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_JsonValuedVariable_PassedAsJsonText()
    {
        var template = """
            {"name": "Run tags", "messages": [{"role": "user", "content": "{% for t in tags %}{{ t.name }};{% endfor %}"}],
             "variables": [{"name": "tags", "kind": "json"}], "settings": {"provider": "simulated", "model": "simulated-prose"}}
            """;
        Assert.Equal(HttpStatusCode.Created, (await host.PostJsonAsync("/api/templates", template)).Status);

        var submitted = await host.PostJsonAsync("/api/runs", """{"template": "Run tags", "variables": {"tags": [{"name": "billing"}, {"name": "bug"}]}}""");

        Assert.Equal(HttpStatusCode.Accepted, submitted.Status);
        var run = (await host.WaitForFinalAsync(submitted.Json.GetProperty("id").GetString()!)).Json;
        Assert.Equal("billing;bug;", run.GetProperty("attempts")[0].GetProperty("messages")[0].GetProperty("content").GetString());
    }
}
