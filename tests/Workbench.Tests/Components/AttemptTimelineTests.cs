using MudBlazor.Services;
using Workbench.Components.Runs;
using Workbench.Core.Providers;
using Workbench.Core.Runs;
using Workbench.Core.Validation;

namespace Workbench.Tests.Components;

public class AttemptTimelineTests
{
    private static readonly RunMessage[] InitialMessages = [new("system", "You quote trips."), new("user", "Quote a trip to Oslo.")];

    [Theory]
    [InlineData(RunStatus.Valid, "valid")]
    [InlineData(RunStatus.Repaired, "valid after 1 repair")]
    [InlineData(RunStatus.Invalid, "invalid")]
    [InlineData(RunStatus.Failed, "failed")]
    [InlineData(RunStatus.Cancelled, "cancelled")]
    [InlineData(RunStatus.Interrupted, "interrupted")]
    public async Task Timeline_FinalStatus_IsShownOnTopWithItsChip(RunStatus status, string text)
    {
        await using var context = CreateContext();
        IReadOnlyList<RunAttempt> attempts = status == RunStatus.Repaired
            ? [Attempt(1, RunAttemptKind.Initial, RunAttemptStatus.Invalid), Attempt(2, RunAttemptKind.Repair, RunAttemptStatus.Valid)]
            : [Attempt(1, RunAttemptKind.Initial, ToAttemptStatus(status))];

        var cut = context.Render<AttemptTimeline>(p => p.Add(x => x.Status, status).Add(x => x.Attempts, attempts).Add(x => x.Output, "{\"city\": \"Oslo\"}").Add(x => x.Json, "{\"city\": \"Oslo\"}"));

        var chip = cut.Find("[data-testid=final-answer] [data-testid=run-status]");
        Assert.Equal(text, chip.TextContent.Trim());
        Assert.Equal(status.ToString().ToLowerInvariant(), chip.GetAttribute("data-status"));
    }

