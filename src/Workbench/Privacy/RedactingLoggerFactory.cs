namespace Workbench.Privacy;

/// <summary>The app's <see cref="ILoggerFactory"/>: the standard factory (all providers, filter rules per provider) with
/// every logger it hands out wrapped in a <see cref="RedactingLogger"/>. One boundary, whatever providers are added.</summary>
internal sealed class RedactingLoggerFactory(LoggerFactory inner, LogRedaction redaction) : ILoggerFactory
{
    public ILogger CreateLogger(string categoryName) => new RedactingLogger(inner.CreateLogger(categoryName), redaction);

    public void AddProvider(ILoggerProvider provider) => inner.AddProvider(provider);

    // The inner factory is a container singleton of its own and is disposed by the container.
    public void Dispose()
    {
    }
}
