namespace Workbench.Core.Persistence;

/// <summary>Where the SQLite file lives: <c>Workbench:DataDirectory</c>, relative paths resolved against the content root.</summary>
public static class DatabasePaths
{
    public const string DatabaseFileName = "workbench.db";

    public static string ResolveDataDirectory(string configured, string contentRootPath) =>
        Path.GetFullPath(Path.IsPathRooted(configured) ? configured : Path.Combine(contentRootPath, configured));

    public static string ConnectionString(string dataDirectory) =>
        $"Data Source={Path.Combine(dataDirectory, DatabaseFileName)};Pooling=True;Foreign Keys=True";
}
