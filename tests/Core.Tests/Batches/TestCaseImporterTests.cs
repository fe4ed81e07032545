using Workbench.Core.Batches;
using Workbench.Core.Templates;

namespace Workbench.Core.Tests.Batches;

public class TestCaseImporterTests
{
    private static readonly VariableDeclaration[] Declared =
    [
        new("city", null, true, null, "Oslo"),
        new("notes", null, false, "none", null),
    ];

    private static TestCaseImportResult Csv(string text, int maxCases = 10_000) => TestCaseImporter.ImportCsv(text, Declared, maxCases);

    private static TestCaseImportResult Jsonl(string text) => TestCaseImporter.ImportJsonl(text, Declared);

    private static string Only(TestCaseImportResult result) => Assert.Single(result.Errors).ToString();

    [Fact]
    public void Csv_QuotesEscapedQuotesNewlinesBomAndCrlf_ReadsEveryCase()
    {
        var text = "\uFEFFcity,notes,expect,expected_json,expected_text\r\n"
            + "Oslo,plain,,,\r\n"
            + "\"Rome, IT\",\"say \"\"ciao\"\"\",,\"{\"\"city\"\":\"\"Rome\"\"}\",\r\n"
            + "Paris,\"two\r\nlines\",contains-text,,Paris\r\n"
            + "Bergen,,schema-valid,,\r\n";

        var result = Csv(text);

        Assert.True(result.Succeeded, string.Join("; ", result.Errors));
        Assert.Empty(result.Warnings);
        Assert.Equal(4, result.Cases.Count);
        Assert.Equal([2, 3, 4, 6], result.CaseLines);
        Assert.Equal("Rome, IT", result.Cases[1].Variables["city"]);
        Assert.Equal("say \"ciao\"", result.Cases[1].Variables["notes"]);
        Assert.Equal(TestCaseExpectation.EqualsJson("{\"city\":\"Rome\"}"), result.Cases[1].Expect);
        Assert.Equal("two\r\nlines", result.Cases[2].Variables["notes"]);
        Assert.Equal(TestCaseExpectation.ContainsText("Paris"), result.Cases[2].Expect);
        Assert.Null(result.Cases[0].Expect);
        Assert.Equal(TestCaseExpectation.SchemaValid, result.Cases[3].Expect);
        Assert.False(result.Cases[3].Variables.ContainsKey("notes")); // an empty cell is "not given": the default applies
    }

    [Fact]
    public void Csv_SemicolonDelimited_IsDetected()
    {
        var result = Csv("city;notes\nOslo;a, b\n");

        Assert.True(result.Succeeded);
        Assert.Equal("a, b", Assert.Single(result.Cases).Variables["notes"]);
    }

    [Fact]
    public void Csv_UnterminatedQuote_ReportsTheLineWhereTheQuoteOpened()
    {
        var result = Csv("city,notes\nOslo,ok\nRome,fine\n\"Paris,never closed\nBergen,x\n");

        Assert.Equal("line 4, field 1 (city): unterminated quoted field: the quote opened here is never closed", Only(result));
        Assert.Equal(2, result.Cases.Count); // the rows before it are still offered, for "import the valid rows"
    }

    [Fact]
    public void Csv_QuoteInsideUnquotedField_ReportsLineAndField()
    {
        var result = Csv("city,notes\nOslo,say \"hi\"\nRome,ok\n");

        var error = Assert.Single(result.Errors);
        Assert.Equal(2, error.Line);
        Assert.Equal(2, error.Field);
        Assert.Equal("notes", error.Column);
        Assert.Contains("a quote inside an unquoted field", error.Message, StringComparison.Ordinal);
        Assert.Equal("Rome", Assert.Single(result.Cases).Variables["city"]);
    }

    [Fact]
    public void Csv_TextAfterClosingQuote_ReportsLineAndField()
    {
        var result = Csv("city,notes\n\"Oslo\"x,ok\n");

        Assert.StartsWith("line 2, field 1 (city): text after the closing quote", Only(result), StringComparison.Ordinal);
    }

