using System.Net;
using System.Text.RegularExpressions;
using Contests.Core.Rounds;
using Contests.Web.Tests.Infrastructure;
using static Contests.Web.Tests.Judging.JudgingPages;
using static Contests.Web.Tests.Rounds.RoundPages;

namespace Contests.Web.Tests.Judging;

/// <summary>What the officer follows judging with: the progress board, the ranking explained, and the guard on leaving judging.</summary>
public abstract class ProgressAndRankingTests<TApp>(TApp app) : AppTest<TApp>(app) where TApp : ContestsApp
{
    private const string Trimmed = "Evaluación de campo (Promedio sin la nota más alta ni la más baja (con 5 o más jurados)):";

    private JudgingData Data => new(App);

    [Fact]
    public async Task Ranking_SaysThePlaceInWords_AndItsListDrawsNoSecondNumber()
    {
        using var officer = await App.SignedInClientAsync(TestUsers.Officer);

        var css = await officer.GetPageAsync("/css/site.css");

        // "1.° puesto" is the row's own text; an <ol> would print "1." before it.
        Assert.Contains("ol.ranking { list-style: none; padding-left: 0; }", css);
    }

    [Fact]
    public async Task Progress_CountsEachJurorsSheets_AndTheCountsMoveAsTheJurorSavesAndSubmits()
    {
        var round = await Data.SeedAsync();
        using var officer = await App.SignedInClientAsync(TestUsers.Officer);
        using var juror = await App.SignedInClientAsync(TestUsers.Lrac);
        var board = await officer.GetPageAsync($"/rounds/{round.Id}/progress");
        Assert.Contains("Por jurado Miembro Sin empezar Borrador Enviada Faltan", HtmlPage.Text(board));
        Assert.Equal("0 de 10 fichas enviadas.", HtmlPage.SectionText(board, "<p id=\"progress-summary\">", "</p>"));
        Assert.Equal(("missing", $"{JudgingData.LracName} 4 0 0 4"), JurorRow(board, round.Lrac.MemberId));
        Assert.Equal(("missing", $"{JudgingData.OtherName} 4 0 0 4"), JurorRow(board, round.Other.MemberId));
        Assert.Equal(("missing", $"{JudgingData.NeighbourName} 2 0 0 2"), JurorRow(board, round.Neighbour.MemberId));

        await RedirectsToAsync(await PostSheetAsync(juror, Sheet(await Data.SheetOfAsync(round.Lrac, round.Entry(1))), submit: true, ["12", "10", "9"]), "/judging");
        var drafted = Sheet(await Data.SheetOfAsync(round.Lrac, round.Entry(2)));
        await RedirectsToAsync(await PostSheetAsync(juror, drafted, submit: false, ["12", "", ""]), drafted);

        board = await officer.GetPageAsync($"/rounds/{round.Id}/progress");
        Assert.Equal("1 de 10 fichas enviadas.", HtmlPage.SectionText(board, "<p id=\"progress-summary\">", "</p>"));
        Assert.Equal(("missing", $"{JudgingData.LracName} 2 1 1 3"), JurorRow(board, round.Lrac.MemberId));
        Assert.Equal(("missing", $"{JudgingData.OtherName} 4 0 0 4"), JurorRow(board, round.Other.MemberId));
        Assert.Equal(("missing", $"N.° 1 — Quispe Mamani, Juana Ccollpa {JudgingData.LracName}: Enviada ver {JudgingData.OtherName}: Sin empezar digitar ficha en papel"),
            EntryRow(board, round.Entry(1)));
        Assert.Equal(("missing", $"N.° 2 — Huamán Ccori, Pedro Ccollpa {JudgingData.LracName}: Borrador digitar ficha en papel {JudgingData.OtherName}: Sin empezar digitar ficha en papel"),
            EntryRow(board, round.Entry(2)));

        foreach (var number in new[] { 2, 3, 4 })
        {
            await RedirectsToAsync(await PostSheetAsync(juror, Sheet(await Data.SheetOfAsync(round.Lrac, round.Entry(number))), submit: true, ["12", "10", "9"]), "/judging");
        }
        await Data.SubmitAsync(await Data.SheetOfAsync(round.Other, round.Entry(1)), 10m, 10m, 10m);

        board = await officer.GetPageAsync($"/rounds/{round.Id}/progress");
        Assert.Equal("5 de 10 fichas enviadas.", HtmlPage.SectionText(board, "<p id=\"progress-summary\">", "</p>"));
        Assert.Equal((null, $"{JudgingData.LracName} 0 0 4 0"), JurorRow(board, round.Lrac.MemberId));
        Assert.Equal(("missing", $"{JudgingData.OtherName} 3 0 1 3"), JurorRow(board, round.Other.MemberId));
        Assert.Equal((null, $"N.° 1 — Quispe Mamani, Juana Ccollpa {JudgingData.LracName}: Enviada ver {JudgingData.OtherName}: Enviada ver"),
            EntryRow(board, round.Entry(1)));
        Assert.Contains("4 de 4 fichas enviadas", HtmlPage.Text(await juror.GetPageAsync("/judging")));

        // Others who read rounds see the board, without the officer's paper-sheet links.
        using var finance = await App.SignedInClientAsync(TestUsers.Finance);
        var seen = await finance.GetPageAsync($"/rounds/{round.Id}/progress");
        Assert.Equal(("missing", $"{JudgingData.OtherName} 3 0 1 3"), JurorRow(seen, round.Other.MemberId));
        Assert.DoesNotContain("digitar ficha en papel", HtmlPage.Text(seen));
    }

