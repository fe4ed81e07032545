namespace Workbench.Core.Templates;

public enum MessageRole
{
    System,
    User,
    Assistant,
}
