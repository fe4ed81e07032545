using Workbench.Core.Providers;
using Workbench.Core.Validation;

namespace Workbench.Components.Runs;

/// <summary>The attempt streaming right now: its number, the text so far, transport retries so far and the live validation.</summary>
public sealed record LiveAttempt(int Number, string Text, IReadOnlyList<TransportRetry> Retries, StreamingJsonStatus Validation);
