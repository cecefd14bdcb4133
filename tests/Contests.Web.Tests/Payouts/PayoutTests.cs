using System.Net;
using System.Text;
using Contests.Core.Payouts;
using Contests.Core.Programmes;
using Contests.Core.Rounds;
using Contests.Web.Features.Payouts;
using Contests.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static Contests.Web.Tests.Rounds.RoundPages;

namespace Contests.Web.Tests.Payouts;

/// <summary>
/// The payouts journey through HTTP on both providers: the officer creates them from a final round, finance
/// approves (never their own; an unverified account refused with its message, nothing changed), schedules a batch,
/// it executes (files, Sent, once), the file downloads, the bank's answer is reconciled (a mismatched amount and an
/// unknown id reported and not applied), a failed payout is reissued, a cash payout paid against its receipt, every
/// change audited.
/// </summary>
public abstract class PayoutTests<TApp>(TApp app) : AppTest<TApp>(app) where TApp : ContestsApp
{
    private PayoutData Data { get; } = new(app);

    private static string Page(int roundId) => $"/rounds/{Id(roundId)}/payouts";

    [Fact]
    public async Task Officer_CreatesPayouts_FromFinalRound_OnePerAwardWithMoney_RoundPaying_Audited()
    {
        var round = await Data.FinalAsync();

        var payouts = await Data.CreatedAsync(round);

        Assert.Equal([(1, 600m, "R" + round.Id + "E1T1V1"), (2, 400m, "R" + round.Id + "E2T1V1")],
            payouts.Select(p => (p.EntryNumber, p.Amount, p.EndToEndId)));
        Assert.All(payouts, p => Assert.Equal(PayoutState.Pending, p.State));
        Assert.All(payouts, p => Assert.Equal(PayoutMethod.BankTransfer, p.Method));
        Assert.Equal(600m, Assert.Single(payouts[0].Shares).Amount);
        Assert.Equal(RoundPhase.Paying, await Data.Review.PhaseAsync(round.Id));
        Assert.Equal(2, await Data.Registry.ReadAsync(db => db.AuditRecords.CountAsync(a => a.EntityType == nameof(Payout) && a.Action == "Added" && a.Actor == TestUsers.Officer)));
        // Creating again adds nothing.
        using var officer = await App.SignedInClientAsync(TestUsers.Officer);
        var again = await HtmlAsync(await officer.PostFormAsync(Page(round.Id), Page(round.Id)), HttpStatusCode.UnprocessableEntity);
        Assert.Contains("Todos los premios de este concurso ya tienen sus pagos.", Summary(again));
        Assert.Equal(2, (await Data.PayoutsAsync(round.Id)).Count);
    }

    [Fact]
    public async Task NoPayouts_BeforeTheResultsAreFinal()
    {
        var round = await Data.Review.InReviewAsync();
        using var officer = await App.SignedInClientAsync(TestUsers.Officer);

        var html = await HtmlAsync(await officer.PostFormAsync(Page(round.Id), Page(round.Id)), HttpStatusCode.UnprocessableEntity);

        Assert.Contains("Los pagos se crean cuando los resultados están firmes (el concurso está en «Revisión del CLAR»).", Summary(html));
        Assert.Empty(await Data.PayoutsAsync(round.Id));
    }

    [Fact]
    public async Task Finance_Approves_UnverifiedAccountRefusedWithItsMessage_NothingApproved()
    {
        var round = await Data.FinalAsync(pedroVerified: false);
        var payouts = await Data.CreatedAsync(round);
        using var finance = await App.SignedInClientAsync(TestUsers.Finance);

        var response = await finance.PostFormAsync(Page(round.Id), Page(round.Id) + "/approve", [.. payouts.Select(p => ("selected", Id(p.Id)))]);

        var html = await HtmlAsync(response, HttpStatusCode.UnprocessableEntity);
        Assert.Equal(["La cuenta de Pedro Huamán Ccori (CCI " + PayoutData.PedrosCci.Value
            + ") no está verificada: verifíquela contra el documento del banco en el registro antes de aprobar el pago."], Summary(html));
        Assert.All(await Data.PayoutsAsync(round.Id), p => Assert.Equal(PayoutState.Pending, p.State));
        // What was ticked stays ticked.
        Assert.Equal(payouts.Select(p => Id(p.Id)), CheckedValues(html, "selected"));
    }

