namespace Workbench.Core.Templates;

/// <summary>
/// Keeps the declared variables in step with what the messages use, for the editor's variables panel:
/// a newly used variable is declared (required; JSON when used as a list or object), and a declaration
/// that is no longer used and holds nothing the author typed is dropped (so typing <c>{{ n }}</c> → <c>{{ name }}</c>
/// leaves no debris). Declarations the author filled in are kept even when unused; the panel flags them.
/// </summary>
public static class VariableSynchronizer
{
    /// <summary>What the messages use. Incomplete when a message does not parse: its variables are then unknown.</summary>
    public static VariableUsage Uses(TemplateContent content)
    {
        var uses = new List<VariableUse>();
        var complete = true;
        foreach (var message in content.Messages)
        {
            if (PromptTemplate.Parse(message.Text ?? "").Template is { } template)
            {
                uses.AddRange(template.VariableUses);
            }
            else
            {
                complete = false;
            }
        }

        return new VariableUsage(uses, complete);
    }

    public static IReadOnlyList<VariableDeclaration> Sync(IReadOnlyList<VariableDeclaration> declared, VariableUsage usage)
    {
        var uses = usage.Uses;
        var used = uses.Select(u => u.Name).Distinct(StringComparer.Ordinal).ToList();
        // While a message is broken (mid-typing) nothing is dropped: its variables cannot be seen.
        var result = declared
            .Where(d => !usage.Complete || used.Contains(d.Name, StringComparer.Ordinal) || HasAuthorInput(d))
            .ToList();
        foreach (var name in used.Where(n => !declared.Any(d => d.Name == n)))
        {
            var structured = uses.Any(u => u.Name == name && u.UsedAsCollectionOrObject);
            result.Add(new VariableDeclaration(name, null, true, null, null, structured ? VariableKind.Json : VariableKind.Text));
        }

        return result;
    }

    private static bool HasAuthorInput(VariableDeclaration d) =>
        !string.IsNullOrEmpty(d.Description) || !string.IsNullOrEmpty(d.DefaultValue) || !string.IsNullOrEmpty(d.ExampleValue);
}
