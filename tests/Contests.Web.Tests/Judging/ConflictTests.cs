using System.Net;
using System.Text.RegularExpressions;
using Contests.Core.Judging;
using Contests.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static Contests.Web.Tests.Judging.JudgingPages;
using static Contests.Web.Tests.Rounds.RoundPages;

namespace Contests.Web.Tests.Judging;

/// <summary>Conflicts of interest declared by the officer (LRAC page) or by the juror (from the sheet).</summary>
public abstract class ConflictTests<TApp>(TApp app) : AppTest<TApp>(app) where TApp : ContestsApp
{
    private const string Reason = "La familia es su compadre de bautizo.";
    private const string ReasonRequired = "Escriba el motivo del conflicto de interés.";
    private const string AfterSubmit = "Ese miembro ya envió su ficha de este participante: primero hay que reabrirla.";

    private JudgingData Data => new(App);

    /// <summary>
    /// Posts the LRAC page's conflict form with the fields named as the page names them (a browser posts the
    /// names the form has, whatever the labels say).
    /// </summary>
    private static async Task<HttpResponseMessage> DeclareAsOfficerAsync(AppClient officer, int round, int member, int entry, string reason)
    {
        var page = $"/rounds/{Id(round)}/lrac";
        var html = await officer.GetPageAsync(page);
        return await officer.PostFormAsync(page, $"{page}/conflicts",
            (NameOf(html, "Conflict_MemberId"), Id(member)), (NameOf(html, "Conflict_EntryId"), Id(entry)), (NameOf(html, "Conflict_Reason"), reason));
    }

    private static string NameOf(string html, string id)
    {
        var field = Regex.Match(html, $"<(?:input|select)[^>]*\\bid=\"{id}\"[^>]*\\bname=\"([^\"]+)\"", RegexOptions.None, TimeSpan.FromSeconds(1));
        Assert.True(field.Success, $"The page has no field with id {id}.");
        return field.Groups[1].Value;
    }

    private Task<List<DeclaredConflict>> ConflictsAsync() => Data.Registry.ReadAsync(db => db.DeclaredConflicts.AsNoTracking().ToListAsync());

    [Fact]
    public async Task Officer_DeclaresAConflict_TheJurorsUnsubmittedSheetForThatEntryGoes()
    {
        var round = await Data.SeedAsync();
        var sheet = await Data.SheetOfAsync(round.Lrac, round.Entry(1));
        using var officer = await App.SignedInClientAsync(TestUsers.Officer);

        var response = await DeclareAsOfficerAsync(officer, round.Id, round.Lrac.MemberId, round.Entry(1), Reason);

        await RedirectsToAsync(response, $"/rounds/{round.Id}/lrac");
        Assert.Equal($"Conflicto registrado: {JudgingData.LracName} no calificará a ese participante.", Flash(await officer.GetPageAsync($"/rounds/{round.Id}/lrac")));
        var conflict = Assert.Single(await ConflictsAsync());
        Assert.Equal((round.Lrac.MemberId, round.Entry(1), Reason, round.OfficerId), (conflict.MemberId, conflict.EntryId, conflict.Reason, conflict.DeclaredByUserId));
        Assert.Null(await Data.SheetIdAsync(round.Lrac.MemberId, round.Entry(1)));
        using var juror = await App.SignedInClientAsync(TestUsers.Lrac);
        Assert.Equal(HttpStatusCode.NotFound, (await juror.GetAsync(Sheet(sheet))).StatusCode);
        Assert.DoesNotContain(MySheets(await juror.GetPageAsync("/judging")), s => s.SheetId == sheet);
        Assert.Contains($"N.° 1 — Quispe Mamani, Juana {JudgingData.LracName} declarado: {Reason}",
            Exclusions(await officer.GetPageAsync($"/rounds/{round.Id}/assignments")));
    }

