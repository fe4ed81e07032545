namespace Workbench.Core.Audit;

/// <summary>
/// The fixed vocabulary of audited actions (ADR-017). Stored as text; new actions are added here, never renamed, so
/// old entries keep their meaning. (<c>settings.changed</c> was reserved but never recorded, and is gone: nothing in the app
/// changes settings at runtime except accounts, which have their own <c>user.*</c> actions; see ADR-017.)
/// </summary>
public static class AuditActions
{
    public const string TemplateVersionCreated = "template.version-created";
    public const string TemplateLabelMoved = "template.label-moved";
    public const string SchemaVersionCreated = "schema.version-created";
    public const string SchemaLabelMoved = "schema.label-moved";
    public const string VerdictGiven = "verdict.given";
    public const string ExportDownloaded = "export.downloaded";
    public const string ImportApplied = "import.applied";
    public const string RunDeleted = "run.deleted";
    public const string RunsDeletedForTemplate = "runs.deleted-for-template";
    public const string RetentionPurged = "retention.purged";
    public const string UserCreated = "user.created";
    public const string UserRoleChanged = "user.role-changed";
    public const string UserDisabled = "user.disabled";
    public const string UserEnabled = "user.enabled";
    public const string UserPasswordReset = "user.password-reset";
    public const string SignInSucceeded = "signin.succeeded";
    public const string SignInFailed = "signin.failed";
    public const string SignInLockedOut = "signin.locked-out";
    public const string SignOut = "signout";
    public const string PasswordChanged = "password.changed";
    public const string SetupFirstAdmin = "setup.first-admin";
    public const string TokenCreated = "token.created";
    public const string TokenRevoked = "token.revoked";
    public const string TokenRefused = "token.refused";

    /// <summary>Every action, in the order the audit page offers them.</summary>
    public static IReadOnlyList<string> All { get; } =
    [
        TemplateVersionCreated, TemplateLabelMoved, SchemaVersionCreated, SchemaLabelMoved, VerdictGiven,
        ExportDownloaded, ImportApplied, RunDeleted, RunsDeletedForTemplate, RetentionPurged,
        UserCreated, UserRoleChanged, UserDisabled, UserEnabled, UserPasswordReset,
        SignInSucceeded, SignInFailed, SignInLockedOut, SignOut, PasswordChanged, SetupFirstAdmin,
        TokenCreated, TokenRevoked, TokenRefused,
    ];

    public static bool IsKnown(string? action) => action is not null && All.Contains(action, StringComparer.Ordinal);
}
