namespace Workbench.Components.Pages.Batches;

/// <summary>One provider/model row of the run-batch dialog (mutable form state).</summary>
public sealed class BatchSettingRow
{
    public int Key { get; init; }

    public string Provider { get; set; } = "";

    public string Model { get; set; } = "";
}
