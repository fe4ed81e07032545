namespace Workbench.Testing;

/// <summary>
/// A fresh folder for one test host's SQLite database, removed afterwards. Shared by the test projects
/// (linked into each) so every tier creates and cleans up its data directory the same way.
/// </summary>
internal sealed class TemporaryDataDirectory(string purpose)
{
    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), purpose, Guid.NewGuid().ToString("N"));

    /// <summary>
    /// Closes pooled SQLite connections (they hold the file open) and deletes the folder. A read still finishing in the
    /// background (e.g. a component refreshing as the test ends) can recreate a -wal/-shm file mid-delete: try again.
    /// </summary>
    public void Delete()
    {
        for (var attempt = 1; ; attempt++)
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            try
            {
                Directory.Delete(Path, recursive: true);
                return;
            }
            catch (DirectoryNotFoundException)
            {
                return;
            }
            catch (IOException) when (attempt < 5)
            {
                Thread.Sleep(100 * attempt);
            }
        }
    }
}
