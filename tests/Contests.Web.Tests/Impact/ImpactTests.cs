using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.RegularExpressions;
using Contests.Core.Impact;
using Contests.Web.Tests.Infrastructure;
using Contests.Web.Tests.Rounds;
using Microsoft.EntityFrameworkCore;

namespace Contests.Web.Tests.Impact;

/// <summary>
/// Household surveys and the difference-in-differences page (/impact): defining a survey and its waves, typing and
/// importing answers (all or nothing), and the estimate with its means, on both databases.
/// </summary>
public abstract partial class ImpactTests<TApp>(TApp app) : AppTest<TApp>(app) where TApp : ContestsApp
{
    private RoundData Rounds => new(App);

    /// <summary>
    /// Six registry households in three communities; Juana, María and Luis enter a soil-and-water round on 23/11/2026
    /// (the test clock), Pedro, Rosa and Ana never do. Returns the households by first name.
    /// </summary>
    private async Task<Dictionary<string, int>> WorldAsync()
    {
        var world = await Rounds.WorldAsync();
        var third = await Rounds.Registry.AddCommunityAsync("Tercera");
        var households = new Dictionary<string, int>
        {
            ["Juana"] = world.Juana, ["Pedro"] = world.Pedro, ["Maria"] = world.Maria,
            ["Rosa"] = await Rounds.Registry.AddHouseholdAsync(world.Ampay, "Rosa", "Layme Puma", "41222333", "F"),
            ["Luis"] = await Rounds.Registry.AddHouseholdAsync(third, "Luis", "Choque Ccori", "42333444"),
            ["Ana"] = await Rounds.Registry.AddHouseholdAsync(third, "Ana", "Puma Quispe", "43444555", "F"),
        };
        var round = await Rounds.RoundAsync(world);
        foreach (var name in new[] { "Juana", "Maria", "Luis" })
        {
            await Rounds.EnterHouseholdAsync(round, households[name]);
        }
        return households;
    }

    private static async Task<int> SurveyAsync(AppClient client)
    {
        var created = await client.PostFormAsync("/impact", "/impact/surveys", ("Form.Name", "Encuesta de hogares 2026"),
            ("Form.Indicators[0].Code", "activos"), ("Form.Indicators[0].Name", "Valor de activos productivos"),
            ("Form.Indicators[1].Code", "ventas"), ("Form.Indicators[1].Name", "Ventas mensuales"));
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var id = int.Parse(SurveyId().Match(created.Headers.Location!.OriginalString).Groups[1].Value, CultureInfo.InvariantCulture);
        foreach (var (name, date) in new[] { ("Línea de base", "2026-03-01"), ("Seguimiento 1", "01/12/2026") })
        {
            var wave = await client.PostFormAsync($"/impact/surveys/{id}", $"/impact/surveys/{id}/waves", ("Wave.Name", name), ("Wave.Date", date));
            Assert.Equal(HttpStatusCode.Redirect, wave.StatusCode);
        }
        return id;
    }

    private static async Task<HttpResponseMessage> UploadAsync(AppClient client, int survey, string csv, string fileName = "kobo.csv")
    {
        var page = await client.GetPageAsync($"/impact/surveys/{survey}");
        var form = Regex.Match(page, $"<form[^>]*action=\"/impact/surveys/{survey}/import\"[^>]*>(.*?)</form>", RegexOptions.Singleline);
        Assert.True(form.Success, "The page has no upload form.");
        using var content = new MultipartFormDataContent();
        content.Add(new StringContent(AppClient.Token(form.Groups[1].Value)), "__RequestVerificationToken");
        var file = new ByteArrayContent(Encoding.UTF8.GetBytes(csv));
        file.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        content.Add(file, "file", fileName);
        return await client.Http.PostAsync(new Uri($"/impact/surveys/{survey}/import", UriKind.Relative), content);
    }