    [Fact]
    public async Task Finance_RefusedForAnUnverifiedAccount_GetsALinkToTheHoldersAccounts_AndToTheRowsAccount()
    {
        var round = await Data.FinalAsync(pedroVerified: false);
        var payouts = await Data.CreatedAsync(round);
        using var finance = await App.SignedInClientAsync(TestUsers.Finance);
        var pedro = round.World.Pedro;

        var html = await HtmlAsync(await finance.PostFormAsync(Page(round.Id), Page(round.Id) + "/approve", [.. payouts.Select(p => ("selected", Id(p.Id)))]),
            HttpStatusCode.UnprocessableEntity);

        var fix = HtmlPage.SectionText(html, "<section class=\"card\" id=\"accounts-to-verify\">", "</section>");
        Assert.StartsWith("Cuentas que impiden la aprobación Verificar la cuenta de Pedro Huamán Ccori", fix);
        Assert.Contains($"<a href=\"/registry/households/{Id(pedro)}#accounts\" data-payout=\"{Id(payouts[1].Id)}\">Verificar la cuenta de Pedro Huamán Ccori</a>", html);
        Assert.DoesNotContain($"data-payout=\"{Id(payouts[0].Id)}\">Verificar", html); // Juana's account is verified
        // The list itself links the unverified account, before anyone tries to approve.
        Assert.Contains($"<a href=\"/registry/households/{Id(pedro)}#accounts\" class=\"account-link\">Verificar la cuenta</a>",
            await finance.GetPageAsync(Page(round.Id)));
    }

    [Fact]
    public async Task Finance_SelectAll_TicksEveryPayoutThatCanBeApproved_KeepingTheBatchDate_ChangingNothing()
    {
        var round = await Data.FinalAsync(pedroVerified: true);
        var payouts = await Data.CreatedAsync(round);
        using var finance = await App.SignedInClientAsync(TestUsers.Finance);
        var page = await finance.GetPageAsync(Page(round.Id));
        Assert.Empty(CheckedValues(page, "selected"));
        Assert.Contains($"formaction=\"{Page(round.Id)}/select-all\" id=\"select-all\">Marcar todos (2)</button>", page);

        var response = await finance.PostFormAsync(Page(round.Id), Page(round.Id) + "/select-all", ("Batch.ExecuteAt", "2026-12-01T09:00"));

        var html = await HtmlAsync(response, HttpStatusCode.OK);
        Assert.Equal(payouts.Select(p => Id(p.Id)), CheckedValues(html, "selected"));
        Assert.Equal("2026-12-01T09:00", HtmlPage.InputValue(html, "Batch.ExecuteAt"));
        Assert.All(await Data.PayoutsAsync(round.Id), p => Assert.Equal(PayoutState.Pending, p.State));
    }

    [Fact]
    public async Task FourEyes_WhoCreatedAPayout_CannotApproveIt()
    {
        var round = await Data.FinalAsync(pedroVerified: true);
        var payouts = await Data.CreatedAsync(round);
        // The finance officer also created them (a person holding both roles).
        var financeId = await Data.UserIdAsync(TestUsers.Finance);
        await Data.Registry.WriteAsync(db => db.Database.ExecuteSqlRaw("UPDATE payouts SET created_by_user_id = {0}", financeId));
        using var finance = await App.SignedInClientAsync(TestUsers.Finance);

        var html = await HtmlAsync(await finance.PostFormAsync(Page(round.Id), Page(round.Id) + "/approve", ("selected", Id(payouts[0].Id))),
            HttpStatusCode.UnprocessableEntity);

        Assert.Equal([$"Usted creó el pago {payouts[0].EndToEndId}: lo aprueba otra persona de finanzas (cuatro ojos)."], Summary(html));
        Assert.Equal(PayoutState.Pending, (await Data.PayoutsAsync(round.Id))[0].State);
    }

