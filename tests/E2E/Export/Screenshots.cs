using Microsoft.Playwright;
using Workbench.E2E.Tour;

namespace Workbench.E2E.Export;

/// <summary>Saves a full-page screenshot when <c>WORKBENCH_SCREENSHOTS</c> names a folder; otherwise does nothing.</summary>
internal static class Screenshots
{
    public static async Task SaveAsync(IPage page, string name)
    {
        if (Environment.GetEnvironmentVariable(ScreenshotTourTests.FolderVariable) is { Length: > 0 } folder)
        {
            Directory.CreateDirectory(folder);
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(folder, name + ".png"), FullPage = true });
        }
    }
}
