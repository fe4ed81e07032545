using Microsoft.Playwright;

namespace Workbench.E2E.Infrastructure;

/// <summary>The viewport sizes the tier checks.</summary>
public static class Viewports
{
    /// <summary>A common laptop screen; the default for every page.</summary>
    public static ViewportSize Desktop => new() { Width = 1366, Height = 900 };

    /// <summary>A phone held upright (iPhone 12-15 CSS pixels).</summary>
    public static ViewportSize Narrow => new() { Width = 390, Height = 844 };
}
