using System.Globalization;
using System.Text;
using System.Text.Json;
using Workbench.Core.Templates;

namespace Workbench.Core.Batches;

/// <summary>
/// Reads test cases from CSV or JSON Lines against a template's declared variables. Never throws on file content:
/// every problem comes back with its line (and field). See README "Test cases" for the formats.
/// <list type="bullet">
/// <item>CSV: the header row names the variables; optional columns <c>expect</c> (schema-valid, equals-json,
/// contains-text), <c>expected_json</c> and <c>expected_text</c> (the kind follows from whichever is filled when
/// <c>expect</c> is empty). An empty cell means "not given" (the variable's default applies).</item>
/// <item>JSONL: per line <c>{"variables": {...}, "expect": ...}</c>, or a flat object of variable values (with an optional
/// <c>expect</c>). <c>expect</c> is a kind name or <c>{"kind": "equals-json", "value": {...}}</c>.</item>
/// </list>
/// Columns or properties that are not declared variables are ignored with a warning listing the declared ones.
/// </summary>
public static class TestCaseImporter
{
    public const int MaxFileBytes = 10 * 1024 * 1024;

    public const int DefaultMaxCases = 10_000;

    public const int MaxReportedErrors = 100;

    public const string ExpectColumn = "expect";

    public const string ExpectedJsonColumn = "expected_json";

    public const string ExpectedTextColumn = "expected_text";

    public static TestCaseImportResult Import(string text, TestCaseImportFormat format, IReadOnlyList<VariableDeclaration> declared, int maxCases = DefaultMaxCases) =>
        format == TestCaseImportFormat.Jsonl ? ImportJsonl(text, declared, maxCases) : ImportCsv(text, declared, maxCases);

    public static TestCaseImportResult ImportCsv(string text, IReadOnlyList<VariableDeclaration> declared, int maxCases = DefaultMaxCases)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(declared);
        var collector = new Collector(declared, maxCases);
        if (collector.RefuseFile(text))
        {
            return collector.Result();
        }

        var delimiter = CsvRecordReader.DetectDelimiter(text.TrimStart('\uFEFF'));
        string[]? header = null;
        Role[]? roles = null;
        foreach (var record in CsvRecordReader.Read(text, delimiter))
        {
            if (collector.Stopped)
            {
                break;
            }

            if (record.IsBlank)
            {
                continue;
            }

            if (record.Problem is not null)
            {
                collector.Error(record.Line, record.ProblemField, header is not null && record.ProblemField <= header.Length ? header[record.ProblemField.Value - 1] : null, record.Problem);
                continue;
            }

            if (header is null)
            {
                header = [.. record.Fields.Select(f => f.Trim())];
                roles = ReadHeader(header, record.Line, collector);
                if (roles is null)
                {
                    return collector.Result();
                }

                continue;
            }

            if (record.Fields.Count != header.Length)
            {
                collector.Error(record.Line, null, null, string.Create(CultureInfo.InvariantCulture,
                    $"{record.Fields.Count} {(record.Fields.Count == 1 ? "field" : "fields")}, but the header has {header.Length} (a delimiter inside a value needs quotes: \"a, b\")"));
                continue;
            }

            var variables = new Dictionary<string, string?>(StringComparer.Ordinal);
            string? expect = null, expectedJson = null, expectedText = null;
            int expectField = 0, jsonField = 0, textField = 0;
            for (var f = 0; f < header.Length; f++)
            {
                var value = record.Fields[f];
                switch (roles![f])
                {
                    case Role.Variable when value.Length > 0:
                        variables[header[f]] = value;
                        break;
                    case Role.Expect when value.Trim().Length > 0:
                        (expect, expectField) = (value.Trim(), f + 1);
                        break;
                    case Role.ExpectedJson when value.Trim().Length > 0:
                        (expectedJson, jsonField) = (value, f + 1);
                        break;
                    case Role.ExpectedText when value.Length > 0:
                        (expectedText, textField) = (value, f + 1);
                        break;
                }
            }

            var expectation = CsvExpectation(record.Line, expect, expectField, expectedJson, jsonField, expectedText, textField, header, collector);
            if (expectation.Ok)
            {
                collector.Add(record.Line, variables, expectation.Value, f => Array.IndexOf(header, f) + 1);
            }
        }

        if (header is null && !collector.Stopped && collector.ErrorCount == 0)
        {
            collector.Error(null, null, null, "The file is empty: it has no header row.");
        }
        else if (header is not null && collector.CaseCount == 0 && collector.ErrorCount == 0)
        {
            collector.Error(null, null, null, "The file has a header row but no cases.");
        }

