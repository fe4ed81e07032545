using Workbench.Core.Persistence;
using Workbench.Core.Runs;
using Workbench.Core.Schemas;
using Workbench.Core.Templates;
using Workbench.Core.Tests.Persistence;
using Workbench.Core.Tests.Runs;
using Workbench.Core.Validation;

namespace Workbench.Core.Tests.Schemas;

public class SchemaReferenceTests
{
    private const string AddressV1 = """{"type":"object","properties":{"street":{"type":"string"},"zip":{"$ref":"#/$defs/zip"}},"required":["street"],"$defs":{"zip":{"type":"string","maxLength":5}}}""";

    private const string AddressV2 = """{"type":"object","properties":{"street":{"type":"string"},"country":{"type":"string"}},"required":["street","country"]}""";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static string Customer(string reference) => $$"""
        {
          "type": "object",
          "properties": {
            "name": { "type": "string" },
            "home": { "$ref": "{{reference}}" }
          },
          "required": ["name", "home"]
        }
        """;

    private static async Task<SchemaSummary> CreateAsync(SchemaService service, string name, string json)
    {
        var created = await service.CreateAsync(new NewSchema(name, null, json), "tester", Ct);
        Assert.True(created.Succeeded, string.Join("; ", created.Problems));
        return created.Value!;
    }

    private static async Task<string> StoredAsync(SchemaService service, Guid schemaId) =>
        (await service.GetLatestVersionAsync(schemaId, Ct))!.SchemaJson;

    [Fact]
    public async Task Save_ReferenceByName_IsPinnedToTheLatestVersionKeepingTheRestOfTheText()
    {
        await using var database = await TestDatabase.CreateAsync();
        var service = database.CreateSchemaService();
        var address = await CreateAsync(service, "Postal Address", AddressV1);
        Assert.IsType<SchemaSaveOutcome.Saved>(await service.SaveVersionAsync(address.Id, 1, AddressV2, null, "tester", Ct));

        var customer = await CreateAsync(service, "customer", Customer("workbench:schemas/postal%20address"));

        Assert.Equal(Customer("workbench:schemas/Postal%20Address@2"), await StoredAsync(service, customer.Id));
    }

    [Fact]
    public async Task Save_ExplicitVersionAndFragment_ArePinnedAsWritten()
    {
        await using var database = await TestDatabase.CreateAsync();
        var service = database.CreateSchemaService();
        var address = await CreateAsync(service, "address", AddressV1);
        await service.SaveVersionAsync(address.Id, 1, AddressV2, null, "tester", Ct);

        var zip = await CreateAsync(service, "zip-only", """{"$ref":"workbench:schemas/ADDRESS@1#/$defs/zip"}""");

        Assert.Equal("""{"$ref":"workbench:schemas/address@1#/$defs/zip"}""", await StoredAsync(service, zip.Id));
        var check = await service.CheckAsync(await StoredAsync(service, zip.Id), zip.Id, Ct);
        Assert.True(check.Success);
        Assert.True(OutputValidator.Validate(check.PinnedJson, "\"1234\"", check.Options).IsValid);
        Assert.False(OutputValidator.Validate(check.PinnedJson, "\"123456\"", check.Options).IsValid);
    }

    [Fact]
    public async Task Validate_PinnedVersion_ALaterChangeOfTheReferencedSchemaChangesNothing()
    {
        await using var database = await TestDatabase.CreateAsync();
        var service = database.CreateSchemaService();
        var address = await CreateAsync(service, "address", AddressV1);
        var customer = await CreateAsync(service, "customer", Customer("workbench:schemas/address"));
        const string Output = """{"name":"Ada","home":{"street":"1 Main St"}}""";
        const string BadZip = """{"name":"Ada","home":{"street":"1 Main St","zip":"1234567"}}""";

        Assert.IsType<SchemaSaveOutcome.Saved>(await service.SaveVersionAsync(address.Id, 1, AddressV2, null, "tester", Ct));

        var check = await service.CheckAsync(await StoredAsync(service, customer.Id), customer.Id, Ct);
        Assert.True(check.Success, string.Join("; ", check.Compiled.Errors));
        Assert.True(check.Compiled.Schema!.Validate(Output).Count == 0); // v2 would require "country"
        var issue = Assert.Single(check.Compiled.Schema.Validate(BadZip));
        Assert.Equal("/home/zip", issue.Path); // v1's local $defs/zip, resolved inside the referenced schema
    }

