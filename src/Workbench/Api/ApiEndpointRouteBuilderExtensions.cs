using Workbench.Api.Audit;
using Workbench.Api.Batches;
using Workbench.Api.Export;
using Workbench.Api.Runs;
using Workbench.Api.Templates;
using Workbench.Security;

namespace Workbench.Api;

/// <summary>
/// Maps the REST API. Every endpoint lives in the one <c>/api</c> group, so an authorization policy (team mode) is added
/// in one place. Feature folders add their endpoints to the group: templates, runs, batches and test sets.
/// </summary>
internal static class ApiEndpointRouteBuilderExtensions
{
    public static IEndpointRouteBuilder MapWorkbenchApi(this IEndpointRouteBuilder endpoints)
    {
        // GET /openapi/v1.json
        endpoints.MapOpenApi();

        // JSON bodies are read as JSON, never bound from forms: antiforgery (for Blazor form posts) does not apply.
        // Team mode: the whole group needs read access; endpoints that change data add CanEdit (ApiAuthorization).
        var api = ApiAuthorization.Apply(endpoints.MapGroup(ApiApplicationBuilderExtensions.PathPrefix))
            .DisableAntiforgery()
            .ProducesProblem(StatusCodes.Status500InternalServerError);

        api.MapIdentityEndpoints();
        api.MapTemplateEndpoints();
        api.MapExportEndpoints();
        api.MapRunEndpoints();
        api.MapBatchEndpoints();
        api.MapAuditEndpoints();

        api.Map("/{**path}", ApiFallback.Handle)
            .WithMetadata(new ApiFallbackMarker())
            .ExcludeFromDescription();
        return endpoints;
    }
}
