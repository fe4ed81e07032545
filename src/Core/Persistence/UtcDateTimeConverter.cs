using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Workbench.Core.Persistence;

/// <summary>
/// Stores every <see cref="DateTime"/> as UTC (PostgreSQL <c>timestamp with time zone</c>): a local time is converted,
/// a time without a kind is taken as UTC (the project's convention), and values read back are marked UTC.
/// </summary>
public sealed class UtcDateTimeConverter() : ValueConverter<DateTime, DateTime>(v => ToUtc(v), v => DateTime.SpecifyKind(v, DateTimeKind.Utc))
{
    public static DateTime ToUtc(DateTime value) => value.Kind switch
    {
        DateTimeKind.Utc => value,
        DateTimeKind.Local => value.ToUniversalTime(),
        _ => DateTime.SpecifyKind(value, DateTimeKind.Utc),
    };
}
