using System.ComponentModel;
using Workbench.Core.Templates;

namespace Workbench.Api.Templates;

/// <summary>One chat message of a template: its role and its Liquid template text.</summary>
public sealed record ApiMessage
{
    [Description("system, user or assistant. Only the first message may be a system message.")]
    public MessageRole? Role { get; init; }

    [Description("The message text: Liquid template source, e.g. \"Summarize {{ text }}\". Every variable used must be declared.")]
    public string? Content { get; init; }
}