    /// <summary>Kobo's layout: a group prefix on the indicators, its own _uuid and start columns; Ana by her household number.</summary>
    private static string GoodCsv(int ana) => string.Join("\r\n",
        "start,dni,hogar,ola,grupo_hogar/activos,grupo_hogar/ventas,_uuid",
        "2026-03-01T08:00,01234567,,Línea de base,1000,200,u1",
        "2026-12-01T08:00,01234567,,Seguimiento 1,1600,260,u2",
        ",40999888,,línea de base,1200,150,u3",
        ",40999888,,2026-12-01,2000,300,u4",
        ",42333444,,Línea de base,800,50,u5",
        ",42333444,,Seguimiento 1,1300,,u6",
        ",40111222,,Línea de base,900,100,u7",
        ",40111222,,Seguimiento 1,1000,110,u8",
        ",41222333,,Línea de base,1100,120,u9",
        ",41222333,,Seguimiento 1,\"1150,00\",130,u10",
        $",,{ana},Línea de base,700,90,u11",
        $",,{ana},Seguimiento 1,790,95,u12") + "\r\n";

    private Task<(int Answers, int Imports)> CountsAsync() =>
        Rounds.Registry.ReadAsync(async db => (await db.SurveyAnswers.CountAsync(), await db.Imports.CountAsync()));

    private static Dictionary<string, string> Data(string html, string id)
    {
        var tag = Regex.Match(html, $"<[a-z]+ [^>]*id=\"{id}\"[^>]*>", RegexOptions.Singleline);
        Assert.True(tag.Success, $"The page has no #{id}.");
        return DataAttribute().Matches(tag.Value).ToDictionary(m => m.Groups[1].Value, m => m.Groups[2].Value);
    }

    [Fact]
    public async Task Survey_WavesAndImportedAnswers_GiveTheDifferenceOfTheFourMeans_WithItsClusteredError()
    {
        var households = await WorldAsync();
        using var monitoring = await App.SignedInClientAsync(TestUsers.Monitoring);
        var survey = await SurveyAsync(monitoring);

        var imported = await UploadAsync(monitoring, survey, GoodCsv(households["Ana"]));

        var importHtml = await imported.Content.ReadAsStringAsync();
        Assert.True(imported.StatusCode == HttpStatusCode.OK, importHtml);
        Assert.Equal("12", Data(importHtml, "import-done")["data-rows"]);
        Assert.Equal((23, 1), await CountsAsync()); // Luis answered no sales at the follow-up
        Assert.Equal(23, await Rounds.Registry.ReadAsync(db => db.SurveyAnswers.CountAsync(a => a.ImportId != null)));
        Assert.True(await Rounds.Registry.ReadAsync(db => db.AuditRecords.CountAsync(a => a.EntityType == nameof(SurveyAnswer))) >= 23);

        var response = await monitoring.GetAsync($"/impact/estimate?Survey={survey}&Indicator=activos&Theme=SoilAndWater&Rule=FirstEntry");

        var html = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var estimate = Data(html, "estimate");
        // Treated (Juana, María, Luis): 1000 → 1633.33; comparison (Pedro, Rosa, Ana): 900 → 980.
        var expected = ((1600.0 + 2000 + 1300) / 3 - (1000.0 + 1200 + 800) / 3) - ((1000.0 + 1150 + 790) / 3 - (900.0 + 1100 + 700) / 3);
        Assert.Equal(expected, double.Parse(estimate["data-estimate"], CultureInfo.InvariantCulture), 6);
        Assert.Equal("TwoByTwo", estimate["data-form"]);
        Assert.Equal(("6", "3", "3", "3"), (estimate["data-households"], estimate["data-treated"], estimate["data-comparison"], estimate["data-clusters"]));
        var se = double.Parse(estimate["data-se"], CultureInfo.InvariantCulture);
        Assert.True(se > 0 && double.IsFinite(se));
        Assert.True(double.Parse(estimate["data-ci-low"], CultureInfo.InvariantCulture) < expected
                    && expected < double.Parse(estimate["data-ci-high"], CultureInfo.InvariantCulture));
        Assert.Contains("id=\"few-clusters\"", html, StringComparison.Ordinal);
        Assert.Matches("(?s)data-group=\"treated\".*?data-wave=\"0\" data-mean=\"1000\"", html);
        Assert.Matches("(?s)data-group=\"comparison\".*?data-wave=\"1\" data-mean=\"980\"", html);

        // Sales: Luis answered them at the baseline only, so he is dropped from that panel and counted.
        var sales = Data(await monitoring.GetPageAsync($"/impact/estimate?Survey={survey}&Indicator=ventas&Theme=SoilAndWater"), "estimate");
        Assert.Equal(("5", "1"), (sales["data-households"], sales["data-dropped"]));
    }

