using System.Collections.Concurrent;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Workbench.Core.Redaction;

namespace Workbench.Core.Persistence;

/// <summary>
/// The persistence redaction boundary: before every insert or update, each string property marked
/// <see cref="RedactAttribute"/> is passed through the app's <see cref="Redactor"/>, so no caller can forget it.
/// Placeholders are numbered consistently within one save.
/// </summary>
public sealed class RedactionInterceptor(Redactor redactor) : SaveChangesInterceptor
{
    private static readonly ConcurrentDictionary<Type, (string Name, bool IsJson)[]> Marked = new();

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Redact(eventData.Context);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Redact(eventData.Context);
        return ValueTask.FromResult(result);
    }

    private void Redact(DbContext? context)
    {
        if (context is null)
        {
            return;
        }

        var scope = new RedactionScope();
        foreach (var entry in context.ChangeTracker.Entries())
        {
            if (entry.State is not (EntityState.Added or EntityState.Modified))
            {
                continue;
            }

            foreach (var (name, isJson) in Marked.GetOrAdd(entry.Metadata.ClrType, FindMarked))
            {
                Redact(entry.Property(name), isJson, scope);
            }
        }
    }

    /// <summary>
    /// Redacts the marked properties of an entity that is written without EF Core's change tracker (the prepared run writes,
    /// ADR-028), exactly as <c>SaveChanges</c> would: the same detectors, JSON value by value, one
    /// <paramref name="scope"/> per transaction.
    /// </summary>
    internal void RedactEntity(object entity, RedactionScope scope)
    {
        ArgumentNullException.ThrowIfNull(entity);
        var type = entity.GetType();
        foreach (var (name, isJson) in Marked.GetOrAdd(type, FindMarked))
        {
            var property = type.GetProperty(name)!;
            if (property.GetValue(entity) is not string { Length: > 0 } text)
            {
                continue;
            }

            var redacted = isJson ? RedactJson(text, scope) : redactor.Redact(text, scope).Text;
            if (!string.Equals(redacted, text, StringComparison.Ordinal))
            {
                property.SetValue(entity, redacted);
            }
        }
    }

    private void Redact(PropertyEntry property, bool isJson, RedactionScope scope)
    {
        if (property.CurrentValue is not string { Length: > 0 } text || (property.EntityEntry.State == EntityState.Modified && !property.IsModified))
        {
            return;
        }

        var redacted = isJson ? RedactJson(text, scope) : redactor.Redact(text, scope).Text;
        if (!string.Equals(redacted, text, StringComparison.Ordinal))
        {
            property.CurrentValue = redacted;
        }
    }

    private string RedactJson(string json, RedactionScope scope)
    {
        JsonNode? root;
        try
        {
            root = JsonNode.Parse(json);
        }
        catch (JsonException)
        {
            return redactor.Redact(json, scope).Text;
        }

        if (root is null)
        {
            return json;
        }

        var changed = false;
        var result = Walk(root, scope, ref changed);
        return changed ? result!.ToJsonString() : json;
    }

    private JsonNode? Walk(JsonNode? node, RedactionScope scope, ref bool changed)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var key in obj.Select(p => p.Key).ToList())
                {
                    var child = obj[key];
                    var replaced = Walk(child, scope, ref changed);
                    if (!ReferenceEquals(child, replaced))
                    {
                        obj[key] = replaced;
                    }
                }

                return obj;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    var child = array[i];
                    var replaced = Walk(child, scope, ref changed);
                    if (!ReferenceEquals(child, replaced))
                    {
                        array[i] = replaced;
                    }
                }

                return array;
            case JsonValue value when value.GetValueKind() is JsonValueKind.String or JsonValueKind.Number:
                var text = value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : value.ToJsonString();
                var redacted = redactor.Redact(text, scope).Text;
                if (string.Equals(redacted, text, StringComparison.Ordinal))
                {
                    return value;
                }

                changed = true;
                return JsonValue.Create(redacted);
            default:
                return node;
        }
    }

    private static (string Name, bool IsJson)[] FindMarked(Type type) =>
        [.. type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.PropertyType == typeof(string))
            .Select(p => (p.Name, Attribute: p.GetCustomAttribute<RedactAttribute>()))
            .Where(p => p.Attribute is not null)
            .Select(p => (p.Name, p.Attribute!.IsJson))];
}
