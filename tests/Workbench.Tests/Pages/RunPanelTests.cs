using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Workbench.Components.Pages.Templates;
using Workbench.Core.Runs;
using Workbench.Core.Schemas;
using Workbench.Core.Templates;

namespace Workbench.Tests.Pages;

public class RunPanelTests
{
    private const string Schema = """{"type":"object","properties":{"city":{"type":"string"},"price":{"type":"number"}},"required":["city","price"],"additionalProperties":false}""";

    private static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;

    [Fact]
    public async Task RunPanel_Variables_ArePrefilledWithExamplesAndDefaults()
    {
        await using var context = new PageTestContext();
        var version = await CreateTemplateAsync(context);

        var cut = context.Render<RunPanel>(p => p.Add(x => x.Version, version).Add(x => x.TemplateName, "trip-quote"));

        Assert.Equal("Oslo", cut.Find("[data-testid=run-variable-city] input, textarea[data-testid=run-variable-city], [data-testid=run-variable-city] textarea").GetAttribute("value"));
        Assert.Equal("none", cut.Find("[data-testid=run-variable-notes] input, textarea[data-testid=run-variable-notes], [data-testid=run-variable-notes] textarea").GetAttribute("value"));
        Assert.Contains("Runs version 1, as saved.", cut.Find("[data-testid=run-version-note]").TextContent, StringComparison.Ordinal);
        Assert.NotEmpty(cut.FindAll("[data-testid=run-faults]")); // the simulated provider offers faults
    }

    [Fact]
    public async Task RunPanel_UnsavedChanges_SaysWhichVersionRunsAndOffersSave()
    {
        await using var context = new PageTestContext();
        var version = await CreateTemplateAsync(context);
        var saveRequested = false;

        var cut = context.Render<RunPanel>(p => p.Add(x => x.Version, version).Add(x => x.TemplateName, "trip-quote")
            .Add(x => x.HasUnsavedChanges, true).Add(x => x.SaveRequested, () => saveRequested = true));

        Assert.Contains("Runs version 1 — save to run your changes", cut.Find("[data-testid=run-version-note]").TextContent, StringComparison.Ordinal);
        cut.Find("[data-testid=run-save-first]").Click();
        Assert.True(saveRequested);
    }

    [Fact]
    public async Task RunPanel_UnknownProvider_ProblemIsShownAtTheProviderField()
    {
        await using var context = new PageTestContext();
        var version = await CreateTemplateAsync(context);
        var broken = version with { Content = version.Content with { Settings = version.Content.Settings with { Provider = "nope" } } };

        var cut = context.Render<RunPanel>(p => p.Add(x => x.Version, broken).Add(x => x.TemplateName, "trip-quote"));
        await cut.InvokeAsync(() => cut.Find("[data-testid=run-button]").Click());

        cut.WaitForAssertion(() => Assert.Contains("There is no provider named 'nope'", cut.Find("[data-testid=run-provider]").TextContent, StringComparison.Ordinal));
        Assert.Empty(cut.FindAll("[data-testid=attempt-timeline]"));
    }

