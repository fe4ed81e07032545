using Workbench.Core.Persistence;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Workbench.Core.Export;
using Workbench.Core.Templates;

namespace Workbench.Core.Tests.Export;

public class ImportServiceTests
{
    /// <summary>The engine these tests run against; the PostgreSQL subclass runs them all again there (ADR-020).</summary>
    protected virtual DatabaseProvider Provider => DatabaseProvider.Sqlite;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<string> ExportAsync(ExportTestBed bed, Guid templateId, ExportFormat format) =>
        Assert.IsType<ExportOutcome.Exported>(await bed.Export.ExportAsync(templateId, 1, format, Ct)).File.Content;

    private static async Task<(TemplateVersionInfo Version, string SchemaJson)> LatestAsync(ExportTestBed bed, Guid templateId)
    {
        var version = (await bed.Templates.GetLatestVersionAsync(templateId, Ct))!;
        var schema = await bed.Schemas.GetVersionAsync(version.Content.OutputSchema!.SchemaId, version.Content.OutputSchema.VersionNumber, Ct);
        return (version, schema!.SchemaJson);
    }

    private static void AssertSameVersion(TemplateContent expected, string expectedSchema, TemplateContent actual, string actualSchema)
    {
        Assert.Equal(expected.Messages, actual.Messages);
        Assert.Equal(expected.Variables, actual.Variables);
        Assert.Equal(expected.Settings with { StopSequences = [] }, actual.Settings with { StopSequences = [] });
        Assert.Equal(expected.Settings.StopSequences, actual.Settings.StopSequences);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(expectedSchema), JsonNode.Parse(actualSchema)), actualSchema);
    }

    private static TemplateContent RichContent(OutputSchemaLink link) => new(
        [
            new TemplateMessage(MessageRole.System, "  You read contacts.\nReturn JSON: \"name\", 'email'; no prose: true\n# not a heading"),
            new TemplateMessage(MessageRole.User, "{% if style %}Style: {{ style }}{% endif %}\n{% for line in lines %}- {{ line.text }}\n{% endfor %}Text:\n{{ text }}"),
            new TemplateMessage(MessageRole.Assistant, "{\"name\": \"x\"}"),
            new TemplateMessage(MessageRole.User, "true"),
        ],
        new ModelSettings("openai", "gpt-4o-mini", 0.7, 2048, 1, ["END", "###"]),
        [
            new VariableDeclaration("text", "The text: multi\nline", true, null, "Ada Lovelace"),
            new VariableDeclaration("style", null, false, "terse", "123"),
            new VariableDeclaration("lines", "Lines as JSON", false, "[]", "[{\"text\":\"a\"}]", VariableKind.Json),
        ],
        link);

    [Theory]
    [InlineData(ExportFormat.Bundle)]
    [InlineData(ExportFormat.Prompty)]
    public async Task RoundTrip_ExportThenImportIntoFreshDatabase_GivesAnEqualVersion(ExportFormat format)
    {
        string file;
        TemplateContent original;
        string originalSchema;
        await using (var source = await ExportTestBed.CreateAsync(provider: Provider))
        {
            var schema = await source.Schemas.CreateAsync(new Core.Schemas.NewSchema("Contact", null, ExportTestBed.Schema), "alice", Ct);
            var (template, _) = await source.CreateValidatedAsync("Round trip", content: RichContent(new OutputSchemaLink(schema.Value!.Id, 1)));
            file = await ExportAsync(source, template.Id, format);
            (var version, originalSchema) = await LatestAsync(source, template.Id);
            original = version.Content;
        }

        await using var target = await ExportTestBed.CreateAsync(provider: Provider);
        var preview = await target.Import.PreviewAsync(Encoding.UTF8.GetBytes(file), "round-trip." + (format == ExportFormat.Bundle ? "bundle.json" : "prompty"), Ct);
        Assert.True(preview.CanApply, string.Join("; ", preview.Problems));
        Assert.Equal(ImportAction.NewTemplate, preview.Action);
        Assert.Equal(SchemaImportAction.Create, preview.SchemaAction);

        var imported = Assert.IsType<ImportOutcome.Imported>(await target.Import.ApplyAsync(Encoding.UTF8.GetBytes(file), "x", "bob", Ct));

        Assert.True(imported.CreatedTemplate);
        Assert.Equal("Round trip", imported.TemplateName);
        var (copy, copySchema) = await LatestAsync(target, imported.TemplateId);
        AssertSameVersion(original, originalSchema, copy.Content, copySchema);
        Assert.Equal("bob", copy.Author);
        Assert.Contains("by alice", copy.CommitMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Import_BundleTestCases_GoToTheTestCaseSink()
    {
        await using var bed = await ExportTestBed.CreateAsync(provider: Provider);
        var (template, _) = await bed.CreateValidatedAsync();
        bed.TestCases.Cases.Add(new PackagedTestCase("smoke", new Dictionary<string, string?> { ["text"] = "Alan" }, PackagedTestCase.ContainsText, "Alan"));
        var file = await ExportAsync(bed, template.Id, ExportFormat.Bundle);

        await using var target = await ExportTestBed.CreateAsync(provider: Provider);
        var imported = Assert.IsType<ImportOutcome.Imported>(await target.Import.ApplyAsync(Encoding.UTF8.GetBytes(file), "b.json", "bob", Ct));

        Assert.Equal(1, imported.TestCasesStored);
        var stored = Assert.Single(target.TestCases.Stored);
        Assert.Equal(imported.TemplateId, stored.TemplateId);
        Assert.Equal(PackagedTestCase.ContainsText, stored.Case.Expect);
        Assert.Equal("Alan", stored.Case.Variables["text"]);
    }

    [Fact]
    public async Task Import_WithoutTestCaseStore_WarnsThatTestCasesAreSkipped()
    {
        await using var bed = await ExportTestBed.CreateAsync(provider: Provider);
        var (template, _) = await bed.CreateValidatedAsync();
        bed.TestCases.Cases.Add(new PackagedTestCase("smoke", new Dictionary<string, string?> { ["text"] = "Alan" }));
        var file = await ExportAsync(bed, template.Id, ExportFormat.Bundle);

        await using var target = await ExportTestBed.CreateAsync(provider: Provider);
        target.TestCases.CanStore = false;
        var preview = await target.Import.PreviewAsync(Encoding.UTF8.GetBytes(file), null, Ct);

        Assert.Contains(preview.Warnings, w => w.Contains("1 test cases", StringComparison.Ordinal));
        Assert.Equal(0, preview.TestCasesStored);
    }

    [Fact]
    public async Task Import_ExistingTemplateName_PreviewsANewVersionWithDiffAndReusesSameSchema()
    {
        await using var bed = await ExportTestBed.CreateAsync(provider: Provider);
        var (template, _) = await bed.CreateValidatedAsync();
        var file = await ExportAsync(bed, template.Id, ExportFormat.Bundle);
        var edited = file.Replace("You extract contacts as JSON.", "You extract contacts as strict JSON.", StringComparison.Ordinal);

        var preview = await bed.Import.PreviewAsync(Encoding.UTF8.GetBytes(edited), null, Ct);

        Assert.Equal(ImportAction.NewVersion, preview.Action);
        Assert.Equal(template.Id, preview.ExistingTemplateId);
        Assert.Equal(2, preview.NewVersionNumber);
        Assert.Equal(SchemaImportAction.Reuse, preview.SchemaAction);
        Assert.Equal(1, preview.Diff!.MessagesChanged);

        var imported = Assert.IsType<ImportOutcome.Imported>(await bed.Import.ApplyAsync(Encoding.UTF8.GetBytes(edited), null, "bob", Ct));
        Assert.False(imported.CreatedTemplate);
        Assert.Equal(2, imported.VersionNumber);
        var v2 = (await bed.Templates.GetVersionAsync(template.Id, 2, Ct))!;
        Assert.Equal("You extract contacts as strict JSON.", v2.Content.Messages[0].Text);
        Assert.Equal(1, v2.Content.OutputSchema!.VersionNumber);
    }

    [Fact]
    public async Task Import_SameContentAgain_IsUnchangedAndWritesNothing()
    {
        await using var bed = await ExportTestBed.CreateAsync(provider: Provider);
        var (template, _) = await bed.CreateValidatedAsync(clean: true);
        var file = Encoding.UTF8.GetBytes(await ExportAsync(bed, template.Id, ExportFormat.Bundle));

        var preview = await bed.Import.PreviewAsync(file, null, Ct);
        Assert.True(preview.Action == ImportAction.Unchanged, $"{preview.Action} {preview.SchemaAction} {System.Text.Json.JsonSerializer.Serialize(preview.Diff)}");
        Assert.IsType<ImportOutcome.Unchanged>(await bed.Import.ApplyAsync(file, null, "bob", Ct));
        Assert.Single(await bed.Templates.ListVersionsAsync(template.Id, Ct));
    }

    [Fact]
    public async Task Import_ChangedSchema_AddsASchemaVersion()
    {
        await using var bed = await ExportTestBed.CreateAsync(provider: Provider);
        var (template, _) = await bed.CreateValidatedAsync(clean: true);
        var bundle = JsonNode.Parse(await ExportAsync(bed, template.Id, ExportFormat.Bundle))!;
        bundle["schema"]!["json"]!["required"] = new JsonArray("name", "email");
        var file = bundle.ToJsonString();

        var preview = await bed.Import.PreviewAsync(Encoding.UTF8.GetBytes(file), null, Ct);

        Assert.Equal(SchemaImportAction.NewVersion, preview.SchemaAction);
        Assert.Equal(ImportAction.NewVersion, preview.Action);
        Assert.Equal(2, preview.SchemaVersionNumber);
    }

    [Fact]
    public async Task Import_ForeignPromptyFile_IsReadWithWarnings()
    {
        const string prompty = """
            ---
            name: Basic Prompt
            description: A basic prompt that uses the chat API to answer questions
            authors:
              - Someone
            model:
              api: chat
              configuration:
                type: azure_openai
                azure_deployment: gpt-4o
              parameters:
                max_tokens: 128
                temperature: 0.2
            inputs:
              question:
                type: string
            sample:
              question: Who is the most famous person in the world?
            ---
            system:
            You are an AI assistant who helps people find information.

            user:
            {{question}}
            {{hint}}
            """;
        await using var bed = await ExportTestBed.CreateAsync(provider: Provider);

        var preview = await bed.Import.PreviewAsync(Encoding.UTF8.GetBytes(prompty), "basic.prompty", Ct);

        Assert.True(preview.CanApply, string.Join("; ", preview.Problems));
        var content = preview.Package!.Content;
        Assert.Equal("gpt-4o", content.Settings.Model);
        Assert.Equal("openai", content.Settings.Provider);
        Assert.Equal(128, content.Settings.MaxOutputTokens);
        Assert.Equal(["question", "hint"], content.Variables.Select(v => v.Name));
        Assert.Equal("Who is the most famous person in the world?", content.Variables[0].ExampleValue);
        Assert.Contains(preview.Warnings, w => w.Contains("hint", StringComparison.Ordinal));
        Assert.Equal("{{question}}\n{{hint}}", content.Messages[1].Text);
        Assert.Equal(SchemaImportAction.None, preview.SchemaAction);
    }

    [Fact]
    public async Task Import_ScriptPayload_IsStoredAsTextVerbatim()
    {
        await using var bed = await ExportTestBed.CreateAsync(provider: Provider);
        const string payload = "<script>alert(document.cookie)</script><img src=x onerror=alert(1)> [x](javascript:alert(1))";
        var prompty = "---\nname: Scripted\nmodel:\n  configuration:\n    type: simulated\n    name: simulated-json\n---\nuser:\n" + payload + "\n";

        var imported = Assert.IsType<ImportOutcome.Imported>(await bed.Import.ApplyAsync(Encoding.UTF8.GetBytes(prompty), "s.prompty", "bob", Ct));

        var version = (await bed.Templates.GetVersionAsync(imported.TemplateId, 1, Ct))!;
        Assert.Equal(payload, Assert.Single(version.Content.Messages).Text);
    }

    [Fact]
    public async Task Apply_InvalidSchemaInBundle_WritesNothingAtAll()
    {
        await using var bed = await ExportTestBed.CreateAsync(provider: Provider);
        var (template, _) = await bed.CreateValidatedAsync();
        var file = (await ExportAsync(bed, template.Id, ExportFormat.Bundle))
            .Replace("\"name\": \"Contact extractor\"", "\"name\": \"Other\"", StringComparison.Ordinal)
            .Replace("\"name\": \"Contact extractor output\"", "\"name\": \"Other output\"", StringComparison.Ordinal)
            .Replace("\"type\": \"object\"", "\"type\": \"objekt\"", StringComparison.Ordinal);

        var outcome = Assert.IsType<ImportOutcome.Rejected>(await bed.Import.ApplyAsync(Encoding.UTF8.GetBytes(file), null, "bob", Ct));

        Assert.Contains(outcome.Problems, p => p.Field == "schema");
        await using var db = await bed.Db.Factory.CreateDbContextAsync(Ct);
        Assert.Equal(1, await db.Schemas.CountAsync(Ct));
        Assert.Equal(1, await db.Templates.CountAsync(Ct));
    }

    [Fact]
    public async Task Apply_InvalidTemplateTextAfterValidSchema_WritesNeitherSchemaNorTemplate()
    {
        await using var bed = await ExportTestBed.CreateAsync(provider: Provider);
        var (template, _) = await bed.CreateValidatedAsync();
        var file = (await ExportAsync(bed, template.Id, ExportFormat.Bundle))
            .Replace("\"name\": \"Contact extractor\"", "\"name\": \"Other\"", StringComparison.Ordinal)
            .Replace("\"name\": \"Contact extractor output\"", "\"name\": \"Other output\"", StringComparison.Ordinal)
            .Replace("{{ text }}", "{% include 'secrets.txt' %}{{ undeclared }}", StringComparison.Ordinal);

        var outcome = Assert.IsType<ImportOutcome.Rejected>(await bed.Import.ApplyAsync(Encoding.UTF8.GetBytes(file), null, "bob", Ct));

        Assert.Contains(outcome.Problems, p => p.Field == "messages[1]" && p.Line == 2);
        await using var db = await bed.Db.Factory.CreateDbContextAsync(Ct);
        Assert.Equal(1, await db.Schemas.CountAsync(Ct));
        Assert.Equal(1, await db.Templates.CountAsync(Ct));
        Assert.Equal(1, await db.TemplateVersions.CountAsync(Ct));
    }
}
