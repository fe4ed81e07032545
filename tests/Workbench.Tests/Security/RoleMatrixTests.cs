using System.Net;
using System.Net.Http.Json;
using Workbench.Security;

namespace Workbench.Tests.Security;

/// <summary>
/// Team mode, over real HTTP with the real sign-in: every page and every API endpoint for anonymous, viewer, author,
/// reviewer and admin. Pages: 302 to sign-in (anonymous), 403 (role too low), otherwise served. API: 401 / 403 problem
/// details, otherwise served.
/// </summary>
public sealed class RoleMatrixTests(TeamApp app) : IClassFixture<TeamApp>
{
    private static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;

    public static TheoryData<string> Callers => new() { "anonymous", Roles.Viewer, Roles.Author, Roles.Reviewer, Roles.Admin };

    [Fact]
    public void EveryPage_HasAPolicyOrIsAKnownAnonymousPage()
    {
        var pages = RouteCatalog.Pages();
        Assert.NotEmpty(pages);
        var unguarded = pages
            .Where(p => p.AllowAnonymous ? !RouteCatalog.AnonymousPages.Contains(p.Template) : p.Policy is null || !Policies.MinimumRole.ContainsKey(p.Policy))
            .Select(p => $"{p.Template} ({p.Component.Name})")
            .ToList();
        Assert.True(unguarded.Count == 0, "Pages without a policy (add [Authorize(Policy = Policies.X)] or list them as anonymous): " + string.Join(", ", unguarded));
    }

    [Fact]
    public void EveryApiEndpoint_HasAPolicy()
    {
        var endpoints = RouteCatalog.ApiEndpoints(app.Factory.Services);
        Assert.NotEmpty(endpoints);
        var unguarded = endpoints.Where(e => e.AllowAnonymous || e.Policies.Count == 0 || e.Policies.Any(p => !Policies.MinimumRole.ContainsKey(p))).Select(e => $"{e.Method} {e.Pattern}").ToList();
        Assert.True(unguarded.Count == 0, "API endpoints without a policy (call ApiAuthorization.Apply on their group): " + string.Join(", ", unguarded));
    }

    [Theory]
    [MemberData(nameof(Callers))]
    public async Task Pages_EachCaller_GetsTheStatusItsRoleAllows(string caller)
    {
        var role = caller == "anonymous" ? null : caller;
        using var client = await app.ClientForAsync(role);
        var failures = new List<string>();
        foreach (var page in RouteCatalog.Pages())
        {
            using var response = await client.GetAsync(page.Url, Ct);
            var status = (int)response.StatusCode;
            string expected;
            bool ok;
            if (page.AllowAnonymous)
            {
                expected = "served (anonymous page)";
                ok = status is not (302 or 401 or 403) && status < 500;
            }
            else if (role is null)
            {
                expected = "302 to /account/sign-in";
                ok = status == 302 && response.Headers.Location?.OriginalString.Contains("/account/sign-in", StringComparison.Ordinal) == true;
            }
            else if (!Roles.Includes(role, Policies.MinimumRole[page.Policy!]))
            {
                expected = "403";
                ok = status == 403;
            }
            else
            {
                expected = "served";
                ok = status is 200 or 404 && response.Headers.Location is null;
            }

            if (!ok)
            {
                failures.Add($"{page.Url}: expected {expected}, got {status} {response.Headers.Location}");
            }
        }

        Assert.True(failures.Count == 0, $"{caller}: " + string.Join("; ", failures));
    }

    [Theory]
    [MemberData(nameof(Callers))]
    public async Task ApiEndpoints_EachCaller_GetsTheStatusItsRoleAllows(string caller)
    {
        var role = caller == "anonymous" ? null : caller;
        using var client = await app.ClientForAsync(role);
        await AssertApiMatrixAsync(client, role, caller);
    }

    public static TheoryData<string> Roles4 => new() { Roles.Viewer, Roles.Author, Roles.Reviewer, Roles.Admin };

    [Theory]
    [MemberData(nameof(Roles4))]
    public async Task ApiEndpoints_EachRoleWithAToken_GetsTheStatusItsRoleAllows(string role)
    {
        using var client = await app.TokenClientForAsync(role);
        await AssertApiMatrixAsync(client, role, $"{role} (token)");
    }

    [Theory]
    [MemberData(nameof(Roles4))]
    public async Task ApiEndpoints_AdminTokenCappedAtRole_ActsWithTheCap(string cap)
    {
        using var client = await app.TokenClientForAsync(Roles.Admin, cap);
        await AssertApiMatrixAsync(client, cap, $"admin token capped at {cap}");
    }

    private async Task AssertApiMatrixAsync(HttpClient client, string? role, string caller)
    {
        var failures = new List<string>();
        foreach (var endpoint in RouteCatalog.ApiEndpoints(app.Factory.Services))
        {
            using var request = new HttpRequestMessage(new HttpMethod(endpoint.Method), endpoint.Url);
            if (endpoint.Method is not ("GET" or "HEAD" or "DELETE"))
            {
                request.Content = new StringContent("{}", System.Text.Encoding.UTF8, "application/json");
            }

            using var response = await client.SendAsync(request, Ct);
            var status = (int)response.StatusCode;
            var minimum = RouteCatalog.MinimumRole(endpoint.Policies);
            var problem = response.Content.Headers.ContentType?.MediaType == "application/problem+json";
            var (expected, ok) = role is null
                ? ("401 problem details", status == 401 && problem)
                : !Roles.Includes(role, minimum)
                    ? ("403 problem details", status == 403 && problem)
                    : ("not 401/403/3xx", status is not (401 or 403) and < 300 or (>= 400 and < 500 and not 401 and not 403));
            if (!ok)
            {
                failures.Add($"{endpoint.Method} {endpoint.Url}: expected {expected}, got {status}");
            }
        }

        Assert.True(failures.Count == 0, $"{caller}: " + string.Join("; ", failures));
    }

    [Theory]
    [InlineData(Roles.Viewer)]
    [InlineData(Roles.Admin)]
    public async Task ApiMe_SignedIn_ReturnsNameAndRole(string role)
    {
        using var client = await app.ClientForAsync(role);

        var me = await client.GetFromJsonAsync<MeResponse>("/api/me", Ct);

        Assert.Equal(new MeResponse(TeamApp.EmailFor(role), role), me);
    }

    [Fact]
    public async Task ForbiddenPage_SignedInWithLowRole_ExplainsAccessDenied()
    {
        using var client = await app.ClientForAsync(Roles.Viewer);

        using var response = await client.GetAsync("/settings/users", Ct);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("Access denied", await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }
}
