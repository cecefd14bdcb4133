using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Contests.Core.Common;
using Contests.Web.Demo;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Contests.E2E;

/// <summary>
/// Paying the demo round's winners: finanzas opens Pagos, is refused the approval of the payout whose account
/// is not verified, approves the two with verified accounts, schedules a batch that the real scheduler executes,
/// downloads the bank file (pain.001), and reconciles the bank's answer — one unknown id reported, the two payouts paid.
/// </summary>
[Collection(E2ECollection.Name)]
public sealed partial class PayoutsTests(AppServer server) : BrowserTest(server)
{
    [Fact]
    public Task Finance_approves_verified_payouts_batches_them_downloads_the_bank_file_and_reconciles_the_answer() =>
        InBrowserAsync(async page =>
        {
            await SignInAsync(page, "finanzas");
            await Expect(page).ToHaveURLAsync(Server.BaseUrl + "/");
            var menu = page.Locator("header details.menu");
            await menu.Locator("summary").ClickAsync();
            await page.Locator("header nav a[data-nav='Nav.Payouts']").ClickAsync();
            await Expect(page).ToHaveURLAsync(new Regex("/payouts$"));
            await page.Locator("#rounds").GetByRole(AriaRole.Link, new() { Name = DemoJudging.PayingRoundName }).ClickAsync();
            await Expect(page).ToHaveURLAsync(new Regex(@"/rounds/\d+/payouts$"));
            var roundId = RoundUrl().Match(page.Url).Groups[1].Value;
            var roundPath = $"/rounds/{roundId}/payouts";
            var first = $"R{roundId}E1T1V1";
            var second = $"R{roundId}E2T1V1";
            var third = $"R{roundId}E3T1V1";
            ILocator Row(string endToEnd) => page.Locator($"#payouts tr[data-e2e='{endToEnd}']");

            await Expect(page.Locator("#payouts tbody tr[data-payout]")).ToHaveCountAsync(6);
            await Expect(Row(first)).ToHaveAttributeAsync("data-state", "Pending");
            await Expect(Row(second)).ToHaveAttributeAsync("data-state", "Pending");
            await Expect(Row(first)).ToContainTextAsync("Transferencia bancaria");
            await Expect(Row(third)).ToContainTextAsync("sin verificar");

            // N.° 3's account was typed but nobody checked it against the bank's document: refused.
            await Row(third).Locator("input[name=selected]").CheckAsync();
            await page.GetByRole(AriaRole.Button, new() { Name = "Aprobar los marcados" }).ClickAsync();
            await Expect(page.Locator("main .errors[role=alert]")).ToContainTextAsync("no está verificada");
            await page.GotoAsync(roundPath);
            await Expect(Row(third)).ToHaveAttributeAsync("data-state", "Pending");

            // N.° 1 and N.° 2: verified accounts, approved.
            await Row(first).Locator("input[name=selected]").CheckAsync();
            await Row(second).Locator("input[name=selected]").CheckAsync();
            await page.GetByRole(AriaRole.Button, new() { Name = "Aprobar los marcados" }).ClickAsync();
            await Expect(page.Locator("main .flash.ok")).ToContainTextAsync("Se aprobaron 2 pagos.");
            await Expect(Row(first)).ToHaveAttributeAsync("data-state", "Approved");
            await Expect(Row(second)).ToHaveAttributeAsync("data-state", "Approved");

            // A batch for now ("Ejecutar el" left blank); the scheduler runs it within a few seconds.
            await Row(first).Locator("input[name=selected]").CheckAsync();
            await Row(second).Locator("input[name=selected]").CheckAsync();
            await Expect(Row(third).Locator("input[name=selected]")).Not.ToBeCheckedAsync();
            await page.GetByRole(AriaRole.Button, new() { Name = "Programar lote con los marcados" }).ClickAsync();
            await Expect(page).ToHaveURLAsync(new Regex(@"/payouts/batches/\d+$"));
            var batchPath = new Uri(page.Url).AbsolutePath;
            var batch = page.Locator("#batch");
            for (var waited = 0; waited < 30 && await batch.GetAttributeAsync("data-state") != "Executed"; waited++)
            {
                await page.WaitForTimeoutAsync(1_000);
                await page.GotoAsync(batchPath);
            }
            await Expect(batch).ToHaveAttributeAsync("data-state", "Executed");
            await Expect(page.Locator("#batch-state")).ToHaveTextAsync("Ejecutado");
            await Expect(page.Locator("#batch-payouts tbody tr[data-payout]")).ToHaveCountAsync(2);
            var amounts = new Dictionary<string, decimal>(StringComparer.Ordinal);
            foreach (var id in new[] { first, second })
            {
                var cell = page.Locator("#batch-payouts tbody tr", new() { Has = page.Locator($"code:text-is('{id}')") }).Locator("td.num");
                amounts[id] = ParseMoney(await cell.InnerTextAsync());
                Assert.True(amounts[id] > 0m, $"{id}: {amounts[id]}");
            }

            // The bank file: two transfers, the payouts' ids end to end.
            var download = await page.RunAndWaitForDownloadAsync(() => page.Locator("#download-xml").ClickAsync());
            var xml = await File.ReadAllTextAsync(await download.PathAsync(), Encoding.UTF8);
            Assert.Contains("<NbOfTxs>2</NbOfTxs>", xml, StringComparison.Ordinal);
            Assert.Contains(first, xml, StringComparison.Ordinal);
            Assert.Contains(second, xml, StringComparison.Ordinal);
            Assert.DoesNotContain(third, xml, StringComparison.Ordinal);

            // The bank's answer: both paid, and a line for a payment nobody made.
            var today = LimaTime.FromUtc(DateTime.UtcNow).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            var csv = new StringBuilder("end_to_end_id,status,date,reference,amount,reason\n");
            csv.Append(CultureInfo.InvariantCulture, $"{first},PAID,{today},OP-900001,{amounts[first]:0.00},\n");
            csv.Append(CultureInfo.InvariantCulture, $"{second},PAID,{today},OP-900002,{amounts[second]:0.00},\n");
            csv.Append(CultureInfo.InvariantCulture, $"R999E1T1V1,PAID,{today},X,10.00,\n");
            var file = Path.Combine(Directory.CreateTempSubdirectory("contests-e2e-bank-").FullName, "respuesta-banco.csv");
            try
            {
                await File.WriteAllTextAsync(file, csv.ToString(), Encoding.UTF8);
                await page.GotoAsync("/payouts");
                await page.GetByRole(AriaRole.Link, new() { Name = "Conciliación bancaria", Exact = true }).ClickAsync();
                await Expect(page).ToHaveURLAsync(new Regex("/payouts/reconcile$"));
                await page.Locator("#file").SetInputFilesAsync(file);
                await page.GetByRole(AriaRole.Button, new() { Name = "Importar respuesta del banco" }).ClickAsync();
            }
            finally
            {
                Directory.Delete(Path.GetDirectoryName(file)!, recursive: true);
            }
            var result = page.Locator("#reconcile-result");
            await Expect(result).ToContainTextAsync("2 pagados");
            await Expect(result.Locator("tr[data-problem=UnknownId]")).ToHaveCountAsync(1);
            await Expect(result.Locator("tr[data-problem=UnknownId]")).ToHaveAttributeAsync("data-e2e", "R999E1T1V1");
            await Expect(result.Locator("tr[data-problem]")).ToHaveCountAsync(1);

            // The round's payouts: the two paid, N.° 3 still waiting for its account to be checked.
            await page.GotoAsync(roundPath);
            await Expect(Row(first)).ToHaveAttributeAsync("data-state", "Paid");
            await Expect(Row(second)).ToHaveAttributeAsync("data-state", "Paid");
            await Expect(Row(third)).ToHaveAttributeAsync("data-state", "Pending");

            // The job that ran the batch, in the jobs dashboard: finance reads it (no buttons), the administrator may act.
            var jobName = string.Create(CultureInfo.InvariantCulture, $"Lote de pagos {int.Parse(batchPath[(batchPath.LastIndexOf('/') + 1)..], CultureInfo.InvariantCulture):D6}");
            await page.GotoAsync("/jobs/jobs/succeeded");
            await Expect(page.GetByRole(AriaRole.Link, new() { Name = jobName })).ToBeVisibleAsync();
            await Expect(page.Locator(".js-jobs-list-command")).ToHaveCountAsync(0);
            await AdminSeesTheJobAndJurorIsRefusedAsync(jobName);
        }, Phone);