    [Fact]
    public async Task Survey_WithBadIndicators_SavesNothing_AndKeepsWhatWasTyped()
    {
        using var officer = await App.SignedInClientAsync(TestUsers.Officer);

        var response = await officer.PostFormAsync("/impact", "/impact/surveys", ("Form.Name", "Encuesta"),
            ("Form.Indicators[0].Code", "activos"), ("Form.Indicators[0].Name", "Activos"),
            ("Form.Indicators[1].Code", "Activos"), ("Form.Indicators[1].Name", "Otra vez"),
            ("Form.Indicators[2].Code", "2ventas"), ("Form.Indicators[2].Name", "Ventas"));

        var html = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Contains("activos", HtmlPage.ErrorOf(html, "Form.Indicators[1].Code"), StringComparison.Ordinal);
        Assert.Contains("minúscula", HtmlPage.ErrorOf(html, "Form.Indicators[2].Code"), StringComparison.Ordinal);
        Assert.Equal("2ventas", HtmlPage.InputValue(html, "Form.Indicators[2].Code"));
        Assert.Equal("Encuesta", HtmlPage.InputValue(html, "Form.Name"));
        Assert.Equal(0, await Rounds.Registry.CountAsync<Survey>());
    }

    [Fact]
    public async Task Wave_OnADateTheSurveyAlreadyHas_IsRefusedOnItsField()
    {
        using var officer = await App.SignedInClientAsync(TestUsers.Officer);
        var survey = await SurveyAsync(officer);

        var response = await officer.PostFormAsync($"/impact/surveys/{survey}", $"/impact/surveys/{survey}/waves", ("Wave.Name", "Otra"), ("Wave.Date", "01/03/2026"));
        var bad = await officer.PostFormAsync($"/impact/surveys/{survey}", $"/impact/surveys/{survey}/waves", ("Wave.Name", "Otra"), ("Wave.Date", "31/02/2026"));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.False(string.IsNullOrEmpty(HtmlPage.ErrorOf(await response.Content.ReadAsStringAsync(), "Wave.Date")));
        var badHtml = await bad.Content.ReadAsStringAsync();
        Assert.Contains("31/02/2026", HtmlPage.ErrorOf(badHtml, "Wave.Date"), StringComparison.Ordinal);
        Assert.Equal("Otra", HtmlPage.InputValue(badHtml, "Wave.Name"));
        Assert.Equal(2, await Rounds.Registry.CountAsync<SurveyWave>());
    }

