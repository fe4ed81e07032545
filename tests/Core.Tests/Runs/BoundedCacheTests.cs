using Workbench.Core.Runs;

namespace Workbench.Core.Tests.Runs;

public class BoundedCacheTests
{
    [Fact]
    public void GetOrAdd_SameKeyTwice_ReturnsTheFirstValue()
    {
        var cache = new BoundedCache<int, string>(4);

        var first = cache.GetOrAdd(1, "first");
        var second = cache.GetOrAdd(1, "second");

        Assert.Same(first, second);
        Assert.True(cache.TryGet(1, out var held));
        Assert.Equal("first", held);
    }

    [Fact]
    public void GetOrAdd_PastCapacity_EvictsTheLeastRecentlyUsedEntry()
    {
        var cache = new BoundedCache<int, string>(2);
        cache.GetOrAdd(1, "one");
        cache.GetOrAdd(2, "two");
        Assert.True(cache.TryGet(1, out _)); // 1 is now the most recently used

        cache.GetOrAdd(3, "three");

        Assert.Equal(2, cache.Count);
        Assert.True(cache.TryGet(1, out _));
        Assert.False(cache.TryGet(2, out _));
        Assert.True(cache.TryGet(3, out _));
    }

    [Fact]
    public void Set_ExistingKey_ReplacesTheValueWithoutGrowing()
    {
        var cache = new BoundedCache<int, string>(2);
        cache.GetOrAdd(1, "old");

        cache.Set(1, "new");

        Assert.Equal(1, cache.Count);
        Assert.True(cache.TryGet(1, out var held));
        Assert.Equal("new", held);
    }

    [Fact]
    public void Constructor_CapacityBelowOne_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new BoundedCache<int, string>(0));
    }
}
