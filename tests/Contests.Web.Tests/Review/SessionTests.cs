using System.Net;
using System.Text.RegularExpressions;
using Contests.Core.Review;
using Contests.Core.Rounds;
using Contests.Web.Tests.Infrastructure;
using Contests.Web.Tests.Judging;
using Microsoft.EntityFrameworkCore;
using static Contests.Web.Tests.Rounds.RoundPages;

namespace Contests.Web.Tests.Review;

/// <summary>
/// The LRAC session through HTTP (docs/architecture.md#rules-review-publication-and-appeals): open, attendance and quorum, overrides with a reason, approval that
/// numbers the acta, stores the awards and publishes the round; every refusal keeps what was typed and changes
/// nothing; who may run it, read it, or find nothing.
/// </summary>
public abstract partial class SessionTests<TApp>(TApp app) : AppTest<TApp>(app) where TApp : ContestsApp
{
    private ReviewData Data => new(App);

    private static string Session(int roundId) => $"/rounds/{Id(roundId)}/session";

    /// <summary>The approval form: the last day of appeals, and the tick that confirms the approval can't be undone.</summary>
    private static (string, string)[] Until(string day = "2026-11-30") => [("Approve.AppealsUntil", day), ("Approve.Confirmed", "true")];

    [Fact]
    public async Task Approve_WithoutTheConfirmingTick_IsRefusedNextToIt_NothingApproved()
    {
        var round = await Data.InReviewAsync();
        using var officer = await App.SignedInClientAsync(TestUsers.Officer);
        await ReviewData.OpenAsync(officer, round.Id, round.Lrac.MemberId, round.Other.MemberId);
        var page = await officer.GetPageAsync(Session(round.Id));
        Assert.StartsWith("No se puede deshacer: el acta aprobada recibe su número",
            HtmlPage.SectionText(page, "<p class=\"irreversible\" id=\"approve-irreversible\">", "</p>"));
        Assert.Contains("<input type=\"checkbox\" id=\"approve-confirmed\" name=\"Approve.Confirmed\" value=\"true\"", page);
        Assert.Contains("class=\"danger\" data-irreversible>Aprobar el acta y publicar los resultados</button>", page);
        Assert.StartsWith("Los pagos esperan a que termine el plazo de reclamos",
            HtmlPage.SectionText(page, "<p class=\"hint\" id=\"payouts-wait\">", "</p>"));

        var response = await officer.PostFormAsync(Session(round.Id), Session(round.Id) + "/approve", ("Approve.AppealsUntil", "2026-12-01"));

        var html = await HtmlAsync(response, HttpStatusCode.UnprocessableEntity);
        Assert.Equal("Para aprobar el acta, marque la casilla que confirma que la aprobación no se puede deshacer. No se aprobó.",
            HtmlPage.ErrorOf(html, "Approve.Confirmed"));
        Assert.Equal("2026-12-01", HtmlPage.InputValue(html, "Approve.AppealsUntil"));
        Assert.Equal(RoundPhase.Review, await Data.PhaseAsync(round.Id));
        Assert.False((await Data.ActaAsync(round.Id))!.Approved);
    }

    [Fact]
    public async Task Approved_TheSessionSaysPayoutsWaitForTheAppealsWindow_AndUntilWhen()
    {
        var round = await Data.InReviewAsync();
        using var officer = await App.SignedInClientAsync(TestUsers.Officer);
        await ReviewData.OpenAsync(officer, round.Id, round.Lrac.MemberId, round.Other.MemberId);

        await RedirectsToAsync(await officer.PostFormAsync(Session(round.Id), Session(round.Id) + "/approve", Until()), Session(round.Id));

        var approved = await officer.GetPageAsync(Session(round.Id));
        Assert.Equal("Los pagos esperan al fin del plazo de reclamos (30/11/2026 23:59): después, sin reclamos pendientes, "
            + "el concurso pasa a «Resultados firmes» y recién entonces se preparan los pagos.",
            HtmlPage.SectionText(approved, "<p id=\"payouts-wait\"", "</p>"));
    }

