namespace Workbench.Core.Templates;

/// <summary>Thrown inside rendering when a <see cref="TemplateLimits"/> limit is hit; converted to a <see cref="TemplateError"/>.</summary>
internal sealed class TemplateLimitExceededException : Exception
{
    public TemplateLimitExceededException()
    {
    }

    public TemplateLimitExceededException(string message)
        : base(message)
    {
    }

    public TemplateLimitExceededException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