    [Fact]
    public void Csv_WrongFieldCountAfterMultiLineRecord_ReportsThePhysicalLine()
    {
        var result = Csv("city,notes\nOslo,\"line one\nline two\"\nRome,a,b\nParis\n");

        Assert.Equal(2, result.Errors.Count);
        Assert.Equal("line 4: 3 fields, but the header has 2 (a delimiter inside a value needs quotes: \"a, b\")", result.Errors[0].ToString());
        Assert.Equal(5, result.Errors[1].Line);
        Assert.StartsWith("1 field, but", result.Errors[1].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Csv_BadExpectedJson_ReportsLineFieldAndPosition()
    {
        var result = Csv("city,expected_json\nOslo,\"{\"\"a\"\":1}\"\nRome,\"{\"\"a\"\":}\"\n");

        var error = Assert.Single(result.Errors);
        Assert.StartsWith("line 3, field 2 (expected_json): not valid JSON at position 6:", error.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("city,expect\nOslo,equal-json\n", "line 2, field 2 (expect): 'equal-json' is not an expectation; use schema-valid, equals-json, contains-text")]
    [InlineData("city,expect\nOslo,equals-json\n", "line 2, field 2 (expect): equals-json needs the JSON in the expected_json column")]
    [InlineData("city,expect,expected_text\nOslo,contains-text,\n", "line 2, field 2 (expect): contains-text needs the text in the expected_text column")]
    [InlineData("city,expected_json,expected_text\nOslo,1,x\n", "line 2, field 2 (expected_json): both expected_json and expected_text are filled: give one, or say which in the expect column")]
    [InlineData("city,notes\n,x\n", "line 2, field 1 (city): the required variable 'city' has no value")]
    [InlineData("notes\nx\n", "line 1: no column for the required variable 'city' (declared: city, notes)")]
    [InlineData("city,,notes\nOslo,,x\n", "line 1, field 2: empty column name in the header row")]
    [InlineData("city,notes,city\nOslo,x,y\n", "line 1, field 3 (city): column 'city' appears twice in the header row (first as field 1)")]
    [InlineData("", "The file is empty.")]
    [InlineData(" \r\n \n", "The file is empty.")]
    [InlineData("\uFEFF", "The file is empty.")]
    [InlineData("city,notes\r\n", "The file has a header row but no cases.")]
    public void Csv_BadInput_SaysWhatAndWhere(string text, string expected)
    {
        var result = Csv(text);

        Assert.False(result.Succeeded);
        Assert.Equal(expected, Only(result));
    }

    [Fact]
    public void Csv_UnknownColumn_IsIgnoredWithAWarningListingTheDeclaredVariables()
    {
        var result = Csv("city,Notes,budget\nOslo,x,100\n");

        Assert.True(result.Succeeded);
        Assert.Equal(2, result.Warnings.Count);
        Assert.Equal("line 1, field 2 (Notes): 'Notes' is not a declared variable of this template and is ignored (declared: city, notes); did you mean 'notes'? Names are case-sensitive", result.Warnings[0].ToString());
        Assert.Contains("'budget' is not a declared variable", result.Warnings[1].Message, StringComparison.Ordinal);
        Assert.Equal(["city"], Assert.Single(result.Cases).Variables.Keys);
    }

    [Fact]
    public void Csv_MoreCasesThanTheLimit_StopsWithAMessage()
    {
        var result = Csv("city\nA\nB\nC\nD\n", maxCases: 3);

        Assert.Equal("line 5: more than 3 cases, the most one import or batch accepts (Workbench:Batches:MaxCases); split the file", Only(result));
        Assert.Equal(3, result.Cases.Count);
    }

    [Fact]
    public void Csv_LargerThanTenMegabytes_IsRefusedWithAMessage()
    {
        var text = "city\n" + new string('a', TestCaseImporter.MaxFileBytes);

        var result = Csv(text);

        Assert.Equal("The file is larger than 10 MB, the most an import accepts; split it.", Only(result));
        Assert.Empty(result.Cases);
    }

    [Fact]
    public void Csv_ManyBadRows_ListsTheFirstHundredAndCountsTheRest()
    {
        var text = "city,notes\n" + string.Concat(Enumerable.Repeat("a,b,c\n", 150));

        var result = Csv(text);

        Assert.Equal(101, result.Errors.Count);
        Assert.Equal("… and 50 more problems (only the first 100 are listed).", result.Errors[^1].Message);
    }

    [Fact]
    public void Jsonl_WrappedAndFlatLines_ReadsVariablesAndExpectations()
    {
        var text = "{\"variables\":{\"city\":\"Oslo\"},\"expect\":{\"kind\":\"equals-json\",\"value\":{\"city\":\"Oslo\",\"price\":1.5}}}\r\n"
            + "\n"
            + "{\"city\":\"Rome\",\"notes\":42,\"expect\":{\"kind\":\"contains-text\",\"value\":\"Rome\"}}\n"
            + "{\"city\":\"Paris\",\"notes\":{\"a\":[1,2]},\"expect\":\"schema-valid\"}\n"
            + "{\"variables\":{\"city\":\"Bergen\",\"notes\":null}}";

        var result = Jsonl(text);

        Assert.True(result.Succeeded, string.Join("; ", result.Errors));
        Assert.Equal([1, 3, 4, 5], result.CaseLines);
        Assert.Equal(TestCaseExpectation.EqualsJson("{\"city\":\"Oslo\",\"price\":1.5}"), result.Cases[0].Expect);
        Assert.Equal("42", result.Cases[1].Variables["notes"]);
        Assert.Equal(TestCaseExpectation.ContainsText("Rome"), result.Cases[1].Expect);
        Assert.Equal("{\"a\":[1,2]}", result.Cases[2].Variables["notes"]);
        Assert.Equal(TestCaseExpectation.SchemaValid, result.Cases[2].Expect);
        Assert.False(result.Cases[3].Variables.ContainsKey("notes"));
    }

    [Theory]
    [InlineData("{\"city\":\"Oslo\"}\n\n{\"city\": Rome}\n", "line 3: not valid JSON at position 10: 'R' is an invalid start of a value.")]
    [InlineData("{\"city\":\"Oslo\"}\n{\"city\":\"Rome\"\n", "line 2: not valid JSON at position 15: Expected depth to be zero at the end of the JSON payload. There is an open JSON object or array that should be closed.")]
    [InlineData("[\"Oslo\"]\n", "line 1: expected a JSON object ({\"variables\": {...}} or a flat object of values), got an array")]
    [InlineData("{\"variables\":[\"Oslo\"]}\n", "line 1 (variables): \"variables\" must be an object of variable values, got an array")]
    [InlineData("{\"variables\":{\"city\":\"Oslo\"},\"expected\":1}\n", "line 1 (expected): unknown property 'expected': a line is {\"variables\": {...}, \"expect\": ...} or a flat object of variable values")]
    [InlineData("{\"city\":\"Oslo\",\"expect\":\"equal\"}\n", "line 1 (expect): 'equal' is not an expectation; use schema-valid, equals-json, contains-text")]
    [InlineData("{\"city\":\"Oslo\",\"expect\":\"equals-json\"}\n", "line 1 (expect): equals-json needs a value: {\"kind\": \"equals-json\", \"value\": ...}")]
    [InlineData("{\"city\":\"Oslo\",\"expect\":{\"kind\":\"contains-text\",\"value\":3}}\n", "line 1 (expect): contains-text needs a non-empty string \"value\"")]
    [InlineData("{\"city\":\"Oslo\",\"expect\":{\"value\":3}}\n", "line 1 (expect): \"expect\" needs a \"kind\": one of schema-valid, equals-json, contains-text")]
    [InlineData("{\"city\":\"Oslo\",\"expect\":3}\n", "line 1 (expect): \"expect\" must be a kind name or an object {\"kind\": ..., \"value\": ...}, got a number")]
    [InlineData("{\"notes\":\"x\"}\n", "line 1 (city): the required variable 'city' has no value")]
    [InlineData("\n  \n", "The file is empty.")]
    public void Jsonl_BadInput_SaysWhatAndWhere(string text, string expected)
    {
        var result = Jsonl(text);

        Assert.False(result.Succeeded);
        Assert.Equal(expected, Only(result));
    }

    [Fact]
    public void Jsonl_UndeclaredProperty_IsIgnoredWithOneWarning()
    {
        var result = Jsonl("{\"city\":\"Oslo\",\"budget\":1}\n{\"city\":\"Rome\",\"budget\":2}\n");

        Assert.True(result.Succeeded);
        var warning = Assert.Single(result.Warnings);
        Assert.Equal("line 1 (budget): 'budget' is not a declared variable of this template and is ignored (declared: city, notes)", warning.ToString());
    }

    [Fact]
    public void Import_ByFormat_PicksTheReader()
    {
        Assert.Single(TestCaseImporter.Import("city\nOslo\n", TestCaseImportFormat.Csv, Declared).Cases);
        Assert.Single(TestCaseImporter.Import("{\"city\":\"Oslo\"}", TestCaseImportFormat.Jsonl, Declared).Cases);
    }
}
