using Workbench.Audit;
using Workbench.Core.Audit;
using Workbench.Security;

namespace Workbench.Api.Audit;

/// <summary><c>GET /api/audit</c> (admin): the audit trail, newest first, filtered and paged like the audit page.</summary>
internal static class AuditEndpoints
{
    public static RouteGroupBuilder MapAuditEndpoints(this RouteGroupBuilder api)
    {
        ArgumentNullException.ThrowIfNull(api);
        api.MapGet("/audit", QueryAsync).RequireAuthorization(Policies.CanAdminister)
            .WithTags("Audit")
            .WithName("GetAuditTrail")
            .WithSummary("Read the audit trail")
            .WithDescription("Admins only. Entries newest first: who (actor id and name), what (`action`), on what (target kind, id, name), " +
                             "details (redacted), client address. Filters: `actor` (user name or id, exact), `action` (one of the fixed actions), " +
                             "`target` (target id or kind, exact, or part of its name), `from` and `to` (dates yyyy-MM-dd in UTC, inclusive), " +
                             "`page` (from 1) and `pageSize` (1 to 200, default 50). A bad filter is a 400 validation problem naming it.")
            .Produces<AuditPage>()
            .ProducesValidationProblem();
        return api;
    }

    private static async Task<IResult> QueryAsync(string? actor, string? action, string? target, string? from, string? to, int? page, int? pageSize, AuditTrail audit, CancellationToken cancellationToken)
    {
        var (query, errors) = new AuditFilter(actor, action, target, from, to, page, pageSize).ToQuery();
        if (query is null)
        {
            return TypedResults.ValidationProblem(errors, title: "The audit filter is not valid.");
        }

        return TypedResults.Ok(await audit.QueryAsync(query, cancellationToken));
    }
}
