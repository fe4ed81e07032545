using System.Text;
using System.Text.Json;
using Workbench.Core.History;

namespace Workbench.Core.Tests.History;

public class JsonStructuralDiffTests
{
    [Theory]
    [InlineData("""{"a":1,"b":[1,2]}""", """{ "b": [1, 2], "a": 1 }""")]
    [InlineData("1", "1.0")]
    [InlineData("[]", "[]")]
    [InlineData("null", "null")]
    [InlineData("\"x\"", "\"x\"")]
    [InlineData("""{"n":1e2}""", """{"n":100}""")]
    public void Compare_EquivalentDocuments_Identical(string left, string right)
    {
        var diff = JsonStructuralDiff.Compare(left, right);

        Assert.True(diff.Identical);
        Assert.False(diff.Truncated);
    }

    [Fact]
    public void Compare_MemberAddedRemovedChanged_EachWithItsPath()
    {
        var diff = JsonStructuralDiff.Compare("""{"city":"Oslo","price":100,"old":true}""", """{"city":"Bergen","price":100,"new":[1]}""");

        Assert.Equal(
            [
                new JsonChange(JsonChangeKind.Changed, "/city", "\"Oslo\"", "\"Bergen\"", JsonValueKind.String, JsonValueKind.String),
                new JsonChange(JsonChangeKind.Removed, "/old", "true", null, JsonValueKind.True, null),
                new JsonChange(JsonChangeKind.Added, "/new", null, "[1]", null, JsonValueKind.Array),
            ],
            diff.Changes);
        Assert.Equal(1, diff.Count(JsonChangeKind.Added));
    }

    [Fact]
    public void Compare_Nested_PathsGoAllTheWayDown()
    {
        var diff = JsonStructuralDiff.Compare(
            """{"trip":{"legs":[{"from":"OSL","to":"BGO"},{"from":"BGO","to":"TRD"}]}}""",
            """{"trip":{"legs":[{"from":"OSL","to":"BGO"},{"from":"BGO","to":"SVG"}]}}""");

        var change = Assert.Single(diff.Changes);
        Assert.Equal("/trip/legs/1/to", change.Path);
        Assert.Equal(("\"TRD\"", "\"SVG\""), (change.Left, change.Right));
    }

    [Fact]
    public void Compare_ArraysByIndex_TailAddedOrRemoved()
    {
        var longer = JsonStructuralDiff.Compare("[1,2]", "[1,2,3,4]");
        var shorter = JsonStructuralDiff.Compare("""["a","b","c"]""", """["a"]""");
        var shifted = JsonStructuralDiff.Compare("[1,2,3]", "[0,1,2,3]");

        Assert.Equal(["/2", "/3"], longer.Changes.Select(c => c.Path));
        Assert.All(longer.Changes, c => Assert.Equal(JsonChangeKind.Added, c.Kind));
        Assert.Equal([(JsonChangeKind.Removed, "/1"), (JsonChangeKind.Removed, "/2")], shorter.Changes.Select(c => (c.Kind, c.Path)));
        Assert.Equal(4, shifted.Changes.Count); // by index: three changed, one added
        Assert.Equal(JsonChangeKind.Added, shifted.Changes[^1].Kind);
    }

    [Theory]
    [InlineData("""{"price":"100"}""", """{"price":100}""", JsonValueKind.String, JsonValueKind.Number)]
    [InlineData("""{"price":null}""", """{"price":0}""", JsonValueKind.Null, JsonValueKind.Number)]
    [InlineData("""{"price":{"amount":1}}""", """{"price":[1]}""", JsonValueKind.Object, JsonValueKind.Array)]
    [InlineData("""{"price":[1]}""", """{"price":1}""", JsonValueKind.Array, JsonValueKind.Number)]
    public void Compare_TypeChange_OneChangeMarkedAsTypeChange(string left, string right, JsonValueKind leftKind, JsonValueKind rightKind)
    {
        var change = Assert.Single(JsonStructuralDiff.Compare(left, right).Changes);

        Assert.Equal((JsonChangeKind.Changed, "/price", leftKind, rightKind), (change.Kind, change.Path, change.LeftKind!.Value, change.RightKind!.Value));
        Assert.True(change.IsTypeChange);
    }

