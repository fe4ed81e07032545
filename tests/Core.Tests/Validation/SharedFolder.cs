namespace Workbench.Core.Tests.Validation;

/// <summary>Finds the shared folder (corpora, conformance suites): walks up from the test binaries to a folder holding <c>shared/corpora</c>.</summary>
internal static class SharedFolder
{
    private static readonly Lazy<string> Root = new(Find);

    public static string Path => Root.Value;

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = System.IO.Path.Combine(dir.FullName, "shared");
            if (Directory.Exists(System.IO.Path.Combine(candidate, "corpora")))
            {
                return candidate;
            }
        }

        throw new DirectoryNotFoundException($"no folder holding shared/corpora above {AppContext.BaseDirectory}");
    }
}
