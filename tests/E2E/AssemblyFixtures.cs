using Workbench.E2E.Infrastructure;
using Xunit.Sdk;
using Xunit.v3;

// One app host and one browser for the whole tier; every test gets its own browser context.
[assembly: AssemblyFixture(typeof(WorkbenchServer))]
[assembly: AssemblyFixture(typeof(BrowserFixture))]

// Sequential on purpose: the tier shares a 2-core machine with the app host and Chromium.
[assembly: Parallelization(Mode = ParallelMode.None)]
