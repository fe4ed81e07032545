using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Workbench.Core.Providers;
using Workbench.Core.Runs;
using Workbench.Core.Schemas;
using Workbench.Core.Templates;
using Workbench.Core.Tests.Persistence;
using Workbench.Core.Tests.Providers.Fakes;

namespace Workbench.Core.Tests.Runs;

/// <summary>A migrated database with a schema-bound template "trip-quote" and the simulated provider at zero pace.</summary>
public sealed class RunTestBed : IAsyncDisposable
{
    public const string Schema = """{"type":"object","properties":{"city":{"type":"string"},"price":{"type":"number"}},"required":["city","price"],"additionalProperties":false}""";

    public const string TemplateName = "trip-quote";

    private RunTestBed(TestDatabase database, ProviderTestHost host)
    {
        Database = database;
        Host = host;
        Engine = new RunEngine(database.Factory, database.CreateSchemaService(), host.Catalog, TimeProvider.System, NullLogger<RunEngine>.Instance);
    }

    public TestDatabase Database { get; }

    public ProviderTestHost Host { get; }

    public RunEngine Engine { get; }

    public static async Task<RunTestBed> CreateAsync(int chunkDelayMilliseconds = 0, int maxRetries = 3)
    {
        var database = await TestDatabase.CreateAsync();
        var host = ProviderTestHost.Create(new Dictionary<string, string?>
        {
            ["Workbench:Providers:simulated:Type"] = "simulated",
            ["Workbench:Providers:simulated:MaxRetries"] = maxRetries.ToString(CultureInfo.InvariantCulture),
            ["Workbench:Providers:simulated:RetryBaseDelayMilliseconds"] = "5",
            ["Workbench:Providers:simulated:Simulation:ChunkDelayMilliseconds"] = chunkDelayMilliseconds.ToString(CultureInfo.InvariantCulture),
            ["Workbench:Providers:simulated:Simulation:RetryAfterMilliseconds"] = "25",
        });
        var bed = new RunTestBed(database, host);
        var schema = await database.CreateSchemaService().CreateAsync(new NewSchema("quote", null, Schema), "tester");
        Assert.True(schema.Succeeded, string.Join("; ", schema.Problems));
        var content = new TemplateContent(
            [new TemplateMessage(MessageRole.System, "You quote trips."), new TemplateMessage(MessageRole.User, "Quote a trip to {{ city }}. Notes: {{ notes }}")],
            ModelSettings.Default,
            [new VariableDeclaration("city", null, true, null, "Oslo"), new VariableDeclaration("notes", null, false, "none", null)],
            new OutputSchemaLink(schema.Value!.Id, 1));
        var template = await database.CreateTemplateService().CreateAsync(new NewTemplate(TemplateName, null, [], content), "tester");
        Assert.True(template.Succeeded, string.Join("; ", template.Problems));
        return bed;
    }

    public static RunRequest Request(params string[] faults) => new(TemplateName, new Dictionary<string, string?> { ["city"] = "Oslo" })
    {
        Simulation = new SimulationSettings { Faults = faults, Seed = 7 },
    };

    public async ValueTask DisposeAsync()
    {
        Host.Dispose();
        await Database.DisposeAsync();
    }

    internal IServiceProvider Services => Host.Services;

    internal T Get<T>()
        where T : notnull => Services.GetRequiredService<T>();
}
