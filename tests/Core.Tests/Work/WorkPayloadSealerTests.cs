using System.Text;
using Microsoft.AspNetCore.DataProtection;
using Workbench.Core.Batches;
using Workbench.Core.Providers;
using Workbench.Core.Runs;
using Workbench.Core.Work;

namespace Workbench.Core.Tests.Work;

public sealed class WorkPayloadSealerTests
{
    private static readonly string Email = "jane.roe" + "@" + "example.com";

    [Fact]
    public void Seal_RequestWithPersonalData_OpensOnTheSameKeyRingAndHoldsNoClearText()
    {
        var keys = new EphemeralDataProtectionProvider();
        var request = new RunRequest("trip-quote", new Dictionary<string, string?> { ["city"] = "Oslo", ["notes"] = "mail " + Email })
        {
            Provider = "simulated",
            Simulation = new SimulationSettings { Faults = ["invalid-json@1"], Seed = 7 },
        };

        var sealedPayload = new WorkPayloadSealer(keys).Seal(request, TestCaseExpectation.EqualsJson("""{"city":"Oslo"}"""));
        var opened = new WorkPayloadSealer(keys).TryUnseal(sealedPayload);

        Assert.DoesNotContain(Email, Encoding.UTF8.GetString(sealedPayload), StringComparison.Ordinal);
        Assert.NotNull(opened);
        Assert.Equal("mail " + Email, opened.Value.Request.Variables["notes"]);
        Assert.Equal("simulated", opened.Value.Request.Provider);
        Assert.Equal(["invalid-json@1"], opened.Value.Request.Simulation!.Faults);
        Assert.Equal(TestCaseExpectation.EqualsJson("""{"city":"Oslo"}"""), opened.Value.Expect);
    }

    [Fact]
    public void TryUnseal_OtherKeyRingOrTamperedPayload_ReturnsNull()
    {
        var request = new RunRequest("trip-quote", new Dictionary<string, string?> { ["city"] = "Oslo" });
        var sealedPayload = new WorkPayloadSealer(new EphemeralDataProtectionProvider()).Seal(request, null);
        var tampered = sealedPayload.ToArray();
        tampered[^1] ^= 0xFF;

        Assert.Null(new WorkPayloadSealer(new EphemeralDataProtectionProvider()).TryUnseal(sealedPayload));
        Assert.Null(new WorkPayloadSealer(new EphemeralDataProtectionProvider()).TryUnseal([1, 2, 3]));
        Assert.Null(new WorkPayloadSealer(new EphemeralDataProtectionProvider()).TryUnseal(tampered));
    }
}
