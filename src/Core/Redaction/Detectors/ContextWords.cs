using System.Buffers;

namespace Workbench.Core.Redaction.Detectors;

/// <summary>Context keywords (several languages) that make an otherwise ambiguous number sensitive.</summary>
internal static class ContextWords
{
    public static readonly SearchValues<string> Phone = SearchValues.Create(
        ["phone", "tel", "mobile", "mobil", "cell", "call", "fax", "whatsapp", "sms", "handy", "ruf", "móvil", "movil", "celular",
         "portable", "contact", "number", "numéro", "numero", "número", "nummer", "reach", "joindre", "llamar", "ligar", "hotline"],
        StringComparison.OrdinalIgnoreCase);

    public static readonly SearchValues<string> Ssn = SearchValues.Create(
        ["ssn", "social security", "social_security", "socialsecurity", "seguro social", "seguridad social", "sécurité sociale",
         "securite sociale", "segurança social", "seguranca social", "sozialversicherung", "tax id", "taxpayer"],
        StringComparison.OrdinalIgnoreCase);

    /// <summary>Phone context before <paramref name="start"/> or in the CSV column header.</summary>
    public static bool HasPhoneContext(string text, int start) =>
        Scan.HasContextBefore(text, start, Phone, 32) || HeaderHas(text, start, Phone);

    public static bool HasSsnContext(string text, int start) =>
        Scan.HasContextBefore(text, start, Ssn, 48) || HeaderHas(text, start, Ssn);

    public static bool HeaderHas(string text, int start, SearchValues<string> words)
    {
        var header = Scan.ColumnHeader(text, start);
        return header is not null && header.AsSpan().IndexOfAny(words) >= 0;
    }
}
