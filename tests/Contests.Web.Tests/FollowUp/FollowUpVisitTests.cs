using System.Net;
using Contests.Core.Monitoring;
using Contests.Web.Tests.Infrastructure;
using Contests.Web.Tests.Review;
using Microsoft.EntityFrameworkCore;

namespace Contests.Web.Tests.FollowUp;

/// <summary>The follow-up visit form of an entry: record, refuse with every message on its field, correct, delete; the entry page's list.</summary>
public abstract class FollowUpVisitTests<TApp>(TApp app) : AppTest<TApp>(app) where TApp : ContestsApp
{
    private FollowUpData Data => new(App);

    private static string New(int round, int entry) => $"/rounds/{round}/entries/{entry}/visits/new";

    private static string EntryPage(int round, int entry) => $"/rounds/{round}/entries/{entry}";

    /// <summary>A complete visit on the entry's day: cuyes 20 → 35 (S/ 400.00 → S/ 700.50), potatoes measured, spending and own investment.</summary>
    private static (string, string)[] Visit(string visitedOn = "2026-11-23") =>
    [
        ("VisitedOn", visitedOn), ("VisitedBy", "Officer"), ("VisitorName", "Rosa Huamán (oficial)"),
        ("Items[0].Position", "0"), ("Items[0].Quantity", "35"), ("Items[0].Value", "700,50"),
        ("Items[1].Position", "1"), ("Items[1].Quantity", "1.5"), ("Items[1].Value", ""),
        ("Spending[Animals]", "300"), ("Spending[Tools]", "150.50"), ("Spending[Savings]", ""),
        ("OwnInvestment", "1,200.00"), ("InvestmentKept", "true"), ("Notes", "Galpón nuevo"),
    ];

    /// <summary>The first visit's row tag, with its data attributes (whitespace collapsed).</summary>
    private static string VisitRow(string html)
    {
        var match = System.Text.RegularExpressions.Regex.Match(html, "<tr data-visit=[^>]*>");
        Assert.True(match.Success, "The page lists no visit.");
        return System.Text.RegularExpressions.Regex.Replace(match.Value, "\\s+", " ");
    }

    private static (string, string)[] With((string, string)[] fields, params (string, string)[] changes) =>
        [.. fields.Where(f => !changes.Any(c => c.Item1 == f.Item1)), .. changes];

    [Fact]
    public async Task Record_ValidVisit_IsStoredAudited_AndTheEntryPageListsItWithTheAssetChange()
    {
        var (round, entry) = await Data.EntryWithBaselineAsync();
        using var officer = await App.SignedInClientAsync(TestUsers.Officer);

        var form = await officer.GetPageAsync(EntryPage(round, entry));
        Assert.Contains($"id=\"record-visit\" href=\"{New(round, entry)}\"", form);
        var response = await officer.PostFormAsync(New(round, entry), Visit());

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(EntryPage(round, entry) + "#follow-up", response.Headers.Location!.OriginalString);
        var visit = Assert.Single(await Data.Rounds.Registry.ReadAsync(db => db.FollowUpVisits.AsNoTracking().ToListAsync()));
        Assert.Equal((entry, new DateOnly(2026, 11, 23), Visitor.Officer, "Rosa Huamán (oficial)", 1200m, true, "Galpón nuevo"),
            (visit.EntryId, visit.VisitedOn, visit.VisitedBy, visit.VisitorName, visit.OwnInvestment, visit.InvestmentKept, visit.Notes));
        Assert.Equal([new FollowUpItem(0, 35m, 700.50m), new FollowUpItem(1, 1.5m, null)], visit.Items.OrderBy(i => i.Position));
        Assert.Equal([new FollowUpSpending(SpendingCategory.Tools, 150.50m), new FollowUpSpending(SpendingCategory.Animals, 300m)],
            visit.Spending.OrderBy(s => s.Category));
        Assert.Equal(await Data.Rounds.UserIdAsync(), visit.RecordedByUserId);
        Assert.Contains("Added FollowUpVisit", await Data.AuditedTypesAsync());

        var page = await officer.GetPageAsync(EntryPage(round, entry));
        Assert.Contains("Se registró la visita de seguimiento.", page);
        // Cuyes S/ 400.00 → S/ 700.50; the potatoes had no value before, so they don't count. No prize: nothing per sol.
        Assert.Equal($"<tr data-visit=\"{visit.Id}\" data-asset-change=\"300.50\" data-change-per-sol=\"\" data-investment-per-sol=\"\" data-kept=\"true\">", VisitRow(page));
        Assert.Contains("Esta inscripción no tiene premio aprobado en un acta", page);
    }

