using Workbench.Core.Redaction;

namespace Workbench.Privacy;

/// <summary>What every log message passes through: the redactor (always on for logs) and the level clamp.</summary>
public sealed class LogRedaction(Redactor redactor, bool enableDebug)
{
    public Redactor Redactor { get; } = redactor;

    public bool EnableDebug { get; } = enableDebug;

    /// <summary>Debug and Trace only when explicitly enabled; <see cref="LogLevel.None"/> never.</summary>
    public bool Allows(LogLevel level) => level != LogLevel.None && (EnableDebug || level >= LogLevel.Information);

    public string Redact(string? text) => string.IsNullOrEmpty(text) ? text ?? "" : Redactor.Redact(text).Text;
}
