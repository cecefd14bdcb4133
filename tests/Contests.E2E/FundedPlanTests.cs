using System.Globalization;
using System.Text.RegularExpressions;
using Contests.Core.Common;
using Contests.Web.Demo;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Contests.E2E;

/// <summary>
/// After the contract, at the office desk (1366×768): oficial opens the Cuyes association's plan from the business-plan
/// round's payouts, sees its second tranche held (the first not yet 70 % accounted for, the progress not approved),
/// records a receipt (its scanned PDF linked on its row) that brings the account past 70 %, an interim report with its
/// scanned PDF attached (listed on it) and
/// the LRAC's approval of the progress, and sees the three conditions met; finanzas then approves the second tranche.
/// Only N.° 1's plan: the closed-out plan and N.° 2's contract belong to other tests.
/// </summary>
[Collection(E2ECollection.Name)]
public sealed partial class FundedPlanTests(AppServer server) : BrowserTest(server)
{
    private static BrowserNewContextOptions Desktop => new() { ViewportSize = new ViewportSize { Width = 1366, Height = 768 } };

    [Fact]
    public Task Officer_records_a_receipt_a_report_and_its_approval_and_the_second_tranche_is_approved() =>
        InBrowserAsync(async page =>
        {
            var today = LimaTime.FromUtc(DateTime.UtcNow).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            await SignInAsync(page, "oficial");
            await Expect(page).ToHaveURLAsync(Server.BaseUrl + "/");
            await page.GotoAsync("/rounds");
            await page.GetByRole(AriaRole.Link, new() { Name = DemoPlans.PublishedRoundName, Exact = true }).ClickAsync();
            await Expect(page).ToHaveURLAsync(new Regex(@"/rounds/\d+$"));
            var roundId = RoundUrl().Match(page.Url).Groups[1].Value;
            await page.GotoAsync($"/rounds/{roundId}/payouts");
            // The second tranche waits for its conditions, computed on the plan's page.
            var tranche = page.Locator("details", new() { Has = page.Locator($"code:text-is('R{roundId}E1T2V1')") });
            await tranche.Locator("summary").ClickAsync();
            await tranche.Locator("a[data-plan]").ClickAsync();
            await Expect(page).ToHaveURLAsync(new Regex(@"/rounds/\d+/plans/\d+"));
            var entryId = PlanUrl().Match(page.Url).Groups[1].Value;
            ILocator Condition(string kind) => page.Locator($"#conditions li[data-condition='{kind}']");
            await Expect(Condition("CounterpartDeposited")).ToHaveAttributeAsync("data-met", "true");
            await Expect(Condition("PreviousAccounted")).ToHaveAttributeAsync("data-met", "false");
            await Expect(Condition("ProgressApproved")).ToHaveAttributeAsync("data-met", "false");
            await ExpectNoHorizontalScrollAsync(page);

            // S/ 12,450.00 of the first tranche's S/ 19,600.00 accounted for; S/ 13,720.00 are needed: a receipt of S/ 1,300.00.
            var receipt = page.Locator("#receipt-form");
            await receipt.Locator("#Expense_IssuedOn").FillAsync(today);
            await receipt.Locator("#Expense_SupplierRuc").FillAsync("20100070970");
            await receipt.Locator("#Expense_DocumentType").SelectOptionAsync("Invoice");
            await receipt.Locator("#Expense_DocumentNumber").FillAsync("F001-004630");
            await receipt.Locator("#Expense_Amount").FillAsync("1300.00");
            await receipt.Locator("#Expense_PaidBy").SelectOptionAsync("Project");
            await receipt.Locator("#Expense_Component").SelectOptionAsync(new SelectOptionValue { Index = 1 });
            await receipt.Locator("#Expense_File").SetInputFilesAsync(new FilePayload
            {
                Name = "factura-F001-004630.pdf", MimeType = "application/pdf", Buffer = DemoPlans.ReportPdf("Factura F001-004630"),
            });
            await receipt.Locator("button[type=submit]").ClickAsync();
            await Expect(page.Locator("main .flash.ok")).ToContainTextAsync("Comprobante registrado.");
            // The receipt's scan is linked on its row, as the demo's first invoice's is.
            await Expect(page.Locator("#receipts tr[data-receipt='F001-004630'] a[id^='proof-receipt-']")).ToContainTextAsync("factura-F001-004630.pdf");
            await Expect(Condition("PreviousAccounted")).ToHaveAttributeAsync("data-met", "true");

            // The interim report the CLAR reviewed, and its approval in the CLAR's acta.
            var report = page.Locator("#report-form");
            await report.Locator("#Report_Kind").SelectOptionAsync("Interim");
            await report.Locator("#Report_ReceivedOn").FillAsync(today);
            await report.Locator("#Report_Narrative").FillAsync("Galpones techados y primeros reproductores en producción.");
            for (var i = 0; i < 4; i++)
            {
                await report.Locator($"#Report_Progress_{i}").FillAsync("60");
            }
            await report.Locator("button[type=submit]").ClickAsync();
            await Expect(page.Locator("main .flash.ok")).ToBeVisibleAsync();
            var pending = page.Locator("#reports article[data-approved='false']").Last;
            // The demo's report came with its signed PDF; this one gets the scanned report attached, listed on it.
            await Expect(page.Locator("#reports article[data-approved='false']").First.Locator("li[data-attachment]")).ToHaveCountAsync(1);
            await pending.Locator("input[name='Attachment.Files']").SetInputFilesAsync(new FilePayload
            {
                Name = "informe-galpones.pdf", MimeType = "application/pdf", Buffer = DemoPlans.ReportPdf("Informe de avance - galpones techados"),
            });
            await pending.Locator("input[name='Attachment.Caption']").FillAsync("Informe escaneado");
            await pending.GetByRole(AriaRole.Button, new() { Name = "Adjuntar" }).ClickAsync();
            await Expect(page.Locator("main .flash.ok")).ToContainTextAsync("Archivos adjuntados al informe.");
            await Expect(pending.Locator("li[data-attachment] a")).ToHaveTextAsync("informe-galpones.pdf");
            await pending.Locator("input[name='Approval.ApprovalActa']").FillAsync("Acta N.° 005-2026 del CLAR de Abancay");
            await pending.Locator("input[name='Approval.ApprovedOn']").FillAsync(today);
            await pending.GetByRole(AriaRole.Button, new() { Name = "Registrar aprobación del LRAC" }).ClickAsync();
            await Expect(page.Locator("main .flash.ok")).ToBeVisibleAsync();
            foreach (var kind in new[] { "CounterpartDeposited", "PreviousAccounted", "ProgressApproved" })
            {
                await Expect(Condition(kind)).ToHaveAttributeAsync("data-met", "true");
            }

            // Finance's approval reads the same records: the second tranche goes through.
            await using var financeContext = await Server.NewContextAsync(Desktop);
            var finance = await financeContext.NewPageAsync();
            await SignInAsync(finance, "finanzas");
            await Expect(finance).ToHaveURLAsync(Server.BaseUrl + "/");
            await finance.GotoAsync($"/rounds/{roundId}/payouts");
            var second = finance.Locator($"#payouts tr[data-e2e='R{roundId}E1T2V1']");
            await second.Locator("input[name=selected]").CheckAsync();
            await finance.GetByRole(AriaRole.Button, new() { Name = "Aprobar los marcados" }).ClickAsync();
            await Expect(finance.Locator("main .flash.ok")).ToBeVisibleAsync();
            await Expect(second).ToHaveAttributeAsync("data-state", "Approved");

            // The public progress page of the same plan, on a laptop: its four components and the tranche paid.
            await page.GotoAsync($"/public/plans/{entryId}");
            await Expect(page.Locator("#plan-components tr[data-component]")).ToHaveCountAsync(4);
            await Expect(page.Locator("#plan-tranches tr[data-tranche='1']")).ToBeVisibleAsync();
        }, Desktop);

    [GeneratedRegex(@"/rounds/(\d+)")]
    private static partial Regex RoundUrl();

    [GeneratedRegex(@"/plans/(\d+)")]
    private static partial Regex PlanUrl();
}
