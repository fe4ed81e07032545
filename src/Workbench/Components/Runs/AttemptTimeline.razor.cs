using System.Globalization;
using Microsoft.AspNetCore.Components;
using MudBlazor;
using Workbench.Core.Providers;
using Workbench.Core.Runs;
using Workbench.Core.Validation;

namespace Workbench.Components.Runs;

/// <summary>
/// The attempt timeline of one run, used by the run panel (live) and the run page (stored, redacted). Parameters are
/// the run's status and attempts; <see cref="Current"/> is the attempt streaming now. Which cards are collapsed and
/// which issue path is selected is this component's own state.
/// </summary>
public partial class AttemptTimeline
{
    private readonly HashSet<int> _collapsed = [];
    private readonly Dictionary<int, string> _selected = [];

    [Parameter, EditorRequired] public RunStatus Status { get; set; }

    [Parameter] public IReadOnlyList<RunAttempt> Attempts { get; set; } = [];

    [Parameter] public LiveAttempt? Current { get; set; }

    [Parameter] public string? Output { get; set; }

    [Parameter] public string? Json { get; set; }

    [Parameter] public IReadOnlyList<string> Errors { get; set; } = [];

    [Parameter] public string? StatusReason { get; set; }

    /// <summary>The provider is the simulated one: results say so.</summary>
    [Parameter] public bool IsSimulated { get; set; }

    /// <summary>The data is stored (redacted) data: placeholders are shown as chips.</summary>
    [Parameter] public bool Redacted { get; set; }

    private bool IsFinal => Status is not (RunStatus.Queued or RunStatus.Running);

    private int Repairs => Attempts.Count(a => a.Kind == RunAttemptKind.Repair);

    /// <summary>The issues behind the final answer (the last attempt's, when it ended invalid).</summary>
    private IReadOnlyList<ValidationIssue> FinalIssues =>
        Attempts.Count > 0 && Status == RunStatus.Invalid ? Attempts.MaxBy(a => a.Number)!.Issues : [];

    private string Summary
    {
        get
        {
            var parts = new List<string> { Plural(Attempts.Count, "attempt", "attempts") };
            var retries = Attempts.Sum(a => a.TransportRetries.Count);
            if (retries > 0)
            {
                parts.Add(Plural(retries, "transport retry", "transport retries"));
            }

            if (Attempts.Count > 0)
            {
                parts.Add(Duration(Attempts.Sum(a => a.LatencyMs)));
                var input = Attempts.Sum(a => a.InputTokens ?? 0);
                var output = Attempts.Sum(a => a.OutputTokens ?? 0);
                var estimated = Attempts.Any(a => a.TokensEstimated);
                parts.Add(string.Create(CultureInfo.InvariantCulture, $"{(estimated ? "≈ " : "")}{input + output:N0} tokens"));
                parts.Add("cost " + Cost(Attempts.Any(a => a.CostUsd is null) ? null : Attempts.Sum(a => a.CostUsd!.Value)));
            }

            return string.Join(" · ", parts);
        }
    }

    private void Toggle(int number)
    {
        if (!_collapsed.Remove(number))
        {
            _collapsed.Add(number);
        }
    }

    private void Select(int key, string path)
    {
        if (_selected.TryGetValue(key, out var current) && current == path)
        {
            _selected.Remove(key);
            return;
        }

        _selected[key] = path;
    }

    private string? SelectedFor(int key) => _selected.TryGetValue(key, out var path) ? path : null;

    private static HashSet<string> PathsOf(IReadOnlyList<ValidationIssue> issues) => issues.Select(i => i.Path).ToHashSet(StringComparer.Ordinal);

    /// <summary>The repair request is the last user message of a repair attempt.</summary>
    private static bool IsRepairMessage(RunAttempt attempt, int index) =>
        attempt.Kind == RunAttemptKind.Repair && index == LastIndex(attempt.Messages, "user");

    private static bool IsPreviousAnswer(RunAttempt attempt, int index) =>
        attempt.Kind == RunAttemptKind.Repair && string.Equals(attempt.Messages[index].Role, "assistant", StringComparison.Ordinal)
        && index == LastIndex(attempt.Messages, "assistant") && index == LastIndex(attempt.Messages, "user") - 1;

    private static int LastIndex(IReadOnlyList<RunMessage> messages, string role)
    {
        for (var i = messages.Count - 1; i >= 0; i--)
        {
            if (string.Equals(messages[i].Role, role, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }

    private static string KindLabel(RunAttemptKind kind) => kind switch
    {
        RunAttemptKind.Repair => "repair",
        RunAttemptKind.StreamRetry => "stream retry",
        _ => "initial",
    };

    private static Color AttemptColor(RunAttemptStatus status) => status switch
    {
        RunAttemptStatus.Valid => Color.Success,
        RunAttemptStatus.Invalid or RunAttemptStatus.Failed => Color.Error,
        _ => Color.Default,
    };

    private static string Facts(RunAttempt attempt)
    {
        var parts = new List<string> { Duration(attempt.LatencyMs) };
        if (attempt.InputTokens is not null || attempt.OutputTokens is not null)
        {
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"{(attempt.TokensEstimated ? "≈ " : "")}{(attempt.InputTokens ?? 0) + (attempt.OutputTokens ?? 0):N0} tokens"));
        }

        if (attempt.HttpStatus is { } status)
        {
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"HTTP {status}"));
        }

        return string.Join(" · ", parts);
    }

    private static string RetryTitle(TransportRetry retry) => retry.HttpStatus is { } status
        ? string.Create(CultureInfo.InvariantCulture, $"HTTP {status}")
        : retry.ErrorKind ?? "transport error";

    /// <summary>Token counts; estimated ones (counted offline) are marked "≈".</summary>
    public static string Tokens(long? count, bool estimated) =>
        count is { } n ? string.Create(CultureInfo.InvariantCulture, $"{(estimated ? "≈ " : "")}{n:N0}") : "unknown";

    /// <summary>"$0.0012"; an unknown price is "unknown", never "$0".</summary>
    public static string Cost(decimal? usd) =>
        usd is { } cost ? "$" + cost.ToString(cost >= 0.01m ? "0.00##" : "0.######", CultureInfo.InvariantCulture) : "unknown";

    public static string Duration(long milliseconds) => milliseconds < 1000
        ? string.Create(CultureInfo.InvariantCulture, $"{milliseconds} ms")
        : string.Create(CultureInfo.InvariantCulture, $"{milliseconds / 1000.0:0.0} s");

    private static string Plural(int count, string one, string many) =>
        string.Create(CultureInfo.InvariantCulture, $"{count} {(count == 1 ? one : many)}");
}
