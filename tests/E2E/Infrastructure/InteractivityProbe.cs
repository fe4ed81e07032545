namespace Workbench.E2E.Infrastructure;

/// <summary>
/// Tells when the Blazor circuit is interactive, so that clicks are not lost on the prerendered page:
/// MainLayout renders <c>data-workbench-interactive="true"</c> at the end of its first interactive render
/// (after the stored dark-mode choice is applied), which only happens over a live circuit.
/// </summary>
public static class InteractivityProbe
{
    public const string MarkerSelector = "[data-workbench-interactive='true']";
}
