namespace Workbench.Core.Export;

/// <summary>Why a template version cannot be exported (<see cref="Message"/>) and what to do about it (<see cref="Fix"/>).</summary>
public sealed record ExportBlocker(string Code, string Message, string Fix)
{
    public const string NoSchema = "no-schema";
    public const string InvalidTemplate = "invalid-template";
    public const string NoBatch = "no-batch";
    public const string BatchUnfinished = "batch-unfinished";
    public const string PassRateTooLow = "pass-rate";
    public const string FormatUnsupported = "format-unsupported";

    public override string ToString() => $"{Message} {Fix}";
}
