using System.Text;

namespace Workbench.Core.Batches;

/// <summary>
/// A small RFC 4180 reader: quoted fields with doubled quotes and line breaks inside, CRLF, LF or CR line ends, a
/// leading BOM, and the delimiter (comma, semicolon or tab) detected from the header row. Records know the line they
/// start on; malformed records carry their problem instead of guessing.
/// </summary>
internal static class CsvRecordReader
{
    public static char DetectDelimiter(string text)
    {
        int commas = 0, semicolons = 0, tabs = 0;
        var quoted = false;
        foreach (var c in text)
        {
            if (c == '"')
            {
                quoted = !quoted;
            }
            else if (!quoted && c is '\n' or '\r')
            {
                break;
            }
            else if (!quoted)
            {
                commas += c == ',' ? 1 : 0;
                semicolons += c == ';' ? 1 : 0;
                tabs += c == '\t' ? 1 : 0;
            }
        }

        return semicolons > commas && semicolons >= tabs ? ';' : tabs > commas && tabs > semicolons ? '\t' : ',';
    }

    public static IEnumerable<CsvRecord> Read(string text, char delimiter)
    {
        var i = text.Length > 0 && text[0] == '\uFEFF' ? 1 : 0;
        var line = 1;
        while (i < text.Length)
        {
            var startLine = line;
            var fields = new List<string>();
            var field = new StringBuilder();
            string? problem = null;
            int? problemField = null;
            var ended = false;
            while (!ended)
            {
                if (i < text.Length && text[i] == '"')
                {
                    var quoteLine = line;
                    i++;
                    var closed = false;
                    while (i < text.Length)
                    {
                        var c = text[i];
                        if (c == '"')
                        {
                            if (i + 1 < text.Length && text[i + 1] == '"')
                            {
                                field.Append('"');
                                i += 2;
                                continue;
                            }

                            i++;
                            closed = true;
                            break;
                        }

                        if (c == '\n' || (c == '\r' && (i + 1 >= text.Length || text[i + 1] != '\n')))
                        {
                            line++;
                        }

                        field.Append(c);
                        i++;
                    }

                    if (!closed)
                    {
                        yield return new CsvRecord(quoteLine, fields, "unterminated quoted field: the quote opened here is never closed", fields.Count + 1);
                        yield break;
                    }

                    // After the closing quote only a delimiter or a line end may follow.
                    while (i < text.Length && text[i] != delimiter && text[i] != '\n' && text[i] != '\r')
                    {
                        if (problem is null)
                        {
                            problem = "text after the closing quote of a quoted field (double a quote inside a quoted field: \"\")";
                            problemField = fields.Count + 1;
                        }

                        field.Append(text[i]);
                        i++;
                    }
                }
                else
                {
                    while (i < text.Length && text[i] != delimiter && text[i] != '\n' && text[i] != '\r')
                    {
                        if (text[i] == '"' && problem is null)
                        {
                            problem = "a quote inside an unquoted field (quote the whole field and double the quote: \"say \"\"hi\"\"\")";
                            problemField = fields.Count + 1;
                        }

                        field.Append(text[i]);
                        i++;
                    }
                }

                fields.Add(field.ToString());
                field.Clear();
                if (i >= text.Length)
                {
                    ended = true;
                }
                else if (text[i] == delimiter)
                {
                    i++;
                    if (i >= text.Length)
                    {
                        fields.Add("");
                        ended = true;
                    }
                }
                else
                {
                    i += text[i] == '\r' && i + 1 < text.Length && text[i + 1] == '\n' ? 2 : 1;
                    line++;
                    ended = true;
                }
            }

            yield return new CsvRecord(startLine, fields, problem, problemField);
        }
    }
}

/// <summary>One CSV record: the line it starts on, its fields, and a problem (with the 1-based field) when malformed.</summary>
internal sealed record CsvRecord(int Line, IReadOnlyList<string> Fields, string? Problem, int? ProblemField)
{
    public bool IsBlank => Fields.Count == 1 && Fields[0].Length == 0 && Problem is null;
}
