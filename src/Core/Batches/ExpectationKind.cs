namespace Workbench.Core.Batches;

/// <summary>What a test case expects of a run's output. API and file names: <c>schema-valid</c>, <c>equals-json</c>, <c>contains-text</c>.</summary>
public enum ExpectationKind
{
    /// <summary>The run ends valid (possibly after repairs) against the template's schema. The default.</summary>
    SchemaValid,

    /// <summary>The extracted JSON equals a JSON value, compared structurally (key order and number spelling do not matter).</summary>
    EqualsJson,

    /// <summary>The final output contains a text (ordinal, case-sensitive).</summary>
    ContainsText,
}
