using Microsoft.Extensions.Options;

namespace Workbench.Core.Configuration;

/// <summary>Data-annotation rules, generated at compile time (no reflection at start-up).</summary>
[OptionsValidator]
public sealed partial class WorkbenchOptionsValidator : IValidateOptions<WorkbenchOptions>;
