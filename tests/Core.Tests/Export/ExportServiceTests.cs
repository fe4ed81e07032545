using Workbench.Core.Persistence;
using System.Text.Json.Nodes;
using Workbench.Core.Export;
using Workbench.Core.Templates;
using Workbench.Core.Validation;
using YamlDotNet.RepresentationModel;

namespace Workbench.Core.Tests.Export;

public class ExportServiceTests
{
    /// <summary>The engine these tests run against; the PostgreSQL subclass runs them all again there (ADR-020).</summary>
    protected virtual DatabaseProvider Provider => DatabaseProvider.Sqlite;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Check_NoSchemaAndNoBatch_ReportsEveryReasonWithAFix()
    {
        await using var bed = await ExportTestBed.CreateAsync(provider: Provider);
        var created = await bed.Templates.CreateAsync(new NewTemplate("Plain", null, [], ExportTestBed.Content(null)), "alice", Ct);
        var version = (await bed.Templates.GetVersionAsync(created.Value!.Id, 1, Ct))!;

        var readiness = await bed.Export.CheckAsync(version, Ct);

        Assert.False(readiness.IsExportable);
        Assert.Equal([ExportBlocker.NoSchema, ExportBlocker.NoBatch], readiness.Blockers.Select(b => b.Code));
        Assert.Contains("No batch has run this version's test cases yet", readiness.Blockers[1].Message, StringComparison.Ordinal);
        Assert.All(readiness.Blockers, b => Assert.False(string.IsNullOrWhiteSpace(b.Fix)));
    }

    [Fact]
    public async Task Check_DefaultEvidence_SaysNoBatchHasRun()
    {
        var readiness = await new NoExportEvidence().GetLatestBatchAsync(Guid.NewGuid(), 1, Ct);

        Assert.Null(readiness);
    }

