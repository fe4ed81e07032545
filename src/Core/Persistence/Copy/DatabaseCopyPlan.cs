using System.Data.Common;
using System.Linq.Expressions;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace Workbench.Core.Persistence.Copy;

/// <summary>
/// What the SQLite → PostgreSQL copy does, derived from the EF Core model of each engine (ADR-024), not from a list kept
/// by hand: every table of the model gets a <see cref="TableCopyRule"/>, parents before children (foreign keys), every
/// column a <see cref="ColumnCopyRule"/>. A table or column the plan cannot copy (missing on one engine, a type without
/// a reader, a foreign key cycle) is a <see cref="Problems"/> entry: the copy refuses to start, and a test fails, instead
/// of skipping it silently.
/// </summary>
public sealed partial class DatabaseCopyPlan
{
    private DatabaseCopyPlan(IReadOnlyList<TableCopyRule> tables, IReadOnlyList<string> problems)
    {
        Tables = tables;
        Problems = problems;
    }

    /// <summary>Every table of the model, in an order where each table comes after the tables it references.</summary>
    public IReadOnlyList<TableCopyRule> Tables { get; }

    /// <summary>Why some table or column cannot be copied; empty when the plan is complete.</summary>
    public IReadOnlyList<string> Problems { get; }

    /// <summary>The plan between the SQLite model (<paramref name="source"/>) and the PostgreSQL model (<paramref name="target"/>).</summary>
    public static DatabaseCopyPlan Create(IModel source, IModel target)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(target);
        var problems = new List<string>();
        var sourceTables = source.GetRelationalModel().Tables.ToDictionary(t => t.Name, StringComparer.Ordinal);
        var targetTables = target.GetRelationalModel().Tables.ToDictionary(t => t.Name, StringComparer.Ordinal);
        foreach (var name in sourceTables.Keys.Except(targetTables.Keys, StringComparer.Ordinal))
        {
            problems.Add($"Table \"{name}\" exists in the SQLite model but not in the PostgreSQL model.");
        }

        var rules = new Dictionary<string, TableCopyRule>(StringComparer.Ordinal);
        foreach (var table in targetTables.Values)
        {
            if (!sourceTables.TryGetValue(table.Name, out var sourceTable))
            {
                problems.Add($"Table \"{table.Name}\" exists in the PostgreSQL model but not in the SQLite model.");
                continue;
            }

            if (RuleFor(sourceTable, table, problems) is { } rule)
            {
                rules.Add(table.Name, rule);
            }
        }

        var ordered = new List<TableCopyRule>();
        var state = new Dictionary<string, bool>(StringComparer.Ordinal); // false = visiting, true = done
        foreach (var name in targetTables.Keys.Order(StringComparer.Ordinal))
        {
            Visit(name, targetTables, rules, state, ordered, problems);
        }

