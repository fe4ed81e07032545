using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Workbench.Core.Templates;

namespace Workbench.Api;

/// <summary>
/// RFC 7807 problem details for every API error: <c>type</c>, <c>title</c>, <c>status</c>, <c>detail</c>, a
/// <c>correlationId</c> (the id the logs carry) and, for 400s about the request, <c>errors</c>: field name → messages.
/// Messages describe the request only: never exception text, keys or stored content.
/// </summary>
internal static class ApiProblems
{
    public const string CorrelationIdKey = "correlationId";

    public const string InvalidRequestTitle = "The request is not valid.";

    /// <summary>Adds the correlation id to every problem the problem details service writes.</summary>
    public static void AddCorrelationId(ProblemDetailsContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.ProblemDetails.Extensions[CorrelationIdKey] = context.HttpContext.TraceIdentifier;
    }

    /// <summary>A 400 with field-level errors, in the order the problems were found.</summary>
    public static ValidationProblem Validation(IEnumerable<KeyValuePair<string, string>> errors, string? detail = null)
    {
        var grouped = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var (field, message) in errors)
        {
            if (!grouped.TryGetValue(field, out var messages))
            {
                grouped[field] = messages = [];
            }

            messages.Add(message);
        }

        var dictionary = grouped.ToDictionary(g => g.Key, g => g.Value.ToArray(), StringComparer.Ordinal);
        if (dictionary.Count == 0)
        {
            dictionary["body"] = [InvalidRequestTitle];
        }

        return TypedResults.ValidationProblem(
            dictionary,
            detail ?? Summarize(dictionary),
            title: InvalidRequestTitle);
    }

    public static ValidationProblem Validation(string field, string message) => Validation([new(field, message)]);

    /// <summary>A problem's message as an API error string: <c>2:14: message</c> when it has a position in a message's text.</summary>
    public static string Describe(TemplateProblem problem)
    {
        ArgumentNullException.ThrowIfNull(problem);
        return problem.Line is { } line
            ? string.Create(CultureInfo.InvariantCulture, $"{line}:{problem.Column ?? 1}: {problem.Message}")
            : problem.Message;
    }

    public static ProblemHttpResult NotFound(string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status404NotFound, title: "Not found.");

    public static ProblemHttpResult Conflict(string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status409Conflict, title: "Conflict.");

    public static ProblemHttpResult Status(int statusCode, string title, string detail) =>
        TypedResults.Problem(detail, statusCode: statusCode, title: title);

    private static string Summarize(Dictionary<string, string[]> errors)
    {
        var first = errors.First();
        var more = errors.Sum(e => e.Value.Length) - 1;
        var text = $"{first.Key}: {first.Value[0]}";
        return more switch
        {
            0 => text,
            1 => text + " (and 1 more problem, see errors)",
            _ => text + string.Create(CultureInfo.InvariantCulture, $" (and {more} more problems, see errors)"),
        };
    }
}