    [Fact]
    public async Task Journey_Approve_Schedule_Execute_Download_Reconcile_Reissue()
    {
        var round = await Data.FinalAsync(pedroVerified: true);
        var payouts = await Data.CreatedAsync(round);
        using var finance = await App.SignedInClientAsync(TestUsers.Finance);
        var ids = payouts.Select(p => ("selected", Id(p.Id))).ToArray();

        await RedirectsToAsync(await finance.PostFormAsync(Page(round.Id), Page(round.Id) + "/approve", ids), Page(round.Id));
        Assert.Equal("Se aprobaron 2 pagos.", Flash(await finance.GetPageAsync(Page(round.Id))));
        var approved = await Data.PayoutsAsync(round.Id);
        Assert.All(approved, p => Assert.Equal(PayoutState.Approved, p.State));
        Assert.Equal(PayoutData.JuanasCci.Value, approved[0].Cci);

        var scheduled = await finance.PostFormAsync(Page(round.Id), Page(round.Id) + "/batch", [.. ids, ("Batch.ExecuteAt", "")]);
        Assert.Equal(HttpStatusCode.Redirect, scheduled.StatusCode);
        var batchPage = scheduled.Headers.Location!.OriginalString;
        var batchId = int.Parse(batchPage.Split('/')[^1], System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal([App.Clock.GetUtcNow().UtcDateTime], App.Batches.Jobs[batchId]);
        Assert.All(await Data.PayoutsAsync(round.Id), p => Assert.Equal((PayoutState.Scheduled, batchId), (p.State, p.BatchId!.Value)));

        // What the scheduler does at the time: run it (twice: the second firing finds it done).
        Assert.Equal(BatchRun.Executed, await RunAsync(batchId));
        Assert.Equal(BatchRun.AlreadyExecuted, await RunAsync(batchId));
        Assert.All(await Data.PayoutsAsync(round.Id), p => Assert.Equal(PayoutState.Sent, p.State));
        var batch = await Data.BatchAsync(batchId);
        Assert.Equal((BatchState.Executed, 2, 1_000m), (batch.State, batch.PayoutCount, batch.Total));

        var xml = await finance.GetAsync(batchPage + "/file.xml");
        Assert.Equal(HttpStatusCode.OK, xml.StatusCode);
        var document = System.Xml.Linq.XDocument.Parse(await xml.Content.ReadAsStringAsync());
        System.Xml.Linq.XNamespace ns = BankFile.Pain001Namespace;
        Assert.Equal("2", document.Descendants(ns + "GrpHdr").Single().Element(ns + "NbOfTxs")!.Value);
        Assert.Equal("1000.00", document.Descendants(ns + "GrpHdr").Single().Element(ns + "CtrlSum")!.Value);
        Assert.Equal(approved.Select(p => p.EndToEndId), document.Descendants(ns + "EndToEndId").Select(e => e.Value));
        var csv = await (await finance.GetAsync(batchPage + "/file.csv")).Content.ReadAsStringAsync();
        Assert.Contains($"{approved[0].EndToEndId},600.00,PEN,Juana Quispe Mamani,Banco de la Nación,", csv);

        // The bank's answer: Juana paid; Pedro's line with another amount; an id nobody has.
        var answer = "end_to_end_id,status,date,reference,amount,reason\n"
            + $"{approved[0].EndToEndId},PAID,2026-12-03,OP-1,600.00,\n"
            + $"{approved[1].EndToEndId},PAID,2026-12-03,OP-2,450.00,\n"
            + "R999E1T1V1,PAID,2026-12-03,OP-3,10.00,\n";
        var reconciled = await HtmlAsync(await UploadAsync(finance, answer), HttpStatusCode.OK);
        Assert.Contains("respuesta.csv: 1 pagados, 0 fallidos; 2 líneas no aplicadas.", HtmlPage.Text(reconciled));
        Assert.Contains($"data-problem=\"AmountMismatch\" data-e2e=\"{approved[1].EndToEndId}\"", reconciled);
        Assert.Contains("Monto distinto: el pago es de S/ 400.00 y el banco informa S/ 450.00; no se aplicó.", HtmlPage.Text(reconciled));
        Assert.Contains("data-problem=\"UnknownId\" data-e2e=\"R999E1T1V1\"", reconciled);
        var after = await Data.PayoutsAsync(round.Id);
        Assert.Equal([PayoutState.Paid, PayoutState.Sent], after.Select(p => p.State));
        Assert.Equal((new DateOnly(2026, 12, 3), "OP-1"), (after[0].PaidOn!.Value, after[0].Reference!));
        // The source's paid amount moved by exactly Juana's prize.
        var movement = await Data.Registry.ReadAsync(db => db.Set<FundingMovement>().AsNoTracking()
            .Where(m => m.Reason.StartsWith("Pagos conciliados")).SingleAsync());
        Assert.Equal((FundingMovementKind.Paid, 600m), (movement.Kind, movement.Amount));

        // Pedro's bank rejects it; finance reissues it (a new id, linked; the old one closed).
        await UploadAsync(finance, "end_to_end_id,status,date,reference,amount,reason\n" + $"{approved[1].EndToEndId},RJCT,2026-12-03,OP-2,400.00,Cuenta cerrada\n");
        var failed = (await Data.PayoutsAsync(round.Id))[1];
        Assert.Equal((PayoutState.Failed, "Cuenta cerrada"), (failed.State, failed.FailureReason!));
        await RedirectsToAsync(await finance.PostFormAsync(Page(round.Id), $"{Page(round.Id)}/{Id(failed.Id)}/reissue", ("method", "Cash")), Page(round.Id));
        var all = await Data.PayoutsAsync(round.Id);
        Assert.Equal(3, all.Count);
        Assert.Equal(PayoutState.Reissued, all.Single(p => p.Id == failed.Id).State);
        var reissue = all.Single(p => p.ReissueOfId == failed.Id);
        Assert.Equal(("R" + round.Id + "E2T1V2", PayoutState.Pending, PayoutMethod.Cash, 400m), (reissue.EndToEndId, reissue.State, reissue.Method, reissue.Amount));

        // Audited: the approval (who, before and after), the execution, the reconciliation.
        var audits = await Data.Registry.ReadAsync(db => db.AuditRecords.AsNoTracking().Where(a => a.EntityType == nameof(Payout) && a.Action == "Modified")
            .OrderBy(a => a.Sequence).ToListAsync());
        Assert.Contains(audits, a => a.Actor == TestUsers.Finance && a.Before!.Contains("\"State\":\"Pending\"") && a.After!.Contains("\"State\":\"Approved\""));
        Assert.Contains(audits, a => a.After!.Contains("\"State\":\"Sent\""));
        Assert.Contains(audits, a => a.Actor == TestUsers.Finance && a.After!.Contains("\"State\":\"Paid\""));
        Assert.Contains(await Data.Registry.ReadAsync(db => db.AuditRecords.AsNoTracking().Where(a => a.EntityType == nameof(PayoutBatch)).ToListAsync()),
            a => a.After!.Contains("\"State\":\"Executed\""));

        // The board counts them by state and shows what the source paid.
        var board = await finance.GetPageAsync("/payouts");
        Assert.Matches("data-state=\"Paid\"><dt>Pagado</dt><dd><strong>1</strong> · S/ 600.00", board);
    }

    [Fact]
    public async Task Reconcile_UnreadableFile_ChangesNothing_SaysWhichLine()
    {
        var round = await Data.FinalAsync(pedroVerified: true);
        await Data.CreatedAsync(round);
        using var finance = await App.SignedInClientAsync(TestUsers.Finance);

        var html = await HtmlAsync(await UploadAsync(finance, "end_to_end_id,status,date,reference,amount\nR1E1T1V1,MAYBE,2026-12-40,X,abc\n"),
            HttpStatusCode.UnprocessableEntity);

        var summary = Summary(html);
        Assert.Contains("Línea 2: estado «MAYBE» desconocido (PAID, ACSC, PAGADO, FAILED, RJCT, RECHAZADO).", summary);
        Assert.Contains("Línea 2: «2026-12-40» no es una fecha (aaaa-mm-dd o dd/mm/aaaa).", summary);
        Assert.Contains("Línea 2: «abc» no es un monto (use punto decimal y dos decimales).", summary);
        Assert.All(await Data.PayoutsAsync(round.Id), p => Assert.Equal(PayoutState.Pending, p.State));
    }

    [Fact]
    public async Task Cash_PaidAgainstItsReceipt_BadReceiptKeepsWhatWasTyped()
    {
        var round = await Data.FinalAsync(pedroHasAccount: false);
        var payouts = await Data.CreatedAsync(round);
        var pedro = payouts[1];
        Assert.Equal(PayoutMethod.Cash, pedro.Method);
        using (var finance = await App.SignedInClientAsync(TestUsers.Finance))
        {
            await RedirectsToAsync(await finance.PostFormAsync(Page(round.Id), Page(round.Id) + "/approve", ("selected", Id(pedro.Id))), Page(round.Id));
        }
        using var officer = await App.SignedInClientAsync(TestUsers.Officer);
        var action = $"{Page(round.Id)}/{Id(pedro.Id)}/receipt";

        var refused = await HtmlAsync(await officer.PostFormAsync(Page(round.Id), action,
            ("Receipt.ReceiptNumber", "R-0042"), ("Receipt.ReceivedBy", ""), ("Receipt.PaidOn", "2026-12-09")), HttpStatusCode.UnprocessableEntity);
        Assert.Equal("La fecha de pago no puede ser futura.", HtmlPage.ErrorOf(refused, "Receipt.PaidOn"));
        Assert.Equal("Complete el campo «Recibió (nombre de quien firma o pone su huella)».", HtmlPage.ErrorOf(refused, "Receipt.ReceivedBy"));
        Assert.Contains("value=\"R-0042\"", refused);
        Assert.Equal(PayoutState.Approved, (await Data.PayoutsAsync(round.Id))[1].State);

        await RedirectsToAsync(await officer.PostFormAsync(Page(round.Id), action,
            ("Receipt.ReceiptNumber", "R-0042"), ("Receipt.ReceivedBy", "Pedro Huamán Ccori"), ("Receipt.ThumbPrinted", "true"), ("Receipt.PaidOn", "2026-12-02")), Page(round.Id));
        var paid = (await Data.PayoutsAsync(round.Id))[1];
        Assert.Equal((PayoutState.Paid, "R-0042", "Pedro Huamán Ccori", true), (paid.State, paid.Reference!, paid.ReceivedBy!, paid.ThumbPrinted!.Value));
    }

    [Fact]
    public async Task BankFiles_OnlyFinanceAndAuditorsDownload_EveryDownloadRecordedAndAudited()
    {
        var round = await Data.FinalAsync(pedroVerified: true);
        var payouts = await Data.CreatedAsync(round);
        using var finance = await App.SignedInClientAsync(TestUsers.Finance);
        var ids = payouts.Select(p => ("selected", Id(p.Id))).ToArray();
        await RedirectsToAsync(await finance.PostFormAsync(Page(round.Id), Page(round.Id) + "/approve", ids), Page(round.Id));
        var batchPage = (await finance.PostFormAsync(Page(round.Id), Page(round.Id) + "/batch", [.. ids, ("Batch.ExecuteAt", "")])).Headers.Location!.OriginalString;
        var batchId = int.Parse(batchPage.Split('/')[^1], System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(BatchRun.Executed, await RunAsync(batchId));

        // Officers and administrators read the batch, but the accounts and CCIs of its files are not theirs to take.
        foreach (var user in new[] { TestUsers.Officer, TestUsers.Admin })
        {
            using var client = await App.SignedInClientAsync(user);
            Assert.DoesNotContain("id=\"download-xml\"", await client.GetPageAsync(batchPage), StringComparison.Ordinal);
            Assert.Equal("/account/denied", Redirects.PathOf(await client.GetAsync(batchPage + "/file.xml")));
            Assert.Equal("/account/denied", Redirects.PathOf(await client.GetAsync(batchPage + "/file.csv")));
        }
        using var auditor = await App.SignedInClientAsync(TestUsers.Auditor);
        Assert.Contains("id=\"download-csv\"", await auditor.GetPageAsync(batchPage), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await finance.GetAsync(batchPage + "/file.xml")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await auditor.GetAsync(batchPage + "/file.csv")).StatusCode);

        var batch = await Data.BatchAsync(batchId);
        var (financeId, auditorId) = (await Data.UserIdAsync(TestUsers.Finance), await Data.UserIdAsync(TestUsers.Auditor));
        var downloads = await Data.Registry.ReadAsync(db => db.Set<BankFileDownload>().AsNoTracking().OrderBy(d => d.Id).ToListAsync());
        Assert.Equal(
            [(batchId, financeId, "xml", $"lote-{batchId:D6}.xml", batch.XmlSha256!), (batchId, auditorId, "csv", $"lote-{batchId:D6}.csv", batch.CsvSha256!)],
            downloads.Select(d => (d.BatchId, d.UserId, d.Format, d.FileName, d.Sha256)));
        Assert.All(downloads, d => Assert.Equal(App.Clock.GetUtcNow().UtcDateTime, d.DownloadedUtc));
        var audited = await Data.Registry.ReadAsync(db => db.AuditRecords.AsNoTracking()
            .Where(a => a.EntityType == nameof(BankFileDownload) && a.Action == "Added").OrderBy(a => a.Sequence).Select(a => a.ActorUserId).ToListAsync());
        Assert.Equal([financeId, auditorId], audited);
    }

    [Fact]
    public async Task Auditor_ReadsTheBoard_ButCannotApprove()
    {
        var round = await Data.FinalAsync(pedroVerified: true);
        var payouts = await Data.CreatedAsync(round);
        using var auditor = await App.SignedInClientAsync(TestUsers.Auditor);

        Assert.Contains(payouts[0].EndToEndId, await auditor.GetPageAsync(Page(round.Id)));
        var token = AppClient.Token(await auditor.GetPageAsync(Page(round.Id)));
        using var form = new FormUrlEncodedContent([new("selected", Id(payouts[0].Id)), new("__RequestVerificationToken", token)]);
        var response = await auditor.Http.PostAsync(new Uri(Page(round.Id) + "/approve", UriKind.Relative), form);

        Assert.Equal("/account/denied", response.Headers.Location!.AbsolutePath);
        Assert.All(await Data.PayoutsAsync(round.Id), p => Assert.Equal(PayoutState.Pending, p.State));
    }

    [Fact]
    public async Task FailingExecution_RecordedAndRetriedWithBackOff_ThenWaitsForAPerson_NothingSent()
    {
        var round = await Data.FinalAsync(pedroVerified: true);
        var payouts = await Data.CreatedAsync(round);
        using var finance = await App.SignedInClientAsync(TestUsers.Finance);
        var ids = payouts.Select(p => ("selected", Id(p.Id))).ToArray();
        await RedirectsToAsync(await finance.PostFormAsync(Page(round.Id), Page(round.Id) + "/approve", ids), Page(round.Id));
        var scheduled = await finance.PostFormAsync(Page(round.Id), Page(round.Id) + "/batch", [.. ids, ("Batch.ExecuteAt", "")]);
        var batchId = int.Parse(scheduled.Headers.Location!.OriginalString.Split('/')[^1], System.Globalization.CultureInfo.InvariantCulture);
        // The bank file can't be written: a file stands where its folder should be (an earlier test's folder goes first).
        Directory.CreateDirectory(App.FilesPath);
        if (Directory.Exists(Path.Combine(App.FilesPath, "bank-files")))
        {
            Directory.Delete(Path.Combine(App.FilesPath, "bank-files"), recursive: true);
        }
        await File.WriteAllTextAsync(Path.Combine(App.FilesPath, "bank-files"), "not a folder");
        try
        {
            var now = App.Clock.GetUtcNow().UtcDateTime;
            await Assert.ThrowsAnyAsync<IOException>(() => RunAsync(batchId));
            var first = await Data.BatchAsync(batchId);
            Assert.Equal((BatchState.Scheduled, 1, now.AddMinutes(1)), (first.State, first.Attempts, first.NextAttemptUtc!.Value));
            Assert.Equal(now.AddMinutes(1), App.Batches.Jobs[batchId][^1]);
            for (var attempt = 2; attempt <= PayoutBatch.MaxAttempts; attempt++)
            {
                await Assert.ThrowsAnyAsync<IOException>(() => RunAsync(batchId));
            }
            var waiting = await Data.BatchAsync(batchId);
            Assert.Equal((BatchState.NeedsAttention, PayoutBatch.MaxAttempts), (waiting.State, waiting.Attempts));
            Assert.Equal([now.AddMinutes(1), now.AddMinutes(2), now.AddMinutes(4), now.AddMinutes(8)], App.Batches.Jobs[batchId].Skip(1));
            Assert.All(await Data.PayoutsAsync(round.Id), p => Assert.Equal(PayoutState.Scheduled, p.State));
            var page = await finance.GetPageAsync($"/payouts/batches/{Id(batchId)}");
            Assert.Contains("El lote falló 5 veces y espera a una persona", HtmlPage.Text(page));
            Assert.Contains("IOException", HtmlPage.Text(page));
        }
        finally
        {
            File.Delete(Path.Combine(App.FilesPath, "bank-files"));
        }

        // Cause fixed: a person retries, and it runs.
        await RedirectsToAsync(await finance.PostFormAsync($"/payouts/batches/{Id(batchId)}", $"/payouts/batches/{Id(batchId)}/retry"), $"/payouts/batches/{Id(batchId)}");
        Assert.Equal(BatchRun.Executed, await RunAsync(batchId));
        Assert.All(await Data.PayoutsAsync(round.Id), p => Assert.Equal(PayoutState.Sent, p.State));
    }

    private async Task<BatchRun> RunAsync(int batchId)
    {
        using var scope = App.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<BatchRunner>().RunAsync(batchId, "test", null, CancellationToken.None);
    }

    private static async Task<HttpResponseMessage> UploadAsync(AppClient client, string csv)
    {
        var token = AppClient.Token(await client.GetPageAsync("/payouts/reconcile"));
        using var content = new MultipartFormDataContent();
        using var file = new ByteArrayContent(Encoding.UTF8.GetBytes(csv));
        content.Add(file, "file", "respuesta.csv");
        using var tokenField = new StringContent(token);
        content.Add(tokenField, "__RequestVerificationToken");
        return await client.Http.PostAsync(new Uri("/payouts/reconcile", UriKind.Relative), content);
    }
}

public sealed class PayoutTestsOnSqlite(SqliteApp app) : PayoutTests<SqliteApp>(app);

public sealed class PayoutTestsOnPostgres(PostgresApp app) : PayoutTests<PostgresApp>(app);
