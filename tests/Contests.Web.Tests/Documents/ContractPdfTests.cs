using System.Globalization;
using System.Text.RegularExpressions;
using Contests.Core.Documents;
using Contests.Web.Features.Documents;
using Contests.Web.Tests.Infrastructure.Pdf;

namespace Contests.Web.Tests.Documents;

/// <summary>
/// The donation contract as a PDF, without the web app: the default template filled for an organization with twelve
/// components (long names, so cells wrap and the table crosses a page), checked with qpdf, pdfinfo, pdftotext page by
/// page and zbarimg; every page kept as a PNG under the test output (<c>pdf-output/ContractPdfTests</c>).
/// </summary>
public sealed partial class ContractPdfTests
{
    private static readonly Lazy<Rendered> Sample = new(() =>
    {
        var pdf = ContractPdf.Render(ContractSamples.Contract());
        var pages = PdfTools.PageTexts(pdf);
        var output = PdfTools.OutputDirectory(nameof(ContractPdfTests));
        File.WriteAllBytes(Path.Combine(output, "contract.pdf"), pdf);
        for (var p = 1; p <= pages.Count; p++)
        {
            PdfTools.RenderPage(pdf, p, output, string.Create(CultureInfo.InvariantCulture, $"page-{p:00}"));
        }
        return new Rendered(pdf, pages);
    });

    private static byte[] Pdf => Sample.Value.Pdf;

    private static IReadOnlyList<string> Pages => Sample.Value.Pages;

    [Fact]
    public void Render_TwelveComponents_IsAValidA4DocumentOfFourOrMorePages()
    {
        var check = PdfTools.QpdfCheck(Pdf);
        Assert.True(check.ExitCode == 0, $"qpdf --check exit {check.ExitCode}: {check.Output}{check.Error}");
        var info = PdfTools.Info(Pdf);
        Assert.True(info.Pages >= 4, $"expected ≥ 4 pages, got {info.Pages}");
        Assert.Equal((595d, 842d), (info.Width, info.Height));
        Assert.Equal(info.Pages, Pages.Count);
    }

    [Fact]
    public void Render_EveryPage_HasItsFooter()
    {
        for (var p = 0; p < Pages.Count; p++)
        {
            var footer = string.Create(CultureInfo.InvariantCulture, $"Página {p + 1} de {Pages.Count}");
            Assert.Equal(footer, Lines(Pages[p])[^1]);
        }
    }

    [Fact]
    public void Render_ComponentsTable_RepeatsItsHeaderOnEveryPageItSpans()
    {
        var components = ContractSamples.Components;
        var pagesOfRows = components.Select(k => PageOf(FirstWords(k.Name))).ToList();
        var spanned = pagesOfRows.Append(PageOf("TOTAL")).Distinct().Order().ToList();

        Assert.True(spanned.Count >= 2, "the sample's components table should cross a page: pages " + string.Join(",", spanned.Select(p => p + 1)));
        Assert.Equal(pagesOfRows.Order(), pagesOfRows);
        foreach (var p in spanned)
        {
            var header = Lines(Pages[p]).Where(l => l.StartsWith(ContractPdf.ComponentHeader, StringComparison.Ordinal)).ToList();
            Assert.True(header.Count == 1, $"page {p + 1} should show the table's header once");
            foreach (var column in new[] { "Proyecto", "Organización", "Total", "% Proy.", "% Org." })
            {
                Assert.Contains(column, header[0], StringComparison.Ordinal);
            }
        }
    }

    [Fact]
    public void Render_ClauseTitles_AppearInOrder_AndNeverEndAPage()
    {
        var titles = ContractTemplate.DefaultClauses.Select(c => c.Title).ToList();
        Assert.Equal(11, titles.Count);
        Assert.StartsWith("PRIMERA", titles[0], StringComparison.Ordinal);
        Assert.StartsWith("UNDÉCIMA", titles[^1], StringComparison.Ordinal);

        var all = string.Join('\n', Pages.Select(Normalize));
        var last = -1;
        foreach (var title in titles)
        {
            var at = all.IndexOf(title, StringComparison.Ordinal);
            Assert.True(at > last, $"'{title}' is missing or out of order");
            Assert.Equal(-1, all.IndexOf(title, at + title.Length, StringComparison.Ordinal));
            last = at;
        }
        foreach (var page in Pages)
        {
            var body = Lines(page).Where(l => !l.StartsWith("Página ", StringComparison.Ordinal)).ToList();
            Assert.DoesNotContain(body[^1], titles);
        }
    }

