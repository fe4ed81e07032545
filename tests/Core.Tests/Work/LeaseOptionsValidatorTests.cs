using Workbench.Core.Configuration;

namespace Workbench.Core.Tests.Work;

public sealed class LeaseOptionsValidatorTests
{
    [Theory]
    [InlineData(30, 5, true)]
    [InlineData(3, 0.5, true)]
    [InlineData(5, 5, false)]
    [InlineData(5, 10, false)]
    public void Validate_HeartbeatAgainstLease_MustBeShorter(int leaseSeconds, double heartbeatSeconds, bool valid)
    {
        var options = new WorkbenchOptions { Runs = new RunsOptions { LeaseSeconds = leaseSeconds, HeartbeatSeconds = heartbeatSeconds } };

        var result = new LeaseOptionsValidator().Validate(null, options);

        Assert.Equal(valid, result.Succeeded);
        if (!valid)
        {
            Assert.Contains("Workbench:Runs:HeartbeatSeconds", result.FailureMessage, StringComparison.Ordinal);
            Assert.Contains("Workbench:Runs:LeaseSeconds", result.FailureMessage, StringComparison.Ordinal);
        }
    }
}
