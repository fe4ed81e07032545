namespace Workbench.Core.Runs;

/// <summary>The outcome of <see cref="RunStore.DeleteAsync"/>.</summary>
public enum RunDeletion
{
    /// <summary>The run and its attempts were deleted.</summary>
    Deleted,

    /// <summary>There is no run with that id (it may have been deleted or purged already).</summary>
    NotFound,

    /// <summary>The run is queued or running: it is not deleted while the engine still works on it.</summary>
    Active,
}