    [Fact]
    public async Task Officer_OpensRecordsAttendanceAndApproves_ActaNumbered_AwardsStored_RoundPublished()
    {
        var round = await Data.InReviewAsync();
        using var officer = await App.SignedInClientAsync(TestUsers.Officer);

        await ReviewData.OpenAsync(officer, round.Id, round.Lrac.MemberId, round.Other.MemberId);
        var page = await officer.GetPageAsync(Session(round.Id));
        Assert.Contains("data-quorum=\"met\"", page);
        Assert.Contains("Hay quórum: 2 de 3 miembros con voto presentes (se necesitan 2).", HtmlPage.Text(page));
        Assert.Contains("23/11/2026 08:30", HtmlPage.Text(page));
        Assert.Matches("data-entry=\"" + round.Entry(1) + "\"[^>]*>\\s*<p><strong>1.° puesto", page);

        var response = await officer.PostFormAsync(Session(round.Id), Session(round.Id) + "/approve", Until());

        await RedirectsToAsync(response, Session(round.Id));
        var approved = await officer.GetPageAsync(Session(round.Id));
        Assert.Equal("Acta aprobada: los resultados están publicados y el plazo de reclamos está abierto.", Flash(approved));
        Assert.Contains("Acta N.° 001-2026 aprobada el 23/11/2026 09:00. Reclamos hasta el 30/11/2026 23:59.", HtmlPage.Text(approved));
        Assert.Equal(RoundPhase.Published, await Data.PhaseAsync(round.Id));
        var acta = (await Data.ActaAsync(round.Id))!;
        Assert.Equal(("001-2026", 3, 2), (acta.Code, acta.VotingMembers!.Value, acta.VotingPresent!.Value));
        Assert.Equal(new DateTime(2026, 12, 1, 4, 59, 0, DateTimeKind.Utc), acta.AppealsUntilUtc);
        Assert.Equal([600m, 400m, 0m, 0m, 0m], acta.Awards.OrderBy(a => a.Number).Select(a => a.Amount));
        Assert.Equal([50m, 40m, 35m, 20m, 20m], acta.Awards.OrderBy(a => a.Number).Select(a => a.Final));
        Assert.Equal(1_000m, acta.Total);
        Assert.Equal(600m, Assert.Single(acta.Awards.Single(a => a.Number == 1).Funding).Amount);
        // Audited: the approval (number, who, when) and each award.
        var audit = await Data.Judging.Registry.ReadAsync(db => db.AuditRecords.AsNoTracking()
            .Where(a => a.EntityType == nameof(Acta) && a.Action == "Modified").OrderByDescending(a => a.Sequence).FirstAsync());
        Assert.Equal(TestUsers.Officer, audit.Actor);
        Assert.Contains("\"Number\":1", audit.After);
        Assert.Equal(5, await Data.Judging.Registry.ReadAsync(db => db.AuditRecords.CountAsync(a => a.EntityType == nameof(PrizeAward) && a.Action == "Added")));
        // The phase change is on the round's history, and the acta reads as printed.
        var printed = HtmlPage.Text(await officer.GetPageAsync($"/rounds/{Id(round.Id)}/acta"));
        Assert.Contains("Acta N.° 001-2026 del CLAR", printed);
        Assert.Contains("Presentes 2 de 3 miembros con voto; quórum: 2.", printed);
        Assert.Contains("El CLAR no cambió ningún monto calculado.", printed);
    }

    [Fact]
    public async Task Approve_NumbersTheActa_NextInItsOfficesSequenceForTheSessionsYear()
    {
        var round = await Data.InReviewAsync();
        // Earlier actas of the same office: number 4 of 2026, number 9 of 2025 (another year's sequence).
        await Data.ApprovedActaAsync(round, 4, new DateTime(2026, 3, 10, 15, 0, 0, DateTimeKind.Utc));
        await Data.ApprovedActaAsync(round, 9, new DateTime(2025, 12, 31, 15, 0, 0, DateTimeKind.Utc));
        using var officer = await App.SignedInClientAsync(TestUsers.Officer);
        await ReviewData.OpenAsync(officer, round.Id, round.Lrac.MemberId, round.Other.MemberId);

        await RedirectsToAsync(await officer.PostFormAsync(Session(round.Id), Session(round.Id) + "/approve", Until()), Session(round.Id));

        Assert.Equal("005-2026", (await Data.ActaAsync(round.Id))!.Code);
    }

    [Fact]
    public async Task Approve_WithoutQuorum_IsRefused_SayingWhoIsMissing_AndChangesNothing()
    {
        var round = await Data.InReviewAsync();
        using var officer = await App.SignedInClientAsync(TestUsers.Officer);
        await ReviewData.OpenAsync(officer, round.Id, round.Lrac.MemberId);

        var response = await officer.PostFormAsync(Session(round.Id), Session(round.Id) + "/approve", Until("2026-11-28"));

        var html = await HtmlAsync(response, HttpStatusCode.UnprocessableEntity);
        Assert.Equal(["No hay quórum: están presentes 1 de 3 miembros con voto y se necesitan 2. Registre la asistencia antes de aprobar."], Summary(html));
        Assert.Contains("value=\"2026-11-28\"", html);
        Assert.Equal(RoundPhase.Review, await Data.PhaseAsync(round.Id));
        var acta = (await Data.ActaAsync(round.Id))!;
        Assert.Equal((false, (int?)null), (acta.Approved, acta.Number));
        Assert.Empty(acta.Awards);
    }