    [Fact]
    public void Compare_TrueToFalse_ChangedButNotATypeChange()
    {
        var change = Assert.Single(JsonStructuralDiff.Compare("""{"ok":true}""", """{"ok":false}""").Changes);

        Assert.Equal(JsonChangeKind.Changed, change.Kind);
        Assert.False(change.IsTypeChange);
    }

    [Fact]
    public void Compare_RootScalarsDiffer_ChangeAtTheEmptyPointer()
    {
        var change = Assert.Single(JsonStructuralDiff.Compare("1", "\"1\"").Changes);

        Assert.Equal("", change.Path);
    }

    [Fact]
    public void Compare_MemberNamesWithSlashAndTilde_EscapedAsJsonPointer()
    {
        var diff = JsonStructuralDiff.Compare("""{"a/b":1,"c~d":1}""", """{"a/b":2,"c~d":2}""");

        Assert.Equal(["/a~1b", "/c~0d"], diff.Changes.Select(c => c.Path));
    }

    [Fact]
    public void Compare_StringsDifferOnlyInEscaping_Identical()
    {
        Assert.True(JsonStructuralDiff.Compare("""{"s":"\u00e9"}""", """{"s":"é"}""").Identical);
    }

    [Fact]
    public void Compare_AddedSubtree_OneChangeWithCompactJson()
    {
        var change = Assert.Single(JsonStructuralDiff.Compare("{}", """{ "x": { "y": [ 1, 2 ] } }""").Changes);

        Assert.Equal(("/x", """{"y":[1,2]}"""), (change.Path, change.Right));
    }

    [Fact]
    public void Compare_DuplicateMembers_LastWins()
    {
        Assert.True(JsonStructuralDiff.Compare("""{"a":1,"a":2}""", """{"a":2}""").Identical);
    }

    [Theory]
    [InlineData("{", "{}", "left")]
    [InlineData("{}", "not json", "right")]
    public void Compare_NotJson_ErrorNamesTheSide(string left, string right, string side)
    {
        var diff = JsonStructuralDiff.Compare(left, right);

        Assert.False(diff.Succeeded);
        Assert.Contains(side, diff.Error, StringComparison.Ordinal);
        Assert.Empty(diff.Changes);
    }

    [Fact]
    public void Compare_TooDeep_ErrorNotCrash()
    {
        var deep = new string('[', 500) + new string(']', 500);

        var diff = JsonStructuralDiff.Compare(deep, "[]");

        Assert.False(diff.Succeeded);
    }

    [Fact]
    public void Compare_BigDocuments_FindsTheFewChanges()
    {
        var left = Big(20_000, changeAt: -1);
        var right = Big(20_000, changeAt: 12_345);

        var diff = JsonStructuralDiff.Compare(left, right);

        var change = Assert.Single(diff.Changes);
        Assert.Equal("/items/12345/price", change.Path);
    }

    [Fact]
    public void Compare_ManyChanges_CappedAndMarkedTruncated()
    {
        var left = "[" + string.Join(',', Enumerable.Range(0, 50)) + "]";
        var right = "[" + string.Join(',', Enumerable.Range(1, 50)) + "]";

        var diff = JsonStructuralDiff.Compare(left, right, maxChanges: 10);

        Assert.Equal(10, diff.Changes.Count);
        Assert.True(diff.Truncated);
    }

    private static string Big(int count, int changeAt)
    {
        var builder = new StringBuilder("{\"items\":[");
        for (var i = 0; i < count; i++)
        {
            builder.Append(i > 0 ? "," : "").Append("{\"id\":").Append(i).Append(",\"name\":\"item ").Append(i).Append("\",\"price\":").Append(i == changeAt ? 1 : 2).Append('}');
        }

        return builder.Append("]}").ToString();
    }
}
