using Microsoft.Extensions.Logging.Abstractions;
using Workbench.Core.Runs;
using Workbench.Core.Schemas;
using Workbench.Core.Templates;

namespace Workbench.Core.Tests.Runs;

public class RunPreparationCacheTests
{
    private const string Quote = """{"city":"Oslo","price":1}""";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Execute_SameVersionTwice_ReusesOneParsedTemplateAndOneCompiledSchema()
    {
        await using var bed = await RunTestBed.CreateAsync();
        var cache = new RunPreparationCache();
        var engine = EngineWith(bed, cache);

        var first = await engine.ExecuteAsync(RunTestBed.Request(), null, Ct);
        Assert.True(cache.Schemas.TryGet((first.SchemaId!.Value, 1), out var schemaAfterFirst));
        Assert.True(cache.Templates.TryGet((first.TemplateId!.Value, 1), out var templateAfterFirst));
        var second = await engine.ExecuteAsync(RunTestBed.Request(), null, Ct);

        Assert.Equal(RunStatus.Valid, first.Status);
        Assert.Equal(RunStatus.Valid, second.Status);
        Assert.Equal(1, cache.Schemas.Count);
        Assert.Equal(1, cache.Templates.Count);
        Assert.True(cache.Schemas.TryGet((first.SchemaId.Value, 1), out var schemaAfterSecond));
        Assert.Same(schemaAfterFirst, schemaAfterSecond);
        Assert.Same(schemaAfterFirst.Check.Compiled.Schema, schemaAfterSecond.Check.Compiled.Schema);
        Assert.True(cache.Templates.TryGet((first.TemplateId.Value, 1), out var templateAfterSecond));
        Assert.Same(templateAfterFirst, templateAfterSecond);
    }

    [Fact]
    public async Task Execute_NewVersionPinningANewSchemaVersion_GetsItsOwnEntriesAndValidatesAgainstIt()
    {
        await using var bed = await RunTestBed.CreateAsync();
        var cache = new RunPreparationCache();
        var engine = EngineWith(bed, cache);
        var first = await engine.ExecuteAsync(RunTestBed.Request(), null, Ct);
        var schemaId = first.SchemaId!.Value;
        var templateId = first.TemplateId!.Value;

        // Version 2 of the schema requires one more field; the simulated model answers from the schema it is sent, so the
        // field in the answer shows the new version was sent, and a valid run that it was validated against too.
        var stricter = RunTestBed.Schema.Replace("\"required\":[\"city\",\"price\"]", "\"required\":[\"city\",\"price\",\"currencyCode\"]", StringComparison.Ordinal)
            .Replace("\"price\":{\"type\":\"number\"}", "\"price\":{\"type\":\"number\"},\"currencyCode\":{\"type\":\"string\"}", StringComparison.Ordinal);
        Assert.Contains("currencyCode", stricter, StringComparison.Ordinal);
        var savedSchema = await bed.Database.CreateSchemaService().SaveVersionAsync(schemaId, 1, stricter, "stricter", "tester", Ct);
        Assert.IsType<SchemaSaveOutcome.Saved>(savedSchema);
        var templates = bed.Database.CreateTemplateService();
        var v1 = await engine.ResolveAsync(RunTestBed.Request(), Ct);
        var content = v1.Value!.Content with { OutputSchema = new OutputSchemaLink(schemaId, 2) };
        Assert.IsType<SaveVersionOutcome.Saved>(await templates.SaveVersionAsync(templateId, 1, content, "stricter schema", "tester", Ct));

        var second = await engine.ExecuteAsync(RunTestBed.Request(), null, Ct);
        var invalidForV2 = cache.Schemas.TryGet((schemaId, 2), out var v2) && v2.Check.Compiled.Schema!.Validate(Quote).Count > 0;

        Assert.Equal(2, second.TemplateVersion);
        Assert.Equal(2, second.SchemaVersion);
        Assert.Equal(RunStatus.Valid, second.Status);
        Assert.Contains("currencyCode", second.Json, StringComparison.Ordinal);
        Assert.True(invalidForV2);
        Assert.Equal(2, cache.Schemas.Count);
        Assert.Equal(2, cache.Templates.Count);
        Assert.True(cache.Schemas.TryGet((schemaId, 1), out var one));
        Assert.True(cache.Schemas.TryGet((schemaId, 2), out var two));
        Assert.NotSame(one.Check.Compiled.Schema, two.Check.Compiled.Schema);
    }

    [Fact]
    public async Task Execute_MoreVersionsThanCapacity_KeepsOnlyCapacityEntries()
    {
        await using var bed = await RunTestBed.CreateAsync();
        var cache = new RunPreparationCache(capacity: 1);
        var engine = EngineWith(bed, cache);
        var first = await engine.ExecuteAsync(RunTestBed.Request(), null, Ct);
        var v1 = await engine.ResolveAsync(RunTestBed.Request(), Ct);
        var templates = bed.Database.CreateTemplateService();
        var changed = v1.Value!.Content with { Messages = [.. v1.Value.Content.Messages, new TemplateMessage(MessageRole.User, "Be brief.")] };
        Assert.IsType<SaveVersionOutcome.Saved>(await templates.SaveVersionAsync(first.TemplateId!.Value, 1, changed, "brief", "tester", Ct));

        var second = await engine.ExecuteAsync(RunTestBed.Request(), null, Ct);
        var again = await engine.ExecuteAsync(RunTestBed.Request() with { Version = 1 }, null, Ct);

        Assert.Equal(2, second.TemplateVersion);
        Assert.Equal(RunStatus.Valid, second.Status);
        Assert.Equal(1, again.TemplateVersion);
        Assert.Equal(RunStatus.Valid, again.Status);
        Assert.Equal(1, cache.Templates.Count);
        Assert.True(cache.Templates.TryGet((first.TemplateId.Value, 1), out _));
        Assert.False(cache.Templates.TryGet((first.TemplateId.Value, 2), out _));
    }

    private static RunEngine EngineWith(RunTestBed bed, RunPreparationCache cache) =>
        new(bed.Database.Factory, bed.Database.CreateSchemaService(), bed.Host.Catalog, TimeProvider.System, bed.Options, NullLogger<RunEngine>.Instance, cache);
}
