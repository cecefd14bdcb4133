using System.Net;
using Contests.Core.Judging;
using Contests.Core.Review;
using Contests.Core.Rounds;
using Contests.Web.Tests.Infrastructure;
using Contests.Web.Tests.Judging;
using Microsoft.EntityFrameworkCore;
using static Contests.Web.Tests.Rounds.RoundPages;

namespace Contests.Web.Tests.Review;

/// <summary>
/// Reclamos through HTTP (docs/architecture.md#rules-review-publication-and-appeals): recorded within the acta's window, resolved with a reason, an accepted one
/// reopening the entry's sheets for its jurors while the round stays published, the recomputed allocation's diff
/// listing exactly the entries that change, and Final waiting for the window and every open appeal.
/// </summary>
public abstract class AppealTests<TApp>(TApp app) : AppTest<TApp>(app) where TApp : ContestsApp
{
    private ReviewData Data => new(App);

    private static string Page(int roundId) => $"/rounds/{Id(roundId)}/appeals";

    /// <summary>The review round approved by the officer with the president and the secretary present; appeals until 30/11/2026.</summary>
    private async Task<(JudgingRound Round, AppClient Officer)> PublishedAsync()
    {
        var round = await Data.InReviewAsync();
        var officer = await App.SignedInClientAsync(TestUsers.Officer);
        await ReviewData.OpenAsync(officer, round.Id, round.Lrac.MemberId, round.Other.MemberId);
        var session = $"/rounds/{Id(round.Id)}/session";
        await RedirectsToAsync(await officer.PostFormAsync(session, session + "/approve", ("Approve.AppealsUntil", "2026-11-30"), ("Approve.Confirmed", "true")), session);
        return (round, officer);
    }

    private static Task<HttpResponseMessage> RecordAsync(AppClient officer, int roundId, int entryId, string appellant, string grounds) =>
        officer.PostFormAsync(Page(roundId), Page(roundId), ("Appeal.EntryId", Id(entryId)), ("Appeal.Appellant", appellant), ("Appeal.Grounds", grounds));

    private static Task<HttpResponseMessage> ResolveAsync(AppClient client, int roundId, int appealId, string? accepted, string reason) =>
        client.PostFormAsync(Page(roundId), $"{Page(roundId)}/{Id(appealId)}/resolve",
            accepted is null ? [("Resolve.Resolution", reason)] : [("Resolve.Accepted", accepted), ("Resolve.Resolution", reason)]);

    private Task<List<Appeal>> AppealsAsync(int roundId) =>
        Data.Judging.Registry.ReadAsync(db => db.Appeals.AsNoTracking().Where(a => a.RoundId == roundId).OrderBy(a => a.Id).ToListAsync());

    [Fact]
    public async Task Record_WithinTheWindow_IsListed_AfterItIsRefused_KeepingWhatWasTyped()
    {
        var (round, officer) = await PublishedAsync();
        using var _ = officer;

        await RedirectsToAsync(await RecordAsync(officer, round.Id, round.Entry(3), "Rosa Condori Taipe", "El jurado no vio la segunda terraza."), Page(round.Id));
        var page = await officer.GetPageAsync(Page(round.Id));
        Assert.Equal("Reclamo registrado; el CLAR lo resolverá.", Flash(page));
        Assert.Contains("Presentado por Rosa Condori Taipe el 23/11/2026 09:00.", HtmlPage.Text(page));

        var missing = await HtmlAsync(await RecordAsync(officer, round.Id, round.Entry(3), "", "x"), HttpStatusCode.UnprocessableEntity);
        Assert.NotNull(HtmlPage.ErrorOf(missing, "Appeal.Appellant"));
        Assert.Contains("value=\"x\"", missing);

        App.Clock.Advance(TimeSpan.FromDays(8));   // past 30/11 23:59 in Lima (a new sign-in: the old one has expired)
        try
        {
            using var later = await App.SignedInClientAsync(TestUsers.Officer);
            var late = await HtmlAsync(await RecordAsync(later, round.Id, round.Entry(2), "Pedro Huamán Ccori", "Mi puntaje de campo está mal sumado."),
                HttpStatusCode.UnprocessableEntity);
            Assert.Equal(["El plazo de reclamos terminó el 30/11/2026 23:59."], Summary(late));
            Assert.Single(await AppealsAsync(round.Id));
        }
        finally
        {
            App.Clock.Reset();
        }
    }

