using System.Text;
using Workbench.Security;

namespace Workbench.Tests.Security;

/// <summary>
/// docs/security/endpoints-and-pages.md lists every page and API endpoint with its policy. It is generated from the same
/// reflection the role matrix uses (<see cref="RouteCatalog"/>), and this test fails when the file is stale.
/// Regenerate with <c>WORKBENCH_UPDATE_DOCS=1</c>.
/// </summary>
public sealed class EndpointsAndPagesDocTests(TeamApp app) : IClassFixture<TeamApp>
{
    public const string RelativePath = "docs/security/endpoints-and-pages.md";

    [Fact]
    public void EndpointsAndPagesDoc_ComparedWithTheApp_IsUpToDate()
    {
        var expected = Generate(RouteCatalog.Pages(), RouteCatalog.ApiEndpoints(app.Factory.Services));
        var path = Path.Combine(RepositoryRoot(), RelativePath);
        if (Environment.GetEnvironmentVariable("WORKBENCH_UPDATE_DOCS") == "1")
        {
            File.WriteAllText(path, expected);
        }

        var actual = File.Exists(path) ? File.ReadAllText(path).ReplaceLineEndings("\n") : "";
        Assert.True(
            actual == expected,
            $"{RelativePath} is stale: run 'WORKBENCH_UPDATE_DOCS=1 dotnet test tests/Workbench.Tests -c Release --filter EndpointsAndPagesDoc' and commit it.");
    }

    internal static string Generate(IReadOnlyList<RouteCatalog.Page> pages, IReadOnlyList<RouteCatalog.ApiEndpoint> endpoints)
    {
        var md = new StringBuilder();
        md.Append("""
            # Pages and API endpoints with their policies

            Generated from the app by `EndpointsAndPagesDocTests` (the same reflection `RoleMatrixTests` uses); that test fails
            when this file is out of date. Regenerate: `WORKBENCH_UPDATE_DOCS=1 dotnet test tests/Workbench.Tests -c Release --filter EndpointsAndPagesDoc`.

            Roles include the ones before them: viewer ⊂ author ⊂ reviewer ⊂ admin. Policies: `CanRead` = viewer or above,
            `CanEdit` = author or above, `CanReview` = reviewer or above, `CanAdminister` = admin. In local mode the single
            user holds admin. Component actions that change data check their own policy in the handler (`ActionAuthorization`);
            the page policy below is what opening the page needs. In team mode `/api` accepts the sign-in cookie or
            `Authorization: Bearer pwb_…` (a personal API token acting with the lower of its owner's role and its cap).


            """.ReplaceLineEndings("\n"));
        md.Append("## Pages\n\n| Route | Component | Policy | Lowest role |\n|---|---|---|---|\n");
        foreach (var page in pages.OrderBy(p => p.Template, StringComparer.Ordinal))
        {
            var (policy, role) = page.AllowAnonymous ? ("anonymous", "—") : (page.Policy ?? "(none)", page.Policy is { } p && Policies.MinimumRole.TryGetValue(p, out var r) ? r : "—");
            md.Append($"| `{page.Template}` | {page.Component.Name} | {policy} | {role} |\n");
        }

        md.Append("\n## API endpoints\n\n| Method | Route | Policies | Lowest role |\n|---|---|---|---|\n");
        foreach (var endpoint in endpoints.OrderBy(e => e.Pattern, StringComparer.Ordinal).ThenBy(e => e.Method, StringComparer.Ordinal))
        {
            var policies = endpoint.AllowAnonymous ? "anonymous" : string.Join(", ", endpoint.Policies.Distinct().Order(StringComparer.Ordinal));
            md.Append($"| {endpoint.Method} | `{endpoint.Pattern}` | {policies} | {RouteCatalog.MinimumRole(endpoint.Policies)} |\n");
        }

        md.Append("""

            ## Other endpoints

            | Method | Route | Access |
            |---|---|---|
            | POST | `/account/sign-out` | anyone; antiforgery token required |
            | GET | `/healthz` | anonymous; reports status only, no data |
            | GET | `/openapi/v1.json` | anonymous; the API description, no data |
            | GET | static assets (`/_content/…`, `/_framework/…`, `/app.css`, …) | anonymous |

            """.ReplaceLineEndings("\n"));
        return md.ToString();
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Workbench.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Workbench.sln not found above the test output directory.");
    }
}