    [Fact]
    public async Task Validate_ThroughAReference_ReportsTheIssueAtThePathInTheOutput()
    {
        await using var database = await TestDatabase.CreateAsync();
        var service = database.CreateSchemaService();
        await CreateAsync(service, "address", AddressV1);
        var check = await service.CheckAsync(Customer("workbench:schemas/address"), null, Ct);
        Assert.True(check.Success, string.Join("; ", check.Compiled.Errors));

        var validation = OutputValidator.Validate(check.Compiled, """Here: {"name":"Ada","home":{"street":42}}""");

        Assert.False(validation.IsValid);
        var issue = Assert.Single(validation.Issues);
        Assert.Equal("/home/street", issue.Path);
        Assert.Equal("type", issue.Kind);
    }

    [Theory]
    [InlineData("workbench:schemas/adress", "there is no stored schema named 'adress'")]
    [InlineData("workbench:schemas/address@7", "schema 'address' has no version 7 (its latest is v1)")]
    [InlineData("workbench:schemas/address@latest", "the version after '@' must be a whole number")]
    [InlineData("workbench:schemas/address#street", "only a JSON Pointer fragment")]
    [InlineData("workbench:address", "is not a reference to a stored schema")]
    public async Task Save_BadReference_IsRefusedWithAProblemAtTheRefsLineAndPath(string reference, string expected)
    {
        await using var database = await TestDatabase.CreateAsync();
        var service = database.CreateSchemaService();
        await CreateAsync(service, "address", AddressV1);

        var created = await service.CreateAsync(new NewSchema("customer", null, Customer(reference)), "tester", Ct);

        Assert.False(created.Succeeded);
        var problem = Assert.Single(created.Problems);
        Assert.Equal("schema", problem.Field);
        Assert.Equal(5, problem.Line);
        Assert.StartsWith("/properties/home/$ref: ", problem.Message, StringComparison.Ordinal);
        Assert.Contains(expected, problem.Message, StringComparison.Ordinal);
        Assert.Single(await service.ListAsync(cancellationToken: Ct)); // only "address": nothing was saved
    }

