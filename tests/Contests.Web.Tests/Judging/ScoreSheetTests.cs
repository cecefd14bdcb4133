using System.Net;
using Contests.Core.Judging;
using Contests.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static Contests.Web.Tests.Judging.JudgingPages;
using static Contests.Web.Tests.Rounds.RoundPages;

namespace Contests.Web.Tests.Judging;

/// <summary>
/// A score sheet saved and submitted by its juror — the page's own post and the script's autosave — and typed from
/// paper by the officer, then reopened. The sheet is t-lrac's for N.° 1: Obras de conservación (max 20), Manejo del
/// agua (15), Participación de la familia (15).
/// </summary>
public abstract class ScoreSheetTests<TApp>(TApp app) : AppTest<TApp>(app) where TApp : ContestsApp
{
    private const string WorksRange = "El puntaje de «Obras de conservación» va de 0 a 20.";

    private JudgingData Data => new(App);

    private async Task<(JudgingRound Round, int Sheet)> SheetAsync()
    {
        var round = await Data.SeedAsync();
        return (round, await Data.SheetOfAsync(round.Lrac, round.Entry(1)));
    }

    [Fact]
    public async Task SaveDraft_FromTheForm_RaisesTheRevision_AndThePageShowsWhatWasSaved()
    {
        var (_, sheet) = await SheetAsync();
        using var juror = await App.SignedInClientAsync(TestUsers.Lrac);
        var saveId = Guid.NewGuid();

        var response = await PostSheetAsync(juror, Sheet(sheet), submit: false, ["12", "10", ""], "Buen avance en las terrazas.", saveId);

        await RedirectsToAsync(response, Sheet(sheet));
        var page = await juror.GetPageAsync(Sheet(sheet));
        Assert.Equal("Borrador guardado.", Flash(page));
        Assert.Equal(("12", "10", null, "1"), (HtmlPage.InputValue(page, "Points[0]"), HtmlPage.InputValue(page, "Points[1]"),
            HtmlPage.InputValue(page, "Points[2]"), HtmlPage.InputValue(page, "Revision")));
        Assert.NotEqual(saveId.ToString(), HtmlPage.InputValue(page, "SaveId"));
        Assert.Contains("Total: 22 / 50", HtmlPage.Text(page));
        Assert.Contains(">Buen avance en las terrazas.</textarea>", page);
        var saved = await Data.ReadSheetAsync(sheet);
        Assert.Equal((SheetState.Draft, 1, saveId, "Buen avance en las terrazas.", (int?)null), (saved.State, saved.Revision, saved.LastSaveId, saved.Comments, saved.TypedByOfficerId));
        Assert.Equal([12m, 10m, null], saved.Points);
        Assert.Contains((sheet, "N.° 1 — Quispe Mamani, Juana Ccollpa Borrador"), MySheets(await juror.GetPageAsync("/judging")));
    }

