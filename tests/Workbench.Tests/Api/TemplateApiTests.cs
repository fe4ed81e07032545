using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Workbench.Core.Schemas;
using Workbench.Core.Templates;

namespace Workbench.Tests.Api;

public class TemplateApiTests(ApiHost host) : IClassFixture<ApiHost>
{
    private const string ContactSchema = """{"type":"object","properties":{"name":{"type":"string"},"email":{"type":"string"}},"required":["name"]}""";

    private static string Template(string name, string user = "Extract the contact from {{ text }}", string? schema = ContactSchema, string variables = """[{"name":"text","required":true,"example":"Ada"}]""") => $$"""
        {
          "name": {{JsonSerializer.Serialize(name)}},
          "description": "Pulls a contact out of text",
          "messages": [
            {"role": "system", "content": "You extract contacts."},
            {"role": "user", "content": {{JsonSerializer.Serialize(user)}}}
          ],
          "variables": {{variables}},
          "settings": {"provider": "simulated", "model": "simulated-json", "temperature": 0.2, "maxOutputTokens": 512}
          {{(schema is null ? "" : ", \"schema\": " + schema)}}
        }
        """;

    [Fact]
    public async Task Post_NewTemplate_Created201WithNameVersionAndLocation()
    {
        var response = await host.PostJsonAsync("/api/templates", Template("Contact extractor"));

        Assert.Equal(HttpStatusCode.Created, response.Status);
        Assert.Equal("Contact extractor", response.Json.GetProperty("name").GetString());
        Assert.Equal(1, response.Json.GetProperty("version").GetInt32());
        Assert.True(response.Json.GetProperty("created").GetBoolean());
        Assert.Equal("/api/templates/Contact%20extractor/versions/1", response.Location);
        var version = await host.GetAsync(response.Location!);
        Assert.Equal(HttpStatusCode.OK, version.Status);
    }

    [Fact]
    public async Task Post_ExistingNameInOtherCase_AddsNextVersion()
    {
        await host.PostJsonAsync("/api/templates", Template("Versioned"));

        var second = await host.PostJsonAsync("/api/templates", Template("VERSIONED", user: "Find the contact in {{ text }}"));

        Assert.Equal(HttpStatusCode.Created, second.Status);
        Assert.Equal("Versioned", second.Json.GetProperty("name").GetString());
        Assert.Equal(2, second.Json.GetProperty("version").GetInt32());
        Assert.False(second.Json.GetProperty("created").GetBoolean());
        var v2 = await host.GetAsync("/api/templates/versioned/versions/2");
        Assert.Equal("Find the contact in {{ text }}", v2.Json.GetProperty("messages")[1].GetProperty("content").GetString());
        var v1 = await host.GetAsync("/api/templates/versioned/versions/1");
        Assert.Equal("Extract the contact from {{ text }}", v1.Json.GetProperty("messages")[1].GetProperty("content").GetString());
    }

    [Fact]
    public async Task GetVersion_Saved_ReturnsContentSchemaAuthorAndCreatedAt()
    {
        await host.PostJsonAsync("/api/templates", Template("Full version"));

        var response = await host.GetAsync("/api/templates/Full%20version/versions/1");

        Assert.Equal(HttpStatusCode.OK, response.Status);
        var json = response.Json;
        Assert.Equal("Full version", json.GetProperty("name").GetString());
        Assert.Equal(1, json.GetProperty("version").GetInt32());
        Assert.Equal("local", json.GetProperty("author").GetString());
        Assert.True(json.GetProperty("createdAt").GetDateTimeOffset() > DateTimeOffset.UnixEpoch);
        Assert.Equal("system", json.GetProperty("messages")[0].GetProperty("role").GetString());
        var variable = json.GetProperty("variables")[0];
        Assert.Equal("text", variable.GetProperty("name").GetString());
        Assert.True(variable.GetProperty("required").GetBoolean());
        Assert.Equal("Ada", variable.GetProperty("example").GetString());
        Assert.Equal("simulated", json.GetProperty("settings").GetProperty("provider").GetString());
        Assert.Equal(512, json.GetProperty("settings").GetProperty("maxOutputTokens").GetInt32());
        using var expected = JsonDocument.Parse(ContactSchema);
        Assert.True(JsonElement.DeepEquals(expected.RootElement, json.GetProperty("schema")), response.Body);
        Assert.Equal("Full version-output", json.GetProperty("outputSchema").GetProperty("name").GetString());
    }