    [Fact]
    public async Task Resolve_NeedsADecisionAndAReason_Rejected_ThenFinalWaitsOnlyForTheWindow()
    {
        var (round, officer) = await PublishedAsync();
        using var first = officer;
        await RecordAsync(officer, round.Id, round.Entry(2), "Pedro Huamán Ccori", "Mi puntaje de campo está mal sumado.");
        var appeal = (await AppealsAsync(round.Id)).Single();

        var noDecision = await HtmlAsync(await ResolveAsync(officer, round.Id, appeal.Id, null, "Revisado"), HttpStatusCode.UnprocessableEntity);
        var noReason = await HtmlAsync(await ResolveAsync(officer, round.Id, appeal.Id, "false", " "), HttpStatusCode.UnprocessableEntity);
        Assert.Equal("Elija si el CLAR acepta o rechaza el reclamo.", HtmlPage.ErrorOf(noDecision, "Resolve.Accepted"));
        Assert.Equal("Escriba el motivo de la decisión del CLAR.", HtmlPage.ErrorOf(noReason, "Resolve.Resolution"));
        Assert.Equal(AppealState.Pending, (await AppealsAsync(round.Id)).Single().State);

        // While pending, the round can't become final even once the window is over.
        App.Clock.Advance(TimeSpan.FromDays(8));
        try
        {
            officer = await App.SignedInClientAsync(TestUsers.Officer);
            await MoveAsync(officer, round.Id, "Final");
            Assert.Equal(RoundPhase.Published, await Data.PhaseAsync(round.Id));
            Assert.Contains("Hay 1 reclamo(s) sin resolver o a la espera de la adenda del acta.", HtmlPage.Text(await officer.GetPageAsync($"/rounds/{Id(round.Id)}")));

            await RedirectsToAsync(await ResolveAsync(officer, round.Id, appeal.Id, "false", "La suma de la ficha es correcta."), Page(round.Id));
            var resolved = (await AppealsAsync(round.Id)).Single();
            Assert.Equal((AppealState.Rejected, "La suma de la ficha es correcta."), (resolved.State, resolved.Resolution));
            var audit = await Data.Judging.Registry.ReadAsync(db => db.AuditRecords.AsNoTracking()
                .Where(a => a.EntityType == nameof(Appeal) && a.Action == "Modified").SingleAsync());
            Assert.Equal(TestUsers.Officer, audit.Actor);
            Assert.Contains("Rejected", audit.After);

            await MoveAsync(officer, round.Id, "Final");
            Assert.Equal(RoundPhase.Final, await Data.PhaseAsync(round.Id));
        }
        finally
        {
            officer.Dispose();
            App.Clock.Reset();
        }
    }

