using Microsoft.Extensions.Options;
using Workbench.Hosting;

// Composition only: every piece lives in Hosting/ or in Core.
if (CopyDatabaseCommand.Matches(args))
{
    // `copy-database --from <workbench.db>`: SQLite -> PostgreSQL, then exit (ADR-024); the web app does not start.
    return await CopyDatabaseCommand.RunInConsoleAsync(args);
}

var builder = WebApplication.CreateBuilder(args);
builder.UseRootAppSettings();
builder.AddWorkbench();

var app = builder.Build();
try
{
    app.UseWorkbench();
    await app.RunAsync();
}
catch (OptionsValidationException ex)
{
    // A bad setting stops start-up with a message that names the key, not a stack trace.
    StartupErrors.Report(ex);
    return 1;
}

return 0;

/// <summary>Entry point type, public so WebApplicationFactory can host the app in tests.</summary>
public partial class Program;
