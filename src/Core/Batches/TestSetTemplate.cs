using Workbench.Core.Templates;

namespace Workbench.Core.Batches;

/// <summary>The template a test set belongs to, with the variables its latest version declares (what imports check against).</summary>
public sealed record TestSetTemplate(Guid Id, string Name, int LatestVersion, IReadOnlyList<VariableDeclaration> Variables);
