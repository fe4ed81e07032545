using Microsoft.Extensions.DependencyInjection;
using Workbench.Core.Schemas;
using Workbench.Core.Templates;

namespace Workbench.Tests.Batches;

/// <summary>Creates the schema-bound template "trip-quote" (city required, notes optional) through the app's own services.</summary>
internal static class BatchSeed
{
    public const string TemplateName = "trip-quote";

    public const string Schema = """{"type":"object","properties":{"city":{"type":"string"},"price":{"type":"number"}},"required":["city","price"],"additionalProperties":false}""";

    public static async Task CreateTemplateAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var schema = await services.GetRequiredService<SchemaService>().CreateAsync(new NewSchema("quote", null, Schema), "tester", cancellationToken);
        Assert.True(schema.Succeeded, string.Join("; ", schema.Problems));
        var content = new TemplateContent(
            [new TemplateMessage(MessageRole.System, "You quote trips."), new TemplateMessage(MessageRole.User, "Quote a trip to {{ city }}. Notes: {{ notes }}")],
            ModelSettings.Default,
            [new VariableDeclaration("city", null, true, null, "Oslo"), new VariableDeclaration("notes", null, false, "none", null)],
            new OutputSchemaLink(schema.Value!.Id, 1));
        var template = await services.GetRequiredService<TemplateService>().CreateAsync(new NewTemplate(TemplateName, null, [], content), "tester", cancellationToken);
        Assert.True(template.Succeeded, string.Join("; ", template.Problems));
    }
}
