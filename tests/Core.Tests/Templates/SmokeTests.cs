namespace Workbench.Core.Tests.Templates;

public class SmokeTests
{
    [Fact]
    public void Assembly_Loads_HasCoreNamespace()
    {
        Assert.Equal("Workbench.Core", typeof(Workbench.Core.CoreAssembly).Assembly.GetName().Name);
    }
}
