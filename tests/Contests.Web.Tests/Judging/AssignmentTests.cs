using Contests.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static Contests.Web.Tests.Judging.JudgingPages;
using static Contests.Web.Tests.Rounds.RoundPages;

namespace Contests.Web.Tests.Judging;

/// <summary>Assigning entries to jurors: the preview with every excluded pair and why, and applying it.</summary>
public abstract class AssignmentTests<TApp>(TApp app) : AppTest<TApp>(app) where TApp : ContestsApp
{
    private const string Juana = "N.° 1 — Quispe Mamani, Juana";
    private const string Pedro = "N.° 2 — Huamán Ccori, Pedro";
    private const string Rosa = "N.° 3 — Condori Taipe, Rosa";

    private JudgingData Data => new(App);

    private static Task<HttpResponseMessage> AssignAsync(AppClient officer, int round) =>
        officer.PostFormAsync($"/rounds/{Id(round)}/assignments");

    /// <summary>The round's sheets as (entry number, juror) pairs, by entry then juror.</summary>
    private async Task<List<(int Entry, int Juror)>> PairsAsync(JudgingRound round) =>
        [.. (await Data.ReadSheetsAsync(round.Id)).Select(s => (round.Entries.ToList().IndexOf(s.EntryId) + 1, s.JurorId))];

    [Fact]
    public async Task Preview_ListsEveryExcludedPair_WithAllItsReasons_AndTheEntriesLeftShort()
    {
        var round = await Data.SeedAsync(assign: false);
        await Data.DeclareAsync(round.Id, round.Other.MemberId, round.Entry(3), "Es comadre de la familia.");
        using var officer = await App.SignedInClientAsync(TestUsers.Officer);

        var html = await officer.GetPageAsync($"/rounds/{round.Id}/assignments");

        Assert.Equal(
        [
            $"{Juana} {JudgingData.NeighbourName} es de su comunidad",
            $"{Pedro} {JudgingData.NeighbourName} es su propio hogar; es de su comunidad",
            $"{Rosa} {JudgingData.OtherName} declarado: Es comadre de la familia.",
            $"{Rosa} {JudgingData.NeighbourName} es de su comunidad",
        ], Exclusions(html));
        var text = HtmlPage.Text(html);
        Assert.Contains("Evaluación de campo (jurados de campo · de 2 a 2 jurados por participante)", text);
        Assert.Contains("0 fichas ya asignadas, 9 por asignar, 4 pares excluidos por conflicto de interés.", text);
        // Rosa has one juror left who may score her.
        Assert.Contains($"1 participantes no alcanzan el mínimo de jurados: {Rosa}: 1 jurados de 2 necesarios", text);
        Assert.Equal([$"{JudgingData.LracName}: 4", $"{JudgingData.NeighbourName}: 2", $"{JudgingData.OtherName}: 3"], Loads(html));
        Assert.Empty(await Data.ReadSheetsAsync(round.Id));
    }

    [Fact]
    public async Task Assign_CreatesTheSheets_NoneForAConflictedPair_LoadsBalanced_AndRunningItAgainAddsNothing()
    {
        var round = await Data.SeedAsync(assign: false);
        using var officer = await App.SignedInClientAsync(TestUsers.Officer);
        Assert.Contains("0 fichas ya asignadas, 10 por asignar, 3 pares excluidos por conflicto de interés.",
            HtmlPage.Text(await officer.GetPageAsync($"/rounds/{round.Id}/assignments")));

        var response = await AssignAsync(officer, round.Id);

        await RedirectsToAsync(response, $"/rounds/{round.Id}/assignments");
        var html = await officer.GetPageAsync($"/rounds/{round.Id}/assignments");
        Assert.Equal("Asignación hecha: 10 fichas nuevas, 0 retiradas por conflicto.", Flash(html));
        Assert.Contains("10 fichas ya asignadas, 0 por asignar, 3 pares excluidos por conflicto de interés.", HtmlPage.Text(html));
        // Ccollpa's entries can only go to t-lrac and the secretary; Pedro takes Villa Ampay's, then the lighter of the two.
        int lrac = round.Lrac.MemberId, other = round.Other.MemberId, pedro = round.Neighbour.MemberId;
        Assert.Equal([(1, lrac), (1, other), (2, lrac), (2, other), (3, lrac), (3, other), (4, lrac), (4, pedro), (5, other), (5, pedro)],
            await PairsAsync(round));
        Assert.Equal([$"{JudgingData.LracName}: 4", $"{JudgingData.NeighbourName}: 2", $"{JudgingData.OtherName}: 4"], Loads(html));
        var sheets = await Data.ReadSheetsAsync(round.Id);
        Assert.All(sheets, s => Assert.Equal((Core.Judging.SheetState.Draft, 0, 0, (int?)null), (s.State, s.Revision, s.PartIndex, s.TypedByOfficerId)));
        Assert.All(sheets, s => Assert.Equal([null, null, null], s.Points));

        var again = await AssignAsync(officer, round.Id);

        await RedirectsToAsync(again, $"/rounds/{round.Id}/assignments");
        Assert.Equal("Asignación hecha: 0 fichas nuevas, 0 retiradas por conflicto.", Flash(await officer.GetPageAsync($"/rounds/{round.Id}/assignments")));
        Assert.Equal(sheets.Select(s => s.Id), (await Data.ReadSheetsAsync(round.Id)).Select(s => s.Id));
    }

