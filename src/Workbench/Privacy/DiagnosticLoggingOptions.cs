namespace Workbench.Privacy;

/// <summary>The <c>Workbench:Logging</c> section.</summary>
public sealed class DiagnosticLoggingOptions
{
    public const string SectionName = "Workbench:Logging";

    public const string EnableDebugKey = SectionName + ":EnableDebug";

    /// <summary>Allows Debug and Trace messages (which may carry prompt content, redacted). Off: the minimum level is
    /// Information whatever <c>Logging:LogLevel</c> says.</summary>
    public bool EnableDebug { get; set; }
}
