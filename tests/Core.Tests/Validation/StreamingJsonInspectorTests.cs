using System.Text;
using Workbench.Core.Validation;

namespace Workbench.Core.Tests.Validation;

public sealed class StreamingJsonInspectorTests
{
    private static readonly string[] ValidDocuments =
    [
        """{"city": "Oslo", "price": 12.5, "tags": ["a", "b"], "ok": true, "none": null}""",
        """{"s": "quote \" backslash \\ slash \/ tab \t nl \n u \u00e9 \uD83D\uDE00 end", "e": ""}""",
        """[0, -0, 1, -12, 3.25, -0.5e10, 1E+2, 2e-3, 1.5E7, 123456789012345678901234567890]""",
        """{"deep": {"a": [{"b": [[], {}, [1, [2, [3]]]]}]}, "x": false}""",
        "{\n  \"multi\": \"line\",\n  \"list\": [\n    1,\n    2\n  ]\n}",
        "\"just a string with {braces} and [brackets]\"",
        "-3.5e-2",
        "true",
        "null",
        """{"unicode ключ": "значение ✓", "emoji": "🚀"}""",
    ];

    [Fact]
    public void Inspect_ValidDocuments_EveryPrefixIsViableAndTheWholeIsComplete()
    {
        foreach (var document in ValidDocuments)
        {
            for (var length = 1; length < document.Length; length++)
            {
                var status = StreamingJsonInspector.Inspect(document[..length]);
                Assert.True(status.Viable, $"prefix {length} of {document}: {status}");
            }

            var whole = StreamingJsonInspector.Inspect(document);
            Assert.True(whole.Viable, document);
            Assert.True(whole.Complete, document);
            Assert.True(whole.Started, document);
        }
    }

    [Fact]
    public void Append_RandomChunks_GivesTheSameStatusAsTheWholeText()
    {
        var random = new Random(42);
        var inputs = ValidDocuments.Concat(
        [
            """{"a": 1,}""",
            "Sure! ```json\n{\"a\": [1, 2, {\"b\": \"c\"}]}\n```",
            "<think>hmm {no}</think>{\"city\": \"Oslo\"",
            "[EMAIL] wrote: {\"price\": 01}",
            "{\"a\": \"bad \\q escape\"}",
        ]);
        foreach (var input in inputs)
        {
            var whole = StreamingJsonInspector.Inspect(input, ["city", "price"]);
            for (var round = 0; round < 20; round++)
            {
                var inspector = new StreamingJsonInspector(["city", "price"]);
                for (var i = 0; i < input.Length;)
                {
                    var size = Math.Min(input.Length - i, random.Next(1, 6));
                    inspector.Append(input.Substring(i, size));
                    i += size;
                }

                Assert.Equal(whole.ToString(), inspector.Status.ToString());
                Assert.Equal(whole.StoppedAt, inspector.Status.StoppedAt);
            }
        }
    }

