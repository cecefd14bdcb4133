using System.Net;
using System.Text.RegularExpressions;
using Contests.Web.Infrastructure.Scheduling;
using Contests.Web.Tests.Infrastructure;
using Hangfire;

namespace Contests.Web.Tests.Admin;

/// <summary>
/// Hangfire's dashboard at <c>/jobs</c>, behind the app's sign-in: administrators see the jobs and may delete or retry
/// them, finance officers and auditors see them read-only (no buttons, commands refused), everyone else gets the app's
/// 403 page and anonymous visitors its sign-in page. A job waits in the storage (this app runs no server), named as the
/// app names it.
/// </summary>
public abstract partial class JobsDashboardTests<TApp>(TApp app) : AppTest<TApp>(app) where TApp : ContestsApp
{
    private string EnqueueBatchJob(int batchId) =>
        App.Services.GetRequiredService<IBackgroundJobClient>()
            .Enqueue<PayoutBatchJob>(j => j.RunAsync(batchId, JobTitles.Batch(batchId), null, CancellationToken.None));

    private string? StateOf(string jobId)
    {
        using var connection = App.Services.GetRequiredService<JobStorage>().GetConnection();
        return connection.GetStateData(jobId)?.Name;
    }

    [Fact]
    public async Task Admin_SeesTheJobByItsName_AndDeletesIt()
    {
        var id = EnqueueBatchJob(7);
        using var admin = await App.SignedInClientAsync(TestUsers.Admin);

        var page = await admin.GetAsync("/jobs/jobs/enqueued/default");
        var html = await page.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("Lote de pagos 000007", html, StringComparison.Ordinal);
        Assert.Contains("data-url=\"/jobs/jobs/enqueued/delete\"", html, StringComparison.Ordinal);
        var response = await PostCommandAsync(admin, html, "/jobs/jobs/enqueued/delete", id);
        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal("Deleted", StateOf(id));
    }

    [Theory]
    [InlineData(TestUsers.Finance)]
    [InlineData(TestUsers.Auditor)]
    public async Task FinanceAndAuditor_SeeTheJob_ReadOnly_CommandsRefused(string user)
    {
        var id = EnqueueBatchJob(8);
        using var reader = await App.SignedInClientAsync(user);

        var page = await reader.GetAsync("/jobs/jobs/enqueued/default");
        var html = await page.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("Lote de pagos 000008", html, StringComparison.Ordinal);
        Assert.DoesNotContain("js-jobs-list-command", html, StringComparison.Ordinal);
        var response = await PostCommandAsync(reader, html, "/jobs/jobs/enqueued/delete", id);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("Enqueued", StateOf(id));
    }

    [Theory]
    [InlineData(TestUsers.Lrac)]
    [InlineData(TestUsers.Officer)]
    public async Task OtherRoles_GetTheAppsForbiddenPage_NotTheDashboard(string user)
    {
        EnqueueBatchJob(9);
        using var client = await App.SignedInClientAsync(user);

        foreach (var path in new[] { "/jobs", "/jobs/jobs/enqueued/default" })
        {
            var response = await client.GetAsync(path);
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.Equal("/account/denied", response.Headers.Location!.AbsolutePath);
        }
    }

    [Fact]
    public async Task Anonymous_IsSentToSignIn()
    {
        using var client = App.NewClient();

        var response = await client.GetAsync("/jobs");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/account/login", response.Headers.Location!.AbsolutePath);
    }

    /// <summary>A dashboard command as its page's script posts it: the antiforgery token from the page's meta tags in a header.</summary>
    private static async Task<HttpResponseMessage> PostCommandAsync(AppClient client, string html, string url, string jobId)
    {
        var header = CsrfHeader().Match(html).Groups[1].Value;
        var token = CsrfToken().Match(html).Groups[1].Value;
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(url, UriKind.Relative))
        {
            Content = new FormUrlEncodedContent([new("jobs[]", jobId)]),
        };
        request.Headers.Add(header, token);
        return await client.Http.SendAsync(request);
    }

    [GeneratedRegex("<meta name=\"csrf-header\" content=\"([^\"]+)\">")]
    private static partial Regex CsrfHeader();

    [GeneratedRegex("<meta name=\"csrf-token\" content=\"([^\"]+)\">")]
    private static partial Regex CsrfToken();
}

// The dashboard's authorization does not depend on the database; its PostgreSQL storage is exercised by the scheduling tests.
public sealed class JobsDashboardTestsOnSqlite(SqliteApp app) : JobsDashboardTests<SqliteApp>(app);
