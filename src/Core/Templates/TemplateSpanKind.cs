namespace Workbench.Core.Templates;

/// <summary>The kind of a syntax span, for editor highlighting.</summary>
public enum TemplateSpanKind
{
    /// <summary>Literal text.</summary>
    Text,

    /// <summary>An output tag <c>{{ ... }}</c>.</summary>
    OutputTag,

    /// <summary>A logic tag <c>{% ... %}</c>.</summary>
    LogicTag,

    /// <summary>A <c>{% raw %}...{% endraw %}</c> block.</summary>
    RawBlock,

    /// <summary>A comment block or inline comment.</summary>
    Comment,

    /// <summary>A variable reference inside a tag.</summary>
    Variable,

    /// <summary>A malformed, unclosed or rejected region.</summary>
    Error,
}
