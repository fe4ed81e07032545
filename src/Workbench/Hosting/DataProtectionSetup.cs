using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.Extensions.Options;
using Workbench.Core.Persistence;

namespace Workbench.Hosting;

/// <summary>
/// Keeps the data-protection keys (antiforgery tokens, later sign-in cookies) in the data directory next to the
/// database, so a restart or a new machine user does not invalidate them, and a backup of the data directory is complete.
/// </summary>
internal sealed class DataProtectionSetup(DataDirectory dataDirectory, ILoggerFactory loggerFactory) : IConfigureOptions<KeyManagementOptions>
{
    public const string KeysFolderName = "keys";

    public void Configure(KeyManagementOptions options)
    {
        var folder = new DirectoryInfo(Path.Combine(dataDirectory.Path, KeysFolderName));
        folder.Create();
        options.XmlRepository = new FileSystemXmlRepository(folder, loggerFactory);
    }
}
