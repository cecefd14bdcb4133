using System.Net;
using System.Text.Json;
using Contests.Core.Judging;
using Contests.Core.Rounds;
using Contests.Web.Tests.Infrastructure;
using static Contests.Web.Tests.Judging.JudgingPages;
using static Contests.Web.Tests.Rounds.RoundPages;

namespace Contests.Web.Tests.Judging;

/// <summary>
/// A conflict of interest that appears in the registry after the sheets were assigned: it is
/// computed from the registry at the moment of each action, blocks the juror's sheet at once, and a submitted
/// sheet stops counting — flagged on the progress board and the ranking — until the entry is re-scored.
/// </summary>
public abstract class ConflictAfterAssignmentTests<TApp>(TApp app) : AppTest<TApp>(app) where TApp : ContestsApp
{
    private const string Excluded = "excluida: conflicto encontrado después del envío — vuelva a calificar o reemplace al jurado";

    private JudgingData Data => new(App);

    /// <summary>Posts the sheet's own form as a phone would (the session's token from the juror's list), without reading the sheet page.</summary>
    private static async Task<HttpResponseMessage> PostAsync(AppClient juror, string url, bool submit)
    {
        var token = AppClient.Token(await juror.GetPageAsync("/judging"));
        var fields = new SheetInput(["18", "12", "11"], Guid.NewGuid(), 0, submit).Fields()
            .Append(("__RequestVerificationToken", token)).Select(f => new KeyValuePair<string, string>(f.Item1, f.Item2));
        using var content = new FormUrlEncodedContent(fields);
        return await juror.Http.PostAsync(new Uri(url, UriKind.Relative), content);
    }

    [Fact]
    public async Task PartnerWithTheJurorsDni_RegisteredAfterAssignment_BlocksOpenSaveAndSubmit_WithTheReason()
    {
        var round = await Data.SeedAsync();
        var sheet = await Data.SheetOfAsync(round.Lrac, round.Entry(1));
        using var juror = await App.SignedInClientAsync(TestUsers.Lrac);
        Assert.Equal(HttpStatusCode.OK, (await juror.GetAsync(Sheet(sheet))).StatusCode);
        using var officer = await App.SignedInClientAsync(TestUsers.Officer);

        // Juana's household registers a partner whose DNI is the juror's: the entry is now the juror's own household.
        var edit = $"/registry/households/{Id(round.World.Juana)}/edit";
        await RedirectsToAsync(await officer.PostFormAsync(edit, ("CommunityId", Id(round.World.Ccollpa)), ("HeadFirstNames", "Juana"),
            ("HeadLastNames", "Quispe Mamani"), ("HeadDni", "01234567"), ("HeadSex", "F"), ("HeadBirthYear", "1978"),
            ("PartnerFirstNames", "Lucio"), ("PartnerLastNames", "Huamaní Ccahua"), ("PartnerDni", JudgingData.LracDni), ("PartnerSex", "M"),
            ("Members", "4")), $"/registry/households/{Id(round.World.Juana)}");

        var open = await juror.GetAsync(Sheet(sheet));
        var html = await HtmlAsync(open, HttpStatusCode.Forbidden);
        Assert.Contains($"id=\"sheet-conflict\" data-sheet=\"{Id(sheet)}\"", html);
        Assert.Contains("data-conflict=\"OwnHousehold\"", html);
        Assert.Contains("Tiene un conflicto de interés con esta participación: es su propio hogar.", HtmlPage.Text(html));
        Assert.DoesNotContain("name=\"Points[0]\"", html);

        var saved = await PostAsync(juror, Sheet(sheet), submit: false);
        var submitted = await PostAsync(juror, Sheet(sheet), submit: true);
        var autosave = await PostAsync(juror, Sheet(sheet) + "/autosave", submit: true);

        Assert.Equal(HttpStatusCode.Forbidden, saved.StatusCode);
        Assert.Contains("data-conflict=\"OwnHousehold\"", await saved.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Forbidden, submitted.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, autosave.StatusCode);
        var answer = JsonSerializer.Deserialize<AutosaveAnswer>(await autosave.Content.ReadAsStringAsync(), Json)!;
        Assert.False(answer.Ok);
        Assert.Contains(answer.Errors, e => e.Message.Contains("es su propio hogar", StringComparison.Ordinal));
        var stored = await Data.ReadSheetAsync(sheet);
        Assert.Equal((SheetState.Draft, 0), (stored.State, stored.Revision));
        // Now of Ccollpa too, through the household: its other entries are blocked as well; Villa Ampay's are not.
        Assert.Contains("data-conflict=\"OwnCommunity\"", await (await juror.GetAsync(Sheet(await Data.SheetOfAsync(round.Lrac, round.Entry(2))))).Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, (await juror.GetAsync(Sheet(await Data.SheetOfAsync(round.Lrac, round.Entry(4))))).StatusCode);
    }