    [Fact]
    public async Task Record_BadInput_ReRendersWithEveryMessageOnItsField_KeepsWhatWasTyped_WritesNothing()
    {
        var (round, entry) = await Data.EntryWithBaselineAsync();
        using var officer = await App.SignedInClientAsync(TestUsers.Officer);
        var fields = With(Visit(),
            ("VisitedOn", "2026-11-24"), ("VisitorName", "  "), ("Items[0].Value", "1.234,50"), ("Items[1].Quantity", "-3"),
            ("Spending[Tools]", "-5"), ("Spending[Animals]", "9999999999999"), ("OwnInvestment", "12.345"));

        var response = await officer.PostFormAsync(New(round, entry), fields);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Equal("La visita no puede tener fecha posterior a hoy (23/11/2026).", HtmlPage.ErrorOf(html, "VisitedOn"));
        Assert.Equal("Complete el campo «Nombre de quien visitó».", HtmlPage.ErrorOf(html, "VisitorName"));
        Assert.StartsWith("«1.234,50» no es un monto", HtmlPage.ErrorOf(html, "Items[0].Value"));
        Assert.NotNull(HtmlPage.ErrorOf(html, "Items[1].Quantity"));
        Assert.StartsWith("Escriba un monto en soles, no negativo", HtmlPage.ErrorOf(html, "Spending[Tools]"));
        Assert.StartsWith("El monto es demasiado grande", HtmlPage.ErrorOf(html, "Spending[Animals]"));
        Assert.NotNull(HtmlPage.ErrorOf(html, "OwnInvestment"));
        Assert.Null(HtmlPage.ErrorOf(html, "Items[0].Quantity"));
        foreach (var (name, value) in fields.Where(f => f.Item1 is not ("VisitedBy" or "InvestmentKept" or "Notes" or "VisitorName") && !f.Item1.EndsWith(".Position", StringComparison.Ordinal)))
        {
            Assert.Equal(value.Length == 0 ? null : value, HtmlPage.InputValue(html, name));
        }
        Assert.Equal("Officer", HtmlPage.CheckedValue(html, "VisitedBy"));
        Assert.Contains("<input type=\"checkbox\" id=\"InvestmentKept\" name=\"InvestmentKept\" value=\"true\" checked=\"checked\">", html);
        Assert.Contains(">Galpón nuevo</textarea>", html);
        Assert.Empty(await Data.VisitsAsync());
    }

    [Theory]
    [InlineData("2026-11-22", "La visita no puede ser anterior a la inscripción (23/11/2026).")]
    [InlineData("31/02/2026", "«31/02/2026» no es una fecha: escríbala como 2026-11-30 o 30/11/2026.")]
    [InlineData("", "Complete el campo «Fecha de la visita».")]
    public async Task Record_DateBeforeEntryOrUnreadableOrMissing_SaysSoOnTheDate_WritesNothing(string date, string message)
    {
        var (round, entry) = await Data.EntryWithBaselineAsync();
        using var officer = await App.SignedInClientAsync(TestUsers.Officer);

        var response = await officer.PostFormAsync(New(round, entry), Visit(date));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Equal(message, HtmlPage.ErrorOf(html, "VisitedOn"));
        Assert.Equal("35", HtmlPage.InputValue(html, "Items[0].Quantity"));
        Assert.Empty(await Data.VisitsAsync());
    }

    [Fact]
    public async Task Record_NothingRecorded_IsRefusedWithAMessageForTheWholeForm()
    {
        var (round, entry) = await Data.EntryWithBaselineAsync();
        using var officer = await App.SignedInClientAsync(TestUsers.Officer);

        var response = await officer.PostFormAsync(New(round, entry),
            ("VisitedOn", "2026-11-23"), ("VisitedBy", "Lrac"), ("VisitorName", "Comité"), ("Items[0].Position", "0"), ("Items[0].Quantity", ""));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Contains("La visita no registra nada", await response.Content.ReadAsStringAsync());
        Assert.Empty(await Data.VisitsAsync());
    }

    [Fact]
    public async Task Edit_ShowsTheVisitAsStored_SavesTheCorrection_AndTheAuditTrailRecordsIt()
    {
        var (round, entry) = await Data.EntryWithBaselineAsync();
        using var officer = await App.SignedInClientAsync(TestUsers.Officer);
        await officer.PostFormAsync(New(round, entry), Visit());
        var id = Assert.Single(await Data.VisitsAsync()).Id;
        var edit = $"/rounds/{round}/entries/{entry}/visits/{id}/edit";

        var form = await officer.GetPageAsync(edit);
        Assert.Equal("2026-11-23", HtmlPage.InputValue(form, "VisitedOn"));
        Assert.Equal("700.50", HtmlPage.InputValue(form, "Items[0].Value"));
        Assert.Equal("150.50", HtmlPage.InputValue(form, "Spending[Tools]"));
        var response = await officer.PostFormAsync(edit, With(Visit(), ("Items[0].Value", "350"), ("Spending[Tools]", ""), ("InvestmentKept", "")));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var visit = await Data.Rounds.Registry.ReadAsync(db => db.FollowUpVisits.AsNoTracking().SingleAsync());
        Assert.Equal(new FollowUpItem(0, 35m, 350m), visit.Items.Single(i => i.Position == 0));
        Assert.Equal([SpendingCategory.Animals], visit.Spending.Select(s => s.Category));
        Assert.False(visit.InvestmentKept);
        var audited = await Data.AuditedTypesAsync();
        Assert.Contains("Modified FollowUpVisit", audited);
        Assert.Contains("Deleted FollowUpSpending", audited);
        var page = await officer.GetPageAsync(EntryPage(round, entry));
        Assert.Equal($"<tr data-visit=\"{id}\" data-asset-change=\"-50.00\" data-change-per-sol=\"\" data-investment-per-sol=\"\" data-kept=\"false\">", VisitRow(page));
    }

