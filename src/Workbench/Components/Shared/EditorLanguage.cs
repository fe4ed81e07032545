namespace Workbench.Components.Shared;

/// <summary>What <see cref="TemplateCodeEditor"/> highlights.</summary>
public enum EditorLanguage
{
    /// <summary>Liquid templates (tags, output, filters).</summary>
    Liquid,

    /// <summary>JSON (schemas, sample outputs): strings, property names, numbers, literals, punctuation and bracket matching.</summary>
    Json,
}
