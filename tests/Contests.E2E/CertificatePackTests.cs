using System.Globalization;
using System.IO.Compression;
using System.Text.RegularExpressions;
using Contests.Web.Demo;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Contests.E2E;

/// <summary>
/// Certificates in bulk: oficial asks for the pack of one community of the published round, watches the
/// progress bar reach 100 % without reloading, downloads the printable PDF and the ZIP of single certificates, and a
/// member of the public opens the verification page that one certificate's QR code points at.
/// </summary>
[Collection(E2ECollection.Name)]
public sealed partial class CertificatePackTests(AppServer server) : BrowserTest(server)
{
    private const string Community = "Asillo";
    private const string Place = "Plaza de Mariño";

    [Fact]
    public Task Officer_generates_a_communitys_certificate_pack_downloads_it_and_the_public_verifies_one_certificate() =>
        InBrowserAsync(async page =>
        {
            await SignInAsync(page, "oficial");
            await Expect(page).ToHaveURLAsync(Server.BaseUrl + "/");
            await page.Locator("header details.menu summary").ClickAsync();
            await page.Locator("header nav a[data-nav='Nav.Rounds']").ClickAsync();
            await Expect(page).ToHaveURLAsync(new Regex("/rounds$"));
            await page.GetByRole(AriaRole.Link, new() { Name = DemoJudging.PublishedRoundName, Exact = true }).ClickAsync();
            await Expect(page).ToHaveURLAsync(new Regex(@"/rounds/\d+$"));
            await page.Locator("#documents-link").ClickAsync();
            await Expect(page).ToHaveURLAsync(new Regex(@"/rounds/\d+/documents$"));
            var documentsPath = new Uri(page.Url).AbsolutePath;
            await ExpectNoHorizontalScrollAsync(page);

            // The community's winners, as the certificate table lists them: none has a certificate yet.
            var rows = page.Locator("#certificates tbody tr", new() { Has = page.Locator($"td:nth-child(2):text-is('{Community}')") });
            var winners = (await rows.Locator("td:nth-child(1)").AllInnerTextsAsync()).Select(n => n.Trim()).ToList();
            Assert.NotEmpty(winners);
            Assert.Equal(winners.Count, winners.Distinct(StringComparer.Ordinal).Count());
            await Expect(rows.Locator("a.certificate-file")).ToHaveCountAsync(0);

            // The pack form: Asillo, the acta's date kept, a place typed.
            var form = page.Locator("#pack-form");
            var option = form.Locator("#pack-community option", new() { HasText = Community });
            await Expect(option).ToHaveCountAsync(1);
            var optionLabel = (await option.InnerTextAsync()).Trim();
            Assert.Contains(winners.Count.ToString(CultureInfo.InvariantCulture), optionLabel, StringComparison.Ordinal);
            await form.Locator("#pack-community").SelectOptionAsync(new SelectOptionValue { Label = optionLabel });
            Assert.Matches(IsoDate(), await form.Locator("#pack-date").InputValueAsync());
            await form.Locator("#pack-place").FillAsync(Place);
            await form.Locator("#pack-submit").ClickAsync();

            // The pack page moves its own bar (polling) until the pack is done.
            await Expect(page).ToHaveURLAsync(new Regex(@"/documents/packs/\d+$"));
            var pack = page.Locator("#pack");
            await Expect(page.Locator("#pack-progress")).ToBeVisibleAsync();
            var firstState = await pack.GetAttributeAsync("data-state");
            Assert.True(firstState is "Queued" or "Running" or "Completed", $"The new pack is {firstState}.");
            await Expect(page.Locator("main dl.facts")).ToContainTextAsync(Community);
            await Expect(page.Locator("main dl.facts")).ToContainTextAsync(Place);
            var slow = new LocatorAssertionsToHaveAttributeOptions { Timeout = 60_000 };
            await Expect(pack).ToHaveAttributeAsync("data-state", "Completed", slow);
            await Expect(page.Locator("#pack-progress")).ToHaveAttributeAsync("value", "100");
            Assert.Equal(100, await page.Locator("#pack-progress").EvaluateAsync<int>("e => e.value"));
            await Expect(page.Locator("#pack-percent")).ToHaveTextAsync("100 %");
            await Expect(page.Locator("#pack-error")).ToBeHiddenAsync();
            await Expect(page.Locator("#pack-downloads")).ToBeVisibleAsync();
            await ExpectNoHorizontalScrollAsync(page);

            var work = Directory.CreateTempSubdirectory("contests-e2e-pack-").FullName;
            try
            {
                // The printable PDF: one page per winner, every name, the prize in words.
                var pdfDownload = await page.RunAndWaitForDownloadAsync(() => page.Locator("#download-pdf").ClickAsync());
                var pdf = Path.Combine(work, "certificados.pdf");
                await pdfDownload.SaveAsAsync(pdf);
                Assert.Equal("%PDF", System.Text.Encoding.ASCII.GetString((await File.ReadAllBytesAsync(pdf))[..4]));
                var text = Spaces().Replace(await CommandLine.RunAsync("pdftotext", pdf, "-"), " ");
                Assert.Contains("CERTIFICADO DE PREMIO", text, StringComparison.Ordinal);
                Assert.Contains("SOLES", text, StringComparison.Ordinal);
                Assert.Contains(Place, text, StringComparison.Ordinal);
                foreach (var winner in winners)
                {
                    Assert.Contains(Spaces().Replace(winner, " "), text, StringComparison.Ordinal);
                }
                var info = await CommandLine.RunAsync("pdfinfo", pdf);
                Assert.Equal(winners.Count, int.Parse(PagesLine().Match(info).Groups[1].Value, CultureInfo.InvariantCulture));

                // The ZIP: one PDF per winner, named after its number and holder.
                var zipDownload = await page.RunAndWaitForDownloadAsync(() => page.Locator("#download-zip").ClickAsync());
                var zip = Path.Combine(work, "certificados.zip");
                await zipDownload.SaveAsAsync(zip);
                string first;
                var numbers = new List<string>();
                using (var archive = ZipFile.OpenRead(zip))
                {
                    var entries = archive.Entries.Where(e => e.Name.EndsWith(".pdf", StringComparison.OrdinalIgnoreCase)).ToList();
                    Assert.Equal(winners.Count, entries.Count);
                    Assert.Equal(winners.Count, archive.Entries.Count);
                    foreach (var entry in entries)
                    {
                        var number = CertificateNumber().Match(entry.Name);
                        Assert.True(number.Success, $"ZIP entry without a certificate number: {entry.Name}");
                        numbers.Add(number.Value);
                    }
                    foreach (var winner in winners)
                    {
                        Assert.Single(entries, e => e.Name.Contains(winner, StringComparison.Ordinal));
                    }
                    first = Path.Combine(work, "first.pdf");
                    entries[0].ExtractToFile(first);
                }

                // The QR code of the first certificate: decoded from the printed page, not read from its text.
                var firstText = Spaces().Replace(await CommandLine.RunAsync("pdftotext", first, "-"), " ");
                var holder = Assert.Single(winners, w => firstText.Contains(w, StringComparison.Ordinal));
                await CommandLine.RunAsync("pdftoppm", "-png", "-r", "100", "-f", "1", "-l", "1", "-singlefile", first, Path.Combine(work, "first"));
                var scanned = (await CommandLine.RunAsync("zbarimg", "--raw", "-q", Path.Combine(work, "first.png")))
                    .Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
                var url = Assert.Single(scanned);
                Assert.StartsWith(Server.BaseUrl + "/verify/", url, StringComparison.Ordinal);
                var code = url[(Server.BaseUrl + "/verify/").Length..];
                Assert.Contains(string.Join('-', code.Chunk(4).Select(c => new string(c))), firstText, StringComparison.Ordinal);

                // A member of the public, without cookies, opens it.
                await using (var publicContext = await Server.NewContextAsync(Phone))
                {
                    var visitor = await publicContext.NewPageAsync();
                    try
                    {
                        var response = await visitor.GotoAsync(url);
                        Assert.Equal(200, response!.Status);
                        await Expect(visitor).ToHaveURLAsync(url);
                        await Expect(visitor.Locator("#verify-outcome")).ToHaveAttributeAsync("data-outcome", "Valid");
                        var facts = visitor.Locator("#verify-facts");
                        await Expect(facts).ToContainTextAsync(holder);
                        await Expect(facts).ToContainTextAsync(Community);
                        var shownNumber = CertificateNumber().Match(await facts.InnerTextAsync()).Value;
                        Assert.Contains(shownNumber, numbers);
                        await Expect(visitor.Locator("body")).Not.ToContainTextAsync("DNI");
                        await Expect(visitor.Locator("header nav a[data-nav='Nav.Rounds']")).ToHaveCountAsync(0);
                        await ExpectNoHorizontalScrollAsync(visitor);
                    }
                    catch (Exception)
                    {
                        await SaveScreenshotAsync(visitor, nameof(Officer_generates_a_communitys_certificate_pack_downloads_it_and_the_public_verifies_one_certificate) + "_public");
                        throw;
                    }
                }

                // Back on the round's documents: each Asillo winner now has its certificate number, the ones in the ZIP.
                await page.GotoAsync(documentsPath);
                await Expect(rows).ToHaveCountAsync(winners.Count);
                await Expect(rows.Locator("a.certificate-file")).ToHaveCountAsync(winners.Count);
                var listed = (await rows.Locator("a.certificate-file").AllInnerTextsAsync()).Select(n => n.Trim()).Order(StringComparer.Ordinal);
                Assert.Equal(numbers.Order(StringComparer.Ordinal), listed);
                await Expect(page.Locator("#packs tbody tr[data-state='Completed']", new() { HasText = Community })).ToHaveCountAsync(1);
            }
            finally
            {
                Directory.Delete(work, recursive: true);
            }
        }, Phone);

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}$")]
    private static partial Regex IsoDate();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();

    [GeneratedRegex(@"^Pages:\s+(\d+)", RegexOptions.Multiline)]
    private static partial Regex PagesLine();

    [GeneratedRegex(@"CER-\d{4}-\d{6}")]
    private static partial Regex CertificateNumber();
}