    [Fact]
    public async Task Edit_BadInput_KeepsTheStoredVisitUnchanged()
    {
        var (round, entry) = await Data.EntryWithBaselineAsync();
        using var officer = await App.SignedInClientAsync(TestUsers.Officer);
        await officer.PostFormAsync(New(round, entry), Visit());
        var id = Assert.Single(await Data.VisitsAsync()).Id;
        var edit = $"/rounds/{round}/entries/{entry}/visits/{id}/edit";

        var response = await officer.PostFormAsync(edit, With(Visit(), ("Items[0].Value", "-1"), ("OwnInvestment", "abc")));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.NotNull(HtmlPage.ErrorOf(html, "Items[0].Value"));
        Assert.NotNull(HtmlPage.ErrorOf(html, "OwnInvestment"));
        Assert.Equal("abc", HtmlPage.InputValue(html, "OwnInvestment"));
        var visit = await Data.Rounds.Registry.ReadAsync(db => db.FollowUpVisits.AsNoTracking().SingleAsync());
        Assert.Equal((700.50m, 1200m), (visit.Items.Single(i => i.Position == 0).Value, visit.OwnInvestment));
    }

    [Fact]
    public async Task Delete_RemovesTheVisitAndItsRows_Audited()
    {
        var (round, entry) = await Data.EntryWithBaselineAsync();
        using var officer = await App.SignedInClientAsync(TestUsers.Officer);
        await officer.PostFormAsync(New(round, entry), Visit());
        var id = Assert.Single(await Data.VisitsAsync()).Id;

        var response = await officer.PostFormAsync(EntryPage(round, entry), $"/rounds/{round}/entries/{entry}/visits/{id}/delete");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Empty(await Data.VisitsAsync());
        Assert.Equal(0, await Data.Rounds.Registry.ReadAsync(db => db.Database.SqlQueryRaw<int>("SELECT COUNT(*) AS \"Value\" FROM follow_up_items").SingleAsync()));
        Assert.Contains("Deleted FollowUpVisit", await Data.AuditedTypesAsync());
        Assert.Contains("id=\"no-visits\"", await officer.GetPageAsync(EntryPage(round, entry)));
    }

    [Fact]
    public async Task Readers_SeeTheVisits_ButOnlyOfficersRecordThem()
    {
        var (round, entry) = await Data.EntryWithBaselineAsync();
        using (var officer = await App.SignedInClientAsync(TestUsers.Officer))
        {
            await officer.PostFormAsync(New(round, entry), Visit());
        }
        using var auditor = await App.SignedInClientAsync(TestUsers.Auditor);

        var page = await auditor.GetPageAsync(EntryPage(round, entry));

        Assert.Contains("data-asset-change=\"300.50\"", page);
        Assert.DoesNotContain("id=\"record-visit\"", page);
        Assert.DoesNotContain("/delete\"", page);
        Assert.NotEqual(HttpStatusCode.OK, (await auditor.GetAsync(New(round, entry))).StatusCode);
    }

    [Fact]
    public async Task WithAnApprovedPrize_TheListShowsChangeAndInvestmentPerSolOfPrize()
    {
        // Juana's entry N.° 1 wins S/ 600.00 in the acta (ReviewData); her baseline is set while the round is judged.
        var review = new ReviewData(App);
        var judged = await review.InReviewAsync(r => Data.SetBaselineAsync(r.Entry(1), Core.Rounds.RoundPhase.Judging));
        using var officer = await App.SignedInClientAsync(TestUsers.Officer);
        await ReviewData.OpenAsync(officer, judged.Id, judged.Lrac.MemberId, judged.Other.MemberId);
        var session = $"/rounds/{judged.Id}/session";
        await officer.PostFormAsync(session, session + "/approve", ("Approve.AppealsUntil", "2026-11-30"), ("Approve.Confirmed", "true"));
        var entry = judged.Entry(1);

        var response = await officer.PostFormAsync(New(judged.Id, entry), Visit());

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var page = await officer.GetPageAsync(EntryPage(judged.Id, entry));
        Assert.Contains("data-prize=\"600.00\"", page);
        // (700.50 − 400.00) / 600 = 0.50; own investment 1,200 / 600 = 2.00.
        Assert.Contains("data-asset-change=\"300.50\" data-change-per-sol=\"0.50\" data-investment-per-sol=\"2.00\"", VisitRow(page));
    }
}

public sealed class FollowUpVisitTestsOnSqlite(SqliteApp app) : FollowUpVisitTests<SqliteApp>(app);

public sealed class FollowUpVisitTestsOnPostgres(PostgresApp app) : FollowUpVisitTests<PostgresApp>(app);
