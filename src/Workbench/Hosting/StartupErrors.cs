using Microsoft.Extensions.Options;

namespace Workbench.Hosting;

internal static class StartupErrors
{
    public static void Report(OptionsValidationException exception)
    {
        Console.Error.WriteLine("Prompt Workbench did not start: the configuration is invalid.");
        foreach (var failure in exception.Failures)
        {
            Console.Error.WriteLine($"  - {failure}");
        }

        Console.Error.WriteLine("Fix the setting in appsettings.json or the matching environment variable (':' becomes '__').");
    }
}
