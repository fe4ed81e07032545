using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Workbench.Core.Configuration;
using Workbench.Core.Persistence;
using Workbench.Core.Providers;
using Workbench.Core.Schemas;
using Workbench.Core.Templates;
using Workbench.Core.Validation;

namespace Workbench.Core.Runs;

/// <summary>
/// Executes one run: resolves the template version, renders every message strictly, sends it (native structured output
/// where the provider has it, else the schema hint appended to the last user message), streams the answer inside a
/// <see cref="TransportTrail"/> scope per attempt, extracts and validates it, and asks for a repair with the concrete
/// issues until the output is valid or the attempts are used up. Never throws for expected failures: they become the
/// run's status and errors. Storage (and so redaction) is the caller's.
/// </summary>
public sealed partial class RunEngine(
    IDbContextFactory<WorkbenchDbContext> dbFactory,
    SchemaService schemas,
    ProviderCatalog catalog,
    TimeProvider time,
    IOptions<WorkbenchOptions> runOptions,
    ILogger<RunEngine> logger,
    RunPreparationCache? cache = null)
{
    private readonly RunPreparationCache _cache = cache ?? new RunPreparationCache();

    public const string RepairIntroduction = "Your previous answer does not conform to the JSON Schema. Fix these issues and answer again with the complete JSON only:";

    /// <summary>
    /// What would stop <paramref name="request"/> before anything is sent (unknown template, version or label, render
    /// errors, a missing variable, an invalid pinned schema, an unusable provider, unknown simulation faults), as problems
    /// naming the request field. Empty = the run can start. Sends nothing.
    /// </summary>
    public async Task<IReadOnlyList<TemplateProblem>> CheckAsync(RunRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var prepared = await PrepareAsync(request, new Builder(request.Template, time.GetUtcNow().UtcDateTime, time), cancellationToken);
        return prepared.Problems;
    }

    /// <summary>
    /// The template version <paramref name="request"/> names (its version, its label, or the latest), or a problem naming
    /// the field. Batches resolve once and pin the number, so a version saved mid-batch changes nothing.
    /// </summary>
    public async Task<OperationResult<TemplateVersionInfo>> ResolveAsync(RunRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var (version, error) = await ResolveVersionAsync(request, cancellationToken);
        return version is null ? OperationResult<TemplateVersionInfo>.Fail(error!) : OperationResult<TemplateVersionInfo>.Ok(version.Version);
    }

    public async Task<RunResult> ExecuteAsync(RunRequest request, IProgress<RunProgress>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var run = new Builder(request.Template, time.GetUtcNow().UtcDateTime, time);
        var prepared = await PrepareAsync(request, run, cancellationToken);
        if (prepared.Problems.Count > 0)
        {
            return Report(progress, run.Fail([.. prepared.Problems.Select(p => p.Message)]));
        }

        var messages = prepared.Messages;
        var compiled = prepared.Compiled;
        var schemaJson = prepared.SchemaJson;
        var maxAttempts = request.MaxAttempts ?? RunRequest.DefaultMaxAttempts;
        var price = prepared.Price!;
        var status = RunStatus.Invalid;
        var brokenStreamRetries = 0;
        for (var number = 1; number <= maxAttempts; number++)
        {
            var attemptOptions = request.Simulation is { } simulation ? (simulation with { Attempt = number }).ApplyTo(prepared.Options) : prepared.Options;
            var kind = number == 1 ? RunAttemptKind.Initial : brokenStreamRetries > 0 && run.Attempts[^1].Status == RunAttemptStatus.Failed ? RunAttemptKind.StreamRetry : RunAttemptKind.Repair;
            var attempt = await AttemptAsync(prepared.Client!, number, kind, messages, attemptOptions, compiled, price, progress, cancellationToken);
            run.Attempts.Add(attempt);
            progress?.Report(new RunProgress(RunProgressKind.AttemptCompleted, number) { CompletedAttempt = attempt });
            LogAttempt(logger, number, attempt.Status, attempt.LatencyMs);

            if (attempt.Status == RunAttemptStatus.Valid)
            {
                status = run.Attempts.Any(a => a.Status == RunAttemptStatus.Invalid) ? RunStatus.Repaired : RunStatus.Valid;
                break;
            }

            if (attempt.Status == RunAttemptStatus.Failed && attempt.StreamBroke && brokenStreamRetries < MaxBrokenStreamRetries && number < maxAttempts)
            {
                // The connection broke (or stalled) after text arrived: the transport does not retry a started stream, so
                // the same request is sent again as a new attempt, visible in the trail, instead of failing the run.
                brokenStreamRetries++;
                continue;
            }

            if (attempt.Status is RunAttemptStatus.Failed or RunAttemptStatus.Cancelled)
            {
                status = attempt.Status == RunAttemptStatus.Failed ? RunStatus.Failed : RunStatus.Cancelled;
                break;
            }

            if (number < maxAttempts)
            {
                messages.Add(new ChatMessage(ChatRole.Assistant, attempt.Output));
                messages.Add(new ChatMessage(ChatRole.User, RepairMessage(attempt.Issues, schemaJson)));
            }
        }

        var last = run.Attempts[^1];
        if (last.Status == RunAttemptStatus.Failed && status == RunStatus.Invalid)
        {
            status = RunStatus.Failed;
        }

        var result = run.Finish(status, last.Output, last.Json, last.Error is { } error ? [error] : []);
        return Report(progress, result);
    }

    /// <summary>A broken or stalled stream is re-sent at most this often per run (each counts as an attempt).</summary>
    public const int MaxBrokenStreamRetries = 1;

    private async Task<Prepared> PrepareAsync(RunRequest request, Builder run, CancellationToken cancellationToken)
    {
        if (request.MaxAttempts is < 1 or > RunRequest.MaxMaxAttempts)
        {
            return Prepared.Fail(new TemplateProblem("maxAttempts", $"maxAttempts must be between 1 and {RunRequest.MaxMaxAttempts.ToString(CultureInfo.InvariantCulture)}."));
        }

        if (request.Simulation is { } simulation)
        {
            var (_, faultErrors) = SimulatedFault.ParseAll(simulation.Faults);
            if (faultErrors.Count > 0)
            {
                return Prepared.Fail([.. faultErrors.Select(e => new TemplateProblem("simulation.faults", e))]);
            }
        }

        var (prepared, resolveError) = await ResolveVersionAsync(request, cancellationToken);
        if (prepared is null)
        {
            return Prepared.Fail(resolveError!);
        }

        var version = prepared.Version;
        run.TemplateId = version.TemplateId;
        run.TemplateVersion = version.Number;
        var content = version.Content;
        run.Provider = string.IsNullOrWhiteSpace(request.Provider) ? content.Settings.Provider : request.Provider.Trim();
        run.Model = string.IsNullOrWhiteSpace(request.Model) ? content.Settings.Model : request.Model.Trim();

        var (messages, renderErrors) = Render(content, prepared.Messages, request.Variables, cancellationToken);
        if (renderErrors.Count > 0)
        {
            return Prepared.Fail([.. renderErrors.Select(e => new TemplateProblem("variables", e))]);
        }

        string? schemaJson = null;
        SchemaCompileResult? compiled = null;
        PreparedSchemaVersion? schema = null;
        if (content.OutputSchema is { } link)
        {
            run.SchemaId = link.SchemaId;
            run.SchemaVersion = link.VersionNumber;
            (schema, var schemaProblem) = await PrepareSchemaAsync(link, cancellationToken);
            if (schema is null)
            {
                return Prepared.Fail(schemaProblem!);
            }

            schemaJson = schema.Check.SelfContainedJson;
            compiled = schema.Check.Compiled;
            if (!compiled.Success)
            {
                return Prepared.Fail([.. compiled.Errors.Select(e => new TemplateProblem("template", "The output schema is invalid: " + e))]);
            }
        }

        var shared = catalog.GetShared(run.Provider, run.Model);
        var created = shared.Result;
        var info = shared.Info;
        if (!created.Succeeded || info is null)
        {
            var field = string.IsNullOrWhiteSpace(request.Provider) ? "template" : "provider";
            return Prepared.Fail([.. created.Problems.Select(p => new TemplateProblem(p.Key == "model" ? "model" : field, p.Message))]);
        }

        var native = schema is not null && info.SupportsNativeStructuredOutput;
        var options = Options(content.Settings, native ? schema!.ResponseFormat : null);
        if (schemaJson is not null && !native)
        {
            AppendToLastUser(messages, SchemaHint.For(schemaJson));
        }

        return new Prepared([], created.Client, messages, options, schemaJson, compiled) { Price = shared.PriceOf(run.Model) };
    }

    /// <summary>
    /// The schema version a template version pins, checked and compiled; from <see cref="RunPreparationCache"/> when this
    /// version was prepared before. Only a check that pinned nothing is cached: a saved version's references are pinned
    /// when it is saved, so its check depends on saved (immutable) versions only.
    /// </summary>
    private async Task<(PreparedSchemaVersion? Schema, TemplateProblem? Problem)> PrepareSchemaAsync(OutputSchemaLink link, CancellationToken cancellationToken)
    {
        var key = (link.SchemaId, link.VersionNumber);
        if (_cache.Schemas.TryGet(key, out var cached))
        {
            return (cached, null);
        }

        var stored = await schemas.GetVersionAsync(link.SchemaId, link.VersionNumber, cancellationToken);
        if (stored is null)
        {
            return (null, new TemplateProblem("template", $"The output schema (version {link.VersionNumber.ToString(CultureInfo.InvariantCulture)}) pinned by this template version no longer exists."));
        }

        // References to other stored schemas resolve through the registry; the model sees one self-contained schema.
        var check = await schemas.CheckAsync(stored.SchemaJson, link.SchemaId, cancellationToken);
        var prepared = new PreparedSchemaVersion(check, ResponseFormatFor(check));
        return check.Success && string.Equals(check.PinnedJson, stored.SchemaJson, StringComparison.Ordinal)
            ? (_cache.Schemas.GetOrAdd(key, prepared), null)
            : (prepared, null);
    }

    private static ChatResponseFormatJson ResponseFormatFor(SchemaCheck check)
    {
        if (!check.Success)
        {
            return ChatResponseFormat.Json;
        }

        using var schema = JsonDocument.Parse(check.SelfContainedJson);
        return ChatResponseFormat.ForJsonSchema(schema.RootElement.Clone(), "output");
    }

    /// <summary>The follow-up sent after an invalid answer: every issue with its path, then the schema hint.</summary>
    public static string RepairMessage(IReadOnlyList<ValidationIssue> issues, string? schemaJson)
    {
        ArgumentNullException.ThrowIfNull(issues);
        var text = new StringBuilder(RepairIntroduction).Append('\n');
        foreach (var issue in issues)
        {
            text.Append("- ").Append(issue.Path.Length == 0 ? "(root)" : issue.Path).Append(": ").Append(issue.Message).Append('\n');
        }

        if (schemaJson is not null)
        {
            text.Append('\n').Append(SchemaHint.For(schemaJson));
        }

        return text.ToString().TrimEnd();
    }

    private async Task<RunAttempt> AttemptAsync(
        IChatClient client,
        int number,
        RunAttemptKind kind,
        List<ChatMessage> messages,
        ChatOptions options,
        SchemaCompileResult? compiled,
        ProviderModelPrice price,
        IProgress<RunProgress>? progress,
        CancellationToken cancellationToken)
    {
        var sent = messages.Select(m => new RunMessage(m.Role.Value, m.Text)).ToList();
        progress?.Report(new RunProgress(RunProgressKind.AttemptStarted, number));

        var output = new StringBuilder();
        var updates = new List<ChatResponseUpdate>();
        var start = time.GetTimestamp();
        long? firstToken = null;
        RunAttemptStatus? stopped = null;
        string? error = null;
        int? httpStatus = null;

        var streamBroke = false;
        var idleTimeout = TimeSpan.FromSeconds(runOptions.Value.Runs.IdleStreamTimeoutSeconds);
        using var idle = new CancellationTokenSource(Timeout.InfiniteTimeSpan, time);
        using var link = cancellationToken.Register(static state => ((CancellationTokenSource)state!).Cancel(), idle);
        using var trail = TransportTrail.Begin(r =>
        {
            idle.CancelAfter(Timeout.InfiniteTimeSpan); // waiting for a Retry-After is not a stalled stream
            progress?.Report(new RunProgress(RunProgressKind.TransportRetry, number) { Retry = r });
        });
        try
        {
            idle.CancelAfter(idleTimeout);
            await foreach (var update in client.GetStreamingResponseAsync(messages, options, idle.Token))
            {
                idle.CancelAfter(idleTimeout);
                updates.Add(update);
                var delta = update.Text;
                if (delta.Length > 0)
                {
                    firstToken ??= (long)time.GetElapsedTime(start).TotalMilliseconds;
                    output.Append(delta);
                    progress?.Report(new RunProgress(RunProgressKind.Text, number) { Text = delta });
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            stopped = RunAttemptStatus.Cancelled;
            LogCancelled(logger, number);
        }
        catch (OperationCanceledException) when (idle.IsCancellationRequested)
        {
            stopped = RunAttemptStatus.Failed;
            streamBroke = true;
            error = string.Create(CultureInfo.InvariantCulture, $"Nothing arrived from the provider for {idleTimeout.TotalSeconds:0} s; the stream was abandoned (Workbench:Runs:IdleStreamTimeoutSeconds).");
            LogStalled(logger, number, (long)idleTimeout.TotalSeconds);
        }
        catch (ProviderCallException ex)
        {
            stopped = RunAttemptStatus.Failed;
            streamBroke = ex.Kind == ProviderFailureKind.StreamBroken;
            error = ex.Message;
            httpStatus = ex.HttpStatus;
            LogProviderFailed(logger, number, ex.Kind, ex.HttpStatus);
        }

        var latency = (long)time.GetElapsedTime(start).TotalMilliseconds;
        var response = updates.ToChatResponse();
        var text = output.ToString();
        var estimated = response.Usage?.InputTokenCount is null || response.Usage?.OutputTokenCount is null;
        long? inputTokens = response.Usage?.InputTokenCount ?? TokenEstimator.EstimateChat(messages.Select(ToTemplateMessage));
        long? outputTokens = response.Usage?.OutputTokenCount ?? TokenEstimator.Estimate(text);
        httpStatus ??= trail.LastHttpStatus;

        var status = stopped ?? RunAttemptStatus.Invalid;
        string? json = null;
        IReadOnlyList<ValidationIssue> issues = [];
        if (stopped is null)
        {
            if (compiled is null)
            {
                var extraction = JsonExtractor.Extract(text);
                json = extraction.Json;
                status = RunAttemptStatus.Valid;
            }
            else
            {
                var validation = OutputValidator.Validate(compiled, text);
                json = validation.Json;
                issues = validation.Issues;
                status = validation.IsValid ? RunAttemptStatus.Valid : RunAttemptStatus.Invalid;
            }
        }

        return new RunAttempt(
            number,
            kind,
            status,
            sent,
            text,
            json,
            issues,
            trail.Retries,
            inputTokens,
            outputTokens,
            estimated,
            firstToken,
            latency,
            price.CostUsd(inputTokens, outputTokens),
            response.FinishReason?.Value,
            httpStatus,
            error)
        {
            StreamBroke = streamBroke,
        };
    }

    private async Task<(PreparedTemplateVersion? Version, TemplateProblem? Error)> ResolveVersionAsync(RunRequest request, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(request.Template))
        {
            return (null, new TemplateProblem("template", "A template name is required."));
        }

        if (request.Version is not null && !string.IsNullOrWhiteSpace(request.Label))
        {
            return (null, new TemplateProblem("label", "Give a version or a label, not both."));
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        Guid templateId;
        string templateName;
        int number;
        if (request.TemplateId is { } pinnedId && request.Version is { } pinnedNumber)
        {
            // Pinned by a batch, which resolved the name once: no lookup by name (a saved version never changes, and a
            // rename mid-batch must not break the remaining runs), and no round trip at all when the version is cached.
            (templateId, templateName, number) = (pinnedId, request.Template.Trim(), pinnedNumber);
        }
        else
        {
            var normalized = NameRules.Normalize(request.Template);
            var template = await db.Templates.AsNoTracking()
                .Where(t => t.NormalizedName == normalized)
                .Select(t => new { t.Id, t.Name, t.LatestVersionNumber })
                .FirstOrDefaultAsync(cancellationToken);
            if (template is null)
            {
                return (null, new TemplateProblem("template", $"There is no template named '{request.Template.Trim()}'."));
            }

            (templateId, templateName, number) = (template.Id, template.Name, request.Version ?? template.LatestVersionNumber);
            if (!string.IsNullOrWhiteSpace(request.Label))
            {
                var label = request.Label.Trim();
                var labelled = await db.TemplateLabels.AsNoTracking()
                    .Where(l => l.TemplateId == templateId && l.Name == label)
                    .Select(l => (int?)l.VersionNumber)
                    .FirstOrDefaultAsync(cancellationToken);
                if (labelled is null)
                {
                    return (null, new TemplateProblem("label", $"Template '{templateName}' has no label '{label}'."));
                }

                number = labelled.Value;
            }
        }

        // Saved versions never change: once read and parsed, a version is served from the cache.
        if (_cache.Templates.TryGet((templateId, number), out var cached))
        {
            return (cached, null);
        }

        var version = await db.TemplateVersions.AsNoTracking()
            .Where(v => v.TemplateId == templateId && v.Number == number)
            .Select(v => new { v.Number, v.BaseVersionNumber, v.CommitMessage, v.Author, v.CreatedAtUtc, v.ContentJson })
            .FirstOrDefaultAsync(cancellationToken);
        if (version is null)
        {
            return (null, new TemplateProblem("version", $"Template '{templateName}' has no version {number.ToString(CultureInfo.InvariantCulture)}."));
        }

        var content = TemplateContent.FromJson(version.ContentJson);
        var info = new TemplateVersionInfo(templateId, version.Number, version.BaseVersionNumber, version.CommitMessage, version.Author, version.CreatedAtUtc, content);
        var prepared = new PreparedTemplateVersion(info, [.. content.Messages.Select(m => PromptTemplate.Parse(m.Text))]);
        return (_cache.Templates.GetOrAdd((templateId, number), prepared), null);
    }

    private static (List<ChatMessage> Messages, List<string> Errors) Render(TemplateContent content, IReadOnlyList<TemplateParseResult> parsedMessages, IReadOnlyDictionary<string, string?> values, CancellationToken cancellationToken)
    {
        var messages = new List<ChatMessage>();
        var errors = new List<string>();
        for (var i = 0; i < content.Messages.Count; i++)
        {
            var message = content.Messages[i];
            var where = string.Create(CultureInfo.InvariantCulture, $"Message {i + 1} ({message.Role.ToString().ToLowerInvariant()})");
            var parsed = parsedMessages[i];
            var rendered = parsed.Template?.Render(values, content.Variables, cancellationToken);
            var problems = parsed.Success ? rendered!.Errors : parsed.Errors;
            foreach (var problem in problems)
            {
                errors.Add(string.Create(CultureInfo.InvariantCulture, $"{where}, line {problem.Line}, column {problem.Column}: {problem.Message}"));
            }

            if (parsed.Success && rendered!.Success && rendered.Text!.Length > 0)
            {
                messages.Add(new ChatMessage(ToChatRole(message.Role), rendered.Text));
            }
        }

        if (errors.Count == 0 && messages.Count == 0)
        {
            errors.Add("The template version renders no message to send.");
        }

        return (messages, errors);
    }

    private static ChatOptions Options(ModelSettings settings, ChatResponseFormat? nativeFormat)
    {
        var options = new ChatOptions
        {
            Temperature = settings.Temperature is { } temperature ? (float)temperature : null,
            MaxOutputTokens = settings.MaxOutputTokens,
            TopP = settings.TopP is { } topP ? (float)topP : null,
            StopSequences = settings.StopSequences.Count > 0 ? [.. settings.StopSequences] : null,
        };
        options.ResponseFormat = nativeFormat;
        return options;
    }

    private static void AppendToLastUser(List<ChatMessage> messages, string hint)
    {
        var index = messages.FindLastIndex(m => m.Role == ChatRole.User);
        if (index < 0)
        {
            messages.Add(new ChatMessage(ChatRole.User, hint));
            return;
        }

        messages[index] = new ChatMessage(ChatRole.User, messages[index].Text + "\n\n" + hint);
    }

    private static ChatRole ToChatRole(MessageRole role) => role switch
    {
        MessageRole.System => ChatRole.System,
        MessageRole.Assistant => ChatRole.Assistant,
        _ => ChatRole.User,
    };

    private static TemplateMessage ToTemplateMessage(ChatMessage message) =>
        new(message.Role == ChatRole.System ? MessageRole.System : message.Role == ChatRole.Assistant ? MessageRole.Assistant : MessageRole.User, message.Text);

    private static RunResult Report(IProgress<RunProgress>? progress, RunResult result)
    {
        progress?.Report(new RunProgress(RunProgressKind.Completed, result.Attempts.Count) { Result = result });
        return result;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Run attempt {Attempt} finished as {Status} in {LatencyMs} ms")]
    private static partial void LogAttempt(ILogger logger, int attempt, RunAttemptStatus status, long latencyMs);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Run attempt {Attempt} stalled: no data for {Seconds} s")]
    private static partial void LogStalled(ILogger logger, int attempt, long seconds);

    [LoggerMessage(Level = LogLevel.Information, Message = "Run attempt {Attempt} was cancelled")]
    private static partial void LogCancelled(ILogger logger, int attempt);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Run attempt {Attempt} failed at the provider: {Kind}, HTTP {HttpStatus}")]
    private static partial void LogProviderFailed(ILogger logger, int attempt, ProviderFailureKind kind, int? httpStatus);

    private sealed class Builder(string template, DateTime startedAt, TimeProvider time)
    {
        public Guid? TemplateId { get; set; }

        public int? TemplateVersion { get; set; }

        public string? Provider { get; set; }

        public string? Model { get; set; }

        public Guid? SchemaId { get; set; }

        public int? SchemaVersion { get; set; }

        public List<RunAttempt> Attempts { get; } = [];

        public RunResult Fail(params string[] errors) => Finish(RunStatus.Failed, null, null, errors);

        public RunResult Finish(RunStatus status, string? output, string? json, IReadOnlyList<string> errors) => new(
            status, TemplateId, template.Trim(), TemplateVersion, Provider, Model, SchemaId, SchemaVersion, output, json,
            [.. Attempts], errors, startedAt, time.GetUtcNow().UtcDateTime);
    }

    private sealed record Prepared(
        IReadOnlyList<TemplateProblem> Problems,
        IChatClient? Client,
        List<ChatMessage> Messages,
        ChatOptions Options,
        string? SchemaJson,
        SchemaCompileResult? Compiled)
    {
        public ProviderModelPrice? Price { get; init; }

        public static Prepared Fail(params TemplateProblem[] problems) => new(problems, null, [], new ChatOptions(), null, null);
    }
}
