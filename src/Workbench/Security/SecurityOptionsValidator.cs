using Microsoft.Extensions.Options;

namespace Workbench.Security;

/// <summary>Data-annotation rules for <see cref="SecurityOptions"/>, generated at compile time.</summary>
[OptionsValidator]
public sealed partial class SecurityOptionsValidator : IValidateOptions<SecurityOptions>;