    [Fact]
    public async Task Post_InlineSchema_StoredThroughSchemaServiceAndPinnedByTheVersion()
    {
        var response = await host.PostJsonAsync("/api/templates", Template("Pinned"));

        Assert.Equal("Pinned-output", response.Json.GetProperty("schema").GetProperty("name").GetString());
        var schemas = host.App.Services.GetRequiredService<SchemaService>();
        var templates = host.App.Services.GetRequiredService<TemplateService>();
        var schema = await schemas.FindByNameAsync("Pinned-output", ApiHost.Ct);
        Assert.NotNull(schema);
        var template = await templates.FindByNameAsync("Pinned", ApiHost.Ct);
        var version = await templates.GetVersionAsync(template!.Id, 1, ApiHost.Ct);
        Assert.Equal(new OutputSchemaLink(schema.Id, 1), version!.Content.OutputSchema);
    }

    [Fact]
    public async Task Post_SameSchemaAgain_ReusesSchemaVersion_ChangedSchema_AddsOne()
    {
        await host.PostJsonAsync("/api/templates", Template("Schema reuse"));

        var same = await host.PostJsonAsync("/api/templates", Template("Schema reuse", schema: """{ "required": ["name"], "type": "object", "properties": {"email":{"type":"string"},"name":{"type":"string"}} }"""));
        var changed = await host.PostJsonAsync("/api/templates", Template("Schema reuse", schema: """{"type":"object","properties":{"name":{"type":"string"}},"required":["name"],"additionalProperties":false}"""));

        Assert.Equal(1, same.Json.GetProperty("schema").GetProperty("version").GetInt32());
        Assert.Equal(2, changed.Json.GetProperty("schema").GetProperty("version").GetInt32());
        Assert.Equal(3, changed.Json.GetProperty("version").GetInt32());
        var v3 = await host.GetAsync("/api/templates/Schema%20reuse/versions/3");
        Assert.False(v3.Json.GetProperty("schema").GetProperty("additionalProperties").GetBoolean());
    }

    [Fact]
    public async Task Post_NoSchema_VersionHasNoSchema()
    {
        await host.PostJsonAsync("/api/templates", Template("Free text", schema: null));

        var version = await host.GetAsync("/api/templates/Free%20text/versions/1");

        Assert.Equal(JsonValueKind.Null, version.Json.GetProperty("schema").ValueKind);
        Assert.Equal(JsonValueKind.Null, version.Json.GetProperty("outputSchema").ValueKind);
    }

    [Fact]
    public async Task Post_VariablesOmitted_DeclaredFromWhatTheMessagesUse()
    {
        var body = """{"name":"Inferred","messages":[{"role":"user","content":"Hi {{ person }}, {% for i in items %}{{ i }}{% endfor %}"}],"settings":{"provider":"simulated","model":"simulated-json"}}""";

        var response = await host.PostJsonAsync("/api/templates", body);

        Assert.Equal(HttpStatusCode.Created, response.Status);
        var variables = (await host.GetAsync("/api/templates/Inferred/versions/1")).Json.GetProperty("variables");
        Assert.Equal(["person", "items"], variables.EnumerateArray().Select(v => v.GetProperty("name").GetString()));
        Assert.Equal("json", variables[1].GetProperty("kind").GetString());
    }