    [Fact]
    public async Task Approve_BadDates_AreRefusedOnTheField()
    {
        var round = await Data.InReviewAsync();
        using var officer = await App.SignedInClientAsync(TestUsers.Officer);
        await ReviewData.OpenAsync(officer, round.Id, round.Lrac.MemberId, round.Other.MemberId);

        var garbled = await HtmlAsync(await officer.PostFormAsync(Session(round.Id), Session(round.Id) + "/approve", Until("30/11")),
            HttpStatusCode.UnprocessableEntity);
        var past = await HtmlAsync(await officer.PostFormAsync(Session(round.Id), Session(round.Id) + "/approve", Until("2026-11-22")),
            HttpStatusCode.UnprocessableEntity);
        var tooLong = await HtmlAsync(await officer.PostFormAsync(Session(round.Id), Session(round.Id) + "/approve", Until("2027-06-01")),
            HttpStatusCode.UnprocessableEntity);

        Assert.Equal("«30/11» no es una fecha válida (por ejemplo 2026-12-01).", HtmlPage.ErrorOf(garbled, "Approve.AppealsUntil"));
        Assert.Equal("El plazo de reclamos debe terminar después de hoy.", HtmlPage.ErrorOf(past, "Approve.AppealsUntil"));
        Assert.Equal("El plazo de reclamos no puede pasar de 90 días.", HtmlPage.ErrorOf(tooLong, "Approve.AppealsUntil"));
        Assert.Equal(RoundPhase.Review, await Data.PhaseAsync(round.Id));
    }

    [Fact]
    public async Task Override_WithoutAReason_IsRefused_KeepingTheAmountTyped_AndChangesNothing()
    {
        var round = await Data.InReviewAsync();
        using var officer = await App.SignedInClientAsync(TestUsers.Officer);
        await ReviewData.OpenAsync(officer, round.Id);

        var response = await officer.PostFormAsync(Session(round.Id), Session(round.Id) + "/overrides",
            ("Override.EntryId", Id(round.Entry(2))), ("Override.Amount", "350.50"), ("Override.Reason", "  "));

        var html = await HtmlAsync(response, HttpStatusCode.UnprocessableEntity);
        Assert.Equal("Escriba el motivo del cambio: se muestra en el acta y en la página pública de resultados.",
            HtmlPage.ErrorOf(html, "Override.Reason"));
        Assert.Contains("value=\"350.50\"", html);
        Assert.Empty((await Data.ActaAsync(round.Id))!.Overrides);

        var badAmount = await HtmlAsync(await officer.PostFormAsync(Session(round.Id), Session(round.Id) + "/overrides",
            ("Override.EntryId", Id(round.Entry(2))), ("Override.Amount", "350,50"), ("Override.Reason", "Acuerdo")), HttpStatusCode.UnprocessableEntity);
        Assert.NotNull(HtmlPage.ErrorOf(badAmount, "Override.Amount"));
        Assert.Contains("value=\"Acuerdo\"", badAmount);
        Assert.Empty((await Data.ActaAsync(round.Id))!.Overrides);
    }

    [Fact]
    public async Task Override_WithAReason_ChangesThePrize_IsAudited_AndReadsInTheActaAndThePublicPage()
    {
        var round = await Data.InReviewAsync();
        using var officer = await App.SignedInClientAsync(TestUsers.Officer);
        await ReviewData.OpenAsync(officer, round.Id, round.Lrac.MemberId, round.Other.MemberId);
        const string reason = "La parcela visitada no era de la familia";

        await RedirectsToAsync(await officer.PostFormAsync(Session(round.Id), Session(round.Id) + "/overrides",
            ("Override.EntryId", Id(round.Entry(2))), ("Override.Amount", "300"), ("Override.Reason", reason)), Session(round.Id));

        var page = await officer.GetPageAsync(Session(round.Id));
        Assert.Contains($"El CLAR cambió el monto de S/ 400.00 a S/ 300.00. Motivo: {reason}", HtmlPage.Text(page));
        Assert.Contains("Total asignado S/ 900.00 de un presupuesto de S/ 1,000.00; quedan S/ 100.00.", HtmlPage.Text(page));
        var audit = await Data.Judging.Registry.ReadAsync(db => db.AuditRecords.AsNoTracking()
            .Where(a => a.EntityType == nameof(ActaOverride)).SingleAsync());
        Assert.Equal((TestUsers.Officer, "Added"), (audit.Actor, audit.Action));
        Assert.Contains(reason, audit.After);

        await RedirectsToAsync(await officer.PostFormAsync(Session(round.Id), Session(round.Id) + "/approve", Until()), Session(round.Id));

        var award = (await Data.ActaAsync(round.Id))!.Awards.Single(a => a.Number == 2);
        Assert.Equal((400m, 300m, reason), (award.Computed, award.Amount, award.OverrideReason));
        Assert.Contains($"N.° 2 — Huamán Ccori, Pedro: de S/ 400.00 a S/ 300.00. Motivo: {reason}",
            HtmlPage.Text(await officer.GetPageAsync($"/rounds/{Id(round.Id)}/acta")));
        using var anyone = App.NewClient();
        Assert.Contains($"Acuerdo del CLAR: {reason}", HtmlPage.Text(await anyone.GetPageAsync($"/public/rounds/{Id(round.Id)}/results")));
    }

