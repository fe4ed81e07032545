namespace Workbench.Core.Audit;

/// <summary>The kinds of thing an audit entry is about.</summary>
public static class AuditTargets
{
    public const string Template = "template";
    public const string Schema = "schema";
    public const string Run = "run";
    public const string User = "user";
    public const string Audit = "audit";
    public const string ApiToken = "api-token";
}
