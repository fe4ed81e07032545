namespace Workbench.Core.Persistence;

/// <summary>
/// Marks a free-text string property of an entity that <see cref="RedactionInterceptor"/> redacts before every insert
/// and update. <see cref="IsJson"/>: the value is JSON, whose string (and number) values are redacted one by one so it
/// stays valid JSON.
/// </summary>
[AttributeUsage(AttributeTargets.Property, Inherited = false)]
public sealed class RedactAttribute : Attribute
{
    public bool IsJson { get; init; }
}
