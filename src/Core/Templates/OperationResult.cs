namespace Workbench.Core.Templates;

/// <summary>Result of an operation that fails only on bad input: a value, or problems saying what and where.</summary>
public sealed record OperationResult<T>(T? Value, IReadOnlyList<TemplateProblem> Problems)
{
    public bool Succeeded => Problems.Count == 0;

    public static OperationResult<T> Ok(T value) => new(value, []);

    public static OperationResult<T> Fail(params TemplateProblem[] problems) => new(default, problems);

    public static OperationResult<T> Fail(IReadOnlyList<TemplateProblem> problems) => new(default, problems);
}
