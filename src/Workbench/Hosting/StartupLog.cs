namespace Workbench.Hosting;

internal static partial class StartupLog
{
    [LoggerMessage(Level = LogLevel.Warning, Message = "{Setting} is true: the app accepts connections from the network without sign-in. Only do this behind an authenticating reverse proxy.")]
    public static partial void UnauthenticatedNetworkAccessAllowed(ILogger logger, string setting);
}