        return collector.Result();
    }

    public static TestCaseImportResult ImportJsonl(string text, IReadOnlyList<VariableDeclaration> declared, int maxCases = DefaultMaxCases)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(declared);
        var collector = new Collector(declared, maxCases);
        if (collector.RefuseFile(text))
        {
            return collector.Result();
        }

        var lines = text.TrimStart('\uFEFF').Split('\n');
        var seenAny = false;
        for (var n = 0; n < lines.Length && !collector.Stopped; n++)
        {
            var line = n + 1;
            var content = lines[n].TrimEnd('\r');
            if (string.IsNullOrWhiteSpace(content))
            {
                continue;
            }

            seenAny = true;
            JsonDocument document;
            try
            {
                document = JsonDocument.Parse(content, new JsonDocumentOptions { MaxDepth = 64 });
            }
            catch (JsonException ex)
            {
                collector.Error(line, null, null, string.Create(CultureInfo.InvariantCulture, $"not valid JSON at position {(ex.BytePositionInLine ?? 0) + 1}: {Reason(ex)}"));
                continue;
            }

            using (document)
            {
                ReadJsonLine(line, document.RootElement, collector);
            }
        }

        if (!seenAny && collector.ErrorCount == 0)
        {
            collector.Error(null, null, null, "The file is empty: it has no lines with a JSON object.");
        }

        return collector.Result();
    }

    private static void ReadJsonLine(int line, JsonElement root, Collector collector)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            collector.Error(line, null, null, $"expected a JSON object ({{\"variables\": {{...}}}} or a flat object of values), got {Describe(root.ValueKind)}");
            return;
        }

        var declaresExpect = collector.IsDeclared(ExpectColumn);
        JsonElement? variablesElement = null;
        JsonElement? expectElement = null;
        var wrapped = root.TryGetProperty("variables", out var wrappedVariables) && !collector.IsDeclared("variables");
        if (wrapped)
        {
            if (wrappedVariables.ValueKind != JsonValueKind.Object)
            {
                collector.Error(line, null, "variables", $"\"variables\" must be an object of variable values, got {Describe(wrappedVariables.ValueKind)}");
                return;
            }

            variablesElement = wrappedVariables;
            foreach (var property in root.EnumerateObject())
            {
                if (property.Name == ExpectColumn)
                {
                    expectElement = property.Value;
                }
                else if (property.Name != "variables")
                {
                    collector.Error(line, null, property.Name, $"unknown property '{property.Name}': a line is {{\"variables\": {{...}}, \"expect\": ...}} or a flat object of variable values");
                    return;
                }
            }
        }

        var variables = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var property in (variablesElement ?? root).EnumerateObject())
        {
            if (!wrapped && property.Name == ExpectColumn && !declaresExpect)
            {
                expectElement = property.Value;
                continue;
            }

            var value = property.Value.ValueKind switch
            {
                JsonValueKind.Null => null,
                JsonValueKind.String => property.Value.GetString(),
                _ => property.Value.GetRawText(),
            };
            if (!collector.IsDeclared(property.Name))
            {
                collector.Unknown(line, property.Name);
                continue;
            }

            if (value is not null)
            {
                variables[property.Name] = value;
            }
        }

        var expectation = expectElement is { } expect ? JsonExpectation(line, expect, collector) : (true, null);
        if (expectation.Ok)
        {
            collector.Add(line, variables, expectation.Value, null);
        }
    }

    private static (bool Ok, TestCaseExpectation? Value) JsonExpectation(int line, JsonElement expect, Collector collector)
    {
        const string Column = ExpectColumn;
        switch (expect.ValueKind)
        {
            case JsonValueKind.Null:
                return (true, null);
            case JsonValueKind.String:
                if (!TestCaseExpectation.TryParseKind(expect.GetString(), out var named))
                {
                    collector.Error(line, null, Column, $"'{Short(expect.GetString())}' is not an expectation; use {string.Join(", ", TestCaseExpectation.KindNames)}");
                    return (false, null);
                }

                if (named != ExpectationKind.SchemaValid)
                {
                    collector.Error(line, null, Column, $"{TestCaseExpectation.NameOf(named.Value)} needs a value: {{\"kind\": \"{TestCaseExpectation.NameOf(named.Value)}\", \"value\": ...}}");
                    return (false, null);
                }

                return (true, TestCaseExpectation.SchemaValid);
            case JsonValueKind.Object:
                if (!expect.TryGetProperty("kind", out var kindElement) || kindElement.ValueKind != JsonValueKind.String
                    || !TestCaseExpectation.TryParseKind(kindElement.GetString(), out var kind))
                {
                    collector.Error(line, null, Column, $"\"expect\" needs a \"kind\": one of {string.Join(", ", TestCaseExpectation.KindNames)}");
                    return (false, null);
                }

                var hasValue = expect.TryGetProperty("value", out var value);
                switch (kind)
                {
                    case ExpectationKind.EqualsJson when hasValue:
                        return (true, TestCaseExpectation.EqualsJson(value.GetRawText()));
                    case ExpectationKind.ContainsText when hasValue && value.ValueKind == JsonValueKind.String && value.GetString()!.Length > 0:
                        return (true, TestCaseExpectation.ContainsText(value.GetString()!));
                    case ExpectationKind.ContainsText:
                        collector.Error(line, null, Column, "contains-text needs a non-empty string \"value\"");
                        return (false, null);
                    case ExpectationKind.EqualsJson:
                        collector.Error(line, null, Column, "equals-json needs a \"value\": the JSON the output must equal");
                        return (false, null);
                    default:
                        return (true, TestCaseExpectation.SchemaValid);
                }

            default:
                collector.Error(line, null, Column, $"\"expect\" must be a kind name or an object {{\"kind\": ..., \"value\": ...}}, got {Describe(expect.ValueKind)}");
                return (false, null);
        }
    }

    private static (bool Ok, TestCaseExpectation? Value) CsvExpectation(
        int line, string? expect, int expectField, string? expectedJson, int jsonField, string? expectedText, int textField, string[] header, Collector collector)
    {
        ExpectationKind? kind = null;
        if (expect is not null)
        {
            if (!TestCaseExpectation.TryParseKind(expect, out kind))
            {
                collector.Error(line, expectField, header[expectField - 1], $"'{Short(expect)}' is not an expectation; use {string.Join(", ", TestCaseExpectation.KindNames)}");
                return (false, null);
            }
        }
        else if (expectedJson is not null && expectedText is not null)
        {
            collector.Error(line, jsonField, header[jsonField - 1], $"both {ExpectedJsonColumn} and {ExpectedTextColumn} are filled: give one, or say which in the {ExpectColumn} column");
            return (false, null);
        }
        else
        {
            kind = expectedJson is not null ? ExpectationKind.EqualsJson : expectedText is not null ? ExpectationKind.ContainsText : null;
        }

        switch (kind)
        {
            case null:
                return (true, null);
            case ExpectationKind.SchemaValid:
                return (true, TestCaseExpectation.SchemaValid);
            case ExpectationKind.ContainsText when expectedText is null:
                collector.Error(line, expectField, header[expectField - 1], $"contains-text needs the text in the {ExpectedTextColumn} column");
                return (false, null);
            case ExpectationKind.ContainsText:
                return (true, TestCaseExpectation.ContainsText(expectedText!));
            case ExpectationKind.EqualsJson when expectedJson is null:
                collector.Error(line, expectField, header[expectField - 1], $"equals-json needs the JSON in the {ExpectedJsonColumn} column");
                return (false, null);
            default:
                try
                {
                    using var parsed = JsonDocument.Parse(expectedJson!);
                    return (true, TestCaseExpectation.EqualsJson(parsed.RootElement.GetRawText()));
                }
                catch (JsonException ex)
                {
                    collector.Error(line, jsonField, header[jsonField - 1], string.Create(CultureInfo.InvariantCulture, $"not valid JSON at position {(ex.BytePositionInLine ?? 0) + 1}: {Reason(ex)}"));
                    return (false, null);
                }
        }
    }

    private static Role[]? ReadHeader(string[] header, int line, Collector collector)
    {
        var roles = new Role[header.Length];
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        var ok = true;
        for (var f = 0; f < header.Length; f++)
        {
            var name = header[f];
            if (name.Length == 0)
            {
                collector.Error(line, f + 1, null, "empty column name in the header row");
                ok = false;
                continue;
            }

            if (seen.TryGetValue(name, out var first))
            {
                collector.Error(line, f + 1, name, string.Create(CultureInfo.InvariantCulture, $"column '{name}' appears twice in the header row (first as field {first})"));
                ok = false;
                continue;
            }

            seen[name] = f + 1;
            roles[f] = collector.IsDeclared(name) ? Role.Variable
                : name.Equals(ExpectColumn, StringComparison.OrdinalIgnoreCase) ? Role.Expect
                : name.Equals(ExpectedJsonColumn, StringComparison.OrdinalIgnoreCase) ? Role.ExpectedJson
                : name.Equals(ExpectedTextColumn, StringComparison.OrdinalIgnoreCase) ? Role.ExpectedText
                : Role.Ignored;
            if (roles[f] == Role.Ignored)
            {
                collector.Unknown(line, name, f + 1);
            }
        }

        foreach (var required in collector.RequiredWithoutDefault.Where(r => !seen.ContainsKey(r)))
        {
            collector.Error(line, null, null, $"no column for the required variable '{required}' (declared: {collector.DeclaredList})");
            ok = false;
        }

        return ok ? roles : null;
    }

    private static string Reason(JsonException ex)
    {
        var reason = ex.Message;
        var cut = reason.IndexOf(" LineNumber:", StringComparison.Ordinal);
        if (cut < 0)
        {
            cut = reason.IndexOf(" Path:", StringComparison.Ordinal);
        }

        return Short((cut >= 0 ? reason[..cut] : reason).Trim(), 200);
    }

    private static string Describe(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        JsonValueKind.Null => "null",
        _ => "an object",
    };

    private static string Short(string? text, int max = 60) => text is null ? "" : text.Length <= max ? text : text[..max] + "…";

    private enum Role
    {
        Ignored,
        Variable,
        Expect,
        ExpectedJson,
        ExpectedText,
    }

    private sealed class Collector
    {
        private readonly Dictionary<string, VariableDeclaration> _declared;
        private readonly int _maxCases;
        private readonly List<TestCase> _cases = [];
        private readonly List<int> _lines = [];
        private readonly List<ImportProblem> _errors = [];
        private readonly List<ImportProblem> _warnings = [];
        private readonly HashSet<string> _unknown = new(StringComparer.Ordinal);
        private int _moreErrors;

        public Collector(IReadOnlyList<VariableDeclaration> declared, int maxCases)
        {
            _declared = [];
            foreach (var declaration in declared)
            {
                _declared.TryAdd(declaration.Name, declaration);
            }

            _maxCases = maxCases;
            RequiredWithoutDefault = [.. declared.Where(d => d.Required && d.DefaultValue is null).Select(d => d.Name)];
            DeclaredList = declared.Count == 0 ? "none" : string.Join(", ", declared.Select(d => d.Name));
        }

        public IReadOnlyList<string> RequiredWithoutDefault { get; }

        public string DeclaredList { get; }

        public bool Stopped { get; private set; }

        public int ErrorCount => _errors.Count + _moreErrors;

        public int CaseCount => _cases.Count;

        public bool IsDeclared(string name) => _declared.ContainsKey(name);

        public bool RefuseFile(string text)
        {
            if (text.Length > MaxFileBytes || Encoding.UTF8.GetByteCount(text) > MaxFileBytes)
            {
                Error(null, null, null, string.Create(CultureInfo.InvariantCulture, $"The file is larger than {MaxFileBytes / (1024 * 1024)} MB, the most an import accepts; split it."));
                return true;
            }

            if (text.TrimStart('\uFEFF').Trim().Length == 0)
            {
                Error(null, null, null, "The file is empty.");
                return true;
            }

            return false;
        }

        public void Error(int? line, int? field, string? column, string message)
        {
            if (_errors.Count >= MaxReportedErrors)
            {
                _moreErrors++;
                return;
            }

            _errors.Add(new ImportProblem(line, field, column, message));
        }

        public void Unknown(int line, string name, int? field = null)
        {
            if (!_unknown.Add(name))
            {
                return;
            }

            var near = _declared.Keys.FirstOrDefault(d => d.Equals(name, StringComparison.OrdinalIgnoreCase));
            var hint = near is null ? "" : $"; did you mean '{near}'? Names are case-sensitive";
            _warnings.Add(new ImportProblem(line, field, name, $"'{name}' is not a declared variable of this template and is ignored (declared: {DeclaredList}){hint}"));
        }

        public void Add(int line, Dictionary<string, string?> variables, TestCaseExpectation? expectation, Func<string, int>? fieldOf)
        {
            var ok = true;
            foreach (var required in RequiredWithoutDefault.Where(r => !variables.ContainsKey(r)))
            {
                var field = fieldOf?.Invoke(required);
                Error(line, field is > 0 ? field : null, required, $"the required variable '{required}' has no value");
                ok = false;
            }

            if (!ok)
            {
                return;
            }

            if (_cases.Count >= _maxCases)
            {
                Error(line, null, null, string.Create(CultureInfo.InvariantCulture, $"more than {_maxCases} cases, the most one import or batch accepts (Workbench:Batches:MaxCases); split the file"));
                Stopped = true;
                return;
            }

            _cases.Add(new TestCase(variables, expectation));
            _lines.Add(line);
        }

        public TestCaseImportResult Result()
        {
            var errors = _errors;
            if (_moreErrors > 0)
            {
                errors = [.. _errors, new ImportProblem(null, null, null, string.Create(CultureInfo.InvariantCulture, $"… and {_moreErrors} more problems (only the first {MaxReportedErrors} are listed)."))];
            }

            return new TestCaseImportResult(_cases, _lines, errors, _warnings);
        }
    }
}
