namespace Workbench.Tests.Hosting;

public class DataProtectionTests
{
    [Fact]
    public async Task Keys_AfterAPageWithAntiforgery_AreStoredInTheDataDirectory()
    {
        await using var app = new WorkbenchAppFactory();
        using var client = app.CreateClient();

        using var response = await client.GetAsync("/templates", Xunit.TestContext.Current.CancellationToken);

        response.EnsureSuccessStatusCode();
        var keys = Path.Combine(app.DataDirectory, "keys");
        Assert.True(Directory.Exists(keys));
        Assert.NotEmpty(Directory.GetFiles(keys, "key-*.xml"));
    }
}
