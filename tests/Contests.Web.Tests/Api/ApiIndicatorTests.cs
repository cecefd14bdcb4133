using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.RegularExpressions;
using Contests.Core.Rounds;
using Contests.Web.Features.Api;
using Contests.Web.Infrastructure.Persistence;
using Contests.Web.Tests.Infrastructure;
using Contests.Web.Tests.Registry;
using Microsoft.EntityFrameworkCore;

namespace Contests.Web.Tests.Api;

/// <summary>
/// <c>/api/v1/indicators</c> over the demo programme: the same figures as the indicators page, with and without filters;
/// a bad filter is a 400 problem naming each bad parameter; an ETag; logged against its key; no DNI in the body.
/// </summary>
public abstract class ApiIndicatorTests<TApp>(TApp app) : AppTest<TApp>(app) where TApp : ContestsApp
{
    private RegistryData Registry => new(App);

    [Fact]
    public async Task Indicators_GiveThePagesFigures_ForTheDemoProgramme_WithAndWithoutFilters()
    {
        await App.ResetToDemoAsync();
        var published = await Registry.ReadAsync(db => db.Rounds.Where(r => r.Phase >= RoundPhase.Published).OrderBy(r => r.Id).Select(r => r.Id).FirstAsync());
        using var officer = await App.SignedInClientAsync(TestUsers.Monitoring);
        using var api = ApiClient(await IssueAsync("FIDA"));

        foreach (var (page, query) in new[]
        {
            ("/monitoring", ""), ("/monitoring?Level=Households", "?level=households"),
            ($"/monitoring?Round={published}", $"?round={published}"), ("/monitoring?Theme=HealthyHome", "?theme=healthyHome"),
        })
        {
            var onPage = PageFigures(await officer.GetPageAsync(page));
            using var json = await JsonAsync(api, "/api/v1/indicators" + query);
            var served = json.RootElement.GetProperty("figures").EnumerateArray().ToDictionary(
                f => f.GetProperty("code").GetString()!,
                f => f.GetProperty("value").ValueKind == JsonValueKind.Null ? (decimal?)null : f.GetProperty("value").GetDecimal());

            Assert.True(onPage.Count >= 20, $"{page}: the page shows its figures");
            Assert.All(onPage, f => Assert.True(served.TryGetValue(f.Key, out var v) && v == f.Value,
                $"{query}: {f.Key} is {f.Value} on the page, {(served.TryGetValue(f.Key, out var w) ? w : "missing")} in the API"));
        }
        using var all = await JsonAsync(api, "/api/v1/indicators");
        var figures = all.RootElement.GetProperty("figures").EnumerateArray().ToDictionary(f => f.GetProperty("code").GetString()!);
        Assert.True(figures["households"].GetProperty("value").GetDecimal() > 0, "the demo has households");
        Assert.True(figures["awarded"].GetProperty("value").GetDecimal() > 0, "the demo has prizes");
        Assert.Equal("soles", figures["awarded"].GetProperty("unit").GetString());
        Assert.Matches(@"^\d+\.\d\d$", figures["awarded"].GetProperty("value").GetRawText());
        Assert.Equal("share", figures["kept"].GetProperty("unit").GetString());
        // The money tables are the page's: by source sums to the awarded total.
        var bySource = all.RootElement.GetProperty("awardedBySource").EnumerateArray().Sum(a => a.GetProperty("amount").GetDecimal());
        Assert.Equal(figures["awarded"].GetProperty("value").GetDecimal(), bySource);
        Assert.NotEmpty(all.RootElement.GetProperty("rounds").EnumerateArray());
    }

    [Theory]
    [InlineData("year=1999", "year", "Monitoring.BadYear")]
    [InlineData("district=15A", "district", "Monitoring.BadDistrict")]
    [InlineData("theme=Mining", "theme", "Monitoring.BadTheme")]
    [InlineData("level=7", "level", "Monitoring.BadLevel")]
    [InlineData("round=-1", "round", "Monitoring.BadRound")]
    public async Task BadFilter_Is400ProblemJson_NamingTheParameter(string query, string parameter, string code)
    {
        using var api = ApiClient(await IssueAsync("FIDA"));

        var response = await api.GetAsync(new Uri("/api/v1/indicators?" + query + "&level=households", UriKind.Relative));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(code, problem.RootElement.GetProperty("code").GetString());
        Assert.Equal(code, problem.RootElement.GetProperty("errors").GetProperty(parameter).GetString());
        Assert.False(problem.RootElement.TryGetProperty("figures", out _));
    }

