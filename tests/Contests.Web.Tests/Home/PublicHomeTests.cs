using System.Net;
using System.Text.RegularExpressions;
using Contests.Core.Rounds;
using Contests.Web.Tests.Infrastructure;
using Contests.Web.Tests.Judging;
using Contests.Web.Tests.Review;
using Contests.Web.Tests.Rounds;
using static Contests.Web.Tests.Rounds.RoundPages;

namespace Contests.Web.Tests.Home;

/// <summary>
/// The public home (<c>/public</c>, no sign-in): rounds open for registration with their bases, rounds being judged, published
/// results with the appeals deadline while it runs; drafts never; no person named, no DNI. The sign-in page links to it.
/// </summary>
public abstract partial class PublicHomeTests<TApp>(TApp app) : AppTest<TApp>(app) where TApp : ContestsApp
{
    private static string Section(string html, string id) => HtmlPage.SectionText(html, $"<section class=\"card\" id=\"{id}\"", "</section>");

    private static bool Lists(string html, string id, int roundId) =>
        Regex.IsMatch(html, $"<section class=\"card\" id=\"{id}\"(?:(?!</section>).)*data-round=\"{Id(roundId)}\"", RegexOptions.Singleline);

    [Fact]
    public async Task Anyone_SeesTheOpenRoundAndItsBases_NeverADraft()
    {
        var data = new RoundsData(App);
        await data.AddProgrammeAsync();
        var open = await data.AddRoundAsync("Concurso de riego 2027", RoundPhase.Open);
        var draft = await data.AddRoundAsync("Borrador sin anunciar");
        using var anyone = App.NewClient();

        var response = await anyone.GetAsync("/public");
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(Lists(html, "open-rounds", open), "The open round is not under «Inscripción abierta».");
        Assert.Contains($"<a href=\"/public/rounds/{Id(open)}\">Concurso de riego 2027</a>", html);
        Assert.DoesNotContain("Borrador sin anunciar", html);
        Assert.DoesNotContain($"data-round=\"{Id(draft)}\"", html);
        Assert.Equal("En evaluación Ningún concurso está en evaluación ahora.", Section(html, "judged-rounds"));
        Assert.Equal("Resultados publicados Aún no hay resultados publicados.", Section(html, "results-rounds"));
        Assert.Equal(HttpStatusCode.OK, (await anyone.GetAsync($"/public/rounds/{Id(open)}")).StatusCode);
    }

    [Fact]
    public async Task SignInPage_LeadsToThePublicHome_AndTheHomeStaysBehindSignIn()
    {
        using var anyone = App.NewClient();

        var home = await anyone.GetAsync("/");
        var login = await anyone.GetPageAsync("/account/login");

        Assert.Equal(HttpStatusCode.Redirect, home.StatusCode);
        Assert.Contains("<p id=\"public-home-link\"><a href=\"/public\">", login);
        Assert.Contains("<a class=\"brand\" href=\"/public\">", login);
    }

    [Fact]
    public async Task RoundInReview_IsBeingJudged_ThenItsResultsAreListedWithTheAppealsDeadline_NoDni()
    {
        var data = new ReviewData(App);
        var round = await data.InReviewAsync();
        using var anyone = App.NewClient();
        var before = await anyone.GetPageAsync("/public");
        Assert.True(Lists(before, "judged-rounds", round.Id), "The round in review is not under «En evaluación».");
        Assert.Contains("Revisión del CLAR", Section(before, "judged-rounds"));

        using var officer = await App.SignedInClientAsync(TestUsers.Officer);
        await ReviewData.OpenAsync(officer, round.Id, round.Lrac.MemberId, round.Other.MemberId);
        var session = $"/rounds/{Id(round.Id)}/session";
        var approved = await officer.PostFormAsync(session, session + "/approve", ("Approve.AppealsUntil", "2026-11-30"), ("Approve.Confirmed", "true"));
        Assert.Equal(HttpStatusCode.Redirect, approved.StatusCode);

        var after = await anyone.GetPageAsync("/public");
        Assert.False(Lists(after, "judged-rounds", round.Id));
        Assert.True(Lists(after, "results-rounds", round.Id), "The published round is not under «Resultados publicados».");
        Assert.Contains($"<a href=\"/public/rounds/{Id(round.Id)}/results\">", after);
        Assert.Contains("Reclamos hasta el 30/11/2026 23:59", Section(after, "results-rounds"));
        foreach (var dni in new[] { JudgingData.NeighbourDni, JudgingData.LracDni, JudgingData.OtherDni })
        {
            Assert.DoesNotContain(dni, after);
        }
        Assert.DoesNotMatch(EightDigits(), HtmlPage.Text(after));

        // Once the appeals window has passed, the deadline is no longer announced.
        App.Clock.Advance(TimeSpan.FromDays(30));
        Assert.DoesNotContain("Reclamos hasta", await anyone.GetPageAsync("/public"));
    }

    // An 8-digit number standing alone, as a DNI is shown (the audit anchor's hex hash may hold eight digits in a row).
    [GeneratedRegex(@"(?<![\dA-Za-z])\d{8}(?![\dA-Za-z])")]
    private static partial Regex EightDigits();
}

public sealed class PublicHomeTestsOnSqlite(SqliteApp app) : PublicHomeTests<SqliteApp>(app);

public sealed class PublicHomeTestsOnPostgres(PostgresApp app) : PublicHomeTests<PostgresApp>(app);
