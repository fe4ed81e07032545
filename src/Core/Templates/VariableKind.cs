namespace Workbench.Core.Templates;

public enum VariableKind { Text, Json }