    [Fact]
    public async Task Override_AboveTheBudget_ShowsTheProblem_AndApprovalIsRefused()
    {
        var round = await Data.InReviewAsync();
        using var officer = await App.SignedInClientAsync(TestUsers.Officer);
        await ReviewData.OpenAsync(officer, round.Id, round.Lrac.MemberId, round.Other.MemberId);
        await RedirectsToAsync(await officer.PostFormAsync(Session(round.Id), Session(round.Id) + "/overrides",
            ("Override.EntryId", Id(round.Entry(3))), ("Override.Amount", "200"), ("Override.Reason", "Premio especial del CLAR")), Session(round.Id));

        var page = HtmlPage.Text(await officer.GetPageAsync(Session(round.Id)));
        var refused = await HtmlAsync(await officer.PostFormAsync(Session(round.Id), Session(round.Id) + "/approve", Until()), HttpStatusCode.UnprocessableEntity);

        Assert.Contains("Con los cambios del CLAR el total sería S/ 1,200.00, más que el presupuesto de S/ 1,000.00 (sobran S/ 200.00): reduzca algún monto.", page);
        Assert.Contains("La asignación no cuadra con el presupuesto o con las fuentes (vea el problema en los resultados): corrija los montos antes de aprobar.",
            Summary(refused));
        Assert.Equal(RoundPhase.Review, await Data.PhaseAsync(round.Id));

        await RedirectsToAsync(await officer.PostFormAsync(Session(round.Id), $"{Session(round.Id)}/overrides/{Id(round.Entry(3))}/remove"), Session(round.Id));
        Assert.Empty((await Data.ActaAsync(round.Id))!.Overrides);
    }

    [Fact]
    public async Task Publishing_ByAPhaseMove_WithoutAnApprovedActa_IsRefused()
    {
        var round = await Data.InReviewAsync();
        using var officer = await App.SignedInClientAsync(TestUsers.Officer);

        var response = await MoveAsync(officer, round.Id, "Published", confirmed: true);

        Assert.Equal(RoundPhase.Review, await Data.PhaseAsync(round.Id));
        var html = response.StatusCode == HttpStatusCode.Redirect ? await officer.GetPageAsync($"/rounds/{Id(round.Id)}") : await response.Content.ReadAsStringAsync();
        Assert.Contains("No se publica sin un acta del CLAR aprobada con quórum.", HtmlPage.Text(html));
    }