    [Fact]
    public async Task Save_ReferenceToItself_IsRefusedPointingToLocalRecursion()
    {
        await using var database = await TestDatabase.CreateAsync();
        var service = database.CreateSchemaService();
        var address = await CreateAsync(service, "address", AddressV1);

        var outcome = await service.SaveVersionAsync(address.Id, 1, """{"type":"object","properties":{"next":{"$ref":"workbench:schemas/address"}}}""", null, "tester", Ct);

        var rejected = Assert.IsType<SchemaSaveOutcome.Rejected>(outcome);
        Assert.Contains("cannot reference its own name", Assert.Single(rejected.Problems).Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_StoredSchemasReferencingEachOtherInACycle_IsRefusedNamingTheCycle()
    {
        await using var database = await TestDatabase.CreateAsync();
        var service = database.CreateSchemaService();
        var a = await CreateAsync(service, "a", """{"type":"object"}""");
        var b = await CreateAsync(service, "b", """{"type":"object"}""");
        // The service cannot create a cycle (references pin versions that already exist); imported or edited data could.
        await using (var db = await database.Factory.CreateDbContextAsync(Ct))
        {
            db.SchemaVersions.Add(new SchemaVersionEntity { Id = Guid.NewGuid(), SchemaId = a.Id, Number = 2, SchemaJson = """{"properties":{"b":{"$ref":"workbench:schemas/b@2"}}}""", Author = "import" });
            db.SchemaVersions.Add(new SchemaVersionEntity { Id = Guid.NewGuid(), SchemaId = b.Id, Number = 2, SchemaJson = """{"properties":{"a":{"$ref":"workbench:schemas/a@2"}}}""", Author = "import" });
            await db.SaveChangesAsync(Ct);
        }

        var check = await service.CheckAsync("""{"properties":{"x":{"$ref":"workbench:schemas/b@2"}}}""", null, Ct);

        Assert.False(check.Success);
        var error = Assert.Single(check.Compiled.Errors);
        Assert.Equal("/properties/x/$ref", error.Path);
        Assert.Contains("cycle ('b' v2 → 'a' v2 → 'b' v2)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Rename_SchemaReferencedByAnotherVersion_IsRefused()
    {
        await using var database = await TestDatabase.CreateAsync();
        var service = database.CreateSchemaService();
        var address = await CreateAsync(service, "address", AddressV1);
        await CreateAsync(service, "customer", Customer("workbench:schemas/address"));

        var renamed = await service.UpdateMetadataAsync(address.Id, "postal", null, Ct);
        var recased = await service.UpdateMetadataAsync(address.Id, "Address", "described", Ct);

        Assert.False(renamed.Succeeded);
        Assert.Contains("version 1 of schema 'customer' references it by name", Assert.Single(renamed.Problems).Message, StringComparison.Ordinal);
        Assert.True(recased.Succeeded); // a change of case keeps every reference resolving
    }

    [Fact]
    public async Task Check_PlainSchema_IsTheCachedCompileUnchanged()
    {
        await using var database = await TestDatabase.CreateAsync();
        var check = await database.CreateSchemaService().CheckAsync(AddressV1, null, Ct);

        Assert.True(check.Success);
        Assert.Same(SchemaCompiler.Compile(AddressV1), check.Compiled);
        Assert.Equal(AddressV1, check.SelfContainedJson);
        Assert.True(OutputValidator.Validate(AddressV1, """{"street":"x"}""").IsValid);
    }

    [Fact]
    public async Task SelfContained_ReferencedVersions_AreCopiedUnderDefsWithRewrittenReferences()
    {
        await using var database = await TestDatabase.CreateAsync();
        var service = database.CreateSchemaService();
        await CreateAsync(service, "address", AddressV1);

        var check = await service.CheckAsync(Customer("workbench:schemas/address"), null, Ct);

        Assert.DoesNotContain("workbench:schemas/", check.SelfContainedJson, StringComparison.Ordinal);
        Assert.Contains("\"$ref\": \"#/$defs/workbench.address.v1\"", check.SelfContainedJson, StringComparison.Ordinal);
        Assert.Contains("\"$ref\": \"#/$defs/workbench.address.v1/$defs/zip\"", check.SelfContainedJson, StringComparison.Ordinal);
        // The bundle alone (no registry) validates the same way.
        Assert.True(OutputValidator.Validate(check.SelfContainedJson, """{"name":"Ada","home":{"street":"1 Main St","zip":"1234"}}""").IsValid);
        Assert.Equal("/home/zip", Assert.Single(OutputValidator.Validate(check.SelfContainedJson, """{"name":"Ada","home":{"street":"1 Main St","zip":"1234567"}}""").Issues).Path);
    }

    [Fact]
    public async Task RunEngine_TemplateWithAReferencedSchema_ValidatesThroughTheReference()
    {
        await using var bed = await RunTestBed.CreateAsync();
        var schemas = bed.Database.CreateSchemaService();
        await CreateAsync(schemas, "address", """{"type":"object","properties":{"street":{"type":"string"},"zip":{"type":"string","pattern":"^[0-9]{4}$"}},"required":["street","zip"],"additionalProperties":false}""");
        await CreateAsync(schemas, "plain-address", """{"type":"object","properties":{"street":{"type":"string"}},"required":["street"],"additionalProperties":false}""");
        var strict = await CreateAsync(schemas, "customer", Customer("workbench:schemas/address"));
        var plain = await CreateAsync(schemas, "customer-plain", Customer("workbench:schemas/plain-address"));
        var templates = bed.Database.CreateTemplateService();
        foreach (var (name, schema) in new[] { ("ship", strict), ("ship-plain", plain) })
        {
            var content = new TemplateContent([new TemplateMessage(MessageRole.User, "Where does Ada live?")], ModelSettings.Default, [], new OutputSchemaLink(schema.Id, 1));
            Assert.True((await templates.CreateAsync(new NewTemplate(name, null, [], content), "tester", Ct)).Succeeded);
        }

        var valid = await bed.Engine.ExecuteAsync(new RunRequest("ship-plain", new Dictionary<string, string?>()), null, Ct);
        var invalid = await bed.Engine.ExecuteAsync(new RunRequest("ship", new Dictionary<string, string?>()) { MaxAttempts = 1 }, null, Ct);

        // The provider saw the referenced schema (its answer has the nested required street) ...
        Assert.Equal(RunStatus.Valid, valid.Status);
        Assert.Contains("\"street\"", valid.Json, StringComparison.Ordinal);
        // ... and validation went through it: the only rule on /home/zip is the referenced schema's pattern.
        Assert.Equal(RunStatus.Invalid, invalid.Status);
        var issue = Assert.Single(invalid.Attempts[0].Issues);
        Assert.Equal("/home/zip", issue.Path);
        Assert.Equal("pattern", issue.Kind);
    }
}
