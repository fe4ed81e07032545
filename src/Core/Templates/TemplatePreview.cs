namespace Workbench.Core.Templates;

/// <summary>Renders every message of a draft with the declared example values (or defaults), for the live preview.</summary>
public static class TemplatePreview
{
    public static IReadOnlyList<MessagePreview> Render(TemplateContent content, TemplateLimits? limits = null, CancellationToken cancellationToken = default)
    {
        limits ??= TemplateLimits.Default;
        var values = content.Variables
            .GroupBy(v => v.Name, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.First() is var v && !string.IsNullOrEmpty(v.ExampleValue) ? v.ExampleValue : v.DefaultValue, StringComparer.Ordinal);
        var previews = new List<MessagePreview>(content.Messages.Count);
        for (var i = 0; i < content.Messages.Count; i++)
        {
            var message = content.Messages[i];
            var parsed = PromptTemplate.Parse(message.Text ?? "", limits);
            if (parsed.Template is null)
            {
                previews.Add(new MessagePreview(i, message.Role, null, parsed.Errors));
                continue;
            }

            var rendered = parsed.Template.Render(values, content.Variables, limits, cancellationToken);
            previews.Add(new MessagePreview(i, message.Role, rendered.Text, rendered.Errors));
        }

        return previews;
    }
}