    [Fact]
    public async Task Ranking_WithEverySheetSubmitted_ShowsPlacesPerPool_FinalScores_EachJurorsTotal_AndWhatTheTrimmedMeanDropped()
    {
        var (round, entries, jurors) = await Data.SeedFiveJurorsAsync();
        using var officer = await App.SignedInClientAsync(TestUsers.Officer);
        var before = HtmlPage.Text(await officer.GetPageAsync($"/rounds/{round}/ranking"));
        Assert.Contains("3 participantes aún no tienen todas sus fichas enviadas: no entran al orden de mérito.", before);
        Assert.Contains("Sin puesto N.° 1 — Quispe Mamani, Juana Cómo se obtuvo Evaluación de campo (", before);

        // Totals per juror (Ana, Benito, Carmen, Dionisio, Elena): Juana 30 32 34 36 50, Pedro 40 each, María 25 26 27 28 29.
        decimal[][] juana = [[10, 10, 10], [12, 10, 10], [14, 10, 10], [16, 10, 10], [20, 15, 15]];
        decimal[][] pedro = [[15, 15, 10], [15, 15, 10], [15, 15, 10], [15, 15, 10], [15, 15, 10]];
        decimal[][] maria = [[10, 10, 5], [10, 10, 6], [10, 10, 7], [10, 10, 8], [10, 10, 9]];
        foreach (var (entry, points) in new[] { (entries[0], juana), (entries[1], pedro), (entries[2], maria) })
        {
            for (var j = 0; j < jurors.Count; j++)
            {
                await Data.SubmitAsync(await Data.SheetOfAsync(jurors[j], entry), points[j]);
            }
        }

        var html = await officer.GetPageAsync($"/rounds/{round}/ranking");

        var text = HtmlPage.Text(html);
        Assert.Contains("Puntaje final = suma de las partes. Empates: Los empatados comparten los puestos que ocupan. Aprueba desde 30 puntos.", text);
        Assert.DoesNotContain("aún no tienen todas sus fichas", text);
        string Jurors(params int[] totals) => string.Join(", ", jurors.Select((j, i) => $"{j.FullName} {totals[i]}"));
        string Dropped(int low, int high) => $"· se descartan el más alto y el más bajo: {jurors[0].FullName} {low}, {jurors[4].FullName} {high}";
        var pools = Ranking(html);
        Assert.Equal(["Ccollpa", "Villa Ampay"], pools.Select(p => p.Pool));
        Assert.Equal(
        [
            $"1.° puesto N.° 2 — Huamán Ccori, Pedro · 40 · aprobado Cómo se obtuvo {Trimmed} {Jurors(40, 40, 40, 40, 40)} {Dropped(40, 40)} → 40",
            $"2.° puesto N.° 1 — Quispe Mamani, Juana · 34 · aprobado Cómo se obtuvo {Trimmed} {Jurors(30, 32, 34, 36, 50)} {Dropped(30, 50)} → 34",
        ], pools[0].Entries);
        Assert.Equal(
        [
            $"1.° puesto N.° 3 — Ccori Layme, María · 27 · no aprobado Cómo se obtuvo {Trimmed} {Jurors(25, 26, 27, 28, 29)} {Dropped(25, 29)} → 27",
        ], pools[1].Entries);
        Assert.Contains($"<li class=\"approved\" data-entry=\"{entries[1]}\">", html);
        Assert.Contains($"<li data-entry=\"{entries[2]}\">", html);
    }

