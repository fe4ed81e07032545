using System.Diagnostics;
using OpenTelemetry;

namespace Workbench.Privacy;

/// <summary>Runs before the exporter: every string attribute, the span name and the status description are redacted;
/// content attributes (prompt, output) are dropped unless <see cref="TelemetryOptions.IncludeContent"/> is set.</summary>
public sealed class RedactingActivityProcessor(LogRedaction redaction, bool includeContent) : BaseProcessor<Activity>
{
    /// <summary>Attribute names that carry prompt or model content.</summary>
    public static readonly IReadOnlySet<string> ContentAttributes = new HashSet<string>(StringComparer.Ordinal)
    {
        "gen_ai.prompt", "gen_ai.completion", "gen_ai.input.messages", "gen_ai.output.messages", "gen_ai.system_instructions",
        "workbench.prompt", "workbench.output",
    };

    public override void OnEnd(Activity data)
    {
        ArgumentNullException.ThrowIfNull(data);
        data.DisplayName = redaction.Redact(data.DisplayName);
        if (data.StatusDescription is { Length: > 0 } status)
        {
            data.SetStatus(data.Status, redaction.Redact(status));
        }

        foreach (var (key, value) in data.TagObjects.ToList())
        {
            if (!includeContent && ContentAttributes.Contains(key))
            {
                data.SetTag(key, null);
            }
            else if (value is string text)
            {
                data.SetTag(key, redaction.Redact(text));
            }
        }
    }
}
