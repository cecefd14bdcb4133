using System.Text.RegularExpressions;
using Contests.Core.Rounds;
using Contests.Web.Tests.Infrastructure;
using static Contests.Web.Tests.Rounds.RoundPages;

namespace Contests.Web.Tests.Rounds;

/// <summary>The phase stepper on the round pages: nine steps, the current one marked, what the next one needs; the next action first.</summary>
public abstract class PhaseStepperTests<TApp>(TApp app) : AppTest<TApp>(app) where TApp : ContestsApp
{
    private RoundData Data => new(App);

    /// <summary>The stepper's steps in order: (phase, class, whether aria-current="step").</summary>
    private static List<(string Phase, string State, bool Current)> Steps(string html)
    {
        var stepper = Regex.Match(html, "<nav class=\"stepper\" id=\"phase-stepper\"[^>]*>(.*?)</nav>", RegexOptions.Singleline, TimeSpan.FromSeconds(1));
        Assert.True(stepper.Success, "no phase stepper on the page");
        return [.. Regex.Matches(stepper.Groups[1].Value, "<li class=\"(\\w+)\" data-phase=\"(\\w+)\"( aria-current=\"step\")?>", RegexOptions.None, TimeSpan.FromSeconds(1))
            .Select(m => (m.Groups[2].Value, m.Groups[1].Value, m.Groups[3].Success))];
    }

    private static string? Need(string html) =>
        Regex.Match(html, "<p class=\"next\" id=\"phase-next\" data-next=\"(\\w+)\">.*?<span data-need=\"\\1\">([^<]*)</span>", RegexOptions.Singleline, TimeSpan.FromSeconds(1))
            is { Success: true } m ? m.Groups[1].Value + ": " + System.Net.WebUtility.HtmlDecode(m.Groups[2].Value) : null;

    [Fact]
    public async Task OpenRound_StepperMarksRegistration_AndSaysClosingItNeedsAnEntry_OnEveryRoundPage()
    {
        var round = await OpenRound.SeedAsync(App);
        using var officer = await App.SignedInClientAsync(TestUsers.Officer);

        foreach (var page in new[] { "", "/entries", "/rules", "/lrac" })
        {
            var html = await officer.GetPageAsync($"/rounds/{Id(round.Id)}{page}");
            var steps = Steps(html);
            Assert.Equal(Enum.GetNames<RoundPhase>(), steps.Select(s => s.Phase));
            Assert.Equal([("Open", "current", true)], steps.Where(s => s.Current));
            Assert.Equal(["done", "current", "todo", "todo", "todo", "todo", "todo", "todo", "todo"], steps.Select(s => s.State));
            Assert.Equal("RegistrationClosed: Necesita al menos una inscripción (o confirmar que se cierra sin ninguna).", Need(html));
        }
    }

    [Fact]
    public async Task JudgingRound_StepperMarksJudging_AndSaysTheReviewNeedsEverySheet_InEnglishToo()
    {
        var world = await Data.WorldAsync();
        var id = await Data.RoundAsync(world, RoundPhase.Judging);
        using var officer = await App.SignedInClientAsync(TestUsers.Auditor);

        var html = await officer.GetPageAsync($"/rounds/{Id(id)}");

        var steps = Steps(html);
        Assert.Equal([("Judging", "current", true)], steps.Where(s => s.Current));
        Assert.Equal(3, steps.Count(s => s.State == "done"));
        Assert.Equal("Review: Necesita todas las fichas enviadas, con el mínimo de jurados en cada parte.", Need(html));
        await officer.PostFormAsync($"/rounds/{Id(id)}", "/account/language", ("culture", "en"), ("returnUrl", "/"));
        Assert.Equal("Review: Needs every score sheet sent, with the minimum of jurors on each part.", Need(await officer.GetPageAsync($"/rounds/{Id(id)}/progress")));
    }

    [Fact]
    public async Task PagesOutsideRounds_HaveNoStepper()
    {
        await OpenRound.SeedAsync(App);
        using var officer = await App.SignedInClientAsync(TestUsers.Officer);

        Assert.DoesNotContain("id=\"phase-stepper\"", await officer.GetPageAsync("/rounds"), StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"phase-stepper\"", await officer.GetPageAsync("/registry"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Dashboard_PutsTheNextActionOfThePhase_BeforeTheTiles()
    {
        var round = await OpenRound.SeedAsync(App);
        using var officer = await App.SignedInClientAsync(TestUsers.Officer);

        var html = await officer.GetPageAsync($"/rounds/{Id(round.Id)}");

        var action = html.IndexOf("id=\"phase-action\"", StringComparison.Ordinal);
        var move = html.IndexOf("action=\"/rounds/" + Id(round.Id) + "/phase\"", StringComparison.Ordinal);
        var tiles = html.IndexOf("<nav class=\"tiles\"", StringComparison.Ordinal);
        Assert.True(action > 0 && move > action && tiles > move, $"action {action}, move {move}, tiles {tiles}");
        Assert.Matches($"<a class=\"button primary\" id=\"phase-action\" data-phase=\"Open\" href=\"/rounds/{Id(round.Id)}/entries/new\">", html);
    }
}

public sealed class PhaseStepperTestsOnSqlite(SqliteApp app) : PhaseStepperTests<SqliteApp>(app);

public sealed class PhaseStepperTestsOnPostgres(PostgresApp app) : PhaseStepperTests<PostgresApp>(app);
