using System.Net;
using System.Text.RegularExpressions;
using Contests.Core.Documents;
using Contests.Web.Tests.Infrastructure;
using Contests.Web.Tests.Infrastructure.Pdf;
using Contests.Web.Tests.Plans;
using Microsoft.EntityFrameworkCore;
using static Contests.Web.Tests.Rounds.RoundPages;

namespace Contests.Web.Tests.Documents;

/// <summary>
/// Addenda to a contract in force, through HTTP on both providers: a term extension is issued as its own numbered
/// document whose PDF downloads and whose QR code's page says valid, the contract staying valid; a term that doesn't end
/// later or an amount change without the LRAC's acta is refused at its field with nothing written, and accepted with it.
/// </summary>
public abstract partial class AddendumTests<TApp>(TApp app) : AppTest<TApp>(app) where TApp : ContestsApp
{
    private const string Reason = "El CLAR acordó ampliar el plazo por la helada de junio.";

    private ContractedPlan Plan { get; } = new(app);

    [Fact]
    public async Task TermExtension_IssuedAsItsOwnDocument_ItsPdfDownloads_ItsQrPageSaysValid_TheContractStaysValid()
    {
        var (roundId, entryId, _) = await Plan.CreateAsync();
        var page = ContractPage(roundId, entryId);
        using var officer = await App.SignedInClientAsync(TestUsers.Officer);

        var issued = await officer.PostFormAsync(page, page + "/addenda", ("Addendum.Kind", nameof(AddendumKind.TermExtension)), ("Addendum.TermMonths", "18"),
            ("Addendum.Reason", Reason));

        Assert.Equal(HttpStatusCode.Redirect, issued.StatusCode);
        var addendum = await Plan.Registry.ReadAsync(db => db.ContractAddenda.AsNoTracking().SingleAsync());
        var documents = await Plan.Registry.ReadAsync(db => db.Documents.AsNoTracking().OrderBy(d => d.Id).ToListAsync());
        Assert.Equal((1, AddendumKind.TermExtension, (int?)18), (addendum.Number, addendum.Kind, addendum.TermMonths));
        Assert.Equal([(DocumentKind.Contract, DocumentState.Valid), (DocumentKind.Addendum, DocumentState.Valid)], documents.Select(d => (d.Kind, d.State)));
        Assert.Equal((addendum.DocumentId, "ADC-2026-000001"), (documents[1].Id, documents[1].Number));
        var html = await HtmlAsync(await officer.GetAsync(page), HttpStatusCode.OK);
        Assert.Contains($"id=\"addendum-document-{addendum.DocumentId}\" data-addendum=\"1\" data-state=\"Valid\"", html, StringComparison.Ordinal);
        Assert.Contains("data-term-end=\"2028-05-22\"", html, StringComparison.Ordinal);

        var pdf = await officer.GetAsync($"/documents/{Id(addendum.DocumentId)}/file");
        Assert.Equal(HttpStatusCode.OK, pdf.StatusCode);
        Assert.Equal("application/pdf", pdf.Content.Headers.ContentType!.MediaType);
        var text = WhiteSpace().Replace(PdfTools.Text(await pdf.Content.ReadAsByteArrayAsync()), " ");
        Assert.Contains("ADENDA N.° 1", text, StringComparison.Ordinal);
        Assert.Contains(documents[0].Number, text, StringComparison.Ordinal);
        var code = Regex.Match(text, "/verify/([0-9A-Z]{24})").Groups[1].Value;
        using var visitor = App.NewClient();
        var verify = await HtmlAsync(await visitor.GetAsync("/verify/" + code), HttpStatusCode.OK);
        Assert.Contains("data-outcome=\"Valid\"", verify, StringComparison.Ordinal);
        Assert.Contains("ADC-2026-000001", verify, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ATermNotLonger_OrAnAmountChangeWithoutTheLracActa_IsRefusedWithNothingWritten_AndTheActaLetsItThrough()
    {
        var (roundId, entryId, actaId) = await Plan.CreateAsync();
        var page = ContractPage(roundId, entryId);
        using var officer = await App.SignedInClientAsync(TestUsers.Officer);
        (string, string)[] amounts = [("Addendum.Kind", nameof(AddendumKind.AmountChange)), ("Addendum.Component", ContractedPlan.Sheds),
            ("Addendum.Project", "4000"), ("Addendum.Counterpart", "1500"), ("Addendum.Reason", Reason)];

        var shorter = await HtmlAsync(await officer.PostFormAsync(page, page + "/addenda", ("Addendum.Kind", nameof(AddendumKind.TermExtension)),
            ("Addendum.TermMonths", "12"), ("Addendum.Reason", Reason)), (HttpStatusCode)422);
        var undecided = await HtmlAsync(await officer.PostFormAsync(page, page + "/addenda", amounts), (HttpStatusCode)422);

        Assert.NotNull(HtmlPage.ErrorOf(shorter, "Addendum.TermMonths"));
        Assert.Equal("12", HtmlPage.InputValue(shorter, "Addendum.TermMonths"));
        Assert.NotNull(HtmlPage.ErrorOf(undecided, "Addendum.ActaId"));
        Assert.Equal("4000", HtmlPage.InputValue(undecided, "Addendum.Project"));
        Assert.Equal(Reason, HtmlPage.InputValue(undecided, "Addendum.Reason"));
        Assert.Equal((0, 0), await Plan.Registry.ReadAsync(async db =>
            (await db.ContractAddenda.CountAsync(), await db.Documents.CountAsync(d => d.Kind == DocumentKind.Addendum))));

        Assert.Equal(HttpStatusCode.Redirect, (await officer.PostFormAsync(page, page + "/addenda", [.. amounts, ("Addendum.ActaId", Id(actaId))])).StatusCode);
        var addendum = await Plan.Registry.ReadAsync(db => db.ContractAddenda.AsNoTracking().SingleAsync());
        Assert.Equal((AddendumKind.AmountChange, (string?)ContractedPlan.Sheds, (decimal?)4_000m, (decimal?)1_500m, (int?)actaId),
            (addendum.Kind, addendum.Component, addendum.ProjectAmount, addendum.CounterpartAmount, addendum.ActaId));
        var html = await HtmlAsync(await officer.GetAsync(page), HttpStatusCode.OK);
        Assert.Contains("id=\"project-in-force\"", html, StringComparison.Ordinal);
        Assert.Contains("6,500.00", html, StringComparison.Ordinal);
    }

    private static string ContractPage(int roundId, int entryId) => $"/rounds/{Id(roundId)}/contracts/{Id(entryId)}";

    [GeneratedRegex(@"\s+")]
    private static partial Regex WhiteSpace();
}

public sealed class AddendumTestsOnSqlite(SqliteApp app) : AddendumTests<SqliteApp>(app);

public sealed class AddendumTestsOnPostgres(PostgresApp app) : AddendumTests<PostgresApp>(app);
