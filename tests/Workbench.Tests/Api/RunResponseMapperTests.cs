using System.Text.Json;
using Workbench.Api.Runs;
using Workbench.Core.Providers;
using Workbench.Core.Runs;
using Workbench.Core.Validation;

namespace Workbench.Tests.Api;

public class RunResponseMapperTests
{
    private static RunAttempt Attempt(int number, RunAttemptStatus status, IReadOnlyList<TransportRetry>? retries = null, IReadOnlyList<ValidationIssue>? issues = null, string? json = null) => new(
        number,
        number == 1 ? RunAttemptKind.Initial : RunAttemptKind.Repair,
        status,
        [new RunMessage("user", "Extract [EMAIL]")],
        json ?? "not json",
        json,
        issues ?? [],
        retries ?? [],
        10,
        5,
        false,
        12,
        40,
        null,
        "stop",
        200,
        null);

    private static RunRecord Run(params RunAttempt[] attempts) => new(
        Guid.CreateVersion7(), RunStatus.Repaired, null, "Contacts", 2, "simulated", "simulated-json", "{\"name\":\"Ada\"}", "{\"name\":\"Ada\"}", [],
        new DateTime(2026, 1, 2, 3, 4, 5, DateTimeKind.Unspecified), null, null, attempts);

    [Fact]
    public void Flatten_RetriesInsideAttempts_EachRetryBeforeItsAttemptWithTheSameNumber()
    {
        var run = Run(
            Attempt(1, RunAttemptStatus.Invalid, [new TransportRetry("simulated", 1, 429, null, TimeSpan.FromMilliseconds(1500), true), new TransportRetry("simulated", 2, null, "timeout", TimeSpan.FromMilliseconds(250), false)],
                [new ValidationIssue("/name", "required", "Required property 'name' is missing.")]),
            Attempt(2, RunAttemptStatus.Valid, json: "{\"name\":\"Ada\"}"));

        var entries = RunResponseMapper.From(run, simulated: true).Attempts;

        Assert.Equal(
            [(1, ApiAttemptKind.TransportRetry, ApiAttemptStatus.Retried), (1, ApiAttemptKind.TransportRetry, ApiAttemptStatus.Retried), (1, ApiAttemptKind.Initial, ApiAttemptStatus.Invalid), (2, ApiAttemptKind.Repair, ApiAttemptStatus.Valid)],
            entries.Select(e => (e.Number, e.Kind, e.Status)));
        Assert.Equal((429, 1500L, true), (entries[0].HttpStatus!.Value, entries[0].WaitMs!.Value, entries[0].WaitFromRetryAfter!.Value));
        Assert.Equal(("timeout", 250L), (entries[1].ErrorKind!, entries[1].WaitMs!.Value));
        Assert.Null(entries[0].LatencyMs);
        Assert.Equal("/name", Assert.Single(entries[2].Issues).Path);
        Assert.Equal(40, entries[2].LatencyMs);
        Assert.Equal("Ada", entries[3].Json!.Value.GetProperty("name").GetString());
    }

    [Fact]
    public void From_StoredRun_TimesAreUtcAndJsonIsAValue()
    {
        var response = RunResponseMapper.From(Run(Attempt(1, RunAttemptStatus.Valid, json: "{\"name\":\"Ada\"}")), simulated: false);

        Assert.Equal(TimeSpan.Zero, response.CreatedAt.Offset);
        Assert.Equal(new DateTime(2026, 1, 2, 3, 4, 5), response.CreatedAt.UtcDateTime);
        Assert.Equal(JsonValueKind.Object, response.Json!.Value.ValueKind);
        Assert.False(response.Simulated);
        Assert.Equal(2, response.Version);
    }

    [Fact]
    public void Serialize_Entries_KindsAndStatusesAreLowerCaseStrings()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        Workbench.Api.ApiServiceCollectionExtensions.ConfigureJson(options);
        var run = Run(Attempt(1, RunAttemptStatus.Valid, [new TransportRetry("simulated", 1, 429, null, TimeSpan.FromSeconds(1), true)]));

        var json = JsonSerializer.Serialize(RunResponseMapper.From(run, simulated: true), options);

        Assert.Contains("\"kind\":\"transport-retry\"", json, StringComparison.Ordinal);
        Assert.Contains("\"status\":\"retried\"", json, StringComparison.Ordinal);
        Assert.Contains("\"kind\":\"initial\"", json, StringComparison.Ordinal);
        Assert.Contains("\"status\":\"repaired\"", json, StringComparison.Ordinal);
        Assert.Contains("\"simulated\":true", json, StringComparison.Ordinal);
    }
}
