namespace Workbench.Core.Work;

/// <summary>This app process as a holder of leases (ADR-022): an id unique per process start, shown nowhere but the queue table.</summary>
public sealed class WorkNode
{
    public WorkNode()
        : this($"{Trim(Environment.MachineName)}/{Environment.ProcessId}/{Guid.NewGuid().ToString("N")[..8]}")
    {
    }

    public WorkNode(string id)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(id);
        Id = id.Length > 100 ? id[..100] : id;
    }

    public string Id { get; }

    private static string Trim(string name) => name.Length > 60 ? name[..60] : name;
}
