namespace Workbench.Core.Redaction.Detectors;

/// <summary>A raw finding of one detector: [Start, End) in the original text.</summary>
internal readonly record struct Detection(int Start, int End, string Kind)
{
    public int Length => End - Start;
}