    [Fact]
    public async Task Officer_DeclaresAConflict_WithoutAReason_IsRefused_ChoicesKept()
    {
        var round = await Data.SeedAsync();
        using var officer = await App.SignedInClientAsync(TestUsers.Officer);

        var response = await DeclareAsOfficerAsync(officer, round.Id, round.Lrac.MemberId, round.Entry(1), " ");

        var html = await HtmlAsync(response, HttpStatusCode.UnprocessableEntity);
        Assert.Equal(ReasonRequired, HtmlPage.ErrorOf(html, "Conflict_Reason"));
        Assert.Contains($"<option value=\"{round.Lrac.MemberId}\" selected=\"selected\">{JudgingData.LracName}</option>", html);
        Assert.Contains($"<option value=\"{round.Entry(1)}\" selected=\"selected\">N.° 1 — Quispe Mamani, Juana</option>", html);
        Assert.Empty(await ConflictsAsync());
        Assert.NotNull(await Data.SheetIdAsync(round.Lrac.MemberId, round.Entry(1)));
    }

    [Fact]
    public async Task Officer_DeclaresAConflict_AfterTheSheetWasSubmitted_IsRefused()
    {
        var round = await Data.SeedAsync();
        var sheet = await Data.SheetOfAsync(round.Lrac, round.Entry(1));
        await Data.SubmitAsync(sheet, 15m, 10m, 10m);
        using var officer = await App.SignedInClientAsync(TestUsers.Officer);

        var response = await DeclareAsOfficerAsync(officer, round.Id, round.Lrac.MemberId, round.Entry(1), Reason);

        var html = await HtmlAsync(response, HttpStatusCode.UnprocessableEntity);
        Assert.Equal(AfterSubmit, HtmlPage.ErrorOf(html, "Conflict_EntryId"));
        Assert.Empty(await ConflictsAsync());
        Assert.Equal(SheetState.Submitted, (await Data.ReadSheetAsync(sheet)).State);
    }

    [Fact]
    public async Task Juror_DeclaresAConflictFromTheSheet_TheSheetGoes_AndIsNotMadeAgain()
    {
        var round = await Data.SeedAsync();
        var sheet = await Data.SheetOfAsync(round.Lrac, round.Entry(1));
        using var juror = await App.SignedInClientAsync(TestUsers.Lrac);
        Assert.Contains("Tengo un conflicto de interés con este participante", HtmlPage.Text(await juror.GetPageAsync(Sheet(sheet))));

        var response = await juror.PostFormAsync(Sheet(sheet), Sheet(sheet) + "/conflict", ("reason", Reason));

        await RedirectsToAsync(response, "/judging");
        var list = await juror.GetPageAsync("/judging");
        Assert.Equal("Conflicto declarado: ya no calificará al N.° 1.", Flash(list));
        Assert.Equal(
        [
            "N.° 2 — Huamán Ccori, Pedro Ccollpa Sin empezar",
            "N.° 3 — Condori Taipe, Rosa Ccollpa Sin empezar",
            "N.° 4 — Ccori Layme, María Villa Ampay Sin empezar",
        ], MySheets(list).Select(s => s.Text));
        Assert.Equal(HttpStatusCode.NotFound, (await juror.GetAsync(Sheet(sheet))).StatusCode);
        var conflict = Assert.Single(await ConflictsAsync());
        Assert.Equal((round.Lrac.MemberId, round.Entry(1), Reason, round.Lrac.UserId), (conflict.MemberId, conflict.EntryId, conflict.Reason, conflict.DeclaredByUserId));
        Assert.Null(await Data.SheetIdAsync(round.Lrac.MemberId, round.Entry(1)));

        // Assigning again leaves the pair out (the entry is short of a juror: the others are conflicted too).
        using var officer = await App.SignedInClientAsync(TestUsers.Officer);
        await officer.PostFormAsync($"/rounds/{round.Id}/assignments");
        Assert.Null(await Data.SheetIdAsync(round.Lrac.MemberId, round.Entry(1)));
        var preview = await officer.GetPageAsync($"/rounds/{round.Id}/assignments");
        Assert.Contains($"N.° 1 — Quispe Mamani, Juana {JudgingData.LracName} declarado: {Reason}", Exclusions(preview));
        Assert.Contains("N.° 1 — Quispe Mamani, Juana: 1 jurados de 2 necesarios", HtmlPage.Text(preview));
    }

