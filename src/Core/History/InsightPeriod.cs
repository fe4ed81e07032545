namespace Workbench.Core.History;

/// <summary>How the runs of a template are grouped over time in <see cref="TemplateInsights"/>: by UTC day, or by week (Monday) when the runs span more than <see cref="RunInsights.MaxDays"/> days.</summary>
public enum InsightPeriod
{
    Day,
    Week,
}
