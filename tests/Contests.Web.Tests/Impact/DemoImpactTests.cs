using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Contests.Web.Demo;
using Contests.Web.Infrastructure.Persistence;
using Contests.Web.Tests.Infrastructure;
using Contests.Web.Tests.Infrastructure.Pdf;
using Microsoft.EntityFrameworkCore;

namespace Contests.Web.Tests.Impact;

/// <summary>The demo's household survey: participants and non-participants at a baseline and a follow-up, with a known simulated effect.</summary>
public abstract partial class DemoImpactTests<TApp>(TApp app) : AppTest<TApp>(app) where TApp : ContestsApp
{
    [Fact]
    public async Task DemoSurvey_ShowsAnEstimateWhoseIntervalCoversTheSimulatedEffect_ReadInPlainWords_AndPrintedWithTheSameNumbers()
    {
        await App.ResetToDemoAsync();
        int survey;
        using (var read = App.Services.CreateScope())
        {
            survey = await read.ServiceProvider.GetRequiredService<ContestsDbContext>().Surveys.Where(s => s.Name == DemoImpact.SurveyName).Select(s => s.Id).SingleAsync();
        }
        using var monitoring = await App.SignedInClientAsync(TestUsers.Monitoring);

        var response = await monitoring.GetAsync($"/impact/estimate?Survey={survey}&Indicator=activos_valor&Theme=SoilAndWater&Rule=FirstEntry");

        var html = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, html);
        var tag = Regex.Match(html, "<section [^>]*id=\"estimate\"[^>]*>", RegexOptions.Singleline).Value;
        double Attr(string name) => double.Parse(Regex.Match(tag, $"{name}=\"([^\"]*)\"").Groups[1].Value, CultureInfo.InvariantCulture);
        var effect = (double)DemoImpact.AssetEffect;
        Assert.InRange(effect, Attr("data-ci-low"), Attr("data-ci-high"));
        Assert.InRange(Attr("data-estimate"), effect * 0.75, effect * 1.25);
        Assert.True(Attr("data-treated") >= 2 && Attr("data-comparison") >= 2 && Attr("data-clusters") >= 2);

        // In plain words, with the page's numbers: the simulated effect is far from zero, so the interval excludes it.
        var es = CultureInfo.GetCultureInfo("es-PE");
        var reading = Plain(html, "plain-effect");
        Assert.Contains(Attr("data-estimate").ToString("N2", es), reading, StringComparison.Ordinal);
        Assert.Contains($"de {Attr("data-ci-low").ToString("N2", es)} a {Attr("data-ci-high").ToString("N2", es)}", reading, StringComparison.Ordinal);
        Assert.Contains("intervalo de confianza al 95 %", reading, StringComparison.Ordinal);
        Assert.Matches("<div id=\"plain\" data-covers-zero=\"false\" data-matched=\"false\">", html);
        Assert.Matches("data-assumption=\"parallel-trends\"(?s).*data-assumption=\"no-spillover\"", html);
        Assert.DoesNotContain("data-assumption=\"matched-sample\"", html, StringComparison.Ordinal);

        // In English too.
        var english = await monitoring.GetPageAsync($"/impact/estimate?Survey={survey}&Indicator=activos_valor&Theme=SoilAndWater&culture=en&ui-culture=en");
        var en = CultureInfo.GetCultureInfo("en");
        var englishEffect = Plain(english, "plain-effect");
        Assert.Contains($"{Attr("data-ci-low").ToString("N2", en)} to {Attr("data-ci-high").ToString("N2", en)}", englishEffect, StringComparison.Ordinal);
        Assert.Contains("95 % confidence interval", englishEffect, StringComparison.Ordinal);
        Assert.Contains("distinguishable from zero", Plain(english, "plain-zero"), StringComparison.Ordinal);

        // The printable report of the same choices carries the estimate as the page shows it.
        var pdf = await monitoring.GetAsync($"/impact/estimate/pdf?Survey={survey}&Indicator=activos_valor&Theme=SoilAndWater&Rule=FirstEntry");
        Assert.Equal(HttpStatusCode.OK, pdf.StatusCode);
        Assert.Equal("application/pdf", pdf.Content.Headers.ContentType!.MediaType);
        var bytes = await pdf.Content.ReadAsByteArrayAsync();
        Assert.Equal("%PDF", System.Text.Encoding.ASCII.GetString(bytes, 0, 4));
        File.WriteAllBytes(Path.Combine(PdfTools.OutputDirectory(typeof(TApp).Name + "-impact"), "demo-estimate.pdf"), bytes);
        var text = PdfText(bytes);
        Assert.True(text.Contains(reading, StringComparison.Ordinal), $"The PDF does not read «{reading}»; its text: {text}");
        Assert.Contains(Plain(html, "plain-zero"), text, StringComparison.Ordinal);
        Assert.Contains(Attr("data-se").ToString("N2", es), text, StringComparison.Ordinal);
        Assert.Contains(DemoImpact.SurveyName, text, StringComparison.Ordinal);
    }

    /// <summary>A paragraph of the plain reading as a reader sees it (entities decoded, one space between words).</summary>
    private static string Plain(string html, string id)
    {
        var match = Regex.Match(html, $"<p id=\"{id}\">([^<]+)</p>");
        Assert.True(match.Success, $"The page has no #{id}.");
        return Spaces().Replace(WebUtility.HtmlDecode(match.Groups[1].Value), " ").Trim();
    }

    /// <summary>The PDF's text without the page numbers (a paragraph may run on over a page break), one space between words.</summary>
    internal static string PdfText(byte[] pdf) =>
        Spaces().Replace(string.Join(' ', PdfTools.PageTexts(pdf).Select(page => PageNumber().Replace(page, " "))), " ");

    [GeneratedRegex("\\s+")]
    private static partial Regex Spaces();

    [GeneratedRegex("^\\s*\\d+\\s*/\\s*\\d+\\s*$", RegexOptions.Multiline)]
    private static partial Regex PageNumber();
}

public sealed class DemoImpactTestsOnSqlite(SqliteApp app) : DemoImpactTests<SqliteApp>(app);

public sealed class DemoImpactTestsOnPostgres(PostgresApp app) : DemoImpactTests<PostgresApp>(app);