    [Fact]
    public async Task President_RunsTheSession_ButNotForAnEntryTheyAreConflictedWith_WhileTheOtherMembersOnlyRead()
    {
        // The president doesn't score N.° 5 (Hilda), and declared a conflict with it.
        var round = await Data.InReviewAsync(r => Data.Judging.DeclareAsync(r.Id, r.Lrac.MemberId, r.Entry(5), "Es mi ahijada."));
        using var president = await App.SignedInClientAsync(TestUsers.Lrac);
        using var secretary = await App.SignedInClientAsync(round.Other.UserName);

        Assert.Contains($"href=\"{Session(round.Id)}\"", await president.GetPageAsync("/judging"));
        await ReviewData.OpenAsync(president, round.Id, round.Lrac.MemberId, round.Other.MemberId);
        var page = await president.GetPageAsync(Session(round.Id));
        Assert.DoesNotContain($"name=\"Override.EntryId\" value=\"{round.Entry(5)}\"", page);
        Assert.Contains($"name=\"Override.EntryId\" value=\"{round.Entry(3)}\"", page);
        var conflicted = await president.PostFormAsync(Session(round.Id), Session(round.Id) + "/overrides",
            ("Override.EntryId", Id(round.Entry(5))), ("Override.Amount", "100"), ("Override.Reason", "Acuerdo"));
        Assert.Equal(["Usted tiene un conflicto de interés con esta participación: el cambio lo registra un oficial del proyecto."],
            Summary(await HtmlAsync(conflicted, HttpStatusCode.UnprocessableEntity)));

        // The secretary follows the session but runs nothing of it.
        var read = await secretary.GetPageAsync(Session(round.Id));
        Assert.Contains("Hay quórum", HtmlPage.Text(read));
        Assert.DoesNotContain("/approve\"", read);
        Assert.Equal(HttpStatusCode.NotFound, (await secretary.PostFormAsync(Session(round.Id), Session(round.Id) + "/approve", Until())).StatusCode);
        Assert.Equal(RoundPhase.Review, await Data.PhaseAsync(round.Id));

        await RedirectsToAsync(await president.PostFormAsync(Session(round.Id), Session(round.Id) + "/approve", Until()), Session(round.Id));
        Assert.Equal(RoundPhase.Published, await Data.PhaseAsync(round.Id));
    }

    [Fact]
    public async Task AJurorOfNoSeatInTheRound_FindsNothing()
    {
        var round = await Data.InReviewAsync();
        var outsider = await Data.Judging.AccountAsync("47000111", "Teodoro Ccahua Pillco");
        var name = await Data.Judging.Registry.ReadAsync(db => db.Users.Where(u => u.Id == outsider).Select(u => u.UserName).SingleAsync());
        using var client = await App.SignedInClientAsync(name);

        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(Session(round.Id))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/rounds/{Id(round.Id)}/acta")).StatusCode);
    }

    [Fact]
    public async Task PublicResults_AfterApproval_ShowNamesCommunitiesAndPrizes_NeverADniOrAnAccount()
    {
        var round = await Data.InReviewAsync();
        using var anyone = App.NewClient();
        Assert.Equal(HttpStatusCode.NotFound, (await anyone.GetAsync($"/public/rounds/{Id(round.Id)}/results")).StatusCode);
        using var officer = await App.SignedInClientAsync(TestUsers.Officer);
        await ReviewData.OpenAsync(officer, round.Id, round.Lrac.MemberId, round.Other.MemberId);
        await RedirectsToAsync(await officer.PostFormAsync(Session(round.Id), Session(round.Id) + "/approve", Until()), Session(round.Id));

        var response = await anyone.GetAsync($"/public/rounds/{Id(round.Id)}/results");
        var html = await HtmlAsync(response, HttpStatusCode.OK);
        var text = HtmlPage.Text(html);

        Assert.Contains("N.° 001-2026, sesión del 23/11/2026 08:30 en Local comunal de Ccollpa", text);
        Assert.Contains("Huamán Ccori, Pedro", text);
        Assert.Contains("Ccollpa (", text);
        Assert.Contains("S/ 600.00", text);
        Assert.Contains("No alcanzó el puntaje mínimo", text);
        // No DNI (the households' and the jurors'), no 8-digit number at all, no account or CCI.
        foreach (var dni in new[] { JudgingData.NeighbourDni, JudgingData.LracDni, JudgingData.OtherDni, "40222333", "40333444" })
        {
            Assert.DoesNotContain(dni, html);
        }
        // An 8-digit number standing alone, as a DNI is shown (the audit anchor's hex hash may hold eight digits in a row).
        Assert.DoesNotMatch(new Regex(@"(?<![\dA-Za-z])\d{8}(?![\dA-Za-z])"), text);
        var accounts = await Data.Judging.Registry.ReadAsync(db => db.BankAccounts.Select(a => new { a.AccountNumber, a.Cci }).ToListAsync());
        Assert.All(accounts, a => Assert.DoesNotContain(a.AccountNumber, html));
        Assert.All(accounts, a => Assert.DoesNotContain(a.Cci, html));
        // An account's or CCI's digits standing alone (the anchor's hex hash can hold thirteen digits in a row between letters).
        Assert.DoesNotMatch(new Regex(@"(?<![\dA-Za-z])\d{13,20}(?![\dA-Za-z])"), text);
        Assert.DoesNotContain("DNI", text);
    }
}

public sealed class SessionTestsOnSqlite(SqliteApp app) : SessionTests<SqliteApp>(app);

public sealed class SessionTestsOnPostgres(PostgresApp app) : SessionTests<PostgresApp>(app);