    [Fact]
    public async Task Check_PassRateBelowMinimum_NamesRateAndSetting()
    {
        await using var bed = await ExportTestBed.CreateAsync(provider: Provider);
        var (template, version) = await bed.CreateValidatedAsync(passing: false);
        bed.Evidence.Set(template.Id, 1, new BatchEvidence(Guid.NewGuid(), true, 10, 9, ["m"], null));

        var blocker = Assert.Single((await bed.Export.CheckAsync(version, Ct)).Blockers);

        Assert.Equal(ExportBlocker.PassRateTooLow, blocker.Code);
        Assert.Contains("9 of 10", blocker.Message, StringComparison.Ordinal);
        Assert.Contains("Workbench:Export:MinimumPassRate", blocker.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_LowerConfiguredMinimum_AcceptsTheBatch()
    {
        await using var bed = await ExportTestBed.CreateAsync(minimumPassRate: 0.9, provider: Provider);
        var (template, version) = await bed.CreateValidatedAsync(passing: false);
        bed.Evidence.Set(template.Id, 1, new BatchEvidence(Guid.NewGuid(), true, 10, 9, ["m"], null));

        Assert.True((await bed.Export.CheckAsync(version, Ct)).IsExportable);
    }

    [Fact]
    public async Task Check_UnfinishedBatch_IsNotEnough()
    {
        await using var bed = await ExportTestBed.CreateAsync(provider: Provider);
        var (template, version) = await bed.CreateValidatedAsync(passing: false);
        bed.Evidence.Set(template.Id, 1, new BatchEvidence(Guid.NewGuid(), false, 2, 2, ["m"], null));

        Assert.Equal(ExportBlocker.BatchUnfinished, Assert.Single((await bed.Export.CheckAsync(version, Ct)).Blockers).Code);
    }

    [Fact]
    public async Task Check_BatchWithNoEvaluatedCases_IsNotEnough()
    {
        await using var bed = await ExportTestBed.CreateAsync(minimumPassRate: 0, provider: Provider);
        var (template, version) = await bed.CreateValidatedAsync(passing: false);
        bed.Evidence.Set(template.Id, 1, new BatchEvidence(Guid.NewGuid(), true, 0, 0, ["m"], null));

        Assert.Equal(ExportBlocker.PassRateTooLow, Assert.Single((await bed.Export.CheckAsync(version, Ct)).Blockers).Code);
    }

    [Fact]
    public async Task Export_NotValidated_IsRefusedWithReasons()
    {
        await using var bed = await ExportTestBed.CreateAsync(provider: Provider);
        var (template, _) = await bed.CreateValidatedAsync(passing: false);

        var outcome = await bed.Export.ExportAsync(template.Id, 1, ExportFormat.Bundle, Ct);

        var refused = Assert.IsType<ExportOutcome.NotExportable>(outcome);
        Assert.Equal(ExportBlocker.NoBatch, Assert.Single(refused.Blockers).Code);
    }

    [Fact]
    public async Task Export_Bundle_IsValidAgainstThePublishedSchema()
    {
        await using var bed = await ExportTestBed.CreateAsync(provider: Provider);
        var (template, _) = await bed.CreateValidatedAsync();
        bed.TestCases.Cases.Add(new PackagedTestCase("smoke", new Dictionary<string, string?> { ["text"] = "Grace Hopper" }));
        bed.TestCases.Cases.Add(new PackagedTestCase("smoke", new Dictionary<string, string?> { ["text"] = "Alan" }, PackagedTestCase.EqualsJson, """{"name":"Alan"}"""));
        await bed.Templates.SetLabelAsync(template.Id, "production", 1, "alice", Ct);

        var file = Assert.IsType<ExportOutcome.Exported>(await bed.Export.ExportAsync(template.Id, 1, ExportFormat.Bundle, Ct)).File;

        var published = await File.ReadAllTextAsync(Path.Combine(RepositoryRoot(), "docs", "formats", "bundle.schema.json"), Ct);
        var validation = OutputValidator.Validate(published, file.Content);
        Assert.True(validation.IsValid, string.Join("; ", validation.Issues.Select(i => $"{i.Path}: {i.Message}")));
        var root = JsonNode.Parse(file.Content)!;
        Assert.Equal("prompt-workbench-bundle", (string?)root["format"]);
        Assert.Equal(1, (int?)root["formatVersion"]);
        Assert.Equal("production", (string?)root["labels"]![0]);
        Assert.Equal(1.0, (double?)root["validation"]!["passRate"]);
        Assert.Equal(2, root["testCases"]!.AsArray().Count);
        Assert.Equal("contact-extractor-v1.bundle.json", file.FileName);
        Assert.Equal("application/json", file.ContentType);
    }

    [Fact]
    public async Task Export_SecretsAndPersonalData_AreRedactedAndKeysNeverWritten()
    {
        await using var bed = await ExportTestBed.CreateAsync(provider: Provider);
        var key = "sk-" + "proj-" + string.Concat(Enumerable.Repeat("a1B2c3D4", 6));
        var schema = await bed.Schemas.CreateAsync(new Core.Schemas.NewSchema("Out", null, ExportTestBed.Schema), "alice", Ct);
        var content = ExportTestBed.Content(new OutputSchemaLink(schema.Value!.Id, 1), "openai", "gpt-4o-mini",
            new TemplateMessage(MessageRole.System, $"Use key {key} and write to grace@example.com."),
            new TemplateMessage(MessageRole.User, "{{ text }}"));
        var (template, _) = await bed.CreateValidatedAsync("Leaky", content: content);

        foreach (var format in ExportFormats.All)
        {
            var file = Assert.IsType<ExportOutcome.Exported>(await bed.Export.ExportAsync(template.Id, 1, format, Ct)).File;
            Assert.DoesNotContain(key, file.Content, StringComparison.Ordinal);
            Assert.DoesNotContain("grace@example.com", file.Content, StringComparison.Ordinal);
            Assert.DoesNotContain("ada@example.com", file.Content, StringComparison.Ordinal);
            Assert.True(file.RedactedValues >= 2, format.ToString());
        }
    }

    [Fact]
    public async Task Export_ByLabelOrName_ResolvesTheVersion()
    {
        await using var bed = await ExportTestBed.CreateAsync(provider: Provider);
        var (template, _) = await bed.CreateValidatedAsync();
        await bed.Templates.SetLabelAsync(template.Id, "production", 1, "alice", Ct);

        Assert.IsType<ExportOutcome.Exported>(await bed.Export.ExportAsync("CONTACT EXTRACTOR", "production", null, ExportFormat.Bundle, Ct));
        Assert.IsType<ExportOutcome.Exported>(await bed.Export.ExportAsync("Contact extractor", null, 1, ExportFormat.Prompty, Ct));
        Assert.Contains("no label 'staging'", Assert.IsType<ExportOutcome.NotFound>(await bed.Export.ExportAsync("Contact extractor", "staging", null, ExportFormat.Bundle, Ct)).Message, StringComparison.Ordinal);
        Assert.IsType<ExportOutcome.NotFound>(await bed.Export.ExportAsync("Contact extractor", null, 7, ExportFormat.Bundle, Ct));
        Assert.IsType<ExportOutcome.NotFound>(await bed.Export.ExportAsync("Nope", null, null, ExportFormat.Bundle, Ct));
    }

    [Fact]
    public async Task Export_PromptyWithLiquidFilter_IsRefusedButBundleIsNot()
    {
        await using var bed = await ExportTestBed.CreateAsync(provider: Provider);
        var schema = await bed.Schemas.CreateAsync(new Core.Schemas.NewSchema("Out", null, ExportTestBed.Schema), "alice", Ct);
        var content = ExportTestBed.Content(new OutputSchemaLink(schema.Value!.Id, 1), messages:
            [new TemplateMessage(MessageRole.System, "Be brief."), new TemplateMessage(MessageRole.User, "Line one\n{{ text | upcase }}")]);
        var (template, _) = await bed.CreateValidatedAsync("Shouty", content: content);

        var refused = Assert.IsType<ExportOutcome.NotExportable>(await bed.Export.ExportAsync(template.Id, 1, ExportFormat.Prompty, Ct));
        var blocker = Assert.Single(refused.Blockers);
        Assert.Equal(ExportBlocker.FormatUnsupported, blocker.Code);
        Assert.Contains("messages[1] (line 2, column 1)", blocker.Message, StringComparison.Ordinal);
        Assert.Contains("filter", blocker.Message, StringComparison.Ordinal);
        Assert.IsType<ExportOutcome.NotExportable>(await bed.Export.ExportAsync(template.Id, 1, ExportFormat.Promptfoo, Ct));
        Assert.IsType<ExportOutcome.Exported>(await bed.Export.ExportAsync(template.Id, 1, ExportFormat.Bundle, Ct));
    }

    [Theory]
    [InlineData("{% unless x %}a{% endunless %}", false)]
    [InlineData("{% if x contains 'a' %}a{% endif %}", false)]
    [InlineData("{% if a %}1{% elsif b %}2{% endif %}", false)]
    [InlineData("{% for i in items limit: 2 %}{{ i }}{% endfor %}", false)]
    [InlineData("{{ forloop.index }}", false)]
    [InlineData("{% if a and b %}{{ a.name }}{% else %}{{ items[0] }}{% endif %}", true)]
    [InlineData("{% for i in items %}{{ i.name }}{% else %}none{% endfor %}", true)]
    [InlineData("user:", false)]
    public void PromptyCompatibility_LiquidConstructs_AreClassified(string text, bool compatible)
    {
        var content = new TemplateContent([new TemplateMessage(MessageRole.User, text)], ModelSettings.Default, []);

        Assert.Equal(compatible, PromptyFormat.CheckCompatibility(content).Count == 0);
    }

    [Theory]
    [InlineData("openai", "gpt-4o-mini", "openai:chat:gpt-4o-mini", null)]
    [InlineData("claude", "claude-sonnet-4-5", "anthropic:messages:claude-sonnet-4-5", null)]
    [InlineData("local", "llama3.1", "openai:chat:llama3.1", "http://127.0.0.1:11434/v1")]
    [InlineData("simulated", "simulated-json", "echo", null)]
    public async Task Export_Promptfoo_IsYamlWithPromptsProvidersAndIsJsonTests(string provider, string model, string expectedId, string? baseUrl)
    {
        await using var bed = await ExportTestBed.CreateAsync(provider: Provider);
        var schema = await bed.Schemas.CreateAsync(new Core.Schemas.NewSchema("Out", null, ExportTestBed.Schema), "alice", Ct);
        var (template, _) = await bed.CreateValidatedAsync("Foo", content: ExportTestBed.Content(new OutputSchemaLink(schema.Value!.Id, 1), provider, model));
        bed.TestCases.Cases.Add(new PackagedTestCase("smoke", new Dictionary<string, string?> { ["text"] = "Line \"one\"\nline two" }, PackagedTestCase.ContainsText, "Ada"));

        var file = Assert.IsType<ExportOutcome.Exported>(await bed.Export.ExportAsync(template.Id, 1, ExportFormat.Promptfoo, Ct)).File;

        var yaml = new YamlStream();
        yaml.Load(new StringReader(file.Content));
        var root = (YamlMappingNode)yaml.Documents[0].RootNode;
        var prompt = (YamlMappingNode)((YamlSequenceNode)root["prompts"])[0];
        var messages = JsonNode.Parse(((YamlScalarNode)prompt["raw"]).Value!)!.AsArray();
        Assert.Equal("system", (string?)messages[0]!["role"]);
        Assert.Equal("Extract the contact from:\n{{ text }}", (string?)messages[1]!["content"]);
        var providerNode = (YamlMappingNode)((YamlSequenceNode)root["providers"])[0];
        Assert.Equal(expectedId, ((YamlScalarNode)providerNode["id"]).Value);
        if (baseUrl is not null)
        {
            Assert.Equal(baseUrl, ((YamlScalarNode)((YamlMappingNode)providerNode["config"])["apiBaseUrl"]).Value);
        }

        var test = (YamlMappingNode)((YamlSequenceNode)root["tests"])[0];
        Assert.Equal("Line \"one\"\nline two", ((YamlScalarNode)((YamlMappingNode)test["vars"])["text"]).Value);
        var asserts = (YamlSequenceNode)test["assert"];
        var isJson = (YamlMappingNode)asserts[0];
        Assert.Equal("is-json", ((YamlScalarNode)isJson["type"]).Value);
        Assert.Equal("object", ((YamlScalarNode)((YamlMappingNode)isJson["value"])["type"]).Value);
        Assert.Equal("contains", ((YamlScalarNode)((YamlMappingNode)asserts[1])["type"]).Value);
    }

    [Fact]
    public async Task Export_PromptfooWithoutTestCases_UsesTheExamples()
    {
        await using var bed = await ExportTestBed.CreateAsync(provider: Provider);
        var (template, _) = await bed.CreateValidatedAsync();

        var file = Assert.IsType<ExportOutcome.Exported>(await bed.Export.ExportAsync(template.Id, 1, ExportFormat.Promptfoo, Ct)).File;

        var yaml = new YamlStream();
        yaml.Load(new StringReader(file.Content));
        var test = (YamlMappingNode)((YamlSequenceNode)((YamlMappingNode)yaml.Documents[0].RootNode)["tests"])[0];
        // The example holds an e-mail address: redacted on the way out like everything else.
        Assert.StartsWith("Ada Lovelace, [EMAIL", ((YamlScalarNode)((YamlMappingNode)test["vars"])["text"]).Value, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(1.5, 5_000_000, "Workbench:Export:MinimumPassRate")]
    [InlineData(1.0, 10, "Workbench:Export:MaxImportBytes")]
    public void Options_OutOfRange_FailStartUpNamingTheKey(double rate, int maxBytes, string key)
    {
        var options = new Configuration.WorkbenchOptions { Export = new Configuration.ExportOptions { MinimumPassRate = rate, MaxImportBytes = maxBytes } };

        var result = new Configuration.ConfigurationKeyValidator().Validate(null, options);

        Assert.True(result.Failed);
        Assert.Contains(key, result.FailureMessage, StringComparison.Ordinal);
    }

    private static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Workbench.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("Repository root not found.");
    }
}
