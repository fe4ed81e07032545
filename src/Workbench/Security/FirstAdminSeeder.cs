using Microsoft.Extensions.Options;

namespace Workbench.Security;

/// <summary>
/// Team mode start-up (after migrations): creates the roles, and the first admin from <c>WORKBENCH_ADMIN_EMAIL</c> /
/// <c>WORKBENCH_ADMIN_PASSWORD</c> when no account exists yet. A half-set or rejected pair stops start-up naming the
/// variable; the password itself is never logged or echoed.
/// </summary>
internal sealed partial class FirstAdminSeeder(
    UserAdministration users,
    IConfiguration configuration,
    IOptions<SecurityOptions> options,
    ILogger<FirstAdminSeeder> logger) : IHostedLifecycleService
{
    public const string EmailVariable = "WORKBENCH_ADMIN_EMAIL";
    public const string PasswordVariable = "WORKBENCH_ADMIN_PASSWORD";

    public async Task StartingAsync(CancellationToken cancellationToken)
    {
        if (!options.Value.IsTeam)
        {
            return;
        }

        await users.EnsureRolesAsync(cancellationToken);
        var email = configuration[EmailVariable];
        var password = configuration[PasswordVariable];
        var any = await users.AnyUserAsync(cancellationToken);
        if (string.IsNullOrWhiteSpace(email) && string.IsNullOrEmpty(password))
        {
            if (!any)
            {
                LogNoAccount(logger, EmailVariable, PasswordVariable);
            }

            return;
        }

        if (any)
        {
            LogVariablesIgnored(logger, EmailVariable, PasswordVariable);
            return;
        }

        if (string.IsNullOrWhiteSpace(email) || string.IsNullOrEmpty(password))
        {
            Fail($"{(string.IsNullOrWhiteSpace(email) ? EmailVariable : PasswordVariable)} is not set: set both {EmailVariable} and {PasswordVariable} to create the first admin, or neither and use /setup from this machine.");
        }

        var created = await users.CreateFirstAdminAsync(email, password, cancellationToken);
        if (!created.Succeeded)
        {
            Fail($"The first admin from {EmailVariable} / {PasswordVariable} was not created: {created.Error}");
        }

        LogFirstAdminCreated(logger, EmailVariable);
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private static void Fail(string message) =>
        throw new OptionsValidationException(EmailVariable, typeof(SecurityOptions), [message]);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Team mode has no account yet: open /setup in a browser on this machine, or restart with {EmailVariable} and {PasswordVariable} set.")]
    private static partial void LogNoAccount(ILogger logger, string emailVariable, string passwordVariable);

    [LoggerMessage(Level = LogLevel.Information, Message = "{EmailVariable} / {PasswordVariable} ignored: accounts already exist. Remove the password from the environment.")]
    private static partial void LogVariablesIgnored(ILogger logger, string emailVariable, string passwordVariable);

    [LoggerMessage(Level = LogLevel.Information, Message = "Created the first admin account from {EmailVariable}.")]
    private static partial void LogFirstAdminCreated(ILogger logger, string emailVariable);
}
