using System.Text.Json;
using Workbench.Core.Runs;

namespace Workbench.Api.Runs;

/// <summary>
/// A stored run as the API shows it. The engine records transport retries inside an attempt; the API flattens them:
/// for each attempt, one <c>transport-retry</c> entry per retry (same number, status <c>retried</c>, HTTP status and
/// wait), then the attempt itself.
/// </summary>
internal static class RunResponseMapper
{
    public static RunResponse From(RunRecord run, bool simulated)
    {
        ArgumentNullException.ThrowIfNull(run);
        return new RunResponse
        {
            Id = run.Id,
            Status = run.Status,
            StatusReason = run.StatusReason,
            Output = run.Output,
            Json = ParseJson(run.Json),
            Errors = run.Errors,
            Template = run.Template,
            Version = run.TemplateVersion,
            Provider = run.Provider,
            Model = run.Model,
            Simulated = simulated,
            CreatedAt = Utc(run.CreatedAtUtc),
            StartedAt = run.StartedAtUtc is { } started ? Utc(started) : null,
            FinishedAt = run.FinishedAtUtc is { } finished ? Utc(finished) : null,
            Attempts = [.. Flatten(run.Attempts)],
        };
    }

    public static IEnumerable<RunAttemptEntry> Flatten(IEnumerable<RunAttempt> attempts)
    {
        ArgumentNullException.ThrowIfNull(attempts);
        foreach (var attempt in attempts.OrderBy(a => a.Number))
        {
            foreach (var retry in attempt.TransportRetries.OrderBy(r => r.FailedTry))
            {
                yield return new RunAttemptEntry
                {
                    Number = attempt.Number,
                    Kind = ApiAttemptKind.TransportRetry,
                    Status = ApiAttemptStatus.Retried,
                    HttpStatus = retry.HttpStatus,
                    WaitMs = (long)retry.Wait.TotalMilliseconds,
                    WaitFromRetryAfter = retry.WaitFromRetryAfter,
                    ErrorKind = retry.ErrorKind,
                    Issues = [],
                };
            }

            yield return new RunAttemptEntry
            {
                Number = attempt.Number,
                Kind = attempt.Kind switch
                {
                    RunAttemptKind.Repair => ApiAttemptKind.Repair,
                    RunAttemptKind.StreamRetry => ApiAttemptKind.StreamRetry,
                    _ => ApiAttemptKind.Initial,
                },
                Status = attempt.Status switch
                {
                    RunAttemptStatus.Valid => ApiAttemptStatus.Valid,
                    RunAttemptStatus.Invalid => ApiAttemptStatus.Invalid,
                    RunAttemptStatus.Cancelled => ApiAttemptStatus.Cancelled,
                    _ => ApiAttemptStatus.Failed,
                },
                HttpStatus = attempt.HttpStatus,
                Issues = [.. attempt.Issues.Select(i => new ApiIssue(i.Path, i.Kind, i.Message))],
                LatencyMs = attempt.LatencyMs,
                TimeToFirstTokenMs = attempt.TimeToFirstTokenMs,
                InputTokens = attempt.InputTokens,
                OutputTokens = attempt.OutputTokens,
                TokensEstimated = attempt.TokensEstimated,
                CostUsd = attempt.CostUsd,
                FinishReason = attempt.FinishReason,
                Error = attempt.Error,
                Messages = [.. attempt.Messages.Select(m => new ApiRunMessage(m.Role, m.Text))],
                Output = attempt.Output,
                Json = ParseJson(attempt.Json),
            };
        }
    }

    private static DateTimeOffset Utc(DateTime value) => new(DateTime.SpecifyKind(value, DateTimeKind.Utc));

    /// <summary>Stored JSON as a JSON value; text that does not parse (should not happen: redaction keeps JSON valid) as a string.</summary>
    private static JsonElement? ParseJson(string? json)
    {
        if (string.IsNullOrWhiteSpace(json))
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(json);
            return document.RootElement.Clone();
        }
        catch (JsonException)
        {
            return JsonSerializer.SerializeToElement(json);
        }
    }
}
