using System.Net;
using System.Text;
using Contests.Core.Payouts;
using Contests.Core.Plans;
using Contests.Web.Tests.Infrastructure;
using Contests.Web.Tests.Judging;
using Contests.Web.Tests.Registry;
using Contests.Web.Tests.Rounds;
using Microsoft.EntityFrameworkCore;
using static Contests.Web.Tests.Rounds.RoundPages;

namespace Contests.Web.Tests.Plans;

/// <summary>
/// A receipt's photo or PDF and a deposit's bank statement through HTTP on both providers: chosen with the record or
/// attached later, listed, downloaded with their content type by those who read the plan (not the LRAC), a photo stored
/// without its GPS position, replaced (audited) until a later tranche is approved on the record and not after; a bad file
/// refused at its field with every typed field kept and nothing written.
/// </summary>
public abstract class ProofFileTests<TApp>(TApp app) : AppTest<TApp>(app) where TApp : ContestsApp
{
    private static readonly byte[] Pdf = Encoding.ASCII.GetBytes("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n");

    private RegistryData Registry { get; } = new JudgingData(app).Registry;

    private static string PlanPage(int roundId, int entryId) => $"/rounds/{Id(roundId)}/plans/{Id(entryId)}";

    private static (string, string)[] Receipt(string number = "F001-000123") =>
    [
        ("Expense.IssuedOn", "2026-11-23"), ("Expense.SupplierRuc", "20100070970"), ("Expense.DocumentType", nameof(ReceiptDocumentType.Invoice)),
        ("Expense.DocumentNumber", number), ("Expense.Amount", "1250.50"), ("Expense.PaidBy", nameof(ReceiptPayer.Project)),
        ("Expense.Component", ContractedPlan.Sheds),
    ];

    private static (string, string)[] Deposit => [("Deposit.DepositedOn", "2026-11-23"), ("Deposit.Amount", "800"), ("Deposit.BankReference", "OP-554433")];

    private static Task<HttpResponseMessage> PostAsync(AppClient client, string page, string action, (string, string)[] fields, string fileField,
        params (string FileName, byte[] Data, string ContentType)[] files) =>
        ReportAttachmentTests<TApp>.PostFilesAsync(client, page, action, fields, fileField, files);

