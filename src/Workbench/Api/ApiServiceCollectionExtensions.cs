using System.Text.Json;
using System.Text.Json.Serialization;
using Workbench.Api.Templates;

namespace Workbench.Api;

/// <summary>Services of the REST API: JSON conventions, problem details, the OpenAPI document and the endpoint helpers.</summary>
internal static class ApiServiceCollectionExtensions
{
    public const string DocumentName = "v1";

    public static IServiceCollection AddWorkbenchApi(this IServiceCollection services)
    {
        // camelCase (the web default) and enums as lower-case strings: "valid", "transport-retry".
        services.ConfigureHttpJsonOptions(o => ConfigureJson(o.SerializerOptions));
        services.AddProblemDetails(o => o.CustomizeProblemDetails = ApiProblems.AddCorrelationId);
        services.AddOpenApi(DocumentName, o =>
        {
            o.ShouldInclude = d => d.RelativePath?.StartsWith("api/", StringComparison.Ordinal) == true;
            o.AddDocumentTransformer<ApiDocumentTransformer>();
        });
        services.AddScoped<TemplatePublisher>();
        return services;
    }

    public static void ConfigureJson(JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower, allowIntegerValues: false));
    }
}
