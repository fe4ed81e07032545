using Microsoft.Extensions.AI;
using Workbench.Core.Schemas;

namespace Workbench.Core.Runs;

/// <summary>
/// A saved schema version checked and compiled with its references resolved (<see cref="RunPreparationCache"/>):
/// <see cref="Check"/> validates outputs, <see cref="ResponseFormat"/> is what providers with native structured output get.
/// </summary>
public sealed record PreparedSchemaVersion(SchemaCheck Check, ChatResponseFormat ResponseFormat);
