using Workbench.Core.Providers;
using Workbench.Core.Redaction;
using Workbench.Core.Runs;
using Workbench.Core.Templates;

namespace Workbench.Core.History;

/// <summary>
/// Takes a stored run back into work: "open in editor" writes the user's draft of the template from the run's version
/// with the run's provider and model and its variable values as the example values; "re-run" submits the same version,
/// settings and values again. Stored values are redacted, so both say when placeholders such as <c>[EMAIL#1]</c> would
/// be used instead of the original text (ADR-014).
/// </summary>
public sealed class RunReplay(RunHistory history, TemplateService templates, RunService runs)
{
    /// <summary>Whether any stored variable value holds a redaction placeholder (it would be sent as written).</summary>
    public static bool HasPlaceholders(RunInputs inputs)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        return inputs.Variables.Values.Any(RedactionPlaceholders.Contains);
    }

    /// <summary>
    /// Replaces <paramref name="user"/>'s draft of the run's template with the run's version, settings and values.
    /// Returns the template id; problems name <c>run</c> or <c>template</c>.
    /// </summary>
    public async Task<OperationResult<Guid>> OpenInEditorAsync(Guid runId, string user, CancellationToken cancellationToken = default)
    {
        var (inputs, version, problem) = await ResolveAsync(runId, cancellationToken);
        if (problem is not null)
        {
            return OperationResult<Guid>.Fail(problem);
        }

        var content = version!.Content;
        var settings = content.Settings with
        {
            Provider = string.IsNullOrEmpty(inputs!.Provider) ? content.Settings.Provider : inputs.Provider,
            Model = string.IsNullOrEmpty(inputs.Model) ? content.Settings.Model : inputs.Model,
        };
        var variables = content.Variables
            .Select(v => inputs.Variables.TryGetValue(v.Name, out var value) && value is not null ? v with { ExampleValue = value } : v)
            .ToList();
        await templates.SaveDraftAsync(version.TemplateId, user, version.Number, content with { Settings = settings, Variables = variables }, cancellationToken);
        return OperationResult<Guid>.Ok(version.TemplateId);
    }

    /// <summary>Submits the run again (same version, provider, model, attempts, simulation and stored values); the new run's id.</summary>
    public async Task<OperationResult<Guid>> RerunAsync(Guid runId, string user, CancellationToken cancellationToken = default)
    {
        var (inputs, version, problem) = await ResolveAsync(runId, cancellationToken);
        if (problem is not null)
        {
            return OperationResult<Guid>.Fail(problem);
        }

        var request = new RunRequest(inputs!.Template, inputs.Variables)
        {
            Version = version!.Number,
            Provider = inputs.Provider,
            Model = inputs.Model,
            MaxAttempts = inputs.MaxAttempts,
            Simulation = inputs.Simulation is { } simulation ? new SimulationSettings { Faults = simulation.Faults ?? [], Seed = simulation.Seed ?? 0 } : null,
            RequestedBy = user,
        };
        return await runs.SubmitAsync(request, cancellationToken);
    }

    private async Task<(RunInputs? Inputs, TemplateVersionInfo? Version, TemplateProblem? Problem)> ResolveAsync(Guid runId, CancellationToken cancellationToken)
    {
        var inputs = await history.GetInputsAsync(runId, cancellationToken);
        if (inputs is null)
        {
            return (null, null, new TemplateProblem("run", "This run no longer exists."));
        }

        var template = inputs.TemplateId is { } templateId
            ? await templates.GetAsync(templateId, cancellationToken)
            : await templates.FindByNameAsync(inputs.Template, cancellationToken);
        if (template is null)
        {
            return (inputs, null, new TemplateProblem("template", $"The template \"{inputs.Template}\" no longer exists."));
        }

        var version = inputs.Version is { } number
            ? await templates.GetVersionAsync(template.Id, number, cancellationToken)
            : await templates.GetLatestVersionAsync(template.Id, cancellationToken);
        return version is null
            ? (inputs, null, new TemplateProblem("template", $"Version {inputs.Version} of \"{inputs.Template}\" no longer exists."))
            : (inputs, version, null);
    }
}
