using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Workbench.Api;

/// <summary>The document's title and the conventions every endpoint shares.</summary>
internal sealed class ApiDocumentTransformer : IOpenApiDocumentTransformer
{
    public const string Title = "Prompt Workbench API";

    public const string Description =
        "Templates and runs of Prompt Workbench. JSON in camelCase; enums as lower-case strings (`valid`, `transport-retry`).\n\n" +
        "**Errors** are RFC 7807 problem details (`application/problem+json`) with `type`, `title`, `status`, `detail` and a `correlationId` " +
        "that the server log carries too. A 400 about the request has `errors`: a map from field name (`messages[1].content`, `settings.temperature`; " +
        "indices are 0-based) to messages; template errors read `line:column: message`. Unknown paths under /api are 404 problems, a known path with " +
        "the wrong method is 405 with `Allow`. Bodies must be JSON (`Content-Type: application/json`, else 415) of at most 4 MiB (else 413). " +
        "An unexpected error is a 500 problem with only the correlation id: never exception text.\n\n" +
        "**Labels** in template lists are a map from label name to version number: `{\"production\": 3}`.\n\n" +
        "**Stored data only**: everything returned is read from storage; a run's outputs, messages, JSON and errors are the redacted " +
        "forms (template versions come back as saved). A run's variable values and provider keys are never returned.\n\n" +
        "In local mode the API needs no token.";

    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(document);
        document.Info = new OpenApiInfo
        {
            Title = Title,
            Version = ApiServiceCollectionExtensions.DocumentName,
            Description = Description,
        };
        return Task.CompletedTask;
    }
}