    [Fact]
    public async Task Accepted_ReopensTheSheets_TheJurorsScoreAgain_AndTheDiffListsExactlyTheEntriesThatChange()
    {
        var (round, officer) = await PublishedAsync();
        using var _ = officer;
        await RecordAsync(officer, round.Id, round.Entry(3), "Rosa Condori Taipe", "El jurado no vio la segunda terraza.");
        var appeal = (await AppealsAsync(round.Id)).Single();
        using var president = await App.SignedInClientAsync(TestUsers.Lrac);

        // The president records the committee's decision from the phone.
        await RedirectsToAsync(await ResolveAsync(president, round.Id, appeal.Id, "true", "Se visitará de nuevo la parcela."), Page(round.Id));

        var sheets = (await Data.Judging.ReadSheetsAsync(round.Id)).Where(s => s.EntryId == round.Entry(3)).ToList();
        Assert.Equal(2, sheets.Count);
        Assert.All(sheets, s => Assert.Equal((SheetState.Draft, "Se visitará de nuevo la parcela."), (s.State, s.ReopenReason)));
        Assert.Contains("1 participación(es) con reclamo aceptado esperan", HtmlPage.Text(await officer.GetPageAsync(Page(round.Id))));
        Assert.Equal(RoundPhase.Published, await Data.PhaseAsync(round.Id));

        // The president's sheet is on their list again and takes a new score; the other sheets stay locked.
        var own = sheets.Single(s => s.JurorId == round.Lrac.MemberId).Id;
        Assert.Contains($"href=\"/judging/sheets/{own}\"", await president.GetPageAsync("/judging"));
        var juana = await Data.Judging.SheetOfAsync(round.Lrac, round.Entry(1));
        Assert.Equal(HttpStatusCode.UnprocessableEntity,
            (await JudgingPages.PostSheetAsync(president, $"/judging/sheets/{Id(juana)}", true, ["1", "1", "1"])).StatusCode);
        await RedirectsToAsync(await JudgingPages.PostSheetAsync(president, $"/judging/sheets/{Id(own)}", true, ["19", "15", "15"]), "/judging");
        await Data.Judging.SubmitAsync(sheets.Single(s => s.JurorId == round.Other.MemberId).Id, 19m, 15m, 15m);

        // Rosa now 49: second in Ccollpa (S/ 400.00); Pedro third (nothing). Nobody else changes.
        var page = await officer.GetPageAsync(Page(round.Id));
        var rows = System.Text.RegularExpressions.Regex.Matches(page, "<tr data-entry=\"(\\d+)\">").Select(m => int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal([round.Entry(2), round.Entry(3)], rows);
        var text = HtmlPage.Text(page);
        Assert.Contains("2 → 3 S/ 400.00 → S/ 0.00", text);
        Assert.Contains("3 → 2 S/ 0.00 → S/ 400.00", text);
        // Still open until an addendum approves the new version: the round can't become final.
        Assert.True((await AppealsAsync(round.Id)).Single().Open);
    }

    [Fact]
    public async Task Addendum_ApprovesTheNewVersion_SupersedesTheOldAwards_SettlesTheAppeal_AndThePublicPageFollows()
    {
        var (round, officer) = await PublishedAsync();
        using var _ = officer;
        var session = $"/rounds/{Id(round.Id)}/session";
        // The winners' certificates were handed out at the session: Juana's (N.° 1) and Pedro's (N.° 2).
        var documents = $"/rounds/{Id(round.Id)}/documents";
        foreach (var n in new[] { 1, 2 })
        {
            var issued = await officer.PostFormAsync(documents, $"{documents}/certificates/{Id(round.Entry(n))}",
                ("One.CeremonyDate", "2026-11-23"), ("One.CeremonyPlace", ReviewData.Place));
            Assert.Equal(System.Net.HttpStatusCode.Redirect, issued.StatusCode);
        }
        await RecordAsync(officer, round.Id, round.Entry(3), "Rosa Condori Taipe", "El jurado no vio la segunda terraza.");
        var appeal = (await AppealsAsync(round.Id)).Single();
        await RedirectsToAsync(await ResolveAsync(officer, round.Id, appeal.Id, "true", "Se visitará de nuevo la parcela."), Page(round.Id));
        foreach (var sheet in (await Data.Judging.ReadSheetsAsync(round.Id)).Where(s => s.EntryId == round.Entry(3)))
        {
            await Data.Judging.SubmitAsync(sheet.Id, 19m, 15m, 15m);
        }
        Assert.Contains("1 reclamo(s) aceptado(s) esperan la adenda del acta", HtmlPage.Text(await officer.GetPageAsync(session)));

        await ReviewData.OpenAsync(officer, round.Id, round.Lrac.MemberId, round.Neighbour.MemberId);
        var open = HtmlPage.Text(await officer.GetPageAsync(session));
        Assert.Contains("Adenda en curso", open);
        Assert.Contains("N.° 2: puesto 2 → 3; premio S/ 400.00 → S/ 0.00", open);
        Assert.Contains("N.° 3: puesto 3 → 2; premio S/ 0.00 → S/ 400.00", open);
        await RedirectsToAsync(await officer.PostFormAsync(session, session + "/approve", ("Approve.AppealsUntil", "2026-12-03"), ("Approve.Confirmed", "true")), session);

        Assert.Equal("Adenda aprobada: los nuevos resultados están publicados y los reclamos aceptados quedaron atendidos.",
            Flash(await officer.GetPageAsync(session)));
        var (awards, settled) = await Data.Judging.Registry.ReadAsync(async db => (
            await db.Awards.AsNoTracking().Where(a => a.RoundId == round.Id).OrderBy(a => a.ActaId).ThenBy(a => a.Number).ToListAsync(),
            await db.Appeals.AsNoTracking().SingleAsync(a => a.Id == appeal.Id)));
        Assert.Equal(10, awards.Count);
        Assert.Equal([600m, 0m, 400m, 0m, 0m], awards.Where(a => a.Current).Select(a => a.Amount));
        Assert.All(awards.Take(5), a => Assert.False(a.Current));
        Assert.NotNull(settled.SettledByActaId);
        Assert.False(settled.Open);
        // Pedro's prize went (S/ 400.00 → 0): his certificate is void, with the addendum as the reason; Juana's is unchanged.
        var certificates = await Data.Judging.Registry.ReadAsync(db => db.Documents.AsNoTracking().Where(d => d.RoundId == round.Id)
            .OrderBy(d => d.Id).Select(d => new { d.EntryId, d.State, d.VoidReason }).ToListAsync());
        Assert.Equal([(round.Entry(1), Core.Documents.DocumentState.Valid), (round.Entry(2), Core.Documents.DocumentState.Void)],
            certificates.Select(c => (c.EntryId!.Value, c.State)));
        Assert.Equal("Adenda 002-2026: el premio cambió tras la apelación.", certificates[1].VoidReason);
        Assert.Equal(RoundPhase.Published, await Data.PhaseAsync(round.Id));
        using var anyone = App.NewClient();
        var results = HtmlPage.Text(await anyone.GetPageAsync($"/public/rounds/{Id(round.Id)}/results"));
        Assert.Contains("Adenda N.° 002-2026", results);
        Assert.Contains("Total de premios S/ 1,000.00", results);
        var printed = HtmlPage.Text(await officer.GetPageAsync($"/rounds/{Id(round.Id)}/acta?actaId={settled.SettledByActaId}"));
        Assert.Contains("Adenda N.° 002-2026 al acta del CLAR", printed);
        Assert.Contains("N.° 3: puesto 3 → 2; premio S/ 0.00 → S/ 400.00", printed);

        // Once the new window is over and nothing is open, the round becomes final.
        App.Clock.Advance(TimeSpan.FromDays(11));
        try
        {
            using var later = await App.SignedInClientAsync(TestUsers.Officer);
            await MoveAsync(later, round.Id, "Final");
            Assert.Equal(RoundPhase.Final, await Data.PhaseAsync(round.Id));
        }
        finally
        {
            App.Clock.Reset();
        }
    }
}

public sealed class AppealTestsOnSqlite(SqliteApp app) : AppealTests<SqliteApp>(app);

public sealed class AppealTestsOnPostgres(PostgresApp app) : AppealTests<PostgresApp>(app);