    [Fact]
    public async Task Ranking_ShowsTheMoneyOnlyOnceEveryEntryIsRanked_AndAnAllocationAboveTheBudgetIsRefusedWithTheShortfall()
    {
        var round = await Data.SeedAsync();
        using var officer = await App.SignedInClientAsync(TestUsers.Officer);
        var before = await officer.GetPageAsync($"/rounds/{round.Id}/ranking");

        await Data.SubmitAllAsync(round.Id, 12m, 10m, 9m); // everyone equal: three tied in Ccollpa, two in Villa Ampay
        var html = await officer.GetPageAsync($"/rounds/{round.Id}/ranking");

        Assert.Contains("El reparto del dinero se calcula cuando todas las entradas tienen su puntaje completo.", HtmlPage.Text(before));
        Assert.DoesNotContain("id=\"allocation\"", before);
        var allocation = HtmlPage.SectionText(html, "id=\"allocation\"", "</section>");
        // Prizes 600/400 per pool: Ccollpa's three share 1,000.00, Villa Ampay's two share 1,000.00 — twice the budget.
        Assert.Contains("Los premios suman S/ 2,000.00, más que el presupuesto de S/ 1,000.00: faltan S/ 1,000.00. No se asigna nada, como dicen las bases.", allocation);
        var text = HtmlPage.Text(html);
        Assert.Contains("Premio: S/ 0.00 — Puesto 1 de 3, empatado con 2 más: (S/ 600.00 + S/ 400.00 + S/ 0.00) / 3 = S/ 333.34.", text);
        Assert.Contains("Puesto 1 de 2, empatado con 1 más: (S/ 600.00 + S/ 400.00) / 2 = S/ 500.00.", text);
        Assert.Contains("No asignado: el total superaba el presupuesto y las bases no permiten reducir los premios (S/ 500.00 calculado).", text);
        Assert.Equal(5, Regex.Count(html, "<p class=\"award\" data-amount=\"0.00\">"));
    }

    [Fact]
    public async Task Ranking_WithAMeanOfTwoJurors_DropsNothing()
    {
        var round = await Data.SeedAsync();
        await Data.SubmitAsync(await Data.SheetOfAsync(round.Lrac, round.Entry(4)), 15m, 10m, 10m);
        await Data.SubmitAsync(await Data.SheetOfAsync(round.Neighbour, round.Entry(4)), 16m, 12m, 12m);
        using var auditor = await App.SignedInClientAsync(TestUsers.Auditor);

        var pools = Ranking(await auditor.GetPageAsync($"/rounds/{round.Id}/ranking"));

        var ampay = Assert.Single(pools, p => p.Pool == "Villa Ampay").Entries;
        Assert.Equal(
        [
            $"1.° puesto N.° 4 — Ccori Layme, María · 37.5 · aprobado Cómo se obtuvo Evaluación de campo (Promedio): {JudgingData.LracName} 35, {JudgingData.NeighbourName} 40 → 37.5",
            "Sin puesto N.° 5 — Layme Chipana, Hilda Cómo se obtuvo Evaluación de campo (Promedio): sin fichas enviadas",
        ], ampay);
    }

    [Fact]
    public async Task MovingToReview_WhileSheetsAreMissing_IsRefused_SayingHowMany_ThenGoesThroughOnceAllAreIn()
    {
        var round = await Data.SeedAsync();
        using var officer = await App.SignedInClientAsync(TestUsers.Officer);

        var refused = await MoveAsync(officer, round.Id, "Review");

        await RedirectsToAsync(refused, $"/rounds/{round.Id}");
        Assert.Equal("Faltan 10 fichas de calificación por enviar.", FlashError(await officer.GetPageAsync($"/rounds/{round.Id}")));
        Assert.Equal(RoundPhase.Judging, (await Data.Rounds.ReadRoundAsync(round.Id)).Phase);

        await Data.SubmitAsync(await Data.SheetOfAsync(round.Lrac, round.Entry(1)), 12m, 10m, 9m);
        await RedirectsToAsync(await MoveAsync(officer, round.Id, "Review", confirmed: true), $"/rounds/{round.Id}");
        Assert.Equal("Faltan 9 fichas de calificación por enviar.", FlashError(await officer.GetPageAsync($"/rounds/{round.Id}")));
        Assert.Equal(RoundPhase.Judging, (await Data.Rounds.ReadRoundAsync(round.Id)).Phase);

        await Data.SubmitAllAsync(round.Id, 12m, 10m, 9m);
        await RedirectsToAsync(await MoveAsync(officer, round.Id, "Review"), $"/rounds/{round.Id}");

        Assert.Null(FlashError(await officer.GetPageAsync($"/rounds/{round.Id}")));
        Assert.Equal(RoundPhase.Review, (await Data.Rounds.ReadRoundAsync(round.Id)).Phase);
    }

