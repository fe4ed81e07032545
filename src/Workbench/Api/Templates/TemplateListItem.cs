using System.ComponentModel;

namespace Workbench.Api.Templates;

/// <summary>One template in the list.</summary>
public sealed record TemplateListItem(
    string Name,
    string Description,
    IReadOnlyList<string> Tags,
    int LatestVersion,
    [property: Description("Labels as a map from label name to the version number it points at, e.g. {\"production\": 3}.")] IReadOnlyDictionary<string, int> Labels,
    DateTimeOffset UpdatedAt);
