namespace Workbench.Testing;

/// <summary>
/// A fresh folder for one test host's SQLite database, removed afterwards. Shared by the test projects
/// (linked into each) so every tier creates and cleans up its data directory the same way.
/// </summary>
internal sealed class TemporaryDataDirectory(string purpose)
{
    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), purpose, Guid.NewGuid().ToString("N"));

    /// <summary>Closes pooled SQLite connections (they hold the file open) and deletes the folder.</summary>
    public void Delete()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
        }
    }
}