    [Fact]
    public async Task Post_LiquidError_ValidationProblemNamesMessageContentWithLineAndColumn()
    {
        var response = await host.PostJsonAsync("/api/templates", Template("Broken liquid", user: "Line one\nExtract {{ text }"));

        response.AssertProblem(HttpStatusCode.BadRequest);
        var message = Assert.Single(response.ErrorsFor("messages[1].content"));
        Assert.StartsWith("2:9: ", message, StringComparison.Ordinal);
        Assert.Contains("'{{'", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Post_UndeclaredVariable_ValidationProblemNamesTheMessage()
    {
        var response = await host.PostJsonAsync("/api/templates", Template("Undeclared", user: "Extract {{ txt }}"));

        response.AssertProblem(HttpStatusCode.BadRequest);
        Assert.Contains("txt", Assert.Single(response.ErrorsFor("messages[1].content")), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"role":"bot","content":"x"}""", "messages[0].role", "system, user, assistant")]
    [InlineData("""{"content":"x"}""", "messages[0].role", "Give the role")]
    [InlineData("""{"role":"user"}""", "messages[0].content", "Give the message text")]
    [InlineData("null", "messages[0]", "{role, content}")]
    public async Task Post_BadMessage_ValidationProblemNamesTheField(string message, string field, string expected)
    {
        var body = $$$"""{"name":"Bad message","messages":[{{{message}}}],"settings":{"provider":"simulated","model":"m"}}""";

        var response = await host.PostJsonAsync("/api/templates", body);

        response.AssertProblem(HttpStatusCode.BadRequest);
        Assert.Contains(response.ErrorsFor(field), m => m.Contains(expected, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("", "required")]
    [InlineData("-dash", "start with a letter or digit")]
    [InlineData("a/b", "Use letters")]
    public async Task Post_BadName_ValidationProblemNamesName(string name, string expected)
    {
        var response = await host.PostJsonAsync("/api/templates", Template(name));

        response.AssertProblem(HttpStatusCode.BadRequest);
        Assert.Contains(expected, Assert.Single(response.ErrorsFor("name")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Post_MissingName_ValidationProblemNamesName()
    {
        var response = await host.PostJsonAsync("/api/templates", """{"messages":[{"role":"user","content":"x"}],"settings":{"provider":"simulated","model":"m"}}""");

        response.AssertProblem(HttpStatusCode.BadRequest);
        Assert.Contains("required", Assert.Single(response.ErrorsFor("name")), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"type":"objekt"}""", "objekt")]
    [InlineData("""{"type":"object","properties":{"age":{"minimum":"ten"}}}""", "/properties/age/minimum")]
    [InlineData("[1,2]", "JSON Schema object")]
    [InlineData("\"string\"", "JSON Schema object")]
    public async Task Post_InvalidSchema_ValidationProblemNamesSchema(string schema, string expected)
    {
        var response = await host.PostJsonAsync("/api/templates", Template("Bad schema", schema: schema));

        response.AssertProblem(HttpStatusCode.BadRequest);
        Assert.Contains(response.ErrorsFor("schema"), m => m.Contains(expected, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("""{"provider":"simulated","model":"m","temperature":5}""", "settings.temperature", "between 0 and 2")]
    [InlineData("""{"provider":"simulated","model":"m","temperature":"hot"}""", "settings.temperature", "Expected a number")]
    [InlineData("""{"provider":"simulated","model":"m","maxOutputTokens":1.5}""", "settings.maxOutputTokens", "Expected a whole number")]
    [InlineData("""{"provider":"","model":"m"}""", "settings.provider", "Choose a provider")]
    [InlineData("\"simulated\"", "settings", "Expected an object")]
    public async Task Post_BadSettings_ValidationProblemNamesTheSetting(string settings, string field, string expected)
    {
        var body = $$$"""{"name":"Bad settings","messages":[{"role":"user","content":"x"}],"settings":{{{settings}}}}""";

        var response = await host.PostJsonAsync("/api/templates", body);

        response.AssertProblem(HttpStatusCode.BadRequest);
        Assert.Contains(response.ErrorsFor(field), m => m.Contains(expected, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("""[{"name":"text"},{"name":"text"}]""", "variables[1]", "declared twice")]
    [InlineData("""[{"name":"text"},{"name":"bad name"}]""", "variables[1]", "not a valid variable name")]
    [InlineData("""[{"required":true}]""", "variables[0].name", "Give the variable's name")]
    [InlineData("""[{"name":"text","kind":"xml"}]""", "variables[0].kind", "one of text, json")]
    public async Task Post_BadVariables_ValidationProblemNamesTheVariable(string variables, string field, string expected)
    {
        var response = await host.PostJsonAsync("/api/templates", Template("Bad variables", variables: variables));

        response.AssertProblem(HttpStatusCode.BadRequest);
        Assert.Contains(response.ErrorsFor(field), m => m.Contains(expected, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Post_SeveralProblems_AllReportedAndNothingWritten()
    {
        var body = """{"name":"Many problems","messages":[{"role":"user","content":"{{ a"}],"settings":{"provider":"simulated","model":"m","temperature":9},"schema":{"type":"objekt"}}""";

        var response = await host.PostJsonAsync("/api/templates", body);

        response.AssertProblem(HttpStatusCode.BadRequest);
        Assert.NotEmpty(response.ErrorsFor("messages[0].content"));
        Assert.NotEmpty(response.ErrorsFor("settings.temperature"));
        Assert.NotEmpty(response.ErrorsFor("schema"));
        Assert.Contains("more problems", response.Json.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await host.GetAsync("/api/templates/Many%20problems")).Status);
        Assert.Null(await host.App.Services.GetRequiredService<SchemaService>().FindByNameAsync("Many problems-output", ApiHost.Ct));
    }

    [Fact]
    public async Task List_Templates_LatestVersionAndLabelsAsMap()
    {
        await host.PostJsonAsync("/api/templates", Template("Labelled"));
        await host.PostJsonAsync("/api/templates", Template("Labelled"));
        var templates = host.App.Services.GetRequiredService<TemplateService>();
        var template = await templates.FindByNameAsync("Labelled", ApiHost.Ct);
        await templates.SetLabelAsync(template!.Id, "production", 1, "local", ApiHost.Ct);
        await templates.SetLabelAsync(template.Id, "staging", 2, "local", ApiHost.Ct);

        var response = await host.GetAsync("/api/templates");

        Assert.Equal(HttpStatusCode.OK, response.Status);
        var item = response.Json.EnumerateArray().Single(t => t.GetProperty("name").GetString() == "Labelled");
        Assert.Equal(2, item.GetProperty("latestVersion").GetInt32());
        Assert.Equal(1, item.GetProperty("labels").GetProperty("production").GetInt32());
        Assert.Equal(2, item.GetProperty("labels").GetProperty("staging").GetInt32());
        var v1 = await host.GetAsync("/api/templates/Labelled/versions/1");
        Assert.Equal(["production"], v1.Json.GetProperty("labels").EnumerateArray().Select(l => l.GetString()));
    }

    [Fact]
    public async Task GetVersion_UnknownTemplate_NotFoundProblem()
    {
        var response = await host.GetAsync("/api/templates/No%20such%20template/versions/1");

        response.AssertProblem(HttpStatusCode.NotFound);
        Assert.Contains("No such template", response.Json.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetVersion_UnknownVersion_NotFoundProblemWithLatest()
    {
        await host.PostJsonAsync("/api/templates", Template("One version"));

        var response = await host.GetAsync("/api/templates/One%20version/versions/7");

        response.AssertProblem(HttpStatusCode.NotFound);
        Assert.Contains("latest is 1", response.Json.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetVersion_VersionNotANumber_NotFoundProblem()
    {
        var response = await host.GetAsync("/api/templates/x/versions/latest");

        response.AssertProblem(HttpStatusCode.NotFound);
    }
}
