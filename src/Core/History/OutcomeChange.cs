namespace Workbench.Core.History;

/// <summary>How a run's outcome compares with a baseline run's (valid or repaired passes; anything else fails).</summary>
public enum OutcomeChange
{
    /// <summary>Both pass or both fail.</summary>
    Same,

    /// <summary>The baseline passed, this one does not.</summary>
    Regression,

    /// <summary>The baseline failed, this one passes.</summary>
    Fix,

    /// <summary>One of the two has not finished (queued or running).</summary>
    Pending,
}
