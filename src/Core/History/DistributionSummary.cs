namespace Workbench.Core.History;

/// <summary>A box-plot summary of some values: count, minimum, quartiles, 95th percentile, maximum and mean (percentiles by linear interpolation).</summary>
public sealed record DistributionSummary(int Count, double Min, double P25, double Median, double P75, double P95, double Max, double Mean)
{
    /// <summary>The summary of <paramref name="values"/>, or null when there are none.</summary>
    public static DistributionSummary? Of(IEnumerable<double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var sorted = values.Order().ToArray();
        if (sorted.Length == 0)
        {
            return null;
        }

        return new DistributionSummary(
            sorted.Length, sorted[0], Percentile(sorted, 0.25), Percentile(sorted, 0.5), Percentile(sorted, 0.75), Percentile(sorted, 0.95),
            sorted[^1], sorted.Average());
    }

    private static double Percentile(double[] sorted, double p)
    {
        var position = p * (sorted.Length - 1);
        var lower = (int)Math.Floor(position);
        var upper = (int)Math.Ceiling(position);
        return sorted[lower] + ((sorted[upper] - sorted[lower]) * (position - lower));
    }
}