    [Fact]
    public async Task Assign_AfterAMemberBecameConflicted_RemovesTheirUnsubmittedSheet_AndGivesTheEntryAnotherJuror()
    {
        var round = await Data.SeedAsync();
        var dropped = await Data.SheetOfAsync(round.Other, round.Entry(5));
        using var officer = await App.SignedInClientAsync(TestUsers.Officer);
        // The secretary now represents Villa Ampay: Hilda's entry (N.° 5) is of her community.
        await RedirectsToAsync(await officer.PostFormAsync($"/rounds/{round.Id}/lrac/{round.Other.MemberId}/edit",
            ("FullName", JudgingData.OtherName), ("Dni", JudgingData.OtherDni), ("Role", "Secretary"), ("Affiliation", "Community"),
            ("CommunityId", Id(round.World.Ampay)), ("OrganizationId", ""), ("AffiliationName", ""), ("FieldJuror", "true"), ("active", "true")),
            $"/rounds/{round.Id}/lrac");

        await RedirectsToAsync(await AssignAsync(officer, round.Id), $"/rounds/{round.Id}/assignments");

        var html = await officer.GetPageAsync($"/rounds/{round.Id}/assignments");
        Assert.Equal("Asignación hecha: 1 fichas nuevas, 1 retiradas por conflicto.", Flash(html));
        Assert.Contains($"N.° 5 — Layme Chipana, Hilda {JudgingData.OtherName} es de su comunidad", Exclusions(html));
        Assert.Null(await Data.SheetIdAsync(round.Other.MemberId, round.Entry(5)));
        Assert.NotNull(await Data.SheetIdAsync(round.Lrac.MemberId, round.Entry(5)));
        Assert.False(await Data.Registry.ReadAsync(db => db.ScoreSheets.AnyAsync(s => s.Id == dropped)));
        Assert.Equal(10, (await Data.ReadSheetsAsync(round.Id)).Count);
    }

    [Fact]
    public async Task Assign_PressedByTwoOfficersAtOnce_MakesEachSheetOnce_AndNeitherGetsAnError()
    {
        var round = await Data.SeedAsync(assign: false);
        using var first = await App.SignedInClientAsync(TestUsers.Officer);
        using var second = await App.SignedInClientAsync(TestUsers.Officer);
        var action = $"/rounds/{round.Id}/assignments";
        var tokens = new[] { FormToken(await first.GetPageAsync(action), action), FormToken(await second.GetPageAsync(action), action) };

        var responses = await Task.WhenAll(new[] { first, second }.Select((client, i) =>
            client.Http.PostAsync(new Uri(action, UriKind.Relative), new FormUrlEncodedContent([new("__RequestVerificationToken", tokens[i])]))));

        foreach (var response in responses)
        {
            Assert.True(response.StatusCode == System.Net.HttpStatusCode.Redirect,
                $"{(int)response.StatusCode}: {HtmlPage.Text(await response.Content.ReadAsStringAsync())}");
        }
        Assert.Equal(10, (await Data.ReadSheetsAsync(round.Id)).Count);
    }

    [Fact]
    public async Task Assign_KeepsASubmittedSheet_EvenWhenItsPairBecameConflicted()
    {
        var round = await Data.SeedAsync();
        var submitted = await Data.SheetOfAsync(round.Other, round.Entry(5));
        await Data.SubmitAsync(submitted, 15m, 10m, 10m);
        using var officer = await App.SignedInClientAsync(TestUsers.Officer);
        await RedirectsToAsync(await officer.PostFormAsync($"/rounds/{round.Id}/lrac/{round.Other.MemberId}/edit",
            ("FullName", JudgingData.OtherName), ("Dni", JudgingData.OtherDni), ("Role", "Secretary"), ("Affiliation", "Community"),
            ("CommunityId", Id(round.World.Ampay)), ("OrganizationId", ""), ("AffiliationName", ""), ("FieldJuror", "true"), ("active", "true")),
            $"/rounds/{round.Id}/lrac");

        await RedirectsToAsync(await AssignAsync(officer, round.Id), $"/rounds/{round.Id}/assignments");

        Assert.Equal(Core.Judging.SheetState.Submitted, (await Data.ReadSheetAsync(submitted)).State);
        Assert.Equal("Asignación hecha: 1 fichas nuevas, 0 retiradas por conflicto.", Flash(await officer.GetPageAsync($"/rounds/{round.Id}/assignments")));
    }
}

public sealed class AssignmentTestsOnSqlite(SqliteApp app) : AssignmentTests<SqliteApp>(app);

public sealed class AssignmentTestsOnPostgres(PostgresApp app) : AssignmentTests<PostgresApp>(app);