    [Fact]
    public async Task ReceiptAndDeposit_WithTheirFiles_Listed_Downloaded_WithoutGps_Replaced_Audited_LracDenied()
    {
        var (roundId, entryId, _) = await new ContractedPlan(App).CreateAsync();
        var page = PlanPage(roundId, entryId);
        using var officer = await App.SignedInClientAsync(TestUsers.Officer);

        await RedirectsToAsync(await PostAsync(officer, page, page + "/receipts", Receipt(), "Expense.File",
            ("boleta.jpg", Images.RealJpeg(800, 600, gps: true), "image/jpeg")), page);
        await RedirectsToAsync(await PostAsync(officer, page, page + "/deposits", Deposit, "Deposit.File", ("estado.pdf", Pdf, "application/pdf")), page);

        var receipt = await Registry.ReadAsync(db => db.PlanReceipts.AsNoTracking().SingleAsync());
        var deposit = await Registry.ReadAsync(db => db.CounterpartDeposits.AsNoTracking().SingleAsync());
        Assert.Equal(("boleta.jpg", "image/jpeg"), (receipt.File?.FileName, receipt.File?.ContentType));
        Assert.Equal(("estado.pdf", "application/pdf"), (deposit.File?.FileName, deposit.File?.ContentType));
        var receiptFile = $"{page}/receipts/{Id(receipt.Id)}/file";
        var depositFile = $"{page}/deposits/{Id(deposit.Id)}/file";
        var html = await HtmlAsync(await officer.GetAsync(page), HttpStatusCode.OK);
        Assert.Contains($"href=\"{receiptFile}\" id=\"proof-receipt-{Id(receipt.Id)}\"", html, StringComparison.Ordinal);
        Assert.Contains($"href=\"{depositFile}\" id=\"proof-deposit-{Id(deposit.Id)}\"", html, StringComparison.Ordinal);

        using (var finance = await App.SignedInClientAsync(TestUsers.Finance))
        {
            var photo = await finance.GetAsync(receiptFile);
            Assert.Equal((HttpStatusCode.OK, "image/jpeg"), (photo.StatusCode, photo.Content.Headers.ContentType?.MediaType));
            Assert.Null(SixLabors.ImageSharp.Image.Identify(await photo.Content.ReadAsByteArrayAsync()).Metadata.ExifProfile);
            var statement = await finance.GetAsync(depositFile);
            Assert.Equal((HttpStatusCode.OK, "application/pdf"), (statement.StatusCode, statement.Content.Headers.ContentType?.MediaType));
            Assert.Equal(Pdf, await statement.Content.ReadAsByteArrayAsync());
        }
        using (var lrac = await App.SignedInClientAsync(TestUsers.Lrac))
        {
            var denied = await lrac.GetAsync(receiptFile);
            Assert.Equal((HttpStatusCode.Redirect, "/account/denied"), (denied.StatusCode, Redirects.PathOf(denied)));
        }

        // Replaced by the voucher's PDF: the audit keeps who, when and which file.
        await RedirectsToAsync(await PostAsync(officer, page, receiptFile, [], "Proof.File", ("factura F001-123.pdf", Pdf, "application/pdf")), page);
        var replaced = await Registry.ReadAsync(db => db.PlanReceipts.AsNoTracking().SingleAsync());
        Assert.Equal(("factura F001-123.pdf", "application/pdf"), (replaced.File?.FileName, replaced.File?.ContentType));
        var audit = await Registry.ReadAsync(db => db.AuditRecords.AsNoTracking()
            .Where(a => a.EntityType == nameof(PlanReceipt) && a.Action == "Modified").ToListAsync());
        var change = Assert.Single(audit);
        Assert.Equal((TestUsers.Officer, Id(receipt.Id)), (change.Actor, change.EntityId));
        Assert.Contains("factura F001-123.pdf", change.After, StringComparison.Ordinal);
        Assert.Contains("boleta.jpg", change.Before, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Receipt_WithABadFile_KeepsEveryTypedField_WritesNothing()
    {
        var (roundId, entryId, _) = await new ContractedPlan(App).CreateAsync();
        var page = PlanPage(roundId, entryId);
        using var officer = await App.SignedInClientAsync(TestUsers.Officer);
        var text = ("boleta.pdf", Encoding.UTF8.GetBytes("Boleta escrita a mano."), "application/pdf");
        var large = ("escaneo.pdf", new byte[AttachmentCheck.MaxBytes + 1], "application/pdf");

        foreach (var (file, message) in new[] { (text, "no es un PDF, JPEG o PNG"), (large, "el límite es 10 MB") })
        {
            var html = await HtmlAsync(await PostAsync(officer, page, page + "/receipts", Receipt(), "Expense.File", file), (HttpStatusCode)422);
            Assert.Contains(message, HtmlPage.ErrorOf(html, "Expense.File"), StringComparison.Ordinal);
            Assert.Equal(("2026-11-23", "20100070970", "F001-000123", "1250.50"), (HtmlPage.InputValue(html, "Expense.IssuedOn"),
                HtmlPage.InputValue(html, "Expense.SupplierRuc"), HtmlPage.InputValue(html, "Expense.DocumentNumber"), HtmlPage.InputValue(html, "Expense.Amount")));
            Assert.Contains($"<option value=\"{nameof(ReceiptDocumentType.Invoice)}\" selected=\"selected\">", html, StringComparison.Ordinal);
            Assert.Contains($"<option value=\"{nameof(ReceiptPayer.Project)}\" selected=\"selected\">", html, StringComparison.Ordinal);
            Assert.Contains($"<option value=\"{ContractedPlan.Sheds}\" selected=\"selected\">", html, StringComparison.Ordinal);
        }
        var deposit = await HtmlAsync(await PostAsync(officer, page, page + "/deposits", Deposit, "Deposit.File", text), (HttpStatusCode)422);
        Assert.Contains("no es un PDF, JPEG o PNG", HtmlPage.ErrorOf(deposit, "Deposit.File"), StringComparison.Ordinal);
        Assert.Equal("OP-554433", HtmlPage.InputValue(deposit, "Deposit.BankReference"));

        Assert.Equal((0, 0), (await Registry.ReadAsync(db => db.PlanReceipts.CountAsync()), await Registry.ReadAsync(db => db.CounterpartDeposits.CountAsync())));
    }

    [Fact]
    public async Task ProofFile_AttachedLater_ThenUnchangeableOnceTheSecondTrancheIsApprovedOnIt()
    {
        var (roundId, entryId, _) = await new ContractedPlan(App).CreateAsync();
        var page = PlanPage(roundId, entryId);
        using var officer = await App.SignedInClientAsync(TestUsers.Officer);
        await RedirectsToAsync(await officer.PostFormAsync(page, page + "/receipts", Receipt()), page);
        var receiptId = await Registry.ReadAsync(db => db.PlanReceipts.Select(r => r.Id).SingleAsync());
        var receiptFile = $"{page}/receipts/{Id(receiptId)}/file";
        Assert.Equal(HttpStatusCode.NotFound, (await officer.GetAsync(receiptFile)).StatusCode);
        var missing = await HtmlAsync(await PostAsync(officer, page, receiptFile, [], "Proof.File"), (HttpStatusCode)422);
        Assert.Contains("Elija al menos un archivo", HtmlPage.ErrorOf(missing, "Proof.File"), StringComparison.Ordinal);
        await RedirectsToAsync(await PostAsync(officer, page, receiptFile, [], "Proof.File", ("boleta.pdf", Pdf, "application/pdf")), page);

        // Finance approves the second tranche on the records as they stand (the conditions' own rules are tested elsewhere).
        App.Clock.Advance(TimeSpan.FromHours(2));
        var financeId = await new JudgingData(App).Rounds.UserIdAsync(TestUsers.Finance);
        await Registry.WriteAsync(db =>
        {
            var first = db.Payouts.Single(p => p.EntryId == entryId && p.Tranche == 1);
            var second = db.Payouts.Single(p => p.EntryId == entryId && p.Tranche == 2);
            Assert.True(second.ChangeMethod(PayoutMethod.Cash).Succeeded);
            Assert.True(second.Approve(financeId, null, first, Enum.GetValues<TrancheConditionKind>(), App.Clock.GetUtcNow().UtcDateTime).Succeeded);
            return 0;
        });

        Assert.DoesNotContain($"id=\"proof-form-receipt-{Id(receiptId)}\"", await HtmlAsync(await officer.GetAsync(page), HttpStatusCode.OK), StringComparison.Ordinal);
        var refused = await HtmlAsync(await PostAsync(officer, page, receiptFile, [], "Proof.File", ("otra.pdf", Pdf, "application/pdf")), (HttpStatusCode)422);
        Assert.Contains("La cuota 2 ya se aprobó", HtmlPage.ErrorOf(refused, "Proof.File"), StringComparison.Ordinal);
        Assert.Equal("boleta.pdf", await Registry.ReadAsync(db => db.PlanReceipts.Select(r => r.FileName).SingleAsync()));
    }
}

public sealed class ProofFileTestsOnSqlite(SqliteApp app) : ProofFileTests<SqliteApp>(app);

public sealed class ProofFileTestsOnPostgres(PostgresApp app) : ProofFileTests<PostgresApp>(app);
