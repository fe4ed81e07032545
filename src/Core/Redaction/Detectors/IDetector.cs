namespace Workbench.Core.Redaction.Detectors;

/// <summary>One detector. Implementations are immutable and thread-safe; they add findings to the list passed to Detect.</summary>
internal interface IDetector
{
    /// <summary>Kinds this detector can report (used to skip it when all are switched off).</summary>
    IReadOnlyList<string> Kinds { get; }

    void Detect(string text, List<Detection> found);
}
