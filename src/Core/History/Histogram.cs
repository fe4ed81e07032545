namespace Workbench.Core.History;

/// <summary>
/// Equal-width buckets with round edges (1, 2, 2.5 or 5 × a power of ten) covering some values, shared by several
/// series so their counts line up: bucket <c>i</c> is <c>[Edges[i], Edges[i + 1])</c>, the last one also takes its upper edge.
/// </summary>
public sealed record Histogram(IReadOnlyList<double> Edges)
{
    public int BucketCount => Edges.Count - 1;

    /// <summary>Buckets over <paramref name="values"/>, about <paramref name="buckets"/> of them; null when there are no values.</summary>
    public static Histogram? Create(IEnumerable<double> values, int buckets = 8)
    {
        ArgumentNullException.ThrowIfNull(values);
        ArgumentOutOfRangeException.ThrowIfLessThan(buckets, 1);
        var list = values.ToList();
        if (list.Count == 0)
        {
            return null;
        }

        var min = list.Min();
        var max = list.Max();
        var width = NiceWidth((max - min) / buckets);
        var start = Math.Floor(min / width) * width;
        var edges = new List<double> { start };
        do
        {
            edges.Add(start + (edges.Count * width));
        }
        while (edges[^1] <= max && edges.Count <= (buckets * 2) + 1);

        return new Histogram(edges);
    }

    /// <summary>How many of <paramref name="values"/> fall in each bucket (values outside the edges are not counted).</summary>
    public int[] Count(IEnumerable<double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var counts = new int[BucketCount];
        foreach (var value in values)
        {
            for (var i = 0; i < BucketCount; i++)
            {
                var last = i == BucketCount - 1;
                if (value >= Edges[i] && (value < Edges[i + 1] || (last && value <= Edges[i + 1])))
                {
                    counts[i]++;
                    break;
                }
            }
        }

        return counts;
    }

    private static double NiceWidth(double raw)
    {
        if (raw <= 0 || double.IsNaN(raw) || double.IsInfinity(raw))
        {
            return 1;
        }

        var magnitude = Math.Pow(10, Math.Floor(Math.Log10(raw)));
        var fraction = raw / magnitude;
        var nice = fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 2.5 ? 2.5 : fraction <= 5 ? 5 : 10;
        return Math.Max(nice * magnitude, 1);
    }
}
