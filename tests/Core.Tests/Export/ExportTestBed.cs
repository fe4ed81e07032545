using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Workbench.Core.Audit;
using Workbench.Core.Configuration;
using Workbench.Core.Export;
using Workbench.Core.Persistence;
using Workbench.Core.Providers;
using Workbench.Core.Redaction;
using Workbench.Core.Schemas;
using Workbench.Core.Templates;
using Workbench.Core.Tests.Persistence;

namespace Workbench.Core.Tests.Export;

/// <summary>A migrated database with template, schema, export and import services, fake batch evidence and test cases.</summary>
public sealed class ExportTestBed : IAsyncDisposable
{
    internal const string Schema = """
        {
          "type": "object",
          "properties": { "name": { "type": "string" }, "email": { "type": "string" } },
          "required": ["name"]
        }
        """;

    private readonly ServiceProvider _providers;

    private ExportTestBed(TestDatabase db, double minimumPassRate)
    {
        Db = db;
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Workbench:Providers:simulated:Type"] = "simulated",
            ["Workbench:Providers:openai:Type"] = "openai",
            ["Workbench:Providers:local:Type"] = "openai-compatible",
            ["Workbench:Providers:local:BaseUrl"] = "http://127.0.0.1:11434/v1",
            ["Workbench:Providers:claude:Type"] = "anthropic",
        }).Build();
        _providers = new ServiceCollection().AddLogging().AddWorkbenchProviders(configuration).BuildServiceProvider();
        Options = new WorkbenchOptions { Export = new ExportOptions { MinimumPassRate = minimumPassRate } };
        Templates = db.CreateTemplateService();
        Schemas = db.CreateSchemaService();
        Export = new ExportService(Templates, Schemas, Evidence, TestCases, Redactor.CreateDefault(), _providers.GetRequiredService<ProviderCatalog>(),
            new StaticOptions(Options), db.Time, NullLogger<ExportService>.Instance, new AuditTrail(db.Factory, db.Time));
        Import = new ImportService(db.Factory, TestCases, new StaticOptions(Options), db.Time, NullLogger<ImportService>.Instance);
    }

    public TestDatabase Db { get; }

    public WorkbenchOptions Options { get; }

    public TemplateService Templates { get; }

    public SchemaService Schemas { get; }

    public FakeEvidence Evidence { get; } = new();

    public FakeTestCases TestCases { get; } = new();

    public ExportService Export { get; }

    public ImportService Import { get; }

    public static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static async Task<ExportTestBed> CreateAsync(double minimumPassRate = 1.0, DatabaseProvider provider = DatabaseProvider.Sqlite) =>
        new(await TestDatabase.CreateAsync(provider), minimumPassRate);

    /// <summary>A content whose example value holds an e-mail address (so redaction at export has something to do).</summary>
    public static TemplateContent Content(OutputSchemaLink? link, string provider = "simulated", string model = "simulated-json", params TemplateMessage[] messages) => new(
        messages.Length > 0 ? messages : [new TemplateMessage(MessageRole.System, "You extract contacts as JSON."), new TemplateMessage(MessageRole.User, "Extract the contact from:\n{{ text }}")],
        new ModelSettings(provider, model, 0.2, 512, 0.9, ["END"]),
        [new VariableDeclaration("text", "The text to read", true, null, "Ada Lovelace, ada@example.com")],
        link);

    /// <summary>
    /// A schema and a template whose version 1 links it; with <paramref name="passing"/>, a finished all-passing batch.
    /// With <paramref name="clean"/>, nothing in it is redacted at export (the example holds no personal data).
    /// </summary>
    public async Task<(TemplateSummary Template, TemplateVersionInfo Version)> CreateValidatedAsync(string name = "Contact extractor", bool passing = true, TemplateContent? content = null, bool clean = false)
    {
        var schema = await Schemas.CreateAsync(new NewSchema(name + " output", "Contacts", Schema), "alice", Ct);
        Assert.True(schema.Succeeded, string.Join("; ", schema.Problems));
        var defaultContent = Content(new OutputSchemaLink(schema.Value!.Id, 1));
        if (clean)
        {
            defaultContent = defaultContent with { Variables = [defaultContent.Variables[0] with { ExampleValue = "Ada Lovelace, analyst" }] };
        }

        var created = await Templates.CreateAsync(new NewTemplate(name, "Reads contacts", ["extraction"], content ?? defaultContent), "alice", Ct);
        Assert.True(created.Succeeded, string.Join("; ", created.Problems));
        var version = (await Templates.GetVersionAsync(created.Value!.Id, 1, Ct))!;
        if (passing)
        {
            Evidence.Set(created.Value.Id, 1, new BatchEvidence(Guid.CreateVersion7(), true, 4, 4, ["simulated-json"], Db.Time.GetUtcNow().UtcDateTime));
        }

        return (created.Value, version);
    }

    public async ValueTask DisposeAsync()
    {
        await _providers.DisposeAsync();
        await Db.DisposeAsync();
    }

    public sealed class FakeEvidence : IExportEvidence
    {
        private readonly Dictionary<(Guid, int), BatchEvidence> _batches = [];

        public void Set(Guid templateId, int version, BatchEvidence evidence) => _batches[(templateId, version)] = evidence;

        public Task<BatchEvidence?> GetLatestBatchAsync(Guid templateId, int versionNumber, CancellationToken cancellationToken = default) =>
            Task.FromResult(_batches.GetValueOrDefault((templateId, versionNumber)));
    }

    public sealed class FakeTestCases : ITestCaseSource, ITestCaseSink
    {
        public List<PackagedTestCase> Cases { get; } = [];

        public List<(Guid TemplateId, PackagedTestCase Case)> Stored { get; } = [];

        public bool CanStore { get; set; } = true;

        public IReadOnlyList<TemplateProblem> Check(IReadOnlyList<PackagedTestCase> cases) => [];

        public Task<IReadOnlyList<PackagedTestCase>> GetTestCasesAsync(Guid templateId, CancellationToken cancellationToken = default) =>
            Task.FromResult<IReadOnlyList<PackagedTestCase>>(Cases);

        public Task<int> StoreAsync(Guid templateId, IReadOnlyList<PackagedTestCase> cases, CancellationToken cancellationToken = default)
        {
            Stored.AddRange(cases.Select(c => (templateId, c)));
            return Task.FromResult(cases.Count);
        }
    }

    private sealed class StaticOptions(WorkbenchOptions value) : IOptionsMonitor<WorkbenchOptions>
    {
        public WorkbenchOptions CurrentValue => value;

        public WorkbenchOptions Get(string? name) => value;

        public IDisposable? OnChange(Action<WorkbenchOptions, string?> listener) => null;
    }
}