    [Fact]
    public async Task Import_WithRowProblems_WritesNothing_ListsEachRowsProblem_AndKeepsTheFileName()
    {
        var households = await WorldAsync();
        using var officer = await App.SignedInClientAsync(TestUsers.Officer);
        var survey = await SurveyAsync(officer);
        var csv = string.Join("\r\n",
            "dni,hogar,ola,activos,ventas",
            "01234567,,Línea de base,1000,200",
            "99999999,,Línea de base,1000,200",
            "40999888,,Tercera ola,1200,150",
            "40111222,,Línea de base,\"1.234,50\",100",
            "01234567,,Línea de base,1000,200",
            $",{households["Ana"]},Seguimiento 1,,") + "\r\n";

        var response = await UploadAsync(officer, survey, csv, "ronda-marzo.csv");

        var html = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var problems = Problem().Matches(html).Select(m => (int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture), WebUtility.HtmlDecode(m.Groups[2].Value))).ToList();
        Assert.Equal([(3, "dni"), (4, "ola"), (5, "activos"), (6, "dni"), (7, "activos")], problems);
        Assert.Equal("ronda-marzo.csv", Data(html, "report")["data-file"]);
        Assert.Contains("ronda-marzo.csv", Regex.Match(html, "id=\"chosen-file\">([^<]*)<").Groups[1].Value, StringComparison.Ordinal);
        Assert.Equal((0, 0), await CountsAsync());
    }

    [Fact]
    public async Task Import_OfAHouseholdAlreadyAnsweredInThatWave_WritesNothing()
    {
        await WorldAsync();
        using var officer = await App.SignedInClientAsync(TestUsers.Officer);
        var survey = await SurveyAsync(officer);
        const string Csv = "dni,ola,activos\r\n01234567,Línea de base,1000\r\n";
        Assert.Equal(HttpStatusCode.OK, (await UploadAsync(officer, survey, Csv)).StatusCode);

        var again = await UploadAsync(officer, survey, Csv + "40111222,Línea de base,900\r\n");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, again.StatusCode);
        Assert.Equal([(2, "ola")], Problem().Matches(await again.Content.ReadAsStringAsync())
            .Select(m => (int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture), m.Groups[2].Value)));
        Assert.Equal((1, 1), await CountsAsync());
    }

    [Fact]
    public async Task Answers_TypedByDni_AreSavedThenCorrected_AndABadValueSavesNothing()
    {
        await WorldAsync();
        using var officer = await App.SignedInClientAsync(TestUsers.Officer);
        var survey = await SurveyAsync(officer);
        var wave = await Rounds.Registry.ReadAsync(db => db.SurveyWaves.Where(w => w.SurveyId == survey).OrderBy(w => w.Date).Select(w => w.Id).FirstAsync());
        var page = $"/impact/surveys/{survey}";
        var action = $"/impact/surveys/{survey}/answers";
        string w = wave.ToString(CultureInfo.InvariantCulture);

        var saved = await officer.PostFormAsync(page, action, ("Answer.Wave", w), ("Answer.Household", "40111222"), ("Answer.Values[activos]", "1250,5"));
        var corrected = await officer.PostFormAsync(page, action, ("Answer.Wave", w), ("Answer.Household", "40111222"), ("Answer.Values[activos]", "1300"),
            ("Answer.Values[ventas]", "80"));
        var bad = await officer.PostFormAsync(page, action, ("Answer.Wave", w), ("Answer.Household", "40111222"), ("Answer.Values[activos]", "1.234,50"),
            ("Answer.Values[ventas]", "99"));
        var unknown = await officer.PostFormAsync(page, action, ("Answer.Wave", w), ("Answer.Household", "88888888"), ("Answer.Values[activos]", "5"));

        Assert.Equal((HttpStatusCode.Redirect, HttpStatusCode.Redirect), (saved.StatusCode, corrected.StatusCode));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, bad.StatusCode);
        var badHtml = await bad.Content.ReadAsStringAsync();
        Assert.Contains("1.234,50", HtmlPage.ErrorOf(badHtml, "Answer.Values[activos]"), StringComparison.Ordinal);
        Assert.Equal("99", HtmlPage.InputValue(badHtml, "Answer.Values[ventas]"));
        Assert.Contains("88888888", HtmlPage.ErrorOf(await unknown.Content.ReadAsStringAsync(), "Answer.Household"), StringComparison.Ordinal);
        var values = await Rounds.Registry.ReadAsync(db => db.SurveyAnswers.OrderBy(a => a.IndicatorId).Select(a => a.Value).ToListAsync());
        Assert.Equal([1300m, 80m], values);
    }

    /// <summary>The survey page's link names only the survey: the form opens with it chosen, no error, not a 400.</summary>
    [Fact]
    public async Task Estimate_TheSurveyAlone_OpensTheFormWithItChosen_NoError()
    {
        await WorldAsync();
        using var officer = await App.SignedInClientAsync(TestUsers.Officer);
        var survey = await SurveyAsync(officer);

        var response = await officer.GetAsync($"/impact/estimate?survey={survey}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Matches($"<option value=\"{survey}\" selected=\"selected\">", html);
        Assert.True(string.IsNullOrEmpty(HtmlPage.ErrorOf(html, "Indicator")));
        Assert.True(string.IsNullOrEmpty(HtmlPage.ErrorOf(html, "Theme")));
        Assert.DoesNotContain("id=\"estimate\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Estimate_BadChoicesAre400OnTheirFields_AndTooFewHouseholdsIsARefusalWithItsCode()
    {
        var households = await WorldAsync();
        using var officer = await App.SignedInClientAsync(TestUsers.Officer);
        var survey = await SurveyAsync(officer);
        Assert.Equal(HttpStatusCode.OK, (await UploadAsync(officer, survey, GoodCsv(households["Ana"]))).StatusCode);

        var bad = await officer.GetAsync($"/impact/estimate?Survey={survey}&Indicator=nada&Theme=Volcanes&Rule=Siempre");
        var badHtml = await bad.Content.ReadAsStringAsync();
        // Nobody won a prize: by the first-award rule nobody is treated.
        var refused = await officer.GetAsync($"/impact/estimate?Survey={survey}&Indicator=activos&Theme=SoilAndWater&Rule=FirstAward");
        // Rounds of another theme: nobody is treated either.
        var otherTheme = await (await officer.GetAsync($"/impact/estimate?Survey={survey}&Indicator=activos&Theme=Forestry")).Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.False(string.IsNullOrEmpty(HtmlPage.ErrorOf(badHtml, "Indicator")));
        Assert.False(string.IsNullOrEmpty(HtmlPage.ErrorOf(badHtml, "Theme")));
        Assert.False(string.IsNullOrEmpty(HtmlPage.ErrorOf(badHtml, "Rule")));
        Assert.DoesNotContain("id=\"estimate\"", badHtml, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        Assert.Contains("data-refusal=\"Impact.TooFewTreated\"", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Contains("data-refusal=\"Impact.TooFewTreated\"", otherTheme, StringComparison.Ordinal);

        // The PDF of the same choices answers as the page does: the message on the field, the refusal with its code.
        var badPdf = await officer.GetAsync($"/impact/estimate/pdf?Survey={survey}&Indicator=nada&Theme=SoilAndWater");
        var refusedPdf = await officer.GetAsync($"/impact/estimate/pdf?Survey={survey}&Indicator=activos&Theme=SoilAndWater&Rule=FirstAward");
        Assert.Equal(HttpStatusCode.BadRequest, badPdf.StatusCode);
        Assert.False(string.IsNullOrEmpty(HtmlPage.ErrorOf(await badPdf.Content.ReadAsStringAsync(), "Indicator")));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refusedPdf.StatusCode);
        Assert.Contains("data-refusal=\"Impact.TooFewTreated\"", await refusedPdf.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    /// <summary>
    /// The chart of the means (treated 1000 → 1633.33, comparison 900 → 980): an accessible SVG that scales, one point per
    /// group and wave carrying the table's mean, each wave at one x, later waves to the right, and a higher mean always drawn
    /// higher (a smaller y).
    /// </summary>
    [Fact]
    public async Task Estimate_ChartHasAPointPerGroupAndWave_WhereAHigherMeanIsDrawnHigher()
    {
        var households = await WorldAsync();
        using var monitoring = await App.SignedInClientAsync(TestUsers.Monitoring);
        var survey = await SurveyAsync(monitoring);
        Assert.Equal(HttpStatusCode.OK, (await UploadAsync(monitoring, survey, GoodCsv(households["Ana"]))).StatusCode);

        var html = await monitoring.GetPageAsync($"/impact/estimate?Survey={survey}&Indicator=activos&Theme=SoilAndWater");

        var svg = Regex.Match(html, "<svg [^>]*id=\"means-chart\"[^>]*>(.*?)</svg>", RegexOptions.Singleline);
        Assert.True(svg.Success, "The page has no chart of the means.");
        var open = svg.Value[..svg.Value.IndexOf('>', StringComparison.Ordinal)];
        Assert.Contains("role=\"img\"", open, StringComparison.Ordinal);
        Assert.Contains("viewBox=\"0 0 ", open, StringComparison.Ordinal);
        Assert.Contains("width=\"100%\"", open, StringComparison.Ordinal);
        Assert.Matches("<title id=\"means-chart-title\">[^<]*Valor de activos productivos", svg.Value);
        Assert.Matches("<desc id=\"means-chart-desc\">[^<]+</desc>", svg.Value);
        var points = Point().Matches(svg.Groups[1].Value).Select(m => (Group: m.Groups[3].Value, Wave: int.Parse(m.Groups[4].Value, CultureInfo.InvariantCulture),
            Mean: Parse(m.Groups[5].Value), X: Parse(m.Groups[1].Value), Y: Parse(m.Groups[2].Value))).ToList();
        Assert.Equal(4, points.Count);
        Assert.Equal(["comparison/0", "comparison/1", "treated/0", "treated/1"], points.Select(p => $"{p.Group}/{p.Wave}").Order());
        foreach (var p in points)
        {
            Assert.Matches($"(?s)data-group=\"{p.Group}\".*?data-wave=\"{p.Wave}\" data-mean=\"{p.Mean.ToString("R", CultureInfo.InvariantCulture)}\"",
                Regex.Match(html, "<table class=\"list\" id=\"means\">.*?</table>", RegexOptions.Singleline).Value);
        }
        Assert.Equal(1633.333333, points.Single(p => p is { Group: "treated", Wave: 1 }).Mean, 5);
        foreach (var p in points)
        {
            foreach (var q in points.Where(q => q.Mean > p.Mean))
            {
                Assert.True(q.Y < p.Y, $"{q.Group}/{q.Wave} ({q.Mean}) is drawn at y {q.Y}, not above {p.Group}/{p.Wave} ({p.Mean}) at y {p.Y}");
            }
            Assert.Equal(points.Where(q => q.Wave == p.Wave).Select(q => q.X).Distinct(), [p.X]);
        }
        Assert.True(points.First(p => p.Wave == 1).X > points.First(p => p.Wave == 0).X);
    }

    /// <summary>
    /// Matched on woman-headed: the page's plain reading speaks for the matched sample, and the PDF of the same choices
    /// carries the matched estimate, its interval, the balance table's trait and the reading's words.
    /// </summary>
    [Fact]
    public async Task EstimatePdf_Matched_CarriesTheMatchedEstimate_TheBalance_AndThePlainReading()
    {
        var households = await WorldAsync();
        using var monitoring = await App.SignedInClientAsync(TestUsers.Monitoring);
        var survey = await SurveyAsync(monitoring);
        Assert.Equal(HttpStatusCode.OK, (await UploadAsync(monitoring, survey, GoodCsv(households["Ana"]))).StatusCode);
        var query = $"?Survey={survey}&Indicator=activos&Theme=SoilAndWater&Match=WomanHeaded";

        var html = await monitoring.GetPageAsync("/impact/estimate" + query);
        var response = await monitoring.GetAsync("/impact/estimate/pdf" + query);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/pdf", response.Content.Headers.ContentType!.MediaType);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal("%PDF", Encoding.ASCII.GetString(bytes, 0, 4));
        var text = DemoImpactTests<TApp>.PdfText(bytes);
        var matched = Data(html, "matched-estimate");
        var es = CultureInfo.GetCultureInfo("es-PE");
        string Shown(string attribute) => Parse(matched[attribute]).ToString("N2", es);
        Assert.Equal("true", Data(html, "plain")["data-matched"]);
        Assert.Contains("data-assumption=\"matched-sample\"", html, StringComparison.Ordinal);
        var effect = Plain(html, "plain-effect");
        Assert.Contains(Shown("data-estimate"), effect, StringComparison.Ordinal);
        Assert.Contains($"de {Shown("data-ci-low")} a {Shown("data-ci-high")}", effect, StringComparison.Ordinal);
        // The PDF says what the page says, numbers and all.
        Assert.Contains(effect, text, StringComparison.Ordinal);
        Assert.Contains(Plain(html, "plain-sample"), text, StringComparison.Ordinal);
        Assert.Contains(Shown("data-se"), text, StringComparison.Ordinal);
        Assert.Contains("Hogar con jefa mujer", text, StringComparison.Ordinal); // the balance table's trait
    }

    /// <summary>A paragraph of the plain reading as a reader sees it (entities decoded, one space between words).</summary>
    private static string Plain(string html, string id)
    {
        var match = Regex.Match(html, $"<p id=\"{id}\">([^<]+)</p>");
        Assert.True(match.Success, $"The page has no #{id}.");
        return Regex.Replace(WebUtility.HtmlDecode(match.Groups[1].Value), "\\s+", " ").Trim();
    }

    /// <summary>
    /// Matched on woman-headed (two women and a man in each group): every treated household finds its twin, so the matched
    /// estimate is the whole sample's; the splits give the women's own estimate and say why the men's cannot be made; with
    /// one wave before treatment the placebo says why it cannot run.
    /// </summary>
    [Fact]
    public async Task Estimate_MatchedOnWomanHeaded_ShowsPairsBalanceSplits_AndWhyNoPlacebo()
    {
        var households = await WorldAsync();
        using var monitoring = await App.SignedInClientAsync(TestUsers.Monitoring);
        var survey = await SurveyAsync(monitoring);
        Assert.Equal(HttpStatusCode.OK, (await UploadAsync(monitoring, survey, GoodCsv(households["Ana"]))).StatusCode);

        var response = await monitoring.GetAsync($"/impact/estimate?Survey={survey}&Indicator=activos&Theme=SoilAndWater&Match=WomanHeaded");

        var html = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, html);
        var matching = Data(html, "matching");
        Assert.Equal(("3", "0", "0", "0"), (matching["data-pairs"], matching["data-treated-off-support"], matching["data-comparison-off-support"],
            matching["data-without-match"]));
        Assert.Equal(Data(html, "estimate")["data-estimate"], Data(html, "matched-estimate")["data-estimate"]);
        Assert.Matches("data-covariate=\"WomanHeaded\" data-smd-before=\"0\" data-smd-after=\"0\"", html);
        // Women: Juana +600 and María +800 against Rosa +50 and Ana +90.
        var women = Regex.Match(html, "<tr data-split=\"HeadSex\" data-group=\"Female\" data-treated=\"2\" data-comparison=\"2\"\\s+data-estimate=\"([^\"]+)\"");
        Assert.True(women.Success, "No estimate for women-headed households.");
        Assert.Equal(630, double.Parse(women.Groups[1].Value, CultureInfo.InvariantCulture), 8);
        Assert.Matches("<tr data-split=\"HeadSex\" data-group=\"Male\" data-treated=\"1\" data-comparison=\"1\"[^>]*data-refusal=\"Impact.TooFewTreated\"", html);
        var placebo = Data(html, "placebo");
        Assert.Equal(("1", "Impact.PlaceboTooFewPreWaves"), (placebo["data-pre-waves"], placebo["data-refusal"]));
        Assert.Contains($"/impact/estimate/data?Survey={survey}&amp;Indicator=activos", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Estimate_MatchingOnATraitNobodyDiffersIn_IsARefusal_AndAnUnknownTraitIs400OnItsField()
    {
        var households = await WorldAsync();
        using var officer = await App.SignedInClientAsync(TestUsers.Officer);
        var survey = await SurveyAsync(officer);
        Assert.Equal(HttpStatusCode.OK, (await UploadAsync(officer, survey, GoodCsv(households["Ana"]))).StatusCode);

        // Every head was born in 1978: age does not vary, there is nothing to match on.
        var refused = await officer.GetAsync($"/impact/estimate?Survey={survey}&Indicator=activos&Theme=SoilAndWater&Match=HeadAge");
        var bad = await officer.GetAsync($"/impact/estimate?Survey={survey}&Indicator=activos&Theme=SoilAndWater&Match=Estatura");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        Assert.Contains("data-refusal=\"Impact.MatchingNoCovariates\"", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var badHtml = await bad.Content.ReadAsStringAsync();
        Assert.False(string.IsNullOrEmpty(HtmlPage.ErrorOf(badHtml, "Match")));
        Assert.Matches("<option value=\"activos\" selected=\"selected\">", badHtml);
        Assert.DoesNotContain("id=\"estimate\"", badHtml, StringComparison.Ordinal);
    }

    /// <summary>The analysis data set: a row per household and wave answered, from which the four means give the page's estimate.</summary>
    [Fact]
    public async Task AnalysisData_IsACsvRowPerHouseholdAndWave_ThatReproducesTheEstimate_AndBadChoicesAre400()
    {
        var households = await WorldAsync();
        using var monitoring = await App.SignedInClientAsync(TestUsers.Monitoring);
        var survey = await SurveyAsync(monitoring);
        Assert.Equal(HttpStatusCode.OK, (await UploadAsync(monitoring, survey, GoodCsv(households["Ana"]))).StatusCode);
        var query = $"?Survey={survey}&Indicator=ventas&Theme=SoilAndWater";

        var response = await monitoring.GetAsync("/impact/estimate/data" + query);
        var bad = await monitoring.GetAsync($"/impact/estimate/data?Survey={survey}&Indicator=nada&Theme=SoilAndWater");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType!.MediaType);
        var lines = (await response.Content.ReadAsStringAsync()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        var header = lines[0].Split(',');
        var rows = lines.Skip(1).Select(l => header.Zip(l.Split(',')).ToDictionary(p => p.First, p => p.Second)).ToList();
        Assert.Equal(11, rows.Count); // Luis answered no sales at the follow-up: one row, and out of the panel
        Assert.All(rows.Where(r => r["household"] == households["Luis"].ToString(CultureInfo.InvariantCulture)), r => Assert.Equal("0", r["in_panel"]));
        var panel = rows.Where(r => r["in_panel"] == "1").ToList();
        double Mean(string group, string wave) => panel.Where(r => r["group"] == group && r["wave"] == wave)
            .Average(r => double.Parse(r["outcome"], CultureInfo.InvariantCulture));
        var fromCsv = (Mean("treated", "1") - Mean("treated", "0")) - (Mean("comparison", "1") - Mean("comparison", "0"));
        var page = Data(await monitoring.GetPageAsync("/impact/estimate" + query), "estimate");
        Assert.Equal(double.Parse(page["data-estimate"], CultureInfo.InvariantCulture), fromCsv, 8);
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.False(string.IsNullOrEmpty(HtmlPage.ErrorOf(await bad.Content.ReadAsStringAsync(), "Indicator")));
    }

    private static double Parse(string value) => double.Parse(value, CultureInfo.InvariantCulture);

    [GeneratedRegex("<circle cx=\"([^\"]+)\" cy=\"([^\"]+)\"[^>]*data-group=\"([a-z]+)\" data-wave=\"(\\d+)\" data-mean=\"([^\"]+)\"")]
    private static partial Regex Point();

    [GeneratedRegex("^/impact/surveys/(\\d+)$")]
    private static partial Regex SurveyId();

    [GeneratedRegex("(data-[a-z-]+)=\"([^\"]*)\"")]
    private static partial Regex DataAttribute();

    [GeneratedRegex("<tr data-row=\"(\\d+)\" data-column=\"([^\"]*)\">")]
    private static partial Regex Problem();
}

public sealed class ImpactTestsOnSqlite(SqliteApp app) : ImpactTests<SqliteApp>(app);

public sealed class ImpactTestsOnPostgres(PostgresApp app) : ImpactTests<PostgresApp>(app);
