using Microsoft.Extensions.Configuration;
using Workbench.Hosting;

namespace Workbench.Tests.Hosting;

public class NetworkExposureTests
{
    [Theory]
    [InlineData("http://localhost:5000", true)]
    [InlineData("http://127.0.0.1:0", true)]
    [InlineData("http://127.8.9.10:80", true)]
    [InlineData("http://[::1]:5000", true)]
    [InlineData("https://LOCALHOST", true)]
    [InlineData("http://0.0.0.0:5000", false)]
    [InlineData("http://*:5000", false)]
    [InlineData("http://+:80", false)]
    [InlineData("http://[::]:5000", false)]
    [InlineData("http://192.168.1.20:5000", false)]
    [InlineData("http://workbench.example.com", false)]
    [InlineData("*:8080", false)]
    public void IsLoopback_Address_ClassifiesCorrectly(string address, bool expected) =>
        Assert.Equal(expected, NetworkExposureValidator.IsLoopback(address));

    [Theory]
    [InlineData("urls", "http://0.0.0.0:5000", "urls / ASPNETCORE_URLS")]
    [InlineData("http_ports", "8080", "http_ports / ASPNETCORE_HTTP_PORTS")]
    [InlineData("Kestrel:Endpoints:Public:Url", "http://10.1.2.3:80", "Kestrel:Endpoints:Public:Url")]
    public void Validate_NetworkBindingWithoutSignIn_FailsNamingTheSetting(string key, string value, string setting)
    {
        var result = new NetworkExposureValidator().Validate(null, Read(new() { [key] = value }));

        Assert.True(result.Failed);
        Assert.Contains(setting, result.FailureMessage, StringComparison.Ordinal);
        Assert.Contains(NetworkExposureOptions.AllowKey, result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_NetworkBindingInLocalMode_NamesTheModeSetting()
    {
        var result = new NetworkExposureValidator().Validate(null, Read(new() { ["urls"] = "http://0.0.0.0:5000" }));

        Assert.Contains(Workbench.Security.SecurityOptions.ModeKey + "=team", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_NetworkBindingInTeamMode_Succeeds()
    {
        var result = new NetworkExposureValidator().Validate(null, Read(new() { ["urls"] = "http://0.0.0.0:5000", [Workbench.Security.SecurityOptions.ModeKey] = "team" }));

        Assert.True(result.Succeeded);
    }

    [Fact]
    public void Validate_LoopbackOnly_Succeeds()
    {
        var result = new NetworkExposureValidator().Validate(null, Read(new() { ["urls"] = "http://localhost:5000;http://127.0.0.1:5001" }));

        Assert.True(result.Succeeded);
    }

    [Fact]
    public void Validate_ExplicitOptOut_Succeeds()
    {
        var result = new NetworkExposureValidator().Validate(null, Read(new() { ["urls"] = "http://0.0.0.0:5000", [NetworkExposureOptions.AllowKey] = "true" }));

        Assert.True(result.Succeeded);
    }

    private static NetworkExposureOptions Read(Dictionary<string, string?> settings)
    {
        var options = new NetworkExposureOptions();
        WorkbenchHostingExtensions.ReadListeningAddresses(options, new ConfigurationBuilder().AddInMemoryCollection(settings).Build());
        return options;
    }
}