    /// <summary>
    /// On an office desktop the administrator reaches the dashboard from the menu (Trabajos) and finds the batch's job by its
    /// name, with the buttons to requeue or delete it; an LRAC member asking for /jobs gets the app's refusal page.
    /// </summary>
    private async Task AdminSeesTheJobAndJurorIsRefusedAsync(string jobName)
    {
        await using (var desktop = await Server.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1366, Height = 768 } }))
        {
            var page = await desktop.NewPageAsync();
            await SignInAsync(page, "admin");
            await page.Locator("header nav a[data-nav='Nav.Jobs']").ClickAsync();
            await Expect(page).ToHaveURLAsync(new Regex("/jobs/?$"));
            await page.GotoAsync("/jobs/jobs/succeeded");
            await Expect(page.GetByRole(AriaRole.Link, new() { Name = jobName })).ToBeVisibleAsync();
            Assert.True(await page.Locator(".js-jobs-list-command").CountAsync() > 0, "The administrator's list of jobs has no commands.");
        }
        await using (var phone = await Server.NewContextAsync(Phone))
        {
            var page = await phone.NewPageAsync();
            await SignInAsync(page, "clar");
            await Expect(page.Locator("header nav a[data-nav='Nav.Judging']")).ToHaveCountAsync(1);
            await page.GotoAsync("/jobs");
            await Expect(page).ToHaveURLAsync(new Regex("/account/denied"));
            await Expect(page.GetByText(jobName)).ToHaveCountAsync(0);
        }
    }

    /// <summary>"S/ 1,300.00" → 1300.00.</summary>
    private static decimal ParseMoney(string text) =>
        decimal.Parse(MoneyPattern().Match(text).Value.Replace(",", string.Empty, StringComparison.Ordinal), NumberStyles.Number, CultureInfo.InvariantCulture);

    [GeneratedRegex(@"/rounds/(\d+)/payouts$")]
    private static partial Regex RoundUrl();

    [GeneratedRegex(@"\d[\d,]*\.\d{2}")]
    private static partial Regex MoneyPattern();
}
