using System.Net;
using System.Text.RegularExpressions;
using Contests.Core.Accounts;
using Contests.Web.Tests.Infrastructure;
using Contests.Web.Tests.Registry;
using Microsoft.EntityFrameworkCore;

namespace Contests.Web.Tests.Api;

/// <summary>An administrator's pages for the read API's keys: issued and shown once, stored hashed, revoked.</summary>
public abstract partial class ApiKeyPagesTests<TApp>(TApp app) : AppTest<TApp>(app) where TApp : ContestsApp
{
    private const string Page = "/admin/api-keys";

    [Fact]
    public async Task CreateKey_ShowsTheTokenOnce_AndStoresOnlyItsHash()
    {
        using var admin = await App.SignedInClientAsync(TestUsers.Admin);

        var response = await admin.PostFormAsync(Page, Page, ("Form.Name", "FIDA — seguimiento"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("no-store", response.Headers.CacheControl!.ToString(), StringComparison.Ordinal);
        var token = TokenOf(await response.Content.ReadAsStringAsync());
        Assert.StartsWith(ApiKey.TokenStart, token, StringComparison.Ordinal);
        var key = await new RegistryData(App).ReadAsync(db => db.Set<ApiKey>().AsNoTracking().SingleAsync());
        Assert.Equal("FIDA — seguimiento", key.Name);
        Assert.Equal(ApiKey.HashOf(token), key.SecretHash);
        Assert.NotEqual(token, key.SecretHash);
        Assert.Contains(key.Prefix, token, StringComparison.Ordinal);
        // Shown once: the list names the key by its prefix, never its secret.
        var list = await admin.GetPageAsync(Page);
        Assert.DoesNotContain(token, list, StringComparison.Ordinal);
        Assert.Contains($"data-key-id=\"{key.Id}\" data-revoked=\"false\"", list, StringComparison.Ordinal);
        Assert.Contains("ctk_" + key.Prefix, list, StringComparison.Ordinal);
        // Audited, without the hash's value.
        var audit = await new RegistryData(App).ReadAsync(db => db.AuditRecords.AsNoTracking()
            .Where(r => r.EntityType == nameof(ApiKey)).ToListAsync());
        var created = Assert.Single(audit);
        Assert.Equal(TestUsers.Admin, created.Actor);
        Assert.DoesNotContain(key.SecretHash, created.After ?? "", StringComparison.Ordinal);
        Assert.DoesNotContain(token, created.After ?? "", StringComparison.Ordinal);
        // And it opens the API.
        using var api = App.CreateClient();
        api.DefaultRequestHeaders.Authorization = new("Bearer", token);
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync(new Uri("/api/v1/rounds", UriKind.Relative))).StatusCode);
    }

    [Fact]
    public async Task CreateKey_WithoutAName_SaysSoOnTheField_AndWritesNothing()
    {
        using var admin = await App.SignedInClientAsync(TestUsers.Admin);

        var response = await admin.PostFormAsync(Page, Page, ("Form.Name", "  "));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.NotNull(HtmlPage.ErrorOf(html, "Form.Name"));
        Assert.DoesNotContain("api-key-token", html, StringComparison.Ordinal);
        Assert.Equal(0, await new RegistryData(App).CountAsync<ApiKey>());
    }

    [Fact]
    public async Task RevokeKey_StopsItAtOnce_AndKeepsItListed()
    {
        using var admin = await App.SignedInClientAsync(TestUsers.Admin);
        var token = TokenOf(await (await admin.PostFormAsync(Page, Page, ("Form.Name", "Sistema SIIR"))).Content.ReadAsStringAsync());
        var id = await new RegistryData(App).ReadAsync(db => db.Set<ApiKey>().Select(k => k.Id).SingleAsync());

        var response = await admin.PostFormAsync(Page, $"{Page}/{id}/revoke");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var key = await new RegistryData(App).ReadAsync(db => db.Set<ApiKey>().AsNoTracking().SingleAsync());
        Assert.NotNull(key.RevokedUtc);
        Assert.Contains($"data-key-id=\"{id}\" data-revoked=\"true\"", await admin.GetPageAsync(Page), StringComparison.Ordinal);
        using var api = App.CreateClient();
        api.DefaultRequestHeaders.Authorization = new("Bearer", token);
        Assert.Equal(HttpStatusCode.Unauthorized, (await api.GetAsync(new Uri("/api/v1/rounds", UriKind.Relative))).StatusCode);
    }

    [Theory]
    [InlineData(TestUsers.Officer)]
    [InlineData(TestUsers.Finance)]
    [InlineData(TestUsers.Auditor)]
    [InlineData(TestUsers.Lrac)]
    public async Task KeyPages_ForSomeoneNotAnAdministrator_AreDenied(string user)
    {
        using var client = await App.SignedInClientAsync(user);

        var list = await client.GetAsync(Page);
        var post = await client.PostFormAsync("/account/password", Page, ("Form.Name", "intruso"));

        Assert.Equal(HttpStatusCode.Redirect, list.StatusCode);
        Assert.Equal("/account/denied", list.Headers.Location!.AbsolutePath);
        Assert.Equal(HttpStatusCode.Redirect, post.StatusCode);
        Assert.Equal("/account/denied", post.Headers.Location!.AbsolutePath);
        Assert.Equal(0, await new RegistryData(App).CountAsync<ApiKey>());
    }

    private static string TokenOf(string html)
    {
        var match = TokenElement().Match(html);
        Assert.True(match.Success, "The new key's token is not on the page.");
        return match.Groups[1].Value;
    }

    [GeneratedRegex("""<code id="api-key-token">([^<]+)</code>""")]
    private static partial Regex TokenElement();
}

public sealed class ApiKeyPagesTestsOnSqlite(SqliteApp app) : ApiKeyPagesTests<SqliteApp>(app);

public sealed class ApiKeyPagesTestsOnPostgres(PostgresApp app) : ApiKeyPagesTests<PostgresApp>(app);
