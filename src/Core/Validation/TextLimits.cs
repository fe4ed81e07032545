using System.Globalization;
using System.Text;

namespace Workbench.Core.Validation;

/// <summary>Size checks and positions in text, shared by the extractor and the schema compiler.</summary>
internal static class TextLimits
{
    /// <summary>True when <paramref name="text"/> is larger than <paramref name="maxBytes"/> UTF-8 bytes; counts only when it has to.</summary>
    public static bool ExceedsBytes(string text, int maxBytes, out long bytes)
    {
        if (text.Length > maxBytes)
        {
            bytes = text.Length;
            return true;
        }

        if ((long)text.Length * 3 <= maxBytes)
        {
            bytes = text.Length;
            return false;
        }

        bytes = Encoding.UTF8.GetByteCount(text);
        return bytes > maxBytes;
    }

    public static string Describe(long bytes) => bytes switch
    {
        >= 1024 * 1024 => string.Create(CultureInfo.InvariantCulture, $"{bytes / (1024.0 * 1024.0):0.#} MB"),
        >= 1024 => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1024.0:0.#} KB"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{bytes} bytes"),
    };

    /// <summary>1-based line and column of a character index.</summary>
    public static (int Line, int Column) LineColumn(string text, int index)
    {
        index = Math.Clamp(index, 0, text.Length);
        var span = text.AsSpan(0, index);
        var line = span.Count('\n') + 1;
        var lastNewline = span.LastIndexOf('\n');
        return (line, index - lastNewline);
    }
}