    [Fact]
    public async Task Juror_DeclaresAConflict_WithoutAReason_IsRefused_TheSheetStays()
    {
        var round = await Data.SeedAsync();
        var sheet = await Data.SheetOfAsync(round.Lrac, round.Entry(1));
        using var juror = await App.SignedInClientAsync(TestUsers.Lrac);

        var response = await juror.PostFormAsync(Sheet(sheet), Sheet(sheet) + "/conflict", ("reason", ""));

        var html = await HtmlAsync(response, HttpStatusCode.UnprocessableEntity);
        Assert.Equal(ReasonRequired, HtmlPage.ErrorOf(html, "reason"));
        Assert.Contains("<details class=\"card\" open=\"open\">", html, StringComparison.Ordinal);
        Assert.Empty(await ConflictsAsync());
        Assert.NotNull(await Data.SheetIdAsync(round.Lrac.MemberId, round.Entry(1)));
    }

    [Fact]
    public async Task Juror_DeclaresAConflict_AfterSubmittingTheSheet_IsRefused()
    {
        var round = await Data.SeedAsync();
        var sheet = await Data.SheetOfAsync(round.Lrac, round.Entry(1));
        using var juror = await App.SignedInClientAsync(TestUsers.Lrac);
        await RedirectsToAsync(await PostSheetAsync(juror, Sheet(sheet), submit: true, ["15", "10", "10"]), "/judging");
        var page = await juror.GetPageAsync(Sheet(sheet));
        Assert.DoesNotContain("/conflict\"", page);

        // A page left open from before the submit still has the form.
        var response = await juror.PostFormAsync(Sheet(sheet), Sheet(sheet) + "/conflict", ("reason", Reason));

        Assert.Equal([AfterSubmit], SheetErrors(await HtmlAsync(response, HttpStatusCode.UnprocessableEntity)));
        Assert.Empty(await ConflictsAsync());
        Assert.Equal(SheetState.Submitted, (await Data.ReadSheetAsync(sheet)).State);
    }

    [Fact]
    public async Task Juror_DeclaresAConflict_WithATooLongReason_SheetAgain422_MessageOnTheReason_WhatWasTypedKept_NothingWritten()
    {
        var round = await Data.SeedAsync();
        var sheet = await Data.SheetOfAsync(round.Lrac, round.Entry(1));
        using var juror = await App.SignedInClientAsync(TestUsers.Lrac);
        var reason = Reason + " " + new string('x', DeclaredConflict.ReasonMaxLength);

        var response = await juror.PostFormAsync(Sheet(sheet), Sheet(sheet) + "/conflict", ("reason", reason));

        var html = await HtmlAsync(response, HttpStatusCode.UnprocessableEntity);
        Assert.Contains(DeclaredConflict.ReasonMaxLength.ToString(System.Globalization.CultureInfo.InvariantCulture), HtmlPage.ErrorOf(html, "reason"),
            StringComparison.Ordinal);
        Assert.Equal(reason, HtmlPage.InputValue(html, "reason"));
        Assert.Empty(await ConflictsAsync());
        Assert.NotNull(await Data.SheetIdAsync(round.Lrac.MemberId, round.Entry(1)));
    }
}

public sealed class ConflictTestsOnSqlite(SqliteApp app) : ConflictTests<SqliteApp>(app);

public sealed class ConflictTestsOnPostgres(PostgresApp app) : ConflictTests<PostgresApp>(app);
