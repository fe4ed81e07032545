using Workbench.Core.History;

namespace Workbench.Core.Tests.History;

public class HistogramTests
{
    [Fact]
    public void Create_NoValues_Null() => Assert.Null(Histogram.Create([]));

    [Fact]
    public void Create_Values_RoundEdgesCoveringMinAndMax()
    {
        var histogram = Histogram.Create([130, 870, 420], buckets: 8)!;

        Assert.Equal(100, histogram.Edges[0]);
        Assert.True(histogram.Edges[^1] > 870);
        var width = histogram.Edges[1] - histogram.Edges[0];
        Assert.Equal(100, width);
        Assert.All(histogram.Edges.Zip(histogram.Edges.Skip(1)), pair => Assert.Equal(width, pair.Second - pair.First, 6));
    }

    [Fact]
    public void Create_AllValuesEqual_OneBucketHoldsThem()
    {
        var histogram = Histogram.Create([5, 5, 5])!;

        Assert.Equal([3], histogram.Count([5, 5, 5]));
    }

    [Fact]
    public void Count_ValuesOnEdges_LowerEdgeInclusive()
    {
        var histogram = new Histogram([0, 10, 20]);

        Assert.Equal([2, 2], histogram.Count([0, 9.9, 10, 20]));
    }

    [Fact]
    public void Summary_Values_QuartilesByInterpolation()
    {
        var summary = DistributionSummary.Of([1, 2, 3, 4, 5])!;

        Assert.Equal((5, 1.0, 2.0, 3.0, 4.0, 5.0, 3.0), (summary.Count, summary.Min, summary.P25, summary.Median, summary.P75, summary.Max, summary.Mean));
        Assert.Equal(4.8, summary.P95, 6);
        Assert.Null(DistributionSummary.Of([]));
    }
}
