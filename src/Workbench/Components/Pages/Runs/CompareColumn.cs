using System.Text;
using Workbench.Core.History;
using Workbench.Core.Runs;

namespace Workbench.Components.Pages.Runs;

/// <summary>One run of the comparison: the stored run, what it was asked (settings, redacted variables), its newest verdict and totals.</summary>
public sealed record CompareColumn(Guid Id, RunRecord? Record, RunInputs? Inputs, RunVerdict? Verdict)
{
    public RunMetrics? Metrics { get; } = Record is null ? null : RunMetrics.Of(Record);

    /// <summary>The messages of the final attempt (what was sent last), or empty when nothing was sent.</summary>
    public IReadOnlyList<RunMessage> Prompt => Record?.Attempts.Count > 0 ? Record.Attempts[^1].Messages : [];

    /// <summary>The prompt as one text (role headers, then the message), for the word-level diff.</summary>
    public string PromptText
    {
        get
        {
            var builder = new StringBuilder();
            foreach (var message in Prompt)
            {
                builder.Append('[').Append(message.Role).Append(']').Append('\n').Append(message.Text).Append("\n\n");
            }

            return builder.ToString().TrimEnd();
        }
    }

    /// <summary>Settings as label/value rows, in a fixed order so columns line up and differences can be marked.</summary>
    public IReadOnlyList<(string Name, string Value)> Settings =>
    [
        ("Template", Record is null ? "—" : $"{Record.Template}{(Record.TemplateVersion is { } v ? $" v{v}" : "")}"),
        ("Label", Inputs?.Label ?? "—"),
        ("Provider", Record?.Provider ?? "—"),
        ("Model", Record?.Model ?? "—"),
        ("Max attempts", Inputs?.MaxAttempts?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "default"),
        ("Schema", Inputs?.SchemaId is null ? "none" : $"v{Inputs.SchemaVersion}"),
        ("Started by", Inputs?.StartedBy ?? "—"),
        .. (Inputs?.Variables ?? new Dictionary<string, string?>()).OrderBy(v => v.Key, StringComparer.Ordinal).Select(v => ($"{{{{ {v.Key} }}}}", v.Value ?? "")),
    ];
}
