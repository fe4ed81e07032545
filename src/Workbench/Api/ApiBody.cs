namespace Workbench.Api;

/// <summary>A request body read by <see cref="ApiJsonBody"/>: the value, or the problem to answer with instead.</summary>
internal sealed record ApiBody<T>(T? Value, IResult? Problem)
    where T : class;
