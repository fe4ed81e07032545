using Workbench.Core.Templates;

namespace Workbench.Core.Runs;

/// <summary>A saved template version with each message's text parsed once (<see cref="RunPreparationCache"/>).</summary>
public sealed record PreparedTemplateVersion(TemplateVersionInfo Version, IReadOnlyList<TemplateParseResult> Messages);
