using System.Globalization;
using System.Text;

namespace Workbench.Core.Batches;

/// <summary>
/// Something wrong (or worth a warning) in an imported test-case file, with where: the 1-based <see cref="Line"/> of the
/// file (for a CSV record spanning lines, the line it starts on), the 1-based <see cref="Field"/> number and the
/// <see cref="Column"/> name from the header when known. <see cref="ToString"/> reads "line 7, field 3 (notes): ...".
/// </summary>
public sealed record ImportProblem(int? Line, int? Field, string? Column, string Message)
{
    public override string ToString()
    {
        var text = new StringBuilder();
        if (Line is { } line)
        {
            text.Append(CultureInfo.InvariantCulture, $"line {line}");
        }

        if (Field is { } field)
        {
            text.Append(text.Length > 0 ? ", " : "").Append(CultureInfo.InvariantCulture, $"field {field}");
        }

        if (Column is not null)
        {
            text.Append(text.Length > 0 ? " " : "").Append('(').Append(Column).Append(')');
        }

        return text.Length > 0 ? text.Append(": ").Append(Message).ToString() : Message;
    }
}
