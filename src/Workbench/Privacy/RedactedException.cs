namespace Workbench.Privacy;

/// <summary>Stands in for a logged exception: message, stack trace and <see cref="ToString"/> are the original's, redacted
/// (a provider error may echo a key or the prompt). <see cref="OriginalType"/> keeps the type for diagnosis.</summary>
public sealed class RedactedException : Exception
{
    private readonly string _text = "";
    private readonly string? _stackTrace;

    public RedactedException()
    {
    }

    public RedactedException(string message)
        : base(message)
    {
    }

    public RedactedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    private RedactedException(Exception original, LogRedaction redaction)
        : base(redaction.Redact(original.Message), original.InnerException is null ? null : new RedactedException(original.InnerException, redaction))
    {
        OriginalType = original.GetType().FullName ?? original.GetType().Name;
        _text = redaction.Redact(original.ToString());
        _stackTrace = original.StackTrace is null ? null : redaction.Redact(original.StackTrace);
        HResult = original.HResult;
    }

    /// <summary>Full name of the exception type that was redacted.</summary>
    public string OriginalType { get; } = typeof(RedactedException).FullName!;

    public override string? StackTrace => _stackTrace ?? base.StackTrace;

    public static RedactedException From(Exception exception, LogRedaction redaction)
    {
        ArgumentNullException.ThrowIfNull(exception);
        ArgumentNullException.ThrowIfNull(redaction);
        return exception as RedactedException ?? new RedactedException(exception, redaction);
    }

    public override string ToString() => _text.Length > 0 ? _text : base.ToString();
}
