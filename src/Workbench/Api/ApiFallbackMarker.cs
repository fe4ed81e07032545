namespace Workbench.Api;

/// <summary>Endpoint metadata marking the <c>/api</c> catch-all, so <see cref="ApiFallback"/> does not count itself as a match.</summary>
internal sealed class ApiFallbackMarker;
