using System.ComponentModel.DataAnnotations;

namespace Workbench.Security;

/// <summary>The <c>Workbench:Security:Password</c> section. Length matters most; character classes are optional.</summary>
public sealed class PasswordRules
{
    [Range(8, 128, ErrorMessage = "Workbench:Security:Password:MinLength must be between 8 and 128.")]
    public int MinLength { get; set; } = 12;

    public bool RequireDigit { get; set; }

    public bool RequireLowercase { get; set; }

    public bool RequireUppercase { get; set; }

    public bool RequireNonAlphanumeric { get; set; }
}