    [Fact]
    public async Task MovingToReview_CountsTheJurorsAnEntryIsShortOf_AsMissingSheets()
    {
        var round = await Data.SeedAsync(assign: false);
        await Data.DeclareAsync(round.Id, round.Other.MemberId, round.Entry(3), "Es comadre de la familia.");
        await Data.AssignAsync(round.Id);
        await Data.SubmitAllAsync(round.Id, 12m, 10m, 9m);
        using var officer = await App.SignedInClientAsync(TestUsers.Officer);

        await RedirectsToAsync(await MoveAsync(officer, round.Id, "Review"), $"/rounds/{round.Id}");

        // Nine sheets, all submitted; Rosa (N.° 3) has one juror of the two the part needs.
        Assert.Equal("Faltan 1 fichas de calificación por enviar.", FlashError(await officer.GetPageAsync($"/rounds/{round.Id}")));
        Assert.Equal(RoundPhase.Judging, (await Data.Rounds.ReadRoundAsync(round.Id)).Phase);
        Assert.Equal(("missing", $"N.° 3 — Condori Taipe, Rosa Ccollpa 1 de 2 jurados {JudgingData.LracName}: Enviada ver"),
            EntryRow(await officer.GetPageAsync($"/rounds/{round.Id}/progress"), round.Entry(3)));
    }

    [Fact]
    public async Task AfterJudging_TheJurorHasNoSheetsToFill_AndSavesAndReopeningAreRefused()
    {
        var round = await Data.SeedAsync();
        var sheet = await Data.SheetOfAsync(round.Lrac, round.Entry(1));
        await Data.SubmitAllAsync(round.Id, 12m, 10m, 9m);
        using var officer = await App.SignedInClientAsync(TestUsers.Officer);
        await RedirectsToAsync(await MoveAsync(officer, round.Id, "Review"), $"/rounds/{round.Id}");
        using var juror = await JurorDevice.SignInAsync(App, TestUsers.Lrac);

        var list = await juror.Client.GetPageAsync("/judging");
        var (status, answer) = await juror.AutosaveAsync(sheet, new SheetInput(["20", "15", "15"], Guid.NewGuid(), 1));
        var reopen = await officer.PostFormAsync(PaperSheet(round.Id, sheet), PaperSheet(round.Id, sheet) + "/reopen", ("reason", "Error de suma."));

        Assert.Empty(MySheets(list));
        Assert.Contains("No tiene fichas por calificar.", HtmlPage.Text(list));
        const string NotJudging = "El concurso está en fase «Revisión del CLAR»: las fichas solo se llenan durante la calificación.";
        Assert.Equal((HttpStatusCode.UnprocessableEntity, (false, 1, "Submitted")), (status, answer.Outcome));
        Assert.Equal([new FieldError(null, NotJudging)], answer.Errors);
        Assert.Equal([NotJudging], SheetErrors(await HtmlAsync(reopen, HttpStatusCode.UnprocessableEntity)));
        var saved = await Data.ReadSheetAsync(sheet);
        Assert.Equal((Core.Judging.SheetState.Submitted, 1), (saved.State, saved.Revision));
        Assert.DoesNotContain("/reopen\"", await officer.GetPageAsync(PaperSheet(round.Id, sheet)));
    }
}

public sealed class ProgressAndRankingTestsOnSqlite(SqliteApp app) : ProgressAndRankingTests<SqliteApp>(app);

public sealed class ProgressAndRankingTestsOnPostgres(PostgresApp app) : ProgressAndRankingTests<PostgresApp>(app);