    [Fact]
    public async Task Indicators_HaveAnETag_AreLoggedByKey_AndCarryNoDni()
    {
        await App.ResetToDemoAsync();
        using var api = ApiClient(await IssueAsync("SIIR"));
        using var anonymous = ApiClient(null);

        var first = await api.GetAsync(new Uri("/api/v1/indicators?year=", UriKind.Relative));
        using var again = new HttpRequestMessage(HttpMethod.Get, new Uri("/api/v1/indicators?year=", UriKind.Relative));
        again.Headers.IfNoneMatch.Add(first.Headers.ETag!);
        var notModified = await api.SendAsync(again);
        var refused = await anonymous.GetAsync(new Uri("/api/v1/indicators", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        var keyId = await Registry.ReadAsync(db => db.Set<Contests.Core.Accounts.ApiKey>().Select(k => k.Id).SingleAsync());
        var log = await Registry.ReadAsync(db => db.Set<ApiRequest>().AsNoTracking().OrderBy(r => r.Id)
            .Select(r => new { r.ApiKeyId, r.Path, r.Status }).ToListAsync());
        Assert.Equal([(keyId, 200), (keyId, 304), ((int?)null, 401)], log.Select(r => (r.ApiKeyId, r.Status)).ToList());
        Assert.All(log, r => Assert.StartsWith("/api/v1/indicators", r.Path, StringComparison.Ordinal));
        var body = await first.Content.ReadAsStringAsync();
        var dnis = await Registry.ReadAsync(async db => (await db.Households.Select(h => h.HeadDni).ToListAsync())
            .Concat(await db.Households.Select(h => h.PartnerDni).ToListAsync()).OfType<string>().Where(d => d.Length > 0).Distinct().ToList());
        Assert.NotEmpty(dnis);
        Assert.All(dnis, dni => Assert.DoesNotContain(dni, body, StringComparison.Ordinal));
    }

    [Fact]
    public async Task OpenApiDocument_AndReferencePage_DescribeTheIndicators()
    {
        using var anonymous = App.CreateClient();

        using var document = JsonDocument.Parse(await anonymous.GetStringAsync(new Uri("/api/v1/openapi.json", UriKind.Relative)));
        var reference = await anonymous.GetStringAsync(new Uri("/api/reference", UriKind.Relative));

        var get = document.RootElement.GetProperty("paths").GetProperty("/api/v1/indicators").GetProperty("get");
        Assert.Equal(["district", "level", "round", "theme", "year"],
            get.GetProperty("parameters").EnumerateArray().Select(p => p.GetProperty("name").GetString()).Order(StringComparer.Ordinal));
        Assert.True(get.GetProperty("responses").TryGetProperty("400", out _));
        Assert.Contains("data-endpoint=\"/api/v1/indicators\"", reference, StringComparison.Ordinal);
        Assert.Contains("median-prize", reference, StringComparison.Ordinal);
    }

    /// <summary>Every <c>data-figure</c> of the indicators page with its exact <c>data-value</c> (null when empty).</summary>
    private static Dictionary<string, decimal?> PageFigures(string html) =>
        Regex.Matches(html, "<div data-figure=\"([a-z-]+)\" data-value=\"([^\"]*)\"", RegexOptions.None, TimeSpan.FromSeconds(1))
            .ToDictionary(m => m.Groups[1].Value,
                m => m.Groups[2].Value.Length == 0 ? (decimal?)null : decimal.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture));

    private async Task<string> IssueAsync(string name)
    {
        using var scope = App.Services.CreateScope();
        var adminId = await scope.ServiceProvider.GetRequiredService<ContestsDbContext>().Users
            .Where(u => u.UserName == TestUsers.Admin).Select(u => u.Id).SingleAsync();
        var (result, token) = await scope.ServiceProvider.GetRequiredService<ApiKeys>().IssueAsync(name, adminId, CancellationToken.None);
        Assert.True(result.Succeeded);
        return token!;
    }

    private HttpClient ApiClient(string? token)
    {
        var client = App.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        if (token is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }
        return client;
    }

    private static async Task<JsonDocument> JsonAsync(HttpClient client, string url)
    {
        var response = await client.GetAsync(new Uri(url, UriKind.Relative));
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{url}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        Assert.Equal("application/json", response.Content.Headers.ContentType!.MediaType);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync());
    }
}

public sealed class ApiIndicatorTestsOnSqlite(SqliteApp app) : ApiIndicatorTests<SqliteApp>(app);

public sealed class ApiIndicatorTestsOnPostgres(PostgresApp app) : ApiIndicatorTests<PostgresApp>(app);