    [Fact]
    public async Task RunPanel_MissingVariable_ProblemIsShownAtTheVariables()
    {
        await using var context = new PageTestContext();
        var version = await CreateTemplateAsync(context);
        var withoutVariables = version with { Content = version.Content with { Variables = [] } };

        var cut = context.Render<RunPanel>(p => p.Add(x => x.Version, withoutVariables).Add(x => x.TemplateName, "trip-quote"));
        await cut.InvokeAsync(() => cut.Find("[data-testid=run-button]").Click());

        cut.WaitForAssertion(() => Assert.Contains("variables:", cut.Find("[data-testid=problem-list]").TextContent, StringComparison.Ordinal));
        Assert.Contains("city", cut.Find("[data-testid=problem-list]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunPanel_UnknownTemplate_ProblemIsListed()
    {
        await using var context = new PageTestContext();
        var version = await CreateTemplateAsync(context);

        var cut = context.Render<RunPanel>(p => p.Add(x => x.Version, version).Add(x => x.TemplateName, "no-such-template"));
        await cut.InvokeAsync(() => cut.Find("[data-testid=run-button]").Click());

        cut.WaitForAssertion(() => Assert.Contains("There is no template named 'no-such-template'", cut.Find("[data-testid=problem-list]").TextContent, StringComparison.Ordinal));
    }

    [Fact]
    public async Task RunPanel_Run_StreamsAndShowsTheStoredResult()
    {
        await using var context = new PageTestContext(Settings(chunkDelayMilliseconds: 0));
        var worker = await StartWorkerAsync(context);
        var version = await CreateTemplateAsync(context);

        var cut = context.Render<RunPanel>(p => p.Add(x => x.Version, version).Add(x => x.TemplateName, "trip-quote"));
        await cut.InvokeAsync(() => cut.Find("[data-testid=run-button]").Click());

        cut.WaitForAssertion(() => Assert.NotNull(cut.Find("[data-testid=run-details-link]")), TimeSpan.FromSeconds(30));
        Assert.Equal("valid", cut.Find("[data-testid=final-answer] [data-testid=run-status]").TextContent.Trim());
        Assert.Equal("valid", cut.Find("[data-testid=attempt-1]").GetAttribute("data-status"));
        Assert.NotNull(cut.Instance.RunId);
        await worker.StopAsync(Ct);
    }

    [Fact]
    public async Task RunPanel_Cancel_StoresAndShowsCancelled()
    {
        await using var context = new PageTestContext(Settings(chunkDelayMilliseconds: 400));
        var worker = await StartWorkerAsync(context);
        var version = await CreateTemplateAsync(context);

        var cut = context.Render<RunPanel>(p => p.Add(x => x.Version, version).Add(x => x.TemplateName, "trip-quote"));
        await cut.InvokeAsync(() => cut.Find("[data-testid=run-button]").Click());
        cut.WaitForAssertion(() => Assert.NotNull(cut.Find("[data-testid=streaming-text]")), TimeSpan.FromSeconds(30));
        await cut.InvokeAsync(() => cut.Find("[data-testid=cancel-run]").Click());

        cut.WaitForAssertion(() => Assert.NotNull(cut.Find("[data-testid=run-details-link]")), TimeSpan.FromSeconds(30));
        Assert.Equal("cancelled", cut.Find("[data-testid=final-answer] [data-testid=run-status]").TextContent.Trim());
        var stored = await context.Services.GetRequiredService<RunStore>().GetAsync(cut.Instance.RunId!.Value, Ct);
        Assert.Equal(RunStatus.Cancelled, stored!.Status);
        Assert.Empty(cut.FindAll("[data-testid=cancel-run]"));
        await worker.StopAsync(Ct);
    }

    [Fact]
    public async Task RunPanel_Disposed_WhileRunning_CancelsTheRun()
    {
        await using var context = new PageTestContext(Settings(chunkDelayMilliseconds: 400));
        var worker = await StartWorkerAsync(context);
        var version = await CreateTemplateAsync(context);
        var cut = context.Render<RunPanel>(p => p.Add(x => x.Version, version).Add(x => x.TemplateName, "trip-quote"));
        await cut.InvokeAsync(() => cut.Find("[data-testid=run-button]").Click());
        cut.WaitForAssertion(() => Assert.NotNull(cut.Find("[data-testid=streaming-text]")), TimeSpan.FromSeconds(30));
        var id = cut.Instance.RunId!.Value;

        cut.Instance.Dispose();

        var store = context.Services.GetRequiredService<RunStore>();
        RunRecord? run = null;
        for (var i = 0; i < 300 && run?.Status is null or RunStatus.Queued or RunStatus.Running; i++)
        {
            await Task.Delay(100, Ct);
            run = await store.GetAsync(id, Ct);
        }

        Assert.Equal(RunStatus.Cancelled, run!.Status);
        await worker.StopAsync(Ct);
    }

    private static Dictionary<string, string?> Settings(int chunkDelayMilliseconds) => new()
    {
        ["Workbench:Providers:simulated:Type"] = "simulated",
        ["Workbench:Providers:simulated:Simulation:ChunkDelayMilliseconds"] = chunkDelayMilliseconds.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    /// <summary>bUnit runs no hosted services: start the run worker by hand.</summary>
    private static async Task<RunWorker> StartWorkerAsync(PageTestContext context)
    {
        var worker = context.Services.GetServices<IHostedService>().OfType<RunWorker>().Single();
        await worker.StartAsync(Ct);
        return worker;
    }

    private static async Task<TemplateVersionInfo> CreateTemplateAsync(PageTestContext context)
    {
        var schema = await context.Services.GetRequiredService<SchemaService>().CreateAsync(new NewSchema("quote", null, Schema), "tester", Ct);
        Assert.True(schema.Succeeded, string.Join("; ", schema.Problems));
        var content = new TemplateContent(
            [new TemplateMessage(MessageRole.System, "You quote trips."), new TemplateMessage(MessageRole.User, "Quote a trip to {{ city }}. Notes: {{ notes }}")],
            ModelSettings.Default,
            [new VariableDeclaration("city", "Where to", true, null, "Oslo"), new VariableDeclaration("notes", null, false, "none", null)],
            new OutputSchemaLink(schema.Value!.Id, 1));
        var templates = context.Services.GetRequiredService<TemplateService>();
        var template = await templates.CreateAsync(new NewTemplate("trip-quote", null, [], content), "tester", Ct);
        Assert.True(template.Succeeded, string.Join("; ", template.Problems));
        return (await templates.GetLatestVersionAsync(template.Value!.Id, Ct))!;
    }
}
