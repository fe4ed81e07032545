using Workbench.Core.Templates;

namespace Workbench.Core.Export;

/// <summary>
/// A file read by an importer: the package, or the problems that stop it (with the place: a JSON path or a line and column).
/// <see cref="Warnings"/> say what was adapted (for example variables declared from their use in a Prompty body).
/// </summary>
public sealed record PackageReadResult(string Format, TemplatePackage? Package, IReadOnlyList<TemplateProblem> Problems, IReadOnlyList<string> Warnings)
{
    public bool Success => Package is not null && Problems.Count == 0;

    public static PackageReadResult Fail(string format, params TemplateProblem[] problems) => new(format, null, problems, []);

    public static PackageReadResult Fail(string format, IReadOnlyList<TemplateProblem> problems) => new(format, null, problems, []);
}