        return new DatabaseCopyPlan(ordered, problems);
    }

    private static void Visit(string name, Dictionary<string, ITable> tables, Dictionary<string, TableCopyRule> rules,
        Dictionary<string, bool> state, List<TableCopyRule> ordered, List<string> problems)
    {
        if (state.TryGetValue(name, out var done))
        {
            if (!done)
            {
                problems.Add($"Table \"{name}\" is part of a foreign key cycle: the copy has no rule for its order.");
            }

            return;
        }

        state[name] = false;
        foreach (var foreignKey in tables[name].ForeignKeyConstraints.OrderBy(f => f.PrincipalTable.Name, StringComparer.Ordinal))
        {
            if (string.Equals(foreignKey.PrincipalTable.Name, name, StringComparison.Ordinal))
            {
                problems.Add($"Table \"{name}\" references itself ({foreignKey.Name}): the copy has no rule for the order of its rows.");
                continue;
            }

            Visit(foreignKey.PrincipalTable.Name, tables, rules, state, ordered, problems);
        }

        state[name] = true;
        if (rules.TryGetValue(name, out var rule))
        {
            ordered.Add(rule);
        }
    }

    private static TableCopyRule? RuleFor(ITable source, ITable target, List<string> problems)
    {
        var before = problems.Count;
        var sourceColumns = source.Columns.ToDictionary(c => c.Name, StringComparer.Ordinal);
        foreach (var missing in sourceColumns.Keys.Except(target.Columns.Select(c => c.Name), StringComparer.Ordinal))
        {
            problems.Add($"Column \"{source.Name}\".\"{missing}\" exists in the SQLite model but not in the PostgreSQL model.");
        }

        var columns = new List<ColumnCopyRule>();
        foreach (var column in target.Columns)
        {
            if (!sourceColumns.TryGetValue(column.Name, out var sourceColumn))
            {
                problems.Add($"Column \"{target.Name}\".\"{column.Name}\" exists in the PostgreSQL model but not in the SQLite model.");
                continue;
            }

            var sourceMapping = sourceColumn.PropertyMappings[0].TypeMapping;
            var targetMapping = column.PropertyMappings[0].TypeMapping;
            var read = ReaderFor(sourceMapping);
            if (read is null)
            {
                problems.Add($"Column \"{target.Name}\".\"{column.Name}\": no way to read its SQLite type {sourceMapping.StoreType}.");
                continue;
            }

            var modelType = Nullable.GetUnderlyingType(sourceMapping.ClrType) ?? sourceMapping.ClrType;
            var targetModelType = Nullable.GetUnderlyingType(targetMapping.ClrType) ?? targetMapping.ClrType;
            if (!targetModelType.IsAssignableFrom(modelType) && !modelType.IsAssignableFrom(targetModelType))
            {
                problems.Add($"Column \"{target.Name}\".\"{column.Name}\": the SQLite model holds {modelType.Name}, the PostgreSQL model {targetModelType.Name}.");
                continue;
            }

            columns.Add(new ColumnCopyRule(column.Name, Facets().Replace(column.StoreType, ""), read,
                sourceMapping.Converter, targetMapping.Converter));
        }

        if (target.PrimaryKey is null)
        {
            problems.Add($"Table \"{target.Name}\" has no primary key: the copy cannot read it in a stable order.");
        }

        if (problems.Count > before)
        {
            return null;
        }

        var keys = target.PrimaryKey!.Columns.Select(c => c.Name).ToList();
        var identity = target.PrimaryKey.Columns is [{ ProviderClrType: var type } key] && (type == typeof(int) || type == typeof(long) || type == typeof(short))
            ? key.Name
            : null;
        return new TableCopyRule(target.Name, columns, keys, identity);
    }

    /// <summary>Reads a value the way EF Core does for the mapping: its data reader method, converted to its provider type.</summary>
    private static Func<DbDataReader, int, object>? ReaderFor(RelationalTypeMapping mapping)
    {
        var method = mapping.GetDataReaderMethod();
        if (method.DeclaringType is null)
        {
            return null;
        }

        var reader = Expression.Parameter(typeof(DbDataReader), "reader");
        var ordinal = Expression.Parameter(typeof(int), "ordinal");
        Expression value = Expression.Call(Expression.Convert(reader, method.DeclaringType), method, ordinal);
        var providerType = mapping.Converter?.ProviderClrType ?? mapping.ClrType;
        providerType = Nullable.GetUnderlyingType(providerType) ?? providerType;
        if (value.Type != providerType)
        {
            try
            {
                value = Expression.Convert(value, providerType);
            }
            catch (InvalidOperationException)
            {
                return null;
            }
        }

        return Expression.Lambda<Func<DbDataReader, int, object>>(Expression.Convert(value, typeof(object)), reader, ordinal).Compile();
    }

    [GeneratedRegex(@"\(\s*\d+(\s*,\s*\d+)?\s*\)")]
    private static partial Regex Facets();
}
