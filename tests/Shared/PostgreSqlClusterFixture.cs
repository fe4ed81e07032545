using Workbench.Testing;

[assembly: AssemblyFixture(typeof(PostgreSqlClusterFixture))]

namespace Workbench.Testing;

/// <summary>
/// Stops the throwaway PostgreSQL cluster (<see cref="PostgreSqlServer"/>), if a test started one, while the test
/// pipeline still runs: stopping it in ProcessExit made xUnit report a fatal error on a loaded machine.
/// </summary>
public sealed class PostgreSqlClusterFixture : IAsyncDisposable
{
    public async ValueTask DisposeAsync() => await PostgreSqlServer.StopIfStartedAsync();
}
