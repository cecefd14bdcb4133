using System.Globalization;
using System.Text.RegularExpressions;
using Contests.Core.Common;
using Contests.Web.Demo;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Contests.E2E;

/// <summary>
/// The donation-with-charge contract (contrato de donación con cargo): oficial opens the published business-plan round's
/// documents, sees the contract the demo issued to N.° 1, prepares N.° 2's — a sum one céntimo short is refused next to
/// the components and nothing typed is lost — fixes it and issues it, downloads the PDF, and a member of the public
/// opens the verification page its URL points at, which names the organization but shows no DNI and no account.
/// N.° 2 only: N.° 1's plan under way and N.° 3's closed-out plan belong to the demo as it is shown (and to FundedPlanTests).
/// </summary>
[Collection(E2ECollection.Name)]
public sealed partial class ContractTests(AppServer server) : BrowserTest(server)
{
    private const string First = "Asociación de Criadores de Cuyes Señor de Ánimas";
    private const string Organization = "Asociación de Tejedoras Warmi Away de Tamburco";
    private const string Looms = "Telares y equipos de hilado";
    private const string Dyes = "Tintes naturales y fibra de alpaca";
    private const string Place = "Tamburco";

    [Fact]
    public Task Officer_issues_an_organizations_contract_after_a_sum_one_centimo_short_and_the_public_verifies_it_without_dnis() =>
        InBrowserAsync(async page =>
        {
            var year = LimaTime.FromUtc(DateTime.UtcNow).Year.ToString(CultureInfo.InvariantCulture);
            await SignInAsync(page, "oficial");
            await Expect(page).ToHaveURLAsync(Server.BaseUrl + "/");
            await page.Locator("header details.menu summary").ClickAsync();
            await page.Locator("header nav a[data-nav='Nav.Rounds']").ClickAsync();
            await Expect(page).ToHaveURLAsync(new Regex("/rounds$"));
            await page.GetByRole(AriaRole.Link, new() { Name = DemoPlans.PublishedRoundName, Exact = true }).ClickAsync();
            await Expect(page).ToHaveURLAsync(new Regex(@"/rounds/\d+$"));
            await page.Locator("#documents-link").ClickAsync();
            await Expect(page).ToHaveURLAsync(new Regex(@"/rounds/\d+/documents$"));
            await ExpectNoHorizontalScrollAsync(page);

            // The funded organizations: N.° 1's contract issued by the demo, N.° 2's still to prepare.
            var contracts = page.Locator("#contracts");
            await Expect(contracts.Locator("tbody tr")).ToHaveCountAsync(3);
            ILocator Row(string organization) => contracts.Locator("tbody tr", new() { Has = page.Locator($"a.contract-link:text-is('{organization}')") });
            await Expect(Row(First).Locator("a.contract-file")).ToHaveTextAsync($"CDC-{year}-000001");
            await Expect(Row(Organization).Locator("a.contract-file")).ToHaveCountAsync(0);
            await Expect(Row(Organization)).ToContainTextAsync("S/ 19,000.00");
            await Expect(Row(Organization)).ToContainTextAsync("S/ 5,500.00");
            await Row(Organization).Locator("a.contract-link").ClickAsync();
            await Expect(page).ToHaveURLAsync(new Regex(@"/rounds/\d+/contracts/\d+$"));
            var contractPath = new Uri(page.Url).AbsolutePath;

            // The parties from the acta and the registry, with the DNIs and the account the public must never see.
            await Expect(page.Locator("h1")).ToContainTextAsync(Organization);
            var parties = page.Locator("#parties");
            await Expect(parties).ToContainTextAsync("Acta");
            await Expect(parties).ToContainTextAsync("003-2026");
            await Expect(page.Locator("#project-share")).ToHaveTextAsync("S/ 19,000.00");
            await Expect(page.Locator("#counterpart")).ToHaveTextAsync("S/ 5,500.00");
            var dnis = Dni().Matches(await parties.InnerTextAsync()).Select(m => m.Groups[1].Value).ToList();
            Assert.Equal(2, dnis.Count);   // the president's, then the treasurer's
            var account = await page.Locator("#account").InnerTextAsync();
            var cci = Cci().Match(account).Groups[1].Value;
            var accountNumber = AccountNumber().Match(account).Groups[1].Value;
            Assert.Equal(20, cci.Length);
            Assert.NotEmpty(accountNumber);

            // The tranches the payouts will follow: 70 % at signature, 30 % after progress.
            var tranches = page.Locator("#tranches tbody tr");
            await Expect(tranches).ToHaveCountAsync(2);
            await Expect(tranches.Nth(0)).ToContainTextAsync("70 %");
            await Expect(tranches.Nth(0)).ToContainTextAsync("S/ 13,300.00");
            await Expect(tranches.Nth(1)).ToContainTextAsync("30 %");
            await Expect(tranches.Nth(1)).ToContainTextAsync("S/ 5,700.00");
            await ExpectNoHorizontalScrollAsync(page);

            // Two components whose project shares come to S/ 18,999.99: refused, and what was typed stays.
            var form = page.Locator("#contract-form");
            await form.Locator("#Components_0_Name").FillAsync(Looms);
            await form.Locator("#Components_0_Project").FillAsync("12000.00");
            await form.Locator("#Components_0_Counterpart").FillAsync("3000.00");
            await form.Locator("#Components_1_Name").FillAsync(Dyes);
            await form.Locator("#Components_1_Project").FillAsync("6999.99");
            await form.Locator("#Components_1_Counterpart").FillAsync("2500.00");
            await form.Locator("#TermMonths").FillAsync("12");
            await form.Locator("#Place").FillAsync(Place);
            Assert.Matches(IsoDate(), await form.Locator("#SignedOn").InputValueAsync());
            await form.Locator("#contract-submit").ClickAsync();

            await Expect(form.Locator("#Components-error")).ToHaveTextAsync(
                "Los aportes del proyecto suman S/ 18,999.99, pero el acta aprobó S/ 19,000.00: deben coincidir al céntimo.");
            await Expect(form.Locator("#Components_0_Name")).ToHaveValueAsync(Looms);
            await Expect(form.Locator("#Components_1_Name")).ToHaveValueAsync(Dyes);
            await Expect(form.Locator("#Components_1_Project")).ToHaveValueAsync("6999.99");
            await Expect(form.Locator("#Components_1_Counterpart")).ToHaveValueAsync("2500.00");
            await Expect(form.Locator("#TermMonths")).ToHaveValueAsync("12");
            await Expect(form.Locator("#Place")).ToHaveValueAsync(Place);
            await Expect(page.Locator("#issued")).ToHaveCountAsync(0);
            await ExpectNoHorizontalScrollAsync(page);

            // The céntimo found: S/ 19,000.00 and S/ 5,500.00, issued.
            await form.Locator("#Components_1_Project").FillAsync("7000.00");
            await form.Locator("#contract-submit").ClickAsync();
            await Expect(page).ToHaveURLAsync(new Regex(Regex.Escape(contractPath) + @"#document-\d+$"));
            await Expect(page.Locator("main .flash.ok")).ToContainTextAsync("Contrato emitido.");
            await Expect(page.Locator("#contract-form")).ToHaveCountAsync(0);
            var issued = page.Locator("#issued tbody tr[data-state='Valid'] a.contract-file");
            await Expect(issued).ToHaveCountAsync(1);
            var number = (await issued.InnerTextAsync()).Trim();
            Assert.Matches($"^CDC-{year}-\\d{{6}}$", number);
            Assert.NotEqual($"CDC-{year}-000001", number);

            var work = Directory.CreateTempSubdirectory("contests-e2e-contract-").FullName;
            string url;
            try
            {
                // The PDF: the organization, the donation in words, the acta, the components, the address that verifies it.
                var download = await page.RunAndWaitForDownloadAsync(() => issued.ClickAsync());
                var pdf = Path.Combine(work, "contrato.pdf");
                await download.SaveAsAsync(pdf);
                Assert.Equal("%PDF", System.Text.Encoding.ASCII.GetString((await File.ReadAllBytesAsync(pdf))[..4]));
                var text = Spaces().Replace(await CommandLine.RunAsync("pdftotext", pdf, "-"), " ");
                Assert.Contains(Organization, text, StringComparison.Ordinal);
                Assert.Contains("DIECINUEVE MIL Y 00/100 SOLES", text, StringComparison.Ordinal);
                Assert.Contains("Acta N.° 003-2026", text, StringComparison.Ordinal);
                Assert.Contains(Looms, text, StringComparison.Ordinal);
                Assert.Contains(Dyes, text, StringComparison.Ordinal);
                Assert.Contains(number, text, StringComparison.Ordinal);
                url = Assert.Single(VerifyUrl().Matches(text).Select(m => m.Value).Distinct(StringComparer.Ordinal));
                Assert.StartsWith(Server.BaseUrl + "/verify/", url, StringComparison.Ordinal);
            }
            finally
            {
                Directory.Delete(work, recursive: true);
            }

            // A member of the public, without cookies: valid, the organization, and neither DNIs nor the account.
            await using var publicContext = await Server.NewContextAsync(Phone);
            var visitor = await publicContext.NewPageAsync();
            try
            {
                var response = await visitor.GotoAsync(url);
                Assert.Equal(200, response!.Status);
                await Expect(visitor.Locator("#verify-outcome")).ToHaveAttributeAsync("data-outcome", "Valid");
                await Expect(visitor.Locator("#verify-outcome")).ToHaveTextAsync($"Documento válido: {number}");
                await Expect(visitor.Locator("#verify-facts")).ToContainTextAsync(Organization);
                var body = visitor.Locator("body");
                foreach (var dni in dnis)
                {
                    await Expect(body).Not.ToContainTextAsync(dni);
                }
                await Expect(body).Not.ToContainTextAsync(cci);
                await Expect(body).Not.ToContainTextAsync(accountNumber);
                await Expect(body).Not.ToContainTextAsync("DNI");
                await Expect(body).Not.ToContainTextAsync("CCI");
                await ExpectNoHorizontalScrollAsync(visitor);
            }
            catch (Exception)
            {
                await SaveScreenshotAsync(visitor, nameof(Officer_issues_an_organizations_contract_after_a_sum_one_centimo_short_and_the_public_verifies_it_without_dnis) + "_public");
                throw;
            }
        }, Phone);

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}$")]
    private static partial Regex IsoDate();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();

    [GeneratedRegex(@"DNI (\d{8})")]
    private static partial Regex Dni();

    [GeneratedRegex(@"CCI (\d{20})")]
    private static partial Regex Cci();

    [GeneratedRegex(@"cuenta N\.° (\S+)")]
    private static partial Regex AccountNumber();

    [GeneratedRegex(@"https?://\S+/verify/[0-9A-Z]{24}\b")]
    private static partial Regex VerifyUrl();
}
