using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Contests.Core.Accounts;
using Contests.Core.Common;
using Contests.Core.Monitoring;
using Contests.Core.Rounds;
using Contests.Web.Features.Api;
using Contests.Web.Tests.Infrastructure;
using Contests.Web.Tests.Judging;
using Contests.Web.Tests.Payouts;
using Contests.Web.Tests.Registry;
using Microsoft.EntityFrameworkCore;

namespace Contests.Web.Tests.Api;

/// <summary>
/// The read API (<c>/api/v1</c>) over HTTP: keys (missing, wrong, revoked → 401; the cookie never works), the rate limit
/// per key, cursor paging, ETags, the request log, what is served (published results only) and what never is (DNIs,
/// accounts), the OpenAPI document and the reference page.
/// </summary>
public abstract class ApiTests<TApp>(TApp app) : AppTest<TApp>(app) where TApp : ContestsApp
{
    private RegistryData Registry => new(App);

    [Fact]
    public async Task Api_WithoutAValidKey_Answers401WithAProblemAndAChallenge()
    {
        var revoked = await IssueAsync("revocada");
        await Registry.WriteAsync(db => db.Set<ApiKey>().Single().Revoke(1, App.Clock.GetUtcNow().UtcDateTime));
        var valid = await IssueAsync("válida");
        var (_, _, stranger) = ApiKey.Issue("otra instalación", 1, App.Clock.GetUtcNow().UtcDateTime);
        var sameKeyOtherSecret = valid[..(ApiKey.TokenStart.Length + ApiKey.PrefixLength + 1)] + new string('A', 43);

        var cases = new (string? Token, string Code)[]
        {
            (null, "Api.KeyMissing"), (revoked, "Api.KeyRejected"), (stranger, "Api.KeyRejected"),
            (sameKeyOtherSecret, "Api.KeyRejected"), ("not-a-key", "Api.KeyRejected"),
        };
        foreach (var (token, code) in cases)
        {
            using var client = ApiClient(token);
            var response = await client.GetAsync(new Uri("/api/v1/rounds", UriKind.Relative));

            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
            Assert.StartsWith("Bearer", response.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
            using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            Assert.Equal(401, problem.RootElement.GetProperty("status").GetInt32());
            Assert.Equal(code, problem.RootElement.GetProperty("code").GetString());
        }
        // The same key through X-Api-Key works; a wrong one there is refused the same way.
        using var header = App.CreateClient();
        header.DefaultRequestHeaders.Add("X-Api-Key", valid);
        Assert.Equal(HttpStatusCode.OK, (await header.GetAsync(new Uri("/api/v1/rounds", UriKind.Relative))).StatusCode);
    }

    [Fact]
    public async Task Api_WithOnlyASignInCookie_Answers401_AndAKeyNeverOpensThePages()
    {
        var token = await IssueAsync("FIDA");
        using var admin = await App.SignedInClientAsync(TestUsers.Admin);

        var withCookie = await admin.GetAsync("/api/v1/rounds");
        using var keyOnly = ApiClient(token);
        var page = await keyOnly.GetAsync(new Uri("/admin/users", UriKind.Relative));
        var keys = await keyOnly.GetAsync(new Uri("/admin/api-keys", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Unauthorized, withCookie.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.Equal("/account/login", page.Headers.Location!.AbsolutePath);
        Assert.Equal(HttpStatusCode.Redirect, keys.StatusCode);
        Assert.Equal("/account/login", keys.Headers.Location!.AbsolutePath);
    }

    [Fact]
    public async Task Api_BeyondSixtyRequestsAMinute_Answers429WithRetryAfter_ForThatKeyOnly()
    {
        using var busy = ApiClient(await IssueAsync("ocupada"));
        using var other = ApiClient(await IssueAsync("otra"));
        for (var i = 0; i < 60; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await busy.GetAsync(new Uri("/api/v1/rounds", UriKind.Relative))).StatusCode);
        }

        var refused = await busy.GetAsync(new Uri("/api/v1/rounds", UriKind.Relative));

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.NotNull(refused.Headers.RetryAfter?.Delta);
        Assert.InRange(refused.Headers.RetryAfter!.Delta!.Value.TotalSeconds, 1, 60);
        using (var problem = JsonDocument.Parse(await refused.Content.ReadAsStringAsync()))
        {
            Assert.Equal("Api.RateLimited", problem.RootElement.GetProperty("code").GetString());
        }
        Assert.Equal(HttpStatusCode.OK, (await other.GetAsync(new Uri("/api/v1/rounds", UriKind.Relative))).StatusCode);
        // The refusal is logged against the key whose budget ran out.
        var busyId = await Registry.ReadAsync(db => db.Set<ApiKey>().Where(k => k.Name == "ocupada").Select(k => k.Id).SingleAsync());
        Assert.Equal(1, await Registry.ReadAsync(db => db.Set<ApiRequest>().CountAsync(r => r.ApiKeyId == busyId && r.Status == 429)));
    }

    [Fact]
    public async Task Api_RecordsEveryAnswer_WithItsKeyPathAndStatus()
    {
        var token = await IssueAsync("SIIR");
        using var client = ApiClient(token);
        using var anonymous = ApiClient(null);

        await client.GetAsync(new Uri("/api/v1/rounds?limit=5", UriKind.Relative));
        await client.GetAsync(new Uri("/api/v1/rounds/999/entries", UriKind.Relative));
        await client.GetAsync(new Uri("/api/v1/rounds?limit=500", UriKind.Relative));
        await anonymous.GetAsync(new Uri("/api/v1/rounds", UriKind.Relative));

        var keyId = await Registry.ReadAsync(db => db.Set<ApiKey>().Select(k => k.Id).SingleAsync());
        var log = await Registry.ReadAsync(db => db.Set<ApiRequest>().AsNoTracking().OrderBy(r => r.Id).ToListAsync());
        Assert.Equal(
        [
            (keyId, "/api/v1/rounds?limit=5", 200), (keyId, "/api/v1/rounds/999/entries", 404), (keyId, "/api/v1/rounds?limit=500", 400),
            ((int?)null, "/api/v1/rounds", 401),
        ], log.Select(r => (r.ApiKeyId, r.Path, r.Status)).ToList());
        Assert.All(log, r => Assert.Equal(App.Clock.GetUtcNow().UtcDateTime, r.RequestedUtc));
        // The administrator's list shows when the key was last used.
        using var admin = await App.SignedInClientAsync(TestUsers.Admin);
        Assert.Contains($"data-last-used=\"{App.Clock.GetUtcNow().UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture)}\"",
            await admin.GetPageAsync("/admin/api-keys"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Endpoints_ServeThePublishedResults_AwardsBySource_PayoutsAndFollowUp()
    {
        var (round, draft) = await PublishedRoundWithPayoutsAndAVisitAsync();
        using var client = ApiClient(await IssueAsync("FIDA"));

        using var rounds = await JsonAsync(client, "/api/v1/rounds");
        using var entries = await JsonAsync(client, $"/api/v1/rounds/{round}/entries");
        using var awards = await JsonAsync(client, $"/api/v1/rounds/{round}/awards");
        using var payouts = await JsonAsync(client, $"/api/v1/rounds/{round}/payouts");
        using var visits = await JsonAsync(client, "/api/v1/followups");
        var notPublished = await client.GetAsync(new Uri($"/api/v1/rounds/{draft}/entries", UriKind.Relative));

        var served = rounds.RootElement.GetProperty("data").EnumerateArray().ToList();
        Assert.DoesNotContain(served, r => r.GetProperty("id").GetInt32() == draft);
        var published = Assert.Single(served, r => r.GetProperty("id").GetInt32() == round);
        Assert.Equal("paying", published.GetProperty("phase").GetString());   // creating the payouts moved it on
        Assert.Equal("1000.00", published.GetProperty("awarded").GetRawText());
        Assert.EndsWith("Z", published.GetProperty("resultsApprovedUtc").GetString(), StringComparison.Ordinal);

        var rows = entries.RootElement.GetProperty("data").EnumerateArray().ToList();
        Assert.Equal([1, 2, 3, 4, 5], rows.Select(r => r.GetProperty("number").GetInt32()));
        var juana = rows[0];
        Assert.Equal("Quispe Mamani, Juana", juana.GetProperty("competitor").GetString());
        Assert.Equal("Ccollpa", juana.GetProperty("community").GetString());
        Assert.Equal(1, juana.GetProperty("rank").GetInt32());
        Assert.Equal("600.00", juana.GetProperty("award").GetRawText());
        Assert.Equal("0.00", rows[2].GetProperty("award").GetRawText());

        var winners = awards.RootElement.GetProperty("data").EnumerateArray().ToList();
        Assert.Equal([1, 2], winners.Select(a => a.GetProperty("entryNumber").GetInt32()));
        Assert.Equal("600.00", winners[0].GetProperty("amount").GetRawText());
        var share = Assert.Single(winners[0].GetProperty("funding").EnumerateArray());
        Assert.Equal("600.00", share.GetProperty("amount").GetRawText());
        Assert.False(string.IsNullOrEmpty(share.GetProperty("fundingSource").GetString()));

        Assert.Equal(2, payouts.RootElement.GetProperty("count").GetInt32());
        Assert.Equal("1000.00", payouts.RootElement.GetProperty("total").GetRawText());
        var pending = Assert.Single(payouts.RootElement.GetProperty("states").EnumerateArray());
        Assert.Equal("pending", pending.GetProperty("state").GetString());

        var visit = Assert.Single(visits.RootElement.GetProperty("data").EnumerateArray());
        Assert.Equal(1, visit.GetProperty("entryNumber").GetInt32());
        Assert.Equal(round, visit.GetProperty("roundId").GetInt32());
        Assert.Equal("450.00", visit.GetProperty("assetChange").GetRawText());   // 1,250.00 now − 800.00 before
        Assert.Equal("120.00", visit.GetProperty("ownInvestment").GetRawText());
        Assert.Matches(@"^\d{4}-\d{2}-\d{2}$", visit.GetProperty("visitedOn").GetString()!);

        Assert.Equal(HttpStatusCode.NotFound, notPublished.StatusCode);
        Assert.Equal("application/problem+json", notPublished.Content.Headers.ContentType!.MediaType);
    }

    [Fact]
    public async Task Paging_WalksEveryRowExactlyOnce_AndRefusesABadLimitOrCursor()
    {
        var (round, _) = await PublishedRoundWithPayoutsAndAVisitAsync();
        using var client = ApiClient(await IssueAsync("FIDA"));

        List<int> numbers = [];
        var pages = 0;
        string? next = $"/api/v1/rounds/{round}/entries?limit=2";
        while (next is not null)
        {
            using var page = await JsonAsync(client, next);
            numbers.AddRange(page.RootElement.GetProperty("data").EnumerateArray().Select(r => r.GetProperty("number").GetInt32()));
            var link = page.RootElement.GetProperty("next");
            next = link.ValueKind == JsonValueKind.Null ? null : link.GetString();
            Assert.True(++pages <= 3, "More pages than rows / 2.");
        }
        List<int> roundIds = [];
        next = "/api/v1/rounds?limit=1";
        while (next is not null)
        {
            using var page = await JsonAsync(client, next);
            roundIds.AddRange(page.RootElement.GetProperty("data").EnumerateArray().Select(r => r.GetProperty("id").GetInt32()));
            var link = page.RootElement.GetProperty("next");
            next = link.ValueKind == JsonValueKind.Null ? null : link.GetString();
        }
        var expected = await Registry.ReadAsync(db => db.Rounds.Where(r => r.Phase != RoundPhase.Draft).OrderBy(r => r.Id).Select(r => r.Id).ToListAsync());

        Assert.Equal([1, 2, 3, 4, 5], numbers);
        Assert.Equal(3, pages);
        Assert.Equal(expected, roundIds);
        Assert.Equal(2, expected.Count);
        foreach (var (url, code) in new[]
        {
            ("/api/v1/rounds?limit=201", "Api.BadLimit"), ("/api/v1/rounds?limit=0", "Api.BadLimit"),
            ("/api/v1/rounds?cursor=bm90LW91cnM", "Api.BadCursor"), ("/api/v1/rounds?cursor=%25%25", "Api.BadCursor"),
        })
        {
            var response = await client.GetAsync(new Uri(url, UriKind.Relative));
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            Assert.Equal(code, problem.RootElement.GetProperty("code").GetString());
        }
    }

    [Fact]
    public async Task ETag_SentBackUnchanged_Answers304_AndAChangeGivesANewOne()
    {
        var rounds = new Contests.Web.Tests.Rounds.RoundData(App);
        var world = await rounds.WorldAsync();
        await rounds.RoundAsync(world, RoundPhase.Open);
        using var client = ApiClient(await IssueAsync("FIDA"));
        var url = "/api/v1/rounds";
        var first = await client.GetAsync(new Uri(url, UriKind.Relative));
        var etag = first.Headers.ETag!;

        using var again = new HttpRequestMessage(HttpMethod.Get, new Uri(url, UriKind.Relative));
        again.Headers.IfNoneMatch.Add(etag);
        var notModified = await client.SendAsync(again);
        await rounds.RoundAsync(world, RoundPhase.Judging);
        using var afterChange = new HttpRequestMessage(HttpMethod.Get, new Uri(url, UriKind.Relative));
        afterChange.Headers.IfNoneMatch.Add(etag);
        var changed = await client.SendAsync(afterChange);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);
        Assert.Empty(await notModified.Content.ReadAsByteArrayAsync());
        Assert.Equal(etag, notModified.Headers.ETag);
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        Assert.NotEqual(etag, changed.Headers.ETag);
    }

    [Fact]
    public async Task NoResponse_CarriesADniOrABankAccount_OfTheTestData()
    {
        var (round, _) = await PublishedRoundWithPayoutsAndAVisitAsync();
        using var client = ApiClient(await IssueAsync("FIDA"));
        var secrets = await Registry.ReadAsync(async db =>
        {
            List<string?> all = [];
            all.AddRange(await db.Households.Select(h => h.HeadDni).ToListAsync());
            all.AddRange(await db.Households.Select(h => h.PartnerDni).ToListAsync());
            all.AddRange(await db.LracMembers.Select(m => m.Dni).ToListAsync());
            all.AddRange(await db.BankAccounts.Select(a => a.AccountNumber).ToListAsync());
            all.AddRange(await db.BankAccounts.Select(a => a.Cci).ToListAsync());
            all.AddRange(await db.Payouts.Select(p => p.AccountNumber).ToListAsync());
            all.AddRange(await db.Payouts.Select(p => p.Cci).ToListAsync());
            return all.OfType<string>().Where(s => s.Length > 0).Distinct().ToList();
        });
        Assert.Contains(PayoutData.JuanasCci.Value, secrets);
        Assert.Contains(JudgingData.LracDni, secrets);

        foreach (var url in new[]
        {
            "/api/v1/rounds", $"/api/v1/rounds/{round}/entries", $"/api/v1/rounds/{round}/awards", $"/api/v1/rounds/{round}/payouts",
            "/api/v1/followups", $"/api/v1/followups?round={round}", "/api/v1/openapi.json",
        })
        {
            var response = await client.GetAsync(new Uri(url, UriKind.Relative));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var body = await response.Content.ReadAsStringAsync();
            Assert.All(secrets, secret => Assert.DoesNotContain(secret, body, StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task OpenApiDocument_Parses_AndListsEveryEndpoint_AsTheReferencePageDoes()
    {
        using var anonymous = App.CreateClient();

        var response = await anonymous.GetAsync(new Uri("/api/v1/openapi.json", UriKind.Relative));
        var reference = await anonymous.GetAsync(new Uri("/api/reference", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.StartsWith("3.", document.RootElement.GetProperty("openapi").GetString(), StringComparison.Ordinal);
        var paths = document.RootElement.GetProperty("paths").EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal).ToList();
        string[] endpoints =
        [
            "/api/v1/followups", "/api/v1/indicators", "/api/v1/rounds", "/api/v1/rounds/{id}/awards", "/api/v1/rounds/{id}/entries", "/api/v1/rounds/{id}/payouts",
        ];
        Assert.Equal(endpoints, paths);
        var rounds = document.RootElement.GetProperty("paths").GetProperty("/api/v1/rounds").GetProperty("get");
        Assert.Equal(["cursor", "limit"], rounds.GetProperty("parameters").EnumerateArray().Select(p => p.GetProperty("name").GetString()).Order());
        Assert.True(rounds.GetProperty("responses").TryGetProperty("401", out _));

        Assert.Equal(HttpStatusCode.OK, reference.StatusCode);
        var html = await reference.Content.ReadAsStringAsync();
        Assert.All(endpoints, e => Assert.Contains($"data-endpoint=\"{e}\"", html, StringComparison.Ordinal));
        Assert.Contains("data-parameter=\"cursor\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("swagger", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("ApiReference.", HtmlPage.Text(html), StringComparison.Ordinal);   // every endpoint has its description
    }

    /// <summary>
    /// <see cref="PayoutData"/>'s final round (Juana 600.00, Pedro 400.00) with its payouts created, a visit to Juana
    /// (baseline S/ 800.00, now S/ 1,250.00, own investment S/ 120.00), another round open and one still a draft.
    /// </summary>
    private async Task<(int Round, int Draft)> PublishedRoundWithPayoutsAndAVisitAsync()
    {
        var data = new PayoutData(App);
        var round = await data.FinalAsync(pedroVerified: true);
        await data.CreatedAsync(round);
        var officer = await data.UserIdAsync(TestUsers.Officer);
        var now = App.Clock.GetUtcNow().UtcDateTime;
        await Registry.WriteAsync(db =>
        {
            var entry = db.Entries.Include(e => e.Baseline).Single(e => e.Id == round.Entry(1));
            List<DomainError> errors = [];
            var item = BaselineItem.Create("Cuyes", 20m, "cabezas", 800m, null, "Items[0]", errors)!;
            Assert.True(entry.SetBaseline(RoundPhase.Judging, [item]).Succeeded);
            return 0;
        });
        await Registry.WriteAsync(db =>
        {
            var entry = db.Entries.Include(e => e.Baseline).Single(e => e.Id == round.Entry(1));
            var (result, visit) = FollowUpVisit.Record(entry, new FollowUpInput
            {
                VisitedOn = DateOnly.FromDateTime(LimaTime.FromUtc(now)), VisitedBy = Visitor.Officer, VisitorName = "Rosa Quispe",
                Items = [new FollowUpItemInput(0, 45m, 1250m)], OwnInvestment = 120m, InvestmentKept = true,
            }, officer, now);
            Assert.True(result.Succeeded, string.Join(", ", result.Errors.Select(e => e.Code)));
            db.FollowUpVisits.Add(visit!);
            return 0;
        });
        var draft = await data.Review.Judging.Rounds.RoundAsync(round.World, RoundPhase.Draft);
        await data.Review.Judging.Rounds.RoundAsync(round.World, RoundPhase.Open);
        return (round.Id, draft);
    }

    private async Task<string> IssueAsync(string name)
    {
        using var scope = App.Services.CreateScope();
        var adminId = await scope.ServiceProvider.GetRequiredService<Contests.Web.Infrastructure.Persistence.ContestsDbContext>().Users
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

public sealed class ApiTestsOnSqlite(SqliteApp app) : ApiTests<SqliteApp>(app);

public sealed class ApiTestsOnPostgres(PostgresApp app) : ApiTests<PostgresApp>(app);
