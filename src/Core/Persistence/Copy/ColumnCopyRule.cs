using System.Data.Common;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Workbench.Core.Persistence.Copy;

/// <summary>
/// How one column travels from SQLite to PostgreSQL: read with the SQLite type mapping's reader method, turned into the
/// model's value by the SQLite value converter (if any), then into PostgreSQL's value by the Npgsql converter (if any),
/// and written with binary COPY as <see cref="TargetStoreType"/>.
/// </summary>
public sealed class ColumnCopyRule
{
    private readonly Func<DbDataReader, int, object> _read;
    private readonly ValueConverter? _sourceConverter;
    private readonly ValueConverter? _targetConverter;

    internal ColumnCopyRule(string name, string targetStoreType, Func<DbDataReader, int, object> read,
        ValueConverter? sourceConverter, ValueConverter? targetConverter)
    {
        Name = name;
        TargetStoreType = targetStoreType;
        _read = read;
        _sourceConverter = sourceConverter;
        _targetConverter = targetConverter;
    }

    public string Name { get; }

    /// <summary>The PostgreSQL type the value is written as (facets such as a length removed): <c>character varying</c>, <c>uuid</c>, <c>text[]</c>, ...</summary>
    public string TargetStoreType { get; }

    /// <summary>The model's value of the column in the current row of <paramref name="reader"/>, or null.</summary>
    internal object? ReadModelValue(DbDataReader reader, int ordinal)
    {
        if (reader.IsDBNull(ordinal))
        {
            return null;
        }

        var value = _read(reader, ordinal);
        return _sourceConverter is null ? value : _sourceConverter.ConvertFromProvider(value);
    }

    /// <summary>The value Npgsql writes for a model value.</summary>
    internal object? ToTargetValue(object? modelValue)
    {
        if (modelValue is null)
        {
            return null;
        }

        var value = _targetConverter is null ? modelValue : _targetConverter.ConvertToProvider(modelValue);
        // timestamptz accepts only offset 0 (Npgsql 6+); the instant is what matters.
        return value is DateTimeOffset offset ? offset.ToUniversalTime() : value;
    }
}
