using System.Text;
using Microsoft.EntityFrameworkCore;
using Workbench.Core.Export;

namespace Workbench.Core.Tests.Export;

/// <summary>A zoo of hostile and broken files: each is refused with a message saying what and where, and nothing is stored.</summary>
public class HostileImportTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private const string ValidFront = "name: Zoo\nmodel:\n  configuration:\n    type: simulated\n    name: simulated-json\n";

    public static TheoryData<string, string, string> Zoo => new()
    {
        { "malformed-json", "{\n  \"format\": \"prompt-workbench-bundle\",\n  \"formatVersion\": 1,\n  \"template\": { \"name\": \"x\" ,, }\n}", "line 4" },
        { "trailing-garbage", "{\"format\": \"prompt-workbench-bundle\", \"formatVersion\": 1} trailing", "malformed" },
        { "unknown-format-version", "{\"format\": \"prompt-workbench-bundle\", \"formatVersion\": 2}", "format version 2" },
        { "not-a-bundle", "{\"hello\": \"world\"}", "not a workbench bundle" },
        { "bad-role", Bundle("\"messages\": [{\"role\": \"hacker\", \"text\": \"x\"}]"), "/messages/0/role" },
        { "extra-property", Bundle("\"messages\": [{\"role\": \"user\", \"text\": \"x\", \"exec\": \"rm -rf /\"}]"), "/messages/0" },
        { "deep-json", "{\"format\": \"prompt-workbench-bundle\", \"formatVersion\": 1, \"x\": " + new string('[', 500) + new string(']', 500) + "}", "nested more than 64" },
        { "huge-string", Bundle("\"messages\": [{\"role\": \"user\", \"text\": \"" + new string('a', ImportLimits.MaxStringLength + 1) + "\"}]"), "/messages/0/text" },
        { "invalid-template", Bundle("\"messages\": [{\"role\": \"user\", \"text\": \"{% render 'x' %}\"}]"), "messages[0]" },
        { "plain-text", "Just some words, no format at all.", "neither a workbench bundle" },
        { "yaml-billion-laughs", "---\n" + ValidFront + "a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: [*b,*b,*b,*b,*b,*b,*b,*b,*b]\n---\nuser:\nhi\n", "anchors" },
        { "yaml-alias-only", "---\n" + ValidFront + "x: *undefined\n---\nuser:\nhi\n", "line" },
        { "yaml-python-tag", "---\n" + ValidFront + "evil: !!python/object/apply:os.system [\"id\"]\n---\nuser:\nhi\n", "tags" },
        { "yaml-custom-tag", "---\n" + ValidFront + "evil: !System.Diagnostics.Process { StartInfo: { FileName: calc } }\n---\nuser:\nhi\n", "tags" },
        { "yaml-deep", "---\n" + ValidFront + "deep: " + new string('[', 100) + new string(']', 100) + "\n---\nuser:\nhi\n", "nested more than 32" },
        { "yaml-duplicate-key", "---\n" + ValidFront + "name: Again\n---\nuser:\nhi\n", "appears twice" },
        { "yaml-malformed", "---\nname: [unclosed\n---\nuser:\nhi\n", "malformed" },
        { "yaml-two-documents", "---\n" + ValidFront + "...\nmore: stuff\n---\nuser:\nhi\n", "one YAML document" },
        { "prompty-unclosed", "---\nname: x\nuser:\nhi\n", "not closed" },
        { "prompty-tool-role", "---\n" + ValidFront + "---\nuser:\nhi\n\ntool:\n{}\n", "tool" },
        { "prompty-completion-api", "---\nname: Zoo\nmodel:\n  api: completion\n---\nuser:\nhi\n", "Only chat prompts" },
        { "prompty-bad-name", "---\nname: \"<script>\"\n---\nuser:\nhi\n", "name" },
        { "prompty-invalid-liquid", "---\n" + ValidFront + "---\nuser:\n{{ x | nosuchfilter }}\n", "messages[0]" },
        { "prompty-bad-number", "---\n" + ValidFront + "  parameters:\n    temperature: hot\n---\nuser:\nhi\n", "temperature" },
    };

    private static string Bundle(string messages) =>
        "{\"format\": \"prompt-workbench-bundle\", \"formatVersion\": 1, \"template\": {\"name\": \"Zoo\"}, \"version\": {\"number\": 1}, " + messages
        + ", \"variables\": [], \"settings\": {\"provider\": \"simulated\", \"model\": \"simulated-json\"}}";

    [Theory]
    [MemberData(nameof(Zoo))]
    public async Task Import_HostileFile_IsRefusedClearlyAndStoresNothing(string name, string content, string expected)
    {
        await using var bed = await ExportTestBed.CreateAsync();
        var data = Encoding.UTF8.GetBytes(content);

        var preview = await bed.Import.PreviewAsync(data, name, Ct);
        var outcome = await bed.Import.ApplyAsync(data, name, "mallory", Ct);

        Assert.False(preview.CanApply, name);
        var rejected = Assert.IsType<ImportOutcome.Rejected>(outcome);
        var text = string.Join(" | ", rejected.Problems.Select(p => p.ToString()));
        Assert.Contains(expected, text, StringComparison.OrdinalIgnoreCase);
        await using var db = await bed.Db.Factory.CreateDbContextAsync(Ct);
        Assert.Equal(0, await db.Templates.CountAsync(Ct));
        Assert.Equal(0, await db.Schemas.CountAsync(Ct));
    }

    [Fact]
    public async Task Import_OversizedFile_IsRefusedBeforeParsing()
    {
        await using var bed = await ExportTestBed.CreateAsync();
        var data = new byte[bed.Import.MaxImportBytes + 1];
        Array.Fill(data, (byte)'{');

        var problem = Assert.Single((await bed.Import.PreviewAsync(data, "big.json", Ct)).Problems);

        Assert.Contains("Workbench:Export:MaxImportBytes", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Import_InvalidUtf8_IsRefused()
    {
        await using var bed = await ExportTestBed.CreateAsync();

        var problem = Assert.Single((await bed.Import.PreviewAsync([0x7B, 0xC3, 0x28, 0x7D], "bad.json", Ct)).Problems);

        Assert.Contains("not UTF-8", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void MalformedJson_ReportsLineAndColumn()
    {
        var result = BundleFormat.Read("{\n  \"format\": \"prompt-workbench-bundle\",\n  oops\n}");

        var problem = Assert.Single(result.Problems);
        Assert.Equal(3, problem.Line);
        Assert.Equal(3, problem.Column);
    }

    [Fact]
    public void YamlAlias_ReportsLineAndColumnInTheFile()
    {
        var result = PromptyFormat.Read("---\nname: x\nlist: &l [1]\n---\nuser:\nhi\n");

        var problem = Assert.Single(result.Problems);
        Assert.Equal(3, problem.Line);
        Assert.Contains("&l", problem.Message, StringComparison.Ordinal);
    }
}