    [Theory]
    [InlineData("{\"a\": 1,}", 1, 9, "trailing comma")]
    [InlineData("{'a': 1}", 1, 2, "single quotes")]
    [InlineData("{\"a\": 01}", 1, 8, "leading zeros")]
    [InlineData("{\"a\": \"x\\qy\"}", 1, 10, "not a JSON escape")]
    [InlineData("{\"a\": \"line\nbreak\"}", 1, 12, "control character")]
    [InlineData("{\"a\": NaN}", 1, 7, "not JSON")]
    [InlineData("{\"a\": True}", 1, 7, "Python")]
    [InlineData("[1 2]", 1, 4, "expected ',' or ']'")]
    [InlineData("{\"a\": 1]", 1, 8, "expected ',' or '}'")]
    [InlineData("{\"a\" 1}", 1, 6, "expected ':'")]
    [InlineData("{\"a\": 1.}", 1, 9, "after the decimal point")]
    [InlineData("{\"a\": -x}", 1, 8, "digit after '-'")]
    [InlineData("{\"a\": 1e}", 1, 9, "exponent")]
    [InlineData("{\"a\": tru }", 1, 10, "expected 'true'")]
    [InlineData("{\"a\": \"\\u12G4\"}", 1, 12, "four hex digits")]
    [InlineData("{\"a\": 1 // note\n}", 1, 9, "comments")]
    [InlineData("[1, ]", 1, 5, "value is missing")]
    [InlineData("{\n  \"a\": 1,\n  }", 3, 3, "trailing comma")]
    [InlineData("Here you go:\n{\"a\": [1, 2,, 3]}", 2, 13, "value is missing")]
    public void Inspect_InvalidJson_IsNotViableAtTheRightPlace(string text, int line, int column, string reason)
    {
        var status = StreamingJsonInspector.Inspect(text);

        Assert.False(status.Viable);
        Assert.Equal(line, status.Line);
        Assert.Equal(column, status.Column);
        Assert.Contains(reason, status.Reason, StringComparison.Ordinal);
        Assert.Contains($"line {line}, column {column}", status.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Inspect_NotViable_StaysNotViableWhateverFollows()
    {
        var inspector = new StreamingJsonInspector();
        inspector.Append("{\"a\": 1,}");
        var offset = inspector.Status.StoppedAt;

        inspector.Append(" {\"b\": 2} more text");

        Assert.False(inspector.Status.Viable);
        Assert.Equal(8, offset);
        Assert.Equal(offset, inspector.Status.StoppedAt);
    }

    [Theory]
    [InlineData("Sure! Here is the JSON:\n```json\n{\"city\": \"Oslo\"", true, false)]
    [InlineData("```json\n{\"city\": \"Oslo\", \"price\": 3}\n```", true, true)]
    [InlineData("<think>maybe {\"a\": 0 is wrong</think>\n{\"city\": \"Oslo\"}", true, true)]
    [InlineData("<THINKING>plan</THINKING>[1, 2]", true, true)]
    [InlineData("<thi", false, false)]
    [InlineData("<think>still thinking {not json", false, false)]
    [InlineData("Let me think about it.", false, false)]
    [InlineData("See [note 1] and [EMAIL]: {\"city\": \"Oslo\"}", true, true)]
    [InlineData("the answer is below", false, false)]
    [InlineData("3 reasons follow: {\"city\": \"x\"}", true, true)]
    [InlineData("\"Sure\" she said: [1]", true, true)]
    [InlineData("<b>bold</b> {\"a\": 1}", true, true)]
    public void Inspect_Preamble_IsSkippedLikeTheExtractor(string text, bool started, bool complete)
    {
        var status = StreamingJsonInspector.Inspect(text);

        Assert.True(status.Viable, status.ToString());
        Assert.Equal(started, status.Started);
        Assert.Equal(complete, status.Complete);
    }

    [Theory]
    [InlineData("{\"city\": \"Oslo\"} and some words after }} ]")]
    [InlineData("{\"city\": \"Oslo\"}\n```\nAnything else?")]
    [InlineData("[1, 2] {broken")]
    public void Inspect_TextAfterACompleteObject_IsIgnoredAsByTheExtractor(string text)
    {
        var status = StreamingJsonInspector.Inspect(text);

        Assert.True(status.Viable);
        Assert.True(status.Complete);
        Assert.True(JsonExtractor.Extract(text).Success);
    }

    [Theory]
    [InlineData("42")]
    [InlineData("\"done\"")]
    [InlineData("false")]
    [InlineData("0")]
    [InlineData("-1.5e3")]
    public void Inspect_BareScalar_IsComplete(string text)
    {
        var status = StreamingJsonInspector.Inspect(text);

        Assert.True(status.Viable);
        Assert.True(status.Complete);
    }

    [Theory]
    [InlineData("tru")]
    [InlineData("\"unterminated")]
    [InlineData("-")]
    [InlineData("1.")]
    [InlineData("{\"a\": \"\\u00")]
    [InlineData("{\"a\": \"\\")]
    public void Inspect_UnfinishedValue_IsViableButNotComplete(string text)
    {
        var status = StreamingJsonInspector.Inspect(text);

        Assert.True(status.Viable);
        Assert.True(status.Started);
        Assert.False(status.Complete);
    }

    [Fact]
    public void Inspect_RequiredKeys_CountsOnlyCompletedTopLevelKeys()
    {
        string[] required = ["city", "price", "currency"];

        var partial = StreamingJsonInspector.Inspect("{\"city\": \"Oslo\", \"nested\": {\"price\": 1}, \"curr", required);

        Assert.Equal(["city"], partial.PresentRequired);
        Assert.Equal(["price", "currency"], partial.MissingRequired);
        Assert.EndsWith("required 1/3", partial.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Inspect_EscapedKey_IsDecodedBeforeMatching()
    {
        var status = StreamingJsonInspector.Inspect("{\"pr\\u0069ce\": 1, \"ci\\\"ty\": 2}", ["price", "ci\"ty"]);

        Assert.Equal(2, status.PresentRequired.Count);
        Assert.Empty(status.MissingRequired);
    }

    [Fact]
    public void Inspect_TopLevelArray_HasNoRequiredKeysPresent()
    {
        var status = StreamingJsonInspector.Inspect("[{\"city\": 1}]", ["city"]);

        Assert.Empty(status.PresentRequired);
        Assert.Equal(["city"], status.MissingRequired);
    }

    [Fact]
    public void Inspect_ProseBracketsBeyondTheRestartLimit_IsNotViable()
    {
        var text = new StringBuilder();
        for (var i = 0; i <= StreamingJsonInspector.MaxRestarts; i++)
        {
            text.Append("[x] ");
        }

        var status = StreamingJsonInspector.Inspect(text.Append("{\"a\": 1}").ToString());

        Assert.False(status.Viable);
        Assert.Contains("expected a JSON value", status.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Inspect_NestedDeeperThanTheLimit_IsNotViable()
    {
        var status = StreamingJsonInspector.Inspect(new string('[', 10_000));

        Assert.False(status.Viable);
        Assert.Equal(ValidationLimits.Default.MaxDepth, status.StoppedAt);
        Assert.Contains("nested deeper", status.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Append_HugeOutputInSmallChunks_StaysViableAndCountsKeys()
    {
        var inspector = new StreamingJsonInspector(["last"]);
        inspector.Append("{\"items\": [");
        var item = "{\"name\": \"item with \\\"escapes\\\" and ünïcode\", \"value\": -12.5e-3, \"flags\": [true, false, null]},";
        for (var i = 0; i < 40_000; i++)
        {
            inspector.Append(item);
        }

        inspector.Append("{}], \"last\": 1}");

        Assert.True(inspector.Status.Viable);
        Assert.True(inspector.Status.Complete);
        Assert.Equal(["last"], inspector.Status.PresentRequired);
        Assert.True(inspector.Text.Length > 3_000_000);
    }

    [Fact]
    public void Append_RandomJsonLikeNoise_NeverThrowsAndMatchesWholeText()
    {
        var random = new Random(7);
        const string alphabet = "{}[]\":,\\ \n\t0123456789-+.eEtrufalsn<>think/`'abcxyz\u00e9";
        for (var n = 0; n < 3000; n++)
        {
            var length = random.Next(0, 60);
            var chars = new char[length];
            for (var i = 0; i < length; i++)
            {
                chars[i] = alphabet[random.Next(alphabet.Length)];
            }

            var text = new string(chars);
            var whole = StreamingJsonInspector.Inspect(text, ["a"]);
            var inspector = new StreamingJsonInspector(["a"]);
            foreach (var c in text)
            {
                inspector.Append(c.ToString());
            }

            Assert.Equal(whole.ToString(), inspector.Status.ToString());
        }
    }

    [Fact]
    public void Inspect_CompleteAndViable_AgreesWithTheExtractor()
    {
        string[] outputs =
        [
            "{\"a\": 1}",
            "Here:\n```json\n{\"a\": [1, 2]}\n```\nDone.",
            "<think>x</think>\n[true]",
            "It's (see [a, b) here: {\"ok\": true}",
            "prefix {\"a\": \"}{\\\"\"} suffix",
        ];
        foreach (var output in outputs)
        {
            var status = StreamingJsonInspector.Inspect(output);
            Assert.True(status.Viable && status.Complete, output + ": " + status);
            Assert.True(JsonExtractor.Extract(output).Success, output);
        }
    }

    [Theory]
    [InlineData("""{"type": "object", "required": ["city", "price", "city"]}""", new[] { "city", "price" })]
    [InlineData("""{"type": "object"}""", new string[0])]
    [InlineData("""{"required": "city"}""", new string[0])]
    [InlineData("not json", new string[0])]
    [InlineData("", new string[0])]
    public void RequiredOf_Schema_ReadsTopLevelRequired(string schema, string[] expected)
    {
        Assert.Equal(expected, StreamingJsonInspector.RequiredOf(schema));
    }

    [Fact]
    public void Append_NullOrEmpty_ChangesNothing()
    {
        var inspector = new StreamingJsonInspector();
        inspector.Append(null);
        inspector.Append("");

        Assert.True(inspector.Status.Viable);
        Assert.False(inspector.Status.Started);
        Assert.Equal("waiting for JSON", inspector.Status.ToString());
    }
}
