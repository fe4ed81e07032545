using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace Workbench.Core.Persistence;

/// <summary>
/// A prepared SQLite <c>INSERT</c> or <c>UPDATE</c> of one entity type whose parameters are bound from the entity's
/// properties through EF Core's own type mappings (value converters such as enum-as-text and <see cref="UtcDateTimeConverter"/>,
/// the text forms of <see cref="Guid"/>, <see cref="DateTime"/> and <see cref="decimal"/>). Rows written with it read back
/// through EF Core exactly like rows EF Core wrote, and a column added to the model is written without touching this code
/// (ADR-028). The statement is prepared once per connection and executed many times.
/// </summary>
/// <remarks>
/// It does not redact: the caller passes the entity through <see cref="RedactionInterceptor.RedactEntity"/> first.
/// </remarks>
internal sealed class EntityCommand : IDisposable
{
    private readonly SqliteCommand _command;
    private readonly Binding[] _bindings;

    private EntityCommand(SqliteCommand command, Binding[] bindings)
    {
        _command = command;
        _bindings = bindings;
    }

    /// <summary>An <c>INSERT</c> of every mapped column of <paramref name="type"/>.</summary>
    public static EntityCommand Insert(SqliteConnection connection, IEntityType type)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(type);
        var table = Table(type);
        var columns = Columns(type, table).ToList();
        var command = connection.CreateCommand();
        var bindings = columns.Select((c, i) => Bind(command, c.Property, "$p" + i)).ToArray();
        command.CommandText = $"INSERT INTO {Quote(table.Name)} ({string.Join(", ", columns.Select(c => Quote(c.Column)))}) VALUES ({string.Join(", ", bindings.Select(b => b.Parameter.ParameterName))})";
        return new EntityCommand(command, bindings);
    }

    /// <summary>
    /// An <c>UPDATE</c> of the row with the entity's key that sets <paramref name="set"/>; the properties in
    /// <paramref name="keepWhenNull"/> keep their stored value when the entity's is null, those in
    /// <paramref name="keepStored"/> are only set where the stored value is null. <paramref name="onlyWhen"/> adds a
    /// condition on a stored value (e.g. "still queued").
    /// </summary>
    public static EntityCommand Update(
        SqliteConnection connection,
        IEntityType type,
        IReadOnlyList<string> set,
        IReadOnlyCollection<string>? keepWhenNull = null,
        IReadOnlyCollection<string>? keepStored = null,
        (string Property, object Value)? onlyWhen = null)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(type);
        ArgumentNullException.ThrowIfNull(set);
        var table = Table(type);
        var key = type.FindPrimaryKey()?.Properties is [var single] ? single : throw new ArgumentException("Only single-column keys.", nameof(type));
        var command = connection.CreateCommand();
        var bindings = new List<Binding>();
        var assignments = new List<string>();
        foreach (var name in set)
        {
            var property = type.FindProperty(name) ?? throw new ArgumentException($"No property {name} on {type.DisplayName()}.", nameof(set));
            var binding = Bind(command, property, "$p" + bindings.Count);
            bindings.Add(binding);
            var column = Quote(property.GetColumnName(table)!);
            var parameter = binding.Parameter.ParameterName;
            assignments.Add(
                keepWhenNull?.Contains(name) == true ? $"{column} = COALESCE({parameter}, {column})"
                : keepStored?.Contains(name) == true ? $"{column} = COALESCE({column}, {parameter})"
                : $"{column} = {parameter}");
        }

        var keyBinding = Bind(command, key, "$key");
        bindings.Add(keyBinding);
        var where = $"{Quote(key.GetColumnName(table)!)} = $key";
        if (onlyWhen is var (conditionName, conditionValue))
        {
            var property = type.FindProperty(conditionName) ?? throw new ArgumentException($"No property {conditionName} on {type.DisplayName()}.", nameof(onlyWhen));
            var condition = Bind(command, property, "$when");
            condition.Parameter.Value = ProviderValue(condition, conditionValue);
            where += $" AND {Quote(property.GetColumnName(table)!)} = $when";
        }

        command.CommandText = $"UPDATE {Quote(table.Name)} SET {string.Join(", ", assignments)} WHERE {where}";
        return new EntityCommand(command, [.. bindings]);
    }

    /// <summary>Binds <paramref name="entity"/> and executes; returns the number of rows changed.</summary>
    public int Execute(object entity, SqliteTransaction? transaction)
    {
        ArgumentNullException.ThrowIfNull(entity);
        foreach (var binding in _bindings)
        {
            binding.Parameter.Value = ProviderValue(binding, binding.Property.GetGetter().GetClrValue(entity));
        }

        _command.Transaction = transaction;
        return _command.ExecuteNonQuery();
    }

    public void Dispose() => _command.Dispose();

    private static object ProviderValue(Binding binding, object? value) =>
        value is null ? DBNull.Value : binding.Mapping.Converter?.ConvertToProvider(value) ?? value;

    private static StoreObjectIdentifier Table(IEntityType type) =>
        StoreObjectIdentifier.Create(type, StoreObjectType.Table) ?? throw new ArgumentException($"{type.DisplayName()} is not mapped to a table.", nameof(type));

    private static IEnumerable<(IProperty Property, string Column)> Columns(IEntityType type, StoreObjectIdentifier table) =>
        type.GetProperties()
            .Where(p => p.GetComputedColumnSql(table) is null)
            .Select(p => (Property: p, Column: p.GetColumnName(table)))
            .Where(c => c.Column is not null)
            .Select(c => (c.Property, c.Column!));

    private static Binding Bind(SqliteCommand command, IProperty property, string name)
    {
        var mapping = (RelationalTypeMapping)property.GetRelationalTypeMapping();
        // The mapping configures the parameter the way EF Core would (e.g. a Guid as upper-case TEXT, not a BLOB).
        var parameter = (SqliteParameter)mapping.CreateParameter(command, name, null, nullable: true);
        command.Parameters.Add(parameter);
        return new Binding(property, mapping, parameter);
    }

    private static string Quote(string identifier) => "\"" + identifier.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    private sealed record Binding(IProperty Property, RelationalTypeMapping Mapping, SqliteParameter Parameter);
}
