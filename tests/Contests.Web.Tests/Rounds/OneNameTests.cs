using System.Text.RegularExpressions;
using Contests.Web.Tests.Infrastructure;
using Contests.Web.Tests.Judging;
using static Contests.Web.Tests.Rounds.RoundPages;

namespace Contests.Web.Tests.Rounds;

/// <summary>One name for a thing wherever people meet it: a sheet's state; a criterion's weight said in words.</summary>
public abstract class OneNameTests<TApp>(TApp app) : AppTest<TApp>(app) where TApp : ContestsApp
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(1);

    /// <summary>The state badges of a page's sheets: sheet id → the text of its badge.</summary>
    private static Dictionary<string, string> Badges(string html, string pattern) =>
        Regex.Matches(html, pattern, RegexOptions.Singleline, Limit).ToDictionary(m => m.Groups[1].Value, m => HtmlPage.Text(m.Groups[2].Value));

    [Fact]
    public async Task ASheetNeverSaved_IsSinEmpezar_ADraftBorrador_OnTheJurorsListTheBoardAndThePresidentsBoard()
    {
        var data = new JudgingData(App);
        var round = await data.SeedAsync();
        var untouched = await data.SheetOfAsync(round.Lrac, round.Entry(1));
        var draft = await data.SheetOfAsync(round.Lrac, round.Entry(2));
        await data.SubmitAsync(draft, 10m, 10m, 10m);
        await data.ReopenAsync(draft);
        var (u, d) = (Id(untouched), Id(draft));
        using var juror = await App.SignedInClientAsync(TestUsers.Lrac); // t-lrac presides the round
        using var officer = await App.SignedInClientAsync(TestUsers.Officer);

        var mine = Badges(await juror.GetPageAsync("/judging"), "data-sheet=\"(\\d+)\"[^>]*>.*?<span class=\"badge[^\"]*\">([^<]*)</span>");
        var board = Badges(await officer.GetPageAsync($"/rounds/{Id(round.Id)}/progress"), "<li data-sheet=\"(\\d+)\"[^>]*>.*?<span class=\"badge[^\"]*\">([^<]*)</span>");
        var committee = Badges(await juror.GetPageAsync($"/judging/rounds/{Id(round.Id)}/committee"), "<li data-sheet=\"(\\d+)\"[^>]*>.*?<span class=\"badge[^\"]*\" data-progress=\"\\w+\">([^<]*)</span>");

        foreach (var (page, badges) in new[] { ("Mis fichas", mine), ("avance", board), ("presidencia", committee) })
        {
            Assert.True(badges.ContainsKey(u) && badges.ContainsKey(d), $"{page}: sheets {u} and {d} not both shown");
            Assert.Equal(("Sin empezar", "Borrador"), (badges[u], badges[d]));
        }
    }

    [Fact]
    public async Task PublicBases_SayWhatEachWeightDoes()
    {
        var round = await OpenRound.SeedAsync(App);
        using var visitor = App.NewClient();

        var html = await visitor.GetPageAsync($"/public/rounds/{Id(round.Id)}");

        Assert.Contains("Andenes 20 × 1 (hasta 20 puntos)", HtmlPage.Text(html), StringComparison.Ordinal);
        Assert.Contains("data-weight=\"1\"", html, StringComparison.Ordinal);
        Assert.Contains("id=\"weight-hint\"", html, StringComparison.Ordinal);
    }
}

public sealed class OneNameTestsOnSqlite(SqliteApp app) : OneNameTests<SqliteApp>(app);

public sealed class OneNameTestsOnPostgres(PostgresApp app) : OneNameTests<PostgresApp>(app);
