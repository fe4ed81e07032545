namespace Workbench.Core;

/// <summary>Marker type for locating the Core assembly (tests, EF design-time, reflection).</summary>
public static class CoreAssembly;
