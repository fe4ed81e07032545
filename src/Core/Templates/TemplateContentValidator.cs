using System.Globalization;
using System.Text.RegularExpressions;

namespace Workbench.Core.Templates;

/// <summary>
/// Checks a template body before it becomes a version: every message parses, every variable used is declared,
/// declarations are well-formed, and model settings are in range. Returns problems with their place; never throws.
/// </summary>
public static partial class TemplateContentValidator
{
    public const int MaxMessages = 50;
    public const int MaxVariables = 100;
    public const int MaxStopSequences = 8;

    [GeneratedRegex(@"^[A-Za-z_][A-Za-z0-9_]*$")]
    private static partial Regex VariableNamePattern();

    public static IReadOnlyList<TemplateProblem> Validate(TemplateContent content, TemplateLimits? limits = null)
    {
        limits ??= TemplateLimits.Default;
        var problems = new List<TemplateProblem>();
        CheckMessages(content, limits, problems);
        CheckVariables(content, problems);
        CheckSettings(content.Settings, problems);
        return problems;
    }

    /// <summary>Field name used for message <paramref name="index"/> in problems and in the editor.</summary>
    public static string MessageField(int index) => $"messages[{index}]";

    private static void CheckMessages(TemplateContent content, TemplateLimits limits, List<TemplateProblem> problems)
    {
        if (content.Messages.Count == 0)
        {
            problems.Add(new("messages", "Add at least one message."));
            return;
        }

        if (content.Messages.Count > MaxMessages)
        {
            problems.Add(new("messages", $"A template has at most {MaxMessages} messages; this one has {content.Messages.Count}."));
        }

        if (content.Messages.All(m => string.IsNullOrWhiteSpace(m.Text)))
        {
            problems.Add(new("messages", "All messages are empty: write the prompt first."));
        }

        var systemCount = content.Messages.Count(m => m.Role == MessageRole.System);
        if (systemCount > 1 || (systemCount == 1 && content.Messages[0].Role != MessageRole.System))
        {
            problems.Add(new("messages", "Only the first message may be a system message."));
        }

        for (var i = 0; i < content.Messages.Count; i++)
        {
            var message = content.Messages[i];
            var parsed = PromptTemplate.Parse(message.Text ?? "", limits);
            foreach (var error in parsed.Errors)
            {
                problems.Add(new(MessageField(i), error.Message, error.Line, error.Column));
            }

            if (parsed.Template is { } template)
            {
                foreach (var error in template.CheckDeclarations(content.Variables))
                {
                    problems.Add(new(MessageField(i), error.Message, error.Line, error.Column));
                }
            }
        }
    }

    private static void CheckVariables(TemplateContent content, List<TemplateProblem> problems)
    {
        if (content.Variables.Count > MaxVariables)
        {
            problems.Add(new("variables", $"A template declares at most {MaxVariables} variables."));
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var variable in content.Variables)
        {
            var field = $"variables.{variable.Name}";
            if (!VariableNamePattern().IsMatch(variable.Name ?? ""))
            {
                problems.Add(new(field, $"'{variable.Name}' is not a valid variable name: use letters, digits and _ and start with a letter or _."));
            }
            else if (!seen.Add(variable.Name!))
            {
                problems.Add(new(field, $"Variable '{variable.Name}' is declared twice."));
            }

            if (variable.Description is { Length: > 500 })
            {
                problems.Add(new(field, "The description is longer than 500 characters."));
            }
        }
    }

    private static void CheckSettings(ModelSettings settings, List<TemplateProblem> problems)
    {
        if (string.IsNullOrWhiteSpace(settings.Provider))
        {
            problems.Add(new("settings.provider", "Choose a provider."));
        }

        if (string.IsNullOrWhiteSpace(settings.Model))
        {
            problems.Add(new("settings.model", "Choose a model."));
        }

        if (settings.Temperature is { } temperature && (temperature < 0 || temperature > 2 || double.IsNaN(temperature)))
        {
            problems.Add(new("settings.temperature", $"Temperature must be between 0 and 2 (got {temperature.ToString(CultureInfo.InvariantCulture)})."));
        }

        if (settings.TopP is { } topP && (topP <= 0 || topP > 1 || double.IsNaN(topP)))
        {
            problems.Add(new("settings.topP", $"Top-p must be greater than 0 and at most 1 (got {topP.ToString(CultureInfo.InvariantCulture)})."));
        }

        if (settings.MaxOutputTokens is { } maxTokens && (maxTokens < 1 || maxTokens > 1_000_000))
        {
            problems.Add(new("settings.maxOutputTokens", $"Max output tokens must be between 1 and 1,000,000 (got {maxTokens})."));
        }

        if (settings.StopSequences.Count > MaxStopSequences)
        {
            problems.Add(new("settings.stopSequences", $"At most {MaxStopSequences} stop sequences."));
        }

        if (settings.StopSequences.Any(string.IsNullOrEmpty))
        {
            problems.Add(new("settings.stopSequences", "Stop sequences must not be empty."));
        }
    }
}
