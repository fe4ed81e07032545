namespace Workbench.Core.Templates;

public enum TemplateSort { RecentlyUpdated, Name }

/// <summary>Filter for the template list: free text matches name, description and tags.</summary>
public sealed record TemplateQuery(string? Search = null, string? Tag = null, TemplateSort Sort = TemplateSort.RecentlyUpdated);
