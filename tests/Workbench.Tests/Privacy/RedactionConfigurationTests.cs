using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Workbench.Core;
using Workbench.Core.Configuration;
using Workbench.Core.Redaction;
using Workbench.Tests.Hosting;

namespace Workbench.Tests.Privacy;

public class RedactionConfigurationTests
{
    [Fact]
    public void Redactor_DefaultConfiguration_IsOnWithEveryDetector()
    {
        using var services = Build([]);

        var settings = services.GetRequiredService<IOptions<RedactionSettings>>().Value;
        var redactor = services.GetRequiredService<Redactor>();

        Assert.True(settings.Enabled);
        Assert.Equal(RedactionKinds.BuiltIn.Order(), redactor.EnabledKinds.Order());
        Assert.Equal("mail [EMAIL]", redactor.Redact("mail " + PlantedValues.Email).Text);
    }

    [Fact]
    public void Redactor_ConfiguredDetectorsPatternsTermsAndNumbering_AreApplied()
    {
        using var services = Build(new()
        {
            ["Workbench:Redaction:Detectors:phone"] = "false",
            ["Workbench:Redaction:Detectors:secret"] = "false",
            ["Workbench:Redaction:Detectors:secret:openai"] = "true",
            ["Workbench:Redaction:CustomPatterns:0:Name"] = "ticket",
            ["Workbench:Redaction:CustomPatterns:0:Pattern"] = @"TCK-\d{6}",
            ["Workbench:Redaction:CustomTerms:0"] = "Acme Corp",
            ["Workbench:Redaction:Numbering"] = "true",
        });

        var redactor = services.GetRequiredService<Redactor>();
        var text = $"{PlantedValues.Email} {PlantedValues.Email} {PlantedValues.Phone} TCK-123456 acme corp {PlantedValues.OpenAiKey} {PlantedValues.GitHubToken}";

        var result = redactor.Redact(text).Text;

        Assert.Equal($"[EMAIL#1] [EMAIL#1] {PlantedValues.Phone} [CUSTOM:ticket#1] [CUSTOM:term#1] [SECRET:openai#1] {PlantedValues.GitHubToken}", result);
    }

    [Theory]
    [InlineData("Workbench:Redaction:CustomPatterns:0:Pattern", "([unclosed")]
    [InlineData("Workbench:Redaction:CustomPatterns:0:Pattern", "")]
    [InlineData("Workbench:Redaction:CustomPatterns:0:Name", "has spaces")]
    [InlineData("Workbench:Redaction:Detectors:postcode", "false")]
    [InlineData("Workbench:Redaction:Detectors:email", "maybe")]
    [InlineData("Workbench:Redaction:Enabled", "nope")]
    public void Options_BadRedactionSetting_FailsNamingTheKey(string key, string value)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Workbench:Redaction:CustomPatterns:0:Name"] = "ticket",
            ["Workbench:Redaction:CustomPatterns:0:Pattern"] = "TCK",
            [key] = value,
        };
        using var services = Build(settings);

        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<RedactionSettings>>().Value);

        Assert.Contains(key, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Startup_RedactionOff_WarnsAndPassesTextThrough()
    {
        await using var app = new WorkbenchAppFactory(new Dictionary<string, string?> { ["Workbench:Redaction:Enabled"] = "false" });
        await using var host = app.WithWebHostBuilder(b => b.ConfigureTestServices(s => s.AddFakeLogging()));
        _ = host.Server;

        var warning = Assert.Single(host.Services.GetFakeLogCollector().GetSnapshot(), r => r.Level == LogLevel.Warning && r.Message.Contains("Workbench:Redaction:Enabled", StringComparison.Ordinal));
        Assert.Contains("NOT redacted", warning.Message, StringComparison.Ordinal);
        Assert.Equal(PlantedValues.Email, host.Services.GetRequiredService<Redactor>().Redact(PlantedValues.Email).Text);
    }

    [Fact]
    public async Task Pages_RedactionOff_ShowBannerOnEveryPage()
    {
        await using var off = new WorkbenchAppFactory(new Dictionary<string, string?> { ["Workbench:Redaction:Enabled"] = "false" });
        await using var on = new WorkbenchAppFactory();
        using var offClient = off.CreateClient();
        using var onClient = on.CreateClient();
        var ct = Xunit.TestContext.Current.CancellationToken;

        foreach (var route in new[] { "/", "/templates", "/privacy" })
        {
            Assert.Contains("redaction-off-banner", await offClient.GetStringAsync(route, ct), StringComparison.Ordinal);
            Assert.DoesNotContain("redaction-off-banner", await onClient.GetStringAsync(route, ct), StringComparison.Ordinal);
        }
    }

    private static ServiceProvider Build(Dictionary<string, string?> settings)
    {
        settings.TryAdd("Workbench:DataDirectory", Path.Combine(Path.GetTempPath(), "workbench-redaction-options"));
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddLogging();
        services.AddWorkbenchCore(configuration);
        return services.BuildServiceProvider();
    }
}
