using System.Globalization;
using System.Text.RegularExpressions;

namespace Workbench.Core.Schemas;

/// <summary>
/// A <c>$ref</c> to another schema stored in the workbench: <c>workbench:schemas/&lt;name&gt;</c> (the latest version, pinned
/// when the referencing schema is saved) or <c>workbench:schemas/&lt;name&gt;@&lt;version&gt;</c>, optionally followed by a
/// JSON Pointer fragment into that schema (<c>#/$defs/street</c>). Names are matched case-insensitively; write a space as
/// <c>%20</c> (a literal space is accepted too). <see cref="Path"/> is the JSON Pointer of the <c>$ref</c> in the referencing schema.
/// </summary>
public sealed partial record StoredSchemaReference(string Path, string Name, int? Version, string Fragment)
{
    public const string Prefix = "workbench:schemas/";

    [GeneratedRegex(@"^workbench:schemas/(?<name>[^@#]+)(?:@(?<version>[^#]*))?(?<fragment>#.*)?$", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex Shape();

    /// <summary>Whether the <c>$ref</c> value names a stored schema (then <see cref="TryParse"/> decides if it is well formed).</summary>
    public static bool IsStoredSchemaReference(string reference) =>
        reference.StartsWith("workbench:", StringComparison.OrdinalIgnoreCase);

    /// <summary>The canonical, pinned URI (without fragment) of a stored schema version.</summary>
    public static string UriFor(string name, int version) =>
        Prefix + Uri.EscapeDataString(name) + "@" + version.ToString(CultureInfo.InvariantCulture);

    /// <summary>Parses a <c>$ref</c> value; a malformed one gives a message saying what form is expected.</summary>
    public static bool TryParse(string path, string reference, out StoredSchemaReference? parsed, out string? error)
    {
        ArgumentNullException.ThrowIfNull(reference);
        parsed = null;
        error = null;
        var match = Shape().Match(reference);
        if (!reference.StartsWith(Prefix, StringComparison.Ordinal) || !match.Success)
        {
            error = $"\"{Shorten(reference)}\" is not a reference to a stored schema: write \"{Prefix}<name>\" or \"{Prefix}<name>@<version>\"";
            return false;
        }

        string name;
        try
        {
            name = Uri.UnescapeDataString(match.Groups["name"].Value).Trim();
        }
        catch (UriFormatException)
        {
            name = "";
        }

        if (name.Length == 0)
        {
            error = $"\"{Shorten(reference)}\" names no schema";
            return false;
        }

        int? version = null;
        if (match.Groups["version"].Success)
        {
            if (!int.TryParse(match.Groups["version"].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var number) || number < 1)
            {
                error = $"\"{Shorten(reference)}\": the version after '@' must be a whole number from 1 (e.g. {Prefix}{match.Groups["name"].Value}@2)";
                return false;
            }

            version = number;
        }

        var fragment = match.Groups["fragment"].Success ? match.Groups["fragment"].Value : "";
        if (fragment.Length > 1 && fragment[1] != '/')
        {
            error = $"\"{Shorten(reference)}\": only a JSON Pointer fragment (#/...) can point into a stored schema";
            return false;
        }

        parsed = new StoredSchemaReference(path, name, version, fragment == "#" ? "" : fragment);
        return true;
    }

    /// <summary>The pinned form of this reference at <paramref name="version"/> of the schema stored as <paramref name="storedName"/>.</summary>
    public string Pinned(string storedName, int version) => UriFor(storedName, version) + Fragment;

    private static string Shorten(string text) => text.Length <= 120 ? text : text[..120] + "…";
}