    [Fact]
    public async Task Timeline_Interrupted_ShowsTheReason()
    {
        await using var context = CreateContext();

        var cut = context.Render<AttemptTimeline>(p => p.Add(x => x.Status, RunStatus.Interrupted).Add(x => x.StatusReason, RunWorker.RestartReason));

        Assert.Contains("The app stopped", cut.Find("[data-testid=status-reason]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Timeline_Simulated_IsLabelled()
    {
        await using var context = CreateContext();

        var cut = context.Render<AttemptTimeline>(p => p.Add(x => x.Status, RunStatus.Valid).Add(x => x.IsSimulated, true).Add(x => x.Attempts, [Attempt(1, RunAttemptKind.Initial, RunAttemptStatus.Valid)]));

        Assert.Equal("Simulated", cut.Find("[data-testid=final-answer] [data-testid=simulated-label]").TextContent.Trim());
    }

    [Fact]
    public async Task Timeline_TransportRetry_ShowsStatusAndWaitCard()
    {
        await using var context = CreateContext();
        var attempt = Attempt(1, RunAttemptKind.Initial, RunAttemptStatus.Valid) with
        {
            TransportRetries = [new TransportRetry("simulated", 1, 429, null, TimeSpan.FromSeconds(2), true), new TransportRetry("simulated", 2, null, "timeout", TimeSpan.FromMilliseconds(1300), false)],
        };

        var cut = context.Render<AttemptTimeline>(p => p.Add(x => x.Status, RunStatus.Valid).Add(x => x.Attempts, [attempt]));

        var cards = cut.FindAll("[data-testid=attempt-1] [data-testid=transport-retry]");
        Assert.Equal(2, cards.Count);
        Assert.Contains("HTTP 429, waited 2.0 s (Retry-After)", cards[0].TextContent, StringComparison.Ordinal);
        Assert.Contains("timeout, waited 1.3 s (backoff)", cards[1].TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Timeline_RepairAttempt_HighlightsTheRepairMessage()
    {
        await using var context = CreateContext();
        var repairText = RunEngine.RepairMessage([new ValidationIssue("/price", "required", "price is required")], null);
        var repair = Attempt(2, RunAttemptKind.Repair, RunAttemptStatus.Valid) with
        {
            Messages = [.. InitialMessages, new RunMessage("assistant", "{\"city\": \"Oslo\"}"), new RunMessage("user", repairText)],
        };

        var cut = context.Render<AttemptTimeline>(p => p.Add(x => x.Status, RunStatus.Repaired).Add(x => x.Attempts, [Attempt(1, RunAttemptKind.Initial, RunAttemptStatus.Invalid), repair]));

        var highlighted = Assert.Single(cut.FindAll("[data-testid=attempt-2] [data-testid=repair-message]"));
        Assert.Contains("/price: price is required", highlighted.TextContent, StringComparison.Ordinal);
        Assert.Contains("repair request", highlighted.TextContent, StringComparison.Ordinal);
        Assert.Contains("previous answer", cut.Find("[data-testid=attempt-2]").TextContent, StringComparison.Ordinal);
        Assert.Empty(cut.FindAll("[data-testid=attempt-1] [data-testid=repair-message]"));
    }

    [Fact]
    public async Task Timeline_EstimatedTokens_AreMarkedAndUnknownCostIsUnknown()
    {
        await using var context = CreateContext();
        var attempt = Attempt(1, RunAttemptKind.Initial, RunAttemptStatus.Valid) with { InputTokens = 1200, OutputTokens = 40, TokensEstimated = true, CostUsd = null };

        var cut = context.Render<AttemptTimeline>(p => p.Add(x => x.Status, RunStatus.Valid).Add(x => x.Attempts, [attempt]));

        Assert.Equal("≈ 1,200 / ≈ 40", cut.Find("[data-testid=attempt-tokens]").TextContent.Trim());
        Assert.Equal("unknown", cut.Find("[data-testid=attempt-cost]").TextContent.Trim());
        Assert.Contains("cost unknown", cut.Find("[data-testid=run-summary]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Timeline_KnownTokensAndCost_AreShownExactly()
    {
        await using var context = CreateContext();
        var attempt = Attempt(1, RunAttemptKind.Initial, RunAttemptStatus.Valid) with { InputTokens = 100, OutputTokens = 20, TokensEstimated = false, CostUsd = 0.00042m };

        var cut = context.Render<AttemptTimeline>(p => p.Add(x => x.Status, RunStatus.Valid).Add(x => x.Attempts, [attempt]));

        Assert.Equal("100 / 20", cut.Find("[data-testid=attempt-tokens]").TextContent.Trim());
        Assert.Equal("$0.00042", cut.Find("[data-testid=attempt-cost]").TextContent.Trim());
    }

    [Fact]
    public async Task Timeline_ClickIssue_HighlightsItsPathInTheJsonView()
    {
        await using var context = CreateContext();
        var attempt = Attempt(1, RunAttemptKind.Initial, RunAttemptStatus.Invalid) with
        {
            Output = "{\"city\": \"Oslo\", \"price\": \"cheap\"}",
            Json = "{\"city\": \"Oslo\", \"price\": \"cheap\"}",
            Issues = [new ValidationIssue("/price", "type", "expected a number, got a string")],
        };

        var cut = context.Render<AttemptTimeline>(p => p.Add(x => x.Status, RunStatus.Invalid).Add(x => x.Attempts, [attempt]));
        var view = cut.Find("[data-testid=attempt-1-output]");
        Assert.Equal("/price", view.QuerySelector("[data-testid=json-issue]")!.GetAttribute("data-path"));
        Assert.Null(view.QuerySelector("[data-testid=json-selected]"));

        cut.Find("[data-testid=attempt-1] [data-testid=issue]").Click();

        var selected = cut.Find("[data-testid=attempt-1-output] [data-testid=json-selected]");
        Assert.Equal("/price", selected.GetAttribute("data-path"));
        Assert.Contains("\"cheap\"", selected.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Timeline_AttemptHeader_CollapsesAndExpands()
    {
        await using var context = CreateContext();

        var cut = context.Render<AttemptTimeline>(p => p.Add(x => x.Status, RunStatus.Valid).Add(x => x.Attempts, [Attempt(1, RunAttemptKind.Initial, RunAttemptStatus.Valid)]));
        Assert.NotEmpty(cut.FindAll("[data-testid=attempt-1] [data-testid=attempt-metrics]"));

        cut.Find("[data-testid=attempt-1-toggle]").Click();
        Assert.Empty(cut.FindAll("[data-testid=attempt-1] [data-testid=attempt-metrics]"));
        Assert.Equal("false", cut.Find("[data-testid=attempt-1-toggle]").GetAttribute("aria-expanded"));

        cut.Find("[data-testid=attempt-1-toggle]").Click();
        Assert.NotEmpty(cut.FindAll("[data-testid=attempt-1] [data-testid=attempt-metrics]"));
    }

    [Fact]
    public async Task Timeline_StreamingAttempt_ShowsTextAndLiveValidation()
    {
        await using var context = CreateContext();
        var text = "{\"city\": \"Oslo\", \"pri";
        var live = new LiveAttempt(1, text, [], StreamingJsonInspector.Inspect(text, ["city", "price"]));

        var cut = context.Render<AttemptTimeline>(p => p.Add(x => x.Status, RunStatus.Running).Add(x => x.Current, live));

        Assert.Equal(text, cut.Find("[data-testid=streaming-text]").TextContent);
        Assert.Equal("true", cut.Find("[data-testid=live-validation]").GetAttribute("data-viable"));
        Assert.Equal("required 1/2", cut.Find("[data-testid=live-required]").TextContent.Trim());
        Assert.Empty(cut.FindAll("[data-testid=final-answer]"));
    }

    [Fact]
    public async Task Timeline_StreamingAttemptNotViable_SaysWhereAndWhy()
    {
        await using var context = CreateContext();
        var text = "{\"city\": \"Oslo\",\n}";
        var live = new LiveAttempt(1, text, [], StreamingJsonInspector.Inspect(text));

        var cut = context.Render<AttemptTimeline>(p => p.Add(x => x.Status, RunStatus.Running).Add(x => x.Current, live));

        Assert.Equal("false", cut.Find("[data-testid=live-validation]").GetAttribute("data-viable"));
        Assert.Contains("not viable at line 2:1", cut.Find("[data-testid=live-validation]").TextContent, StringComparison.Ordinal);
        Assert.Contains("trailing comma", cut.Find("[data-testid=live-validation-reason]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Timeline_StoredRedactedText_ShowsPlaceholdersAsChips()
    {
        await using var context = CreateContext();
        var attempt = Attempt(1, RunAttemptKind.Initial, RunAttemptStatus.Valid) with
        {
            Messages = [new RunMessage("user", "Contact [EMAIL] or [PHONE#2].")],
            Output = "{\"contact\": \"[EMAIL]\"}",
            Json = "{\"contact\": \"[EMAIL]\"}",
        };

        var cut = context.Render<AttemptTimeline>(p => p.Add(x => x.Status, RunStatus.Valid).Add(x => x.Attempts, [attempt]).Add(x => x.Redacted, true));

        var kinds = cut.FindAll("[data-testid=attempt-1] [data-testid=redacted-placeholder]").Select(e => e.GetAttribute("data-kind")).ToList();
        Assert.Equal(["email", "phone", "email"], kinds);
    }

    [Fact]
    public async Task Timeline_LiveUnredactedText_IsNotStyledAsPlaceholders()
    {
        await using var context = CreateContext();
        var attempt = Attempt(1, RunAttemptKind.Initial, RunAttemptStatus.Valid) with { Messages = [new RunMessage("user", "Literally [EMAIL] in the prompt")] };

        var cut = context.Render<AttemptTimeline>(p => p.Add(x => x.Status, RunStatus.Valid).Add(x => x.Attempts, [attempt]));

        Assert.Empty(cut.FindAll("[data-testid=redacted-placeholder]"));
    }

    [Fact]
    public async Task Timeline_FailedRun_ShowsErrorsAndAttemptError()
    {
        await using var context = CreateContext();
        var attempt = Attempt(1, RunAttemptKind.Initial, RunAttemptStatus.Failed) with { HttpStatus = 500, Error = "The provider answered HTTP 500." };

        var cut = context.Render<AttemptTimeline>(p => p.Add(x => x.Status, RunStatus.Failed).Add(x => x.Attempts, [attempt]).Add(x => x.Errors, ["The provider answered HTTP 500."]));

        Assert.Contains("HTTP 500", cut.Find("[data-testid=run-errors]").TextContent, StringComparison.Ordinal);
        Assert.Contains("HTTP 500", cut.Find("[data-testid=attempt-error]").TextContent, StringComparison.Ordinal);
        Assert.Contains("HTTP 500", cut.Find("[data-testid=attempt-1-toggle]").TextContent, StringComparison.Ordinal);
    }

    private static RunAttemptStatus ToAttemptStatus(RunStatus status) => status switch
    {
        RunStatus.Valid or RunStatus.Repaired => RunAttemptStatus.Valid,
        RunStatus.Invalid => RunAttemptStatus.Invalid,
        RunStatus.Failed => RunAttemptStatus.Failed,
        _ => RunAttemptStatus.Cancelled,
    };

    private static RunAttempt Attempt(int number, RunAttemptKind kind, RunAttemptStatus status) => new(
        number, kind, status, InitialMessages, "{\"city\": \"Oslo\"}", "{\"city\": \"Oslo\"}",
        status == RunAttemptStatus.Invalid ? [new ValidationIssue("", "required", "price is required")] : [],
        [], 50, 10, false, 120, 800, 0m, "stop", null, null);

    private static BunitContext CreateContext()
    {
        var context = new BunitContext();
        context.JSInterop.Mode = JSRuntimeMode.Loose;
        context.Services.AddMudServices();
        return context;
    }
}