    [Fact]
    public async Task MembershipMovedAfterSubmission_TheSheetStopsCounting_IsFlagged_AndReviewWaitsUntilTheJurorIsReplaced()
    {
        var round = await Data.SeedAsync();
        var pedrosSheet = await Data.SheetOfAsync(round.Neighbour, round.Entry(4));
        await Data.SubmitAsync(pedrosSheet, 20m, 15m, 15m);
        await Data.SubmitAllAsync(round.Id, 12m, 10m, 9m);
        using var officer = await App.SignedInClientAsync(TestUsers.Officer);
        var ranking = await officer.GetPageAsync($"/rounds/{Id(round.Id)}/ranking");
        Assert.Contains($"{JudgingData.LracName} 31, {JudgingData.NeighbourName} 50 → 40.5", HtmlPage.Text(ranking));

        // Pedro's household moves to Villa Ampay: he is now a neighbour of María (N.° 4) and Hilda (N.° 5), whose sheets he submitted.
        await RedirectsToAsync(await officer.PostFormAsync($"/registry/households/{Id(round.World.Pedro)}",
            $"/registry/households/{Id(round.World.Pedro)}/move", ("communityId", Id(round.World.Ampay))), $"/registry/households/{Id(round.World.Pedro)}");

        var board = await officer.GetPageAsync($"/rounds/{Id(round.Id)}/progress");
        Assert.Contains($"data-sheet=\"{Id(pedrosSheet)}\" data-state=\"Submitted\" data-conflicted=\"true\"", board);
        Assert.Contains($"{JudgingData.NeighbourName}: Enviada {Excluded}", EntryRow(board, round.Entry(4)).Text);
        Assert.DoesNotContain(Excluded, EntryRow(board, round.Entry(1)).Text);

        ranking = await officer.GetPageAsync($"/rounds/{Id(round.Id)}/ranking");
        var text = HtmlPage.Text(ranking);
        Assert.Contains($"Ficha de {JudgingData.NeighbourName} ({JudgingData.FieldPart}, 50 puntos) excluida: conflicto encontrado después del envío — vuelva a calificar o reemplace al jurado.", text);
        Assert.Contains($"data-excluded-juror=\"{Id(round.Neighbour.MemberId)}\"", ranking);
        Assert.Contains($"Evaluación de campo (Promedio): {JudgingData.LracName} 31 → 31", text);
        Assert.DoesNotContain($"{JudgingData.NeighbourName} 50 → 40.5", text);

        await RedirectsToAsync(await MoveAsync(officer, round.Id, "Review", confirmed: true), $"/rounds/{Id(round.Id)}");
        Assert.Contains("2 partes de participaciones se quedan sin el mínimo de fichas", FlashError(await officer.GetPageAsync($"/rounds/{Id(round.Id)}")));
        Assert.Equal(RoundPhase.Judging, (await Data.Rounds.ReadRoundAsync(round.Id)).Phase);

        // The officer replaces the juror: assigning again gives N.° 4 and N.° 5 a juror free of conflict; once they score, review may start.
        await Data.AssignAsync(round.Id);
        Assert.NotNull(await Data.SheetIdAsync(round.Other.MemberId, round.Entry(4)));
        await Data.SubmitAllAsync(round.Id, 12m, 10m, 9m);
        await RedirectsToAsync(await MoveAsync(officer, round.Id, "Review"), $"/rounds/{Id(round.Id)}");
        Assert.Null(FlashError(await officer.GetPageAsync($"/rounds/{Id(round.Id)}")));
        Assert.Equal(RoundPhase.Review, (await Data.Rounds.ReadRoundAsync(round.Id)).Phase);
        Assert.Equal(SheetState.Submitted, (await Data.ReadSheetAsync(pedrosSheet)).State);
    }
}

public sealed class ConflictAfterAssignmentTestsOnSqlite(SqliteApp app) : ConflictAfterAssignmentTests<SqliteApp>(app);

public sealed class ConflictAfterAssignmentTestsOnPostgres(PostgresApp app) : ConflictAfterAssignmentTests<PostgresApp>(app);
