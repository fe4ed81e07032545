using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using Workbench.Core.Redaction;
using Workbench.Privacy;
using Workbench.Tests.Hosting;

namespace Workbench.Tests.Privacy;

public class TelemetryTests
{
    [Fact]
    public async Task Telemetry_DefaultConfiguration_RegistersNothing()
    {
        await using var app = new WorkbenchAppFactory();
        _ = app.Server;

        Assert.Null(app.Services.GetService<TracerProvider>());
        Assert.Null(app.Services.GetService<MeterProvider>());
        Assert.False(app.Services.GetRequiredService<IOptions<TelemetryOptions>>().Value.Enabled);
    }

    [Fact]
    public async Task Telemetry_EnabledWithEndpoint_RegistersTracerAndMeterProviders()
    {
        await using var app = new WorkbenchAppFactory(new Dictionary<string, string?>
        {
            ["Workbench:Telemetry:Enabled"] = "true",
            ["Workbench:Telemetry:OtlpEndpoint"] = "http://127.0.0.1:9",
        });
        _ = app.Server;

        Assert.NotNull(app.Services.GetService<TracerProvider>());
        Assert.NotNull(app.Services.GetService<MeterProvider>());
    }

    [Theory]
    [InlineData("true", "", "Workbench:Telemetry:OtlpEndpoint is required")]
    [InlineData("true", "localhost:4318", "Workbench:Telemetry:OtlpEndpoint must be")]
    [InlineData("true", "ftp://collector/", "Workbench:Telemetry:OtlpEndpoint must be")]
    [InlineData("false", "/relative", "Workbench:Telemetry:OtlpEndpoint must be")]
    public void Options_BadEndpoint_FailsNamingTheKey(string enabled, string endpoint, string expected)
    {
        var result = new TelemetryOptionsValidator().Validate(null, new TelemetryOptions { Enabled = bool.Parse(enabled), OtlpEndpoint = endpoint });

        Assert.True(result.Failed);
        Assert.Contains(expected, result.FailureMessage, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Processor_SpanAttributes_RedactedAndContentOnlyWhenAllowed(bool includeContent)
    {
        var processor = new RedactingActivityProcessor(new LogRedaction(Redactor.CreateDefault(), enableDebug: false), includeContent);
        using var activity = new Activity("GET /lookup/" + PlantedValues.Email);
        activity.SetTag("url.query", "email=" + PlantedValues.Email + "&key=" + PlantedValues.OpenAiKey);
        activity.SetTag("gen_ai.prompt", "Call " + PlantedValues.Phone);
        activity.SetTag("http.response.status_code", 200);
        activity.SetStatus(ActivityStatusCode.Error, "card " + PlantedValues.Card);

        processor.OnEnd(activity);

        var texts = activity.TagObjects.Select(t => t.Value?.ToString() ?? "").Append(activity.DisplayName).Append(activity.StatusDescription ?? "");
        Assert.All(texts, t => Assert.Equal("", PlantedValues.FindIn(t)));
        Assert.Equal(200, activity.GetTagItem("http.response.status_code"));
        Assert.Equal(includeContent ? "Call [PHONE]" : null, activity.GetTagItem("gen_ai.prompt"));
    }
}
