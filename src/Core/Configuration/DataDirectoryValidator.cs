using Microsoft.Extensions.Options;

namespace Workbench.Core.Configuration;

/// <summary>Rules data annotations cannot express: the data directory must be a usable path.</summary>
public sealed class DataDirectoryValidator : IValidateOptions<WorkbenchOptions>
{
    public ValidateOptionsResult Validate(string? name, WorkbenchOptions options)
    {
        var directory = options.DataDirectory;
        if (string.IsNullOrWhiteSpace(directory))
        {
            return ValidateOptionsResult.Skip; // reported by the data-annotation validator
        }

        if (directory.IndexOfAny(Path.GetInvalidPathChars()) >= 0 || directory.Any(char.IsControl))
        {
            return ValidateOptionsResult.Fail("Workbench:DataDirectory contains characters that are not allowed in a path.");
        }

        if (File.Exists(directory))
        {
            return ValidateOptionsResult.Fail($"Workbench:DataDirectory points at a file, not a folder: '{directory}'.");
        }

        return ValidateOptionsResult.Success;
    }
}
