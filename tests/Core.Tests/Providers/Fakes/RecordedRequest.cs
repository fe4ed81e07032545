namespace Workbench.Core.Tests.Providers.Fakes;

/// <summary>A request as the fake server received it.</summary>
public sealed record RecordedRequest(HttpMethod Method, Uri Uri, IReadOnlyDictionary<string, string> Headers, string Body);
