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

    public static readonly SearchValues<string> Card = SearchValues.Create(
        ["card", "visa", "master", "amex", "cc", "kredit", "tarjeta", "carte", "cartão", "cartao", "carta", "payment", "pan"],
        StringComparison.OrdinalIgnoreCase);

    /// <summary>Labels of identifiers that are not sensitive even when they pass a checksum.</summary>
    public static readonly SearchValues<string> Reference = SearchValues.Create(
        ["ref", "order", "invoice", "tracking", "ticket", "serial", "sku", "isbn", "ean", "gtin", "imei", "article", "bestell", "rechnung",
         "pedido", "factura", "commande", "facture"],
        StringComparison.OrdinalIgnoreCase);

    /// <summary>True when the label right before the value names a reference number (order, invoice, ...) and not a card.</summary>
    public static bool IsReference(string text, int start)
    {
        var from = Scan.WindowStart(text, start, 20);
        var before = text.AsSpan(from, start - from);
        return before.IndexOfAny(Reference) >= 0 && before.IndexOfAny(Card) < 0;
    }

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
