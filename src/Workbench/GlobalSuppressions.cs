using System.Diagnostics.CodeAnalysis;

// The folder layout (Components/Shared, namespace = folder) is the project's convention; "Shared" is only a keyword in Visual Basic.
[assembly: SuppressMessage("Naming", "CA1716:Identifiers should not match keywords", Scope = "namespace",
    Target = "~N:Workbench.Components.Shared", Justification = "Namespace follows the Components/Shared folder; no VB consumers.")]