    [Fact]
    public async Task PointsOutOfRange_AreRefused_NamingTheCriterionAndItsMaximum_TypedValuesKept_NothingSaved()
    {
        var (_, sheet) = await SheetAsync();
        using var juror = await JurorDevice.SignInAsync(App, TestUsers.Lrac);
        await RedirectsToAsync(await PostSheetAsync(juror.Client, Sheet(sheet), submit: false, ["12", "10", ""]), Sheet(sheet));

        var response = await PostSheetAsync(juror.Client, Sheet(sheet), submit: false, ["99", "10", "5"]);

        var html = await HtmlAsync(response, HttpStatusCode.UnprocessableEntity);
        Assert.Equal(WorksRange, HtmlPage.ErrorOf(html, "Points[0]"));
        Assert.Null(HtmlPage.ErrorOf(html, "Points[1]"));
        // The message is read with its field: the input points at it.
        Assert.Matches(@"<input id=""Points_0"" name=""Points\[0\]""[^>]*aria-invalid=""true""[^>]*aria-describedby=""Points_0-error""", html);
        Assert.Contains("<span class=\"error field-validation-error\" id=\"Points_0-error\">", html);
        Assert.Equal(("99", "10", "5", "1"), (HtmlPage.InputValue(html, "Points[0]"), HtmlPage.InputValue(html, "Points[1]"),
            HtmlPage.InputValue(html, "Points[2]"), HtmlPage.InputValue(html, "Revision")));

        var (status, answer) = await juror.AutosaveAsync(sheet, new SheetInput(["12", "16", "5"], Guid.NewGuid(), 1));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, status);
        Assert.Equal((false, 1, "Draft"), answer.Outcome);
        Assert.Equal([new FieldError("Points[1]", "El puntaje de «Manejo del agua» va de 0 a 15.")], answer.Errors);
        var saved = await Data.ReadSheetAsync(sheet);
        Assert.Equal((1, SheetState.Draft), (saved.Revision, saved.State));
        Assert.Equal([12m, 10m, null], saved.Points);
    }

    [Fact]
    public async Task Points_WithADecimalComma_AreAccepted_TooManyDecimalsOrWordsAreNot()
    {
        var (_, sheet) = await SheetAsync();
        using var juror = await JurorDevice.SignInAsync(App, TestUsers.Lrac);

        var (status, answer) = await juror.AutosaveAsync(sheet, new SheetInput(["12,5", "7.25", null], Guid.NewGuid(), 0));

        Assert.Equal((HttpStatusCode.OK, (true, 1, "Draft")), (status, answer.Outcome));
        Assert.Empty(answer.Errors);
        Assert.Equal([12.5m, 7.25m, null], (await Data.ReadSheetAsync(sheet)).Points);
        Assert.Equal("12.5", HtmlPage.InputValue(await juror.Client.GetPageAsync(Sheet(sheet)), "Points[0]"));

        var (decimals, tooPrecise) = await juror.AutosaveAsync(sheet, new SheetInput(["12.345", "7", null], Guid.NewGuid(), 1));
        var (word, notANumber) = await juror.AutosaveAsync(sheet, new SheetInput(["doce", "7", null], Guid.NewGuid(), 1));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, decimals);
        Assert.Equal([new FieldError("Points[0]", "El puntaje de «Obras de conservación» admite como máximo dos decimales.")], tooPrecise.Errors);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, word);
        Assert.Equal([new FieldError("Points[0]", "Ingrese un número.")], notANumber.Errors);
        Assert.Equal([12.5m, 7.25m, null], (await Data.ReadSheetAsync(sheet)).Points);
    }

    [Fact]
    public async Task Submit_WithACriterionMissing_IsRefused()
    {
        var (_, sheet) = await SheetAsync();
        using var juror = await JurorDevice.SignInAsync(App, TestUsers.Lrac);

        var response = await PostSheetAsync(juror.Client, Sheet(sheet), submit: true, ["12", "10", ""]);

        var html = await HtmlAsync(response, HttpStatusCode.UnprocessableEntity);
        Assert.Equal("Falta el puntaje de «Participación de la familia».", HtmlPage.ErrorOf(html, "Points[2]"));
        Assert.Equal("12", HtmlPage.InputValue(html, "Points[0]"));
        var (status, answer) = await juror.AutosaveAsync(sheet, new SheetInput(["12", "", "9"], Guid.NewGuid(), 0, Submit: true));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, status);
        Assert.Equal([new FieldError("Points[1]", "Falta el puntaje de «Manejo del agua».")], answer.Errors);
        var saved = await Data.ReadSheetAsync(sheet);
        Assert.Equal((SheetState.Draft, 0, (DateTime?)null), (saved.State, saved.Revision, saved.SubmittedUtc));
    }

    [Fact]
    public async Task Submit_WithoutTheConfirmingTick_IsRefusedNextToTheTick_TypedValuesKept_NothingSaved()
    {
        var (_, sheet) = await SheetAsync();
        using var juror = await JurorDevice.SignInAsync(App, TestUsers.Lrac);
        var page = await juror.Client.GetPageAsync(Sheet(sheet));
        // Two different buttons: the draft (secondary) and the submission, styled as what can't be undone, beside its tick.
        Assert.Contains("<button type=\"submit\" name=\"submit\" value=\"false\" class=\"secondary\">Guardar borrador</button>", page);
        Assert.Contains("<button type=\"submit\" name=\"submit\" value=\"true\" class=\"danger\" data-irreversible>Enviar ficha</button>", page);
        Assert.Contains("<input type=\"checkbox\" id=\"Confirmed\" name=\"Confirmed\" value=\"true\"", page);
        Assert.Contains("ya no podré cambiar esta ficha", HtmlPage.Text(page));

        var response = await PostSheetAsync(juror.Client, Sheet(sheet), submit: true, ["12", "10", "8.5"], "Terrazas completas.", confirmed: false);

        var html = await HtmlAsync(response, HttpStatusCode.UnprocessableEntity);
        Assert.Equal("Para enviar la ficha, marque la casilla que confirma que ya no podrá cambiarla. No se envió; lo que escribió sigue aquí.",
            HtmlPage.ErrorOf(html, "Confirmed"));
        Assert.Equal(("12", "10", "8.5"), (HtmlPage.InputValue(html, "Points[0]"), HtmlPage.InputValue(html, "Points[1]"), HtmlPage.InputValue(html, "Points[2]")));
        Assert.Contains(">Terrazas completas.</textarea>", html);
        var saved = await Data.ReadSheetAsync(sheet);
        Assert.Equal((SheetState.Draft, 0), (saved.State, saved.Revision));

        await RedirectsToAsync(await PostSheetAsync(juror.Client, Sheet(sheet), submit: true, ["12", "10", "8.5"]), "/judging");
        Assert.Equal(SheetState.Submitted, (await Data.ReadSheetAsync(sheet)).State);
    }

    [Fact]
    public async Task Submit_LocksTheSheet_AndAnyFurtherSaveIsRefusedAsSubmitted()
    {
        var (_, sheet) = await SheetAsync();
        using var juror = await JurorDevice.SignInAsync(App, TestUsers.Lrac);

        var response = await PostSheetAsync(juror.Client, Sheet(sheet), submit: true, ["12", "10", "8.5"]);

        await RedirectsToAsync(response, "/judging");
        var list = await juror.Client.GetPageAsync("/judging");
        Assert.Equal("Ficha enviada.", Flash(list));
        Assert.Contains((sheet, "N.° 1 — Quispe Mamani, Juana Ccollpa Enviada"), MySheets(list));
        Assert.Contains("1 de 4 fichas enviadas", HtmlPage.Text(list));
        var saved = await Data.ReadSheetAsync(sheet);
        Assert.Equal((SheetState.Submitted, 1, (DateTime?)App.Clock.GetUtcNow().UtcDateTime), (saved.State, saved.Revision, saved.SubmittedUtc));
        Assert.Equal([12m, 10m, 8.5m], saved.Points);
        var page = await juror.Client.GetPageAsync(Sheet(sheet));
        Assert.Contains("Está cerrada: solo el presidente del CLAR o un oficial puede reabrirla.", HtmlPage.Text(page));
        Assert.DoesNotContain("Enviar ficha", HtmlPage.Text(page));
        Assert.Contains("disabled=\"disabled\"", page);

        // A page still open elsewhere (revision 1) posts again, and the script autosaves.
        var again = await PostSheetAsync(juror.Client, Sheet(sheet), submit: false, ["20", "15", "15"], revision: 1);
        var (status, answer) = await juror.AutosaveAsync(sheet, new SheetInput(["20", "15", "15"], Guid.NewGuid(), 1));

        Assert.Equal([Submitted], SheetErrors(await HtmlAsync(again, HttpStatusCode.Conflict)));
        Assert.Equal((HttpStatusCode.Conflict, (false, 1, "Submitted")), (status, answer.Outcome));
        Assert.Equal([new FieldError(null, Submitted)], answer.Errors);
        Assert.Equal([12m, 10m, 8.5m], (await Data.ReadSheetAsync(sheet)).Points);
    }

    [Fact]
    public async Task TheSameSaveIdTwice_IsAppliedOnce()
    {
        var (_, sheet) = await SheetAsync();
        using var juror = await JurorDevice.SignInAsync(App, TestUsers.Lrac);
        var retry = new SheetInput(["12", "10", null], Guid.NewGuid(), 0);

        var first = await juror.AutosaveAsync(sheet, retry);
        var second = await juror.AutosaveAsync(sheet, retry);

        Assert.Equal((HttpStatusCode.OK, (true, 1, "Draft")), (first.Status, first.Answer.Outcome));
        Assert.Equal((HttpStatusCode.OK, (true, 1, "Draft")), (second.Status, second.Answer.Outcome));
        Assert.Equal(1, (await Data.ReadSheetAsync(sheet)).Revision);

        // A double tap on "Enviar ficha": the page's save id twice.
        var tap = Guid.NewGuid();
        await RedirectsToAsync(await PostSheetAsync(juror.Client, Sheet(sheet), submit: true, ["12", "10", "9"], saveId: tap, revision: 1), "/judging");
        await RedirectsToAsync(await PostSheetAsync(juror.Client, Sheet(sheet), submit: true, ["12", "10", "9"], saveId: tap, revision: 1), "/judging");

        var saved = await Data.ReadSheetAsync(sheet);
        Assert.Equal((SheetState.Submitted, 2, tap), (saved.State, saved.Revision, saved.LastSaveId));
        Assert.Equal(2, await Data.Registry.ReadAsync(db => db.AuditRecords.CountAsync(a => a.EntityType == nameof(ScoreSheet) && a.Action == "Modified")));
    }

    [Fact]
    public async Task ASaveFromAStaleRevision_IsAConflict_AndThePageShowsTheSheetAsItNowIs()
    {
        var (_, sheet) = await SheetAsync();
        using var phone = await JurorDevice.SignInAsync(App, TestUsers.Lrac);
        using var tablet = await JurorDevice.SignInAsync(App, TestUsers.Lrac);
        var stale = await tablet.Client.GetPageAsync(Sheet(sheet));
        Assert.Equal(200, (int)(await phone.AutosaveAsync(sheet, new SheetInput(["12", "10", null], Guid.NewGuid(), 0))).Status);

        var (status, answer) = await tablet.AutosaveAsync(sheet, new SheetInput(["5", "5", "5"], Guid.NewGuid(), 0));
        var response = await PostSheetAsync(tablet.Client, Sheet(sheet), submit: true, ["5", "5", "5"], revision: 0);

        Assert.Equal((HttpStatusCode.Conflict, (false, 1, "Draft")), (status, answer.Outcome));
        Assert.Equal([new FieldError(null, Conflict(0, 1))], answer.Errors);
        var html = await HtmlAsync(response, HttpStatusCode.Conflict);
        Assert.Equal([Conflict(0, 1)], SheetErrors(html));
        Assert.Equal(("12", "10", "1"), (HtmlPage.InputValue(html, "Points[0]"), HtmlPage.InputValue(html, "Points[1]"), HtmlPage.InputValue(html, "Revision")));
        Assert.Equal("0", HtmlPage.InputValue(stale, "Revision"));
        var saved = await Data.ReadSheetAsync(sheet);
        Assert.Equal((SheetState.Draft, 1), (saved.State, saved.Revision));
        Assert.Equal([12m, 10m, null], saved.Points);
    }

    [Fact]
    public async Task Officer_TypesAPaperSheet_RecordedAsTyped_ThenReopensIt_OnlyWithAReason_Audited()
    {
        var (round, sheet) = await SheetAsync();
        using var officer = await App.SignedInClientAsync(TestUsers.Officer);
        var paper = PaperSheet(round.Id, sheet);
        Assert.Contains($"Ficha en papel de {JudgingData.LracName}: usted la digita en su nombre y queda registrado así.", HtmlPage.Text(await officer.GetPageAsync(paper)));

        await RedirectsToAsync(await PostSheetAsync(officer, paper, submit: false, ["14", "12", ""]), paper);

        var draft = await officer.GetPageAsync(paper);
        Assert.Equal("Borrador guardado.", Flash(draft));
        Assert.Contains("Digitada desde la ficha en papel por Test ProjectOfficer.", HtmlPage.Text(draft));
        Assert.Equal(((int?)round.OfficerId, 1), ((await Data.ReadSheetAsync(sheet)).TypedByOfficerId, (await Data.ReadSheetAsync(sheet)).Revision));

        await RedirectsToAsync(await PostSheetAsync(officer, paper, submit: true, ["14", "12", "11"]), $"/rounds/{round.Id}/progress");

        var progress = await officer.GetPageAsync($"/rounds/{round.Id}/progress");
        Assert.Equal("Ficha enviada.", Flash(progress));
        Assert.Contains($"{JudgingData.LracName}: Enviada (papel) ver", EntryRow(progress, round.Entry(1)).Text);
        using (var juror = await App.SignedInClientAsync(TestUsers.Lrac))
        {
            Assert.Contains("Digitada desde la ficha en papel por Test ProjectOfficer.", HtmlPage.Text(await juror.GetPageAsync(Sheet(sheet))));
        }

        var blank = await HtmlAsync(await officer.PostFormAsync(paper, paper + "/reopen", ("reason", "  ")), HttpStatusCode.UnprocessableEntity);

        Assert.Equal("Indique por qué se reabre la ficha.", HtmlPage.ErrorOf(blank, "reason"));
        Assert.Equal(SheetState.Submitted, (await Data.ReadSheetAsync(sheet)).State);

        var reopened = await officer.PostFormAsync(paper, paper + "/reopen", ("reason", "El jurado sumó mal en el papel."));

        await RedirectsToAsync(reopened, $"/rounds/{round.Id}/progress");
        Assert.Equal("Ficha reabierta; el motivo quedó registrado.", Flash(await officer.GetPageAsync($"/rounds/{round.Id}/progress")));
        var saved = await Data.ReadSheetAsync(sheet);
        Assert.Equal((SheetState.Draft, 3, 1, "El jurado sumó mal en el papel.", (DateTime?)null),
            (saved.State, saved.Revision, saved.Reopened, saved.ReopenReason, saved.SubmittedUtc));
        Assert.Equal([14m, 12m, 11m], saved.Points);
        var audit = await Data.Registry.ReadAsync(db => db.AuditRecords.AsNoTracking()
            .Where(a => a.EntityType == nameof(ScoreSheet) && a.EntityId == Id(sheet) && a.Action == "Modified").OrderBy(a => a.Sequence).ToListAsync());
        Assert.Equal(3, audit.Count);
        Assert.All(audit, a => Assert.Equal((TestUsers.Officer, (int?)round.OfficerId), (a.Actor, a.ActorUserId)));
        Assert.Contains($"\"TypedByOfficerId\":{round.OfficerId}", audit[0].After);
        Assert.Contains("\"State\":\"Submitted\"", audit[1].After);
        Assert.Contains("\"ReopenReason\":\"El jurado sumó mal en el papel.\"", audit[2].After);
        Assert.Contains("\"State\":\"Draft\"", audit[2].After);
        Assert.Contains("\"State\":\"Submitted\"", audit[2].Before);

        // The juror can correct it again from the sheet as it now is.
        using var phone = await JurorDevice.SignInAsync(App, TestUsers.Lrac);
        Assert.Equal(HttpStatusCode.OK, (await phone.AutosaveAsync(sheet, new SheetInput(["14", "12", "10"], Guid.NewGuid(), 3))).Status);
    }

    [Fact]
    public async Task Reopen_ASheetNotSubmitted_IsRefused()
    {
        var (round, sheet) = await SheetAsync();
        using var officer = await App.SignedInClientAsync(TestUsers.Officer);
        var paper = PaperSheet(round.Id, sheet);

        var response = await officer.PostFormAsync(paper, paper + "/reopen", ("reason", "Por si acaso."));

        Assert.Equal(["La ficha no está enviada: no hay nada que reabrir."], SheetErrors(await HtmlAsync(response, HttpStatusCode.UnprocessableEntity)));
        Assert.Equal((SheetState.Draft, 0, (string?)null), ((await Data.ReadSheetAsync(sheet)).State, (await Data.ReadSheetAsync(sheet)).Revision,
            (await Data.ReadSheetAsync(sheet)).ReopenReason));
    }

    [Fact]
    public async Task Officer_ReopensWithATooLongReason_SheetAgain422_MessageOnTheReason_WhatWasTypedKept_NothingWritten()
    {
        var (round, sheet) = await SheetAsync();
        using var officer = await App.SignedInClientAsync(TestUsers.Officer);
        var paper = PaperSheet(round.Id, sheet);
        await RedirectsToAsync(await PostSheetAsync(officer, paper, submit: true, ["14", "12", "11"]), $"/rounds/{round.Id}/progress");
        var audits = await Data.Registry.ReadAsync(db => db.AuditRecords.CountAsync());
        var reason = "El jurado sumó mal. " + new string('x', ScoreSheet.ReasonMaxLength);

        var html = await HtmlAsync(await officer.PostFormAsync(paper, paper + "/reopen", ("reason", reason)), HttpStatusCode.UnprocessableEntity);

        Assert.Contains(ScoreSheet.ReasonMaxLength.ToString(System.Globalization.CultureInfo.InvariantCulture), HtmlPage.ErrorOf(html, "reason"), StringComparison.Ordinal);
        Assert.Equal(reason, HtmlPage.InputValue(html, "reason"));
        Assert.Equal(SheetState.Submitted, (await Data.ReadSheetAsync(sheet)).State);
        Assert.Equal(audits, await Data.Registry.ReadAsync(db => db.AuditRecords.CountAsync()));
    }
}

public sealed class ScoreSheetTestsOnSqlite(SqliteApp app) : ScoreSheetTests<SqliteApp>(app);

public sealed class ScoreSheetTestsOnPostgres(PostgresApp app) : ScoreSheetTests<PostgresApp>(app);
