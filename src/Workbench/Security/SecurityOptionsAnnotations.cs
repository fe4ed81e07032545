using Microsoft.Extensions.Options;

namespace Workbench.Security;

/// <summary>Data-annotation rules for <see cref="SecurityOptions"/>, generated at compile time.</summary>
[OptionsValidator]
internal sealed partial class SecurityOptionsAnnotations : IValidateOptions<SecurityOptions>;