    [Fact]
    public void Render_NamesDnisAmountsActaAndAccount_SurviveTextExtraction()
    {
        var text = string.Join(' ', Pages.Select(p => Normalize(string.Join(' ', Lines(p).Where(l => !l.StartsWith("Página ", StringComparison.Ordinal))))));

        foreach (var expected in new[]
        {
            "CONTRATO DE DONACIÓN CON CARGO", "N.° " + ContractSamples.Number,
            ContractSamples.Programme, ContractSamples.Office, ContractSamples.Organization,
            "Víctor Raúl Peña Gutiérrez", "identificado(a) con DNI N.° ________", "DNI N.° ________",
            "Eusebia Ñaupari Quispe", "DNI N.° 41234567", "Julián Ccahuana Huamán", "DNI N.° 42345678", "RUC N.° 20601234567",
            "S/ 12,500.00 (DOCE MIL QUINIENTOS Y 00/100 SOLES)", "S/ 3,125.00 (TRES MIL CIENTO VEINTICINCO Y 00/100 SOLES)",
            "S/ 15,625.00 (QUINCE MIL SEISCIENTOS VEINTICINCO Y 00/100 SOLES)", "equivalente al 80 % del costo total", "equivalente al 20 % del costo total",
            "Acta N.° 031-2026-CLAR-OL-CHUMBIVILCAS", "de fecha 20 de noviembre de 2026",
            "CCI N.° 00228500123456789012", "Caja Municipal de Ahorro y Crédito Cusco S.A.", "8,750.00", "3,750.00",
            "12,500.00 3,125.00 15,625.00 80 % 20 %",
            "Lugar y fecha: Santo Tomás, Chumbivilcas, 24 de noviembre de 2026.", "en Santo Tomás, Chumbivilcas, el 24 de noviembre de 2026.",
            "Jefe(a) de la Oficina Local", "Presidente(a) de la organización", "Tesorero(a) de la organización",
            "Código de los Niños y Adolescentes", "Señor de Ñahuinlla", "DONACIÓN", "Código de verificación: " + CertificatePdf.Grouped(ContractSamples.Code),
        })
        {
            Assert.Contains(expected, text, StringComparison.Ordinal);
        }
        Assert.DoesNotContain("{", text, StringComparison.Ordinal);
        Assert.DoesNotContain("}", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_Qr_DecodesToTheVerificationUrl()
    {
        var png = PdfTools.RenderPage(Pdf, 1, PdfTools.OutputDirectory(nameof(Render_Qr_DecodesToTheVerificationUrl)), "page-01");

        Assert.Equal([ContractSamples.VerifyUrl], PdfTools.DecodeQr(png));
        Assert.Contains(ContractSamples.VerifyUrl, Pages[0], StringComparison.Ordinal);
    }

    [Fact]
    public void Render_SameContract_GivesTheSameBytes() =>
        Assert.Equal(Pdf, ContractPdf.Render(ContractSamples.Contract()));

    [Fact]
    public void Render_TemplateWithoutCuartaOrSexta_PrintsTheTablesAsAnnexes()
    {
        var contract = ContractSamples.Contract() with
        {
            Clauses = [new ContractClause("ÚNICA — OBJETO", "El proyecto dona a la organización el monto del cuadro anexo.")],
        };

        var pdf = ContractPdf.Render(contract);

        Assert.Equal(0, PdfTools.QpdfCheck(pdf).ExitCode);
        var text = Normalize(PdfTools.Text(pdf));
        var components = text.IndexOf("ANEXO — CUADRO DE COMPONENTES", StringComparison.Ordinal);
        var tranches = text.IndexOf("ANEXO — DESEMBOLSOS", StringComparison.Ordinal);
        Assert.True(components > text.IndexOf("ÚNICA — OBJETO", StringComparison.Ordinal));
        Assert.True(tranches > components);
        Assert.True(text.IndexOf("Lugar y fecha:", StringComparison.Ordinal) > tranches);
    }

    [Theory]
    [InlineData(12500, "S/\u00A012,500.00")]
    [InlineData(0.5, "S/\u00A00.50")]
    public void Amount_KeepsTheSymbolWithTheNumber(decimal amount, string expected) => Assert.Equal(expected, ContractPdf.Amount(amount));

    [Theory]
    [InlineData(70, "70\u00A0%")]
    [InlineData(66.666, "66.67\u00A0%")]
    [InlineData(12.5, "12.5\u00A0%")]
    public void Percent_HasUpToTwoDecimals(decimal value, string expected) =>
        Assert.Equal(expected, ContractPdf.Percent(decimal.Round(value, 2)));

    [Fact]
    public void Share_OfAZeroWhole_IsZero() => Assert.Equal(0m, ContractPdf.Share(5, 0));

    /// <summary>The 0-based page whose text holds <paramref name="text"/> (exactly one).</summary>
    private static int PageOf(string text)
    {
        var found = Enumerable.Range(0, Pages.Count).Where(p => Normalize(Pages[p]).Contains(text, StringComparison.Ordinal)).ToList();
        Assert.True(found.Count == 1, $"'{text}' found on pages [{string.Join(",", found.Select(p => p + 1))}]");
        return found[0];
    }

    /// <summary>The first two words of a component's name: always on its first line in the table.</summary>
    private static string FirstWords(string name) => string.Join(' ', name.Split(' ').Take(2));

    private static List<string> Lines(string page) =>
        [.. page.Split('\n').Select(l => Normalize(l).Trim()).Where(l => l.Length > 0)];

    /// <summary>pdftotext -layout spreads justified words and prints no-break spaces: single plain spaces, lines kept.</summary>
    private static string Normalize(string text) => Spaces().Replace(text.Replace('\u00A0', ' '), " ");

    [GeneratedRegex(@"[ \t\u00A0]+")]
    private static partial Regex Spaces();

    private sealed record Rendered(byte[] Pdf, IReadOnlyList<string> Pages);
}
