using System.Globalization;
using System.Net;
using Contests.Core.Common;
using Contests.Core.Programmes;
using Contests.Core.Rounds;
using Contests.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static Contests.Web.Tests.Rounds.RoundPages;

namespace Contests.Web.Tests.Rounds;

/// <summary>Setting up a round: its data, its rules (versioned once open) and moving it between phases.</summary>
public abstract class RoundScreensTests<TApp>(TApp app) : AppTest<TApp>(app) where TApp : ContestsApp
{
    private RoundData Data => new(App);

    /// <summary>A UTC time as the pages show it (Lima, es-PE).</summary>
    private static string Lima(DateTime utc) => LimaTime.FromUtc(utc).ToString("g", CultureInfo.GetCultureInfo("es-PE"));

    private static (string, string)[] Setup(RoundWorld world, string name = "Concurso interfamiliar Ccollpa 2026") =>
    [
        ("Name", name), ("LocalOfficeId", Id(world.OfficeId)), ("Level", "Households"), ("PoolBy", "Community"),
        ("Themes", "SoilAndWater"), ("Themes", "Terraces"), ("Districts", "030101"), ("Communities", Id(world.Ampay)), ("Categories", ""),
    ];

    [Fact]
    public async Task Create_ValidRound_GoesOnToItsRules_AndIsSavedAsADraft()
    {
        var world = await Data.WorldAsync();
        using var officer = await App.SignedInClientAsync(TestUsers.Officer);

        var response = await officer.PostFormAsync("/rounds/new", Setup(world));

        var round = await Data.Registry.ReadAsync(db => db.Rounds.AsNoTracking().SingleAsync());
        await RedirectsToAsync(response, $"/rounds/{round.Id}/rules/edit");
        var rules = await officer.GetPageAsync(response.Headers.Location!.OriginalString);
        Assert.Equal("Concurso «Concurso interfamiliar Ccollpa 2026» creado. Ahora escriba sus bases: ficha de calificación, premios y presupuesto.", Flash(rules));
        Assert.Equal(("Concurso interfamiliar Ccollpa 2026", RoundPhase.Draft, RoundLevel.Households, PoolBy.Community, world.OfficeId),
            (round.Name, round.Phase, round.Level, round.PoolBy, round.LocalOfficeId));
        Assert.Equal([Theme.SoilAndWater, Theme.Terraces], round.Themes.Select(t => t.Theme).Order());
        Assert.Equal(["030101"], round.Scope.Districts);
        Assert.Equal([world.Ampay], round.Scope.Communities);
        Assert.Null(round.CurrentRules);
        Assert.Equal(await Data.UserIdAsync(), round.CreatedByUserId);
        var list = HtmlPage.Text(await officer.GetPageAsync("/rounds"));
        Assert.Contains($"Concurso interfamiliar Ccollpa 2026 Familias {RoundData.OfficeName} Borrador 0 —", list);
    }

    [Fact]
    public async Task Create_WithoutName_SaysSoNextToTheName_SavesNothing_KeepsWhatWasTyped()
    {
        var world = await Data.WorldAsync();
        using var officer = await App.SignedInClientAsync(TestUsers.Officer);

        var response = await officer.PostFormAsync("/rounds/new", With(Setup(world), ("Name", "  ")));

        var html = await HtmlAsync(response, HttpStatusCode.OK);
        Assert.Equal("Complete el campo «Nombre».", HtmlPage.ErrorOf(html, "Name"));
        Assert.Equal(["SoilAndWater", "Terraces"], CheckedValues(html, "Themes"));
        Assert.Equal("Community", HtmlPage.CheckedValue(html, "PoolBy"));
        Assert.Equal("Households", HtmlPage.CheckedValue(html, "Level"));
        Assert.Equal(["030101"], CheckedValues(html, "Districts"));
        Assert.Equal([Id(world.Ampay)], CheckedValues(html, "Communities"));
        Assert.Contains($"<option value=\"{world.OfficeId}\" selected=\"selected\">", html);
        Assert.Equal(0, await Data.Registry.CountAsync<ContestRound>());
    }

    [Fact]
    public async Task Form_WithNoPlaceTicked_SaysPlainlyTheRoundCoversEverywhere_AndTheListsAreDisclosures()
    {
        var world = await Data.WorldAsync();
        using var officer = await App.SignedInClientAsync(TestUsers.Officer);

        var empty = await officer.GetPageAsync("/rounds/new");
        var refused = await HtmlAsync(await officer.PostFormAsync("/rounds/new", With(Setup(world), ("Name", ""))), HttpStatusCode.OK);

        Assert.StartsWith("Sin distritos, comunidades ni microcuencas marcados: el concurso vale en todo el ámbito del programa.",
            HtmlPage.SectionText(empty, "<p class=\"scope-everywhere\" id=\"scope-everywhere\" data-scope=\"everywhere\">", "</p>"));
        Assert.Contains("<summary data-count=\"0\">Solo para estos distritos (0) <span class=\"muted\">— tocar para elegir</span></summary>", empty);
        Assert.DoesNotContain("scope-everywhere", refused); // a district and a community are ticked
        Assert.Contains("<summary data-count=\"1\">Solo para estos distritos (1)", refused);
        // The stylesheet gives every disclosure a visible marker that turns when open.
        var css = await officer.GetPageAsync("/css/site.css");
        Assert.Contains("details > summary::before { content: \"\";", css);
        Assert.Contains("details[open] > summary::before { transform: rotate(90deg); }", css);
    }

    [Fact]
    public async Task Dashboard_BeforeAnySession_DoesNotTickTheSession_DrawsIconsNotEmoji_ColoursThePhase_AndSaysTheCalendarIsEmpty()
    {
        var world = await Data.WorldAsync();
        var review = await Data.RoundAsync(world, RoundPhase.Published);
        using var officer = await App.SignedInClientAsync(TestUsers.Officer);

        var html = await officer.GetPageAsync($"/rounds/{review}");

        Assert.Contains($"<a class=\"tile\" href=\"/rounds/{review}/session\" data-session=\"pending\">", html);
        Assert.Contains("Sesión del CLAR y acta (por realizar)", HtmlPage.Text(html));
        Assert.DoesNotContain("✓", HtmlPage.SectionText(html, "<nav class=\"tiles\"", "</nav>"));
        foreach (var emoji in new[] { "🌐", "⚖", "📜", "≡" })
        {
            Assert.DoesNotContain(emoji, html);
        }
        Assert.Contains("data-icon=\"globe\"", html);
        Assert.Contains("data-icon=\"document\"", html);
        Assert.Contains("<span class=\"badge phase\" data-phase=\"Published\">", html);
        Assert.Contains(".badge.phase[data-phase=Published]", await officer.GetPageAsync("/css/site.css"));
        var start = html.IndexOf("id=\"calendar\"", StringComparison.Ordinal);
        var calendar = html[start..html.IndexOf("</section>", start, StringComparison.Ordinal)];
        Assert.Contains("Aún no hay fechas en el calendario", HtmlPage.Text(calendar));
        Assert.DoesNotContain("<table", calendar);
    }

    [Fact]
    public async Task Create_WithoutThemes_AndWatershedPoolsForHouseholds_SaysBothNextToTheirFields_SavesNothing()
    {
        var world = await Data.WorldAsync();
        using var officer = await App.SignedInClientAsync(TestUsers.Officer);
        var fields = Setup(world).Where(f => f.Item1 != "Themes").ToArray();

        var response = await officer.PostFormAsync("/rounds/new", With(fields, ("PoolBy", "Watershed")));

        var html = await HtmlAsync(response, HttpStatusCode.OK);
        Assert.Equal("Marque al menos un tema.", HtmlPage.ErrorOf(html, "Themes"));
        Assert.Equal("Los ámbitos «Por microcuenca» no sirven para concursos de Familias.", HtmlPage.ErrorOf(html, "PoolBy"));
        Assert.Null(HtmlPage.ErrorOf(html, "Name"));
        Assert.Equal("Concurso interfamiliar Ccollpa 2026", HtmlPage.InputValue(html, "Name"));
        Assert.Equal("Watershed", HtmlPage.CheckedValue(html, "PoolBy"));
        Assert.Empty(CheckedValues(html, "Themes"));
        Assert.Equal(0, await Data.Registry.CountAsync<ContestRound>());
    }

    [Fact]
    public async Task Create_EverythingWrongAtOnce_FlagsEveryFieldInOnePost()
    {
        var world = await Data.WorldAsync();
        using var officer = await App.SignedInClientAsync(TestUsers.Officer);
        var fields = Setup(world).Where(f => f.Item1 != "Themes").ToArray();

        var response = await officer.PostFormAsync("/rounds/new", With(fields, ("Name", ""), ("PoolBy", "Watershed")));

        var html = await HtmlAsync(response, HttpStatusCode.OK);
        Assert.Equal("Complete el campo «Nombre».", HtmlPage.ErrorOf(html, "Name"));
        Assert.Equal("Marque al menos un tema.", HtmlPage.ErrorOf(html, "Themes"));
        Assert.Equal("Los ámbitos «Por microcuenca» no sirven para concursos de Familias.", HtmlPage.ErrorOf(html, "PoolBy"));
        Assert.Equal(0, await Data.Registry.CountAsync<ContestRound>());
    }

    [Fact]
    public async Task Edit_AfterOpening_OnlyTheNameChanges()
    {
        var world = await Data.WorldAsync();
        var round = await Data.RoundAsync(world, RoundPhase.Open);
        using var officer = await App.SignedInClientAsync(TestUsers.Officer);
        (string, string)[] setup =
        [
            ("Name", "Concurso interfamiliar Abancay 2026 (II)"), ("LocalOfficeId", Id(world.OfficeId)), ("Level", "Households"),
            ("PoolBy", "Community"), ("Themes", "SoilAndWater"), ("Categories", ""),
        ];

        var renamed = await officer.PostFormAsync($"/rounds/{round}/edit", setup);
        var repooled = await officer.PostFormAsync($"/rounds/{round}/edit", With(setup, ("PoolBy", "OnePool")));

        await RedirectsToAsync(renamed, $"/rounds/{round}");
        var html = await HtmlAsync(repooled, HttpStatusCode.OK);
        Assert.Equal(["El concurso está en fase «Inscripción abierta»: ya no se puede cambiar quiénes compiten, el ámbito, los temas ni las categorías."],
            Summary(html));
        Assert.Contains("El concurso ya abrió: solo se puede cambiar el nombre.", HtmlPage.Text(html));
        var saved = await Data.ReadRoundAsync(round);
        Assert.Equal(("Concurso interfamiliar Abancay 2026 (II)", PoolBy.Community), (saved.Name, saved.PoolBy));
    }

    [Fact]
    public async Task Rules_TwoPartRubric_PrizesAndBudget_AreSaved_AndShownAsVersion1()
    {
        var world = await Data.WorldAsync();
        var round = await Data.RoundAsync(world, RoundPhase.Draft, withRules: false);
        using var officer = await App.SignedInClientAsync(TestUsers.Officer);

        var response = await SaveRulesAsync(officer, round, [.. Rules(world.SourceId)]);

        await RedirectsToAsync(response, $"/rounds/{round}");
        var dashboard = await officer.GetPageAsync($"/rounds/{round}");
        Assert.Equal("Bases guardadas (versión 1).", Flash(dashboard));
        Assert.Contains("v1 Bases", HtmlPage.Text(dashboard));
        Assert.Contains($"{RoundData.SourceName} S/ 5,000.00 S/ 0.00 S/ 0.00", HtmlPage.Text(dashboard)); // budget, awarded, paid
        Assert.Contains("data-row=\"budget\" data-amount=\"5000.00\"", dashboard, StringComparison.Ordinal);
        var saved = await Data.ReadRoundAsync(round);
        var version = Assert.Single(saved.RulesVersions);
        var rules = version.Rules;
        Assert.Equal((1, (string?)null), (version.Number, version.Reason));
        Assert.Equal(["Evaluación de campo", "Exposición pública"], rules.Rubric.Parts.Select(p => p.Name));
        Assert.Equal([(3, 3, Aggregation.Mean, PartVenue.Field), (3, 5, Aggregation.Median, PartVenue.Public)],
            rules.Rubric.Parts.Select(p => (p.MinJurors, p.MaxJurors, p.Aggregation, p.Venue)));
        Assert.True(rules.Rubric.Normalize);
        Assert.Equal([20m, 15m, 15m], rules.Rubric.Parts[0].Criteria.Select(c => c.MaxPoints));
        Assert.Equal(1m, rules.Rubric.Parts[0].Criteria[1].Weight); // a blank weight counts once
        Assert.Equal((12.5m, 2m), (rules.Rubric.Parts[1].Criteria[1].MaxPoints, rules.Rubric.Parts[1].Criteria[1].Weight));
        Assert.Equal((70m, 100m), (rules.Rubric.QualifyingScore, rules.Rubric.MaxScore));
        Assert.Equal([600m, 400m, 200m], rules.Prizes.Tiers);
        Assert.Equal(50m, rules.Prizes.ParticipationPrize);
        Assert.Equal([new BudgetLine(world.SourceId, 5000m)], rules.Prizes.BudgetLines);

        var shown = HtmlPage.Text(await officer.GetPageAsync($"/rounds/{round}/rules"));
        Assert.Contains("Versión 1 de 1", shown);
        Assert.Contains("Evaluación de campo (hasta 50 puntos · de 3 a 3 jurados", shown);
        Assert.Contains("Resultados 12.5 × 2 (hasta 25 puntos)", shown); // the weight says what it does
        Assert.Contains("Aprueba desde 70 puntos de 100.", shown);
        Assert.Contains("Exposición pública (hasta 50 puntos · de 3 a 5 jurados · Mediana · jurados del acto público)", shown);
        Assert.Contains("Los puntajes de cada jurado se normalizan", shown);
        Assert.Contains("S/ 600.00 S/ 400.00 S/ 200.00", shown);
    }

    [Fact]
    public async Task Rules_TierAboveThePlaceBefore_IsFlaggedOnItsRow_ADecimalCommaIsReadAsTheDecimalPoint_NothingSaved_TypedValuesKept()
    {
        var world = await Data.WorldAsync();
        var round = await Data.RoundAsync(world, RoundPhase.Draft, withRules: false);
        using var officer = await App.SignedInClientAsync(TestUsers.Officer);

        var response = await SaveRulesAsync(officer, round, With(Rules(world.SourceId), ("Tiers[1]", "700.00"), ("ParticipationPrize", "25,50")));

        var html = await HtmlAsync(response, HttpStatusCode.OK);
        Assert.Equal("El premio del 2.º puesto no puede ser mayor que el del 1.º.", HtmlPage.ErrorOf(html, "Tiers[1]"));
        Assert.Null(HtmlPage.ErrorOf(html, "Tiers[2]"));
        Assert.Null(HtmlPage.ErrorOf(html, "ParticipationPrize"));
        Assert.Equal("25,50", HtmlPage.InputValue(html, "ParticipationPrize"));
        Assert.Equal("700.00", HtmlPage.InputValue(html, "Tiers[1]"));
        Assert.Equal("Exposición pública", HtmlPage.InputValue(html, "Parts[1].Name"));
        Assert.Contains("Revise los campos marcados: no se guardó nada todavía.", html);
        Assert.Empty((await Data.ReadRoundAsync(round)).RulesVersions);

        // With the tiers in order, the comma is the decimal point: S/ 25.50, and 12,5 points.
        await RedirectsToAsync(await SaveRulesAsync(officer, round, With(Rules(world.SourceId), ("ParticipationPrize", "25,50"),
            ("Parts[1].Criteria[1].MaxPoints", "12,5"))), $"/rounds/{round}");
        var rules = (await Data.ReadRoundAsync(round)).CurrentRules!.Rules;
        Assert.Equal(25.50m, rules.Prizes.ParticipationPrize);
        Assert.Equal(12.5m, rules.Rubric.Parts[1].Criteria[1].MaxPoints);
    }

    [Fact]
    public async Task Rules_BudgetAboveTheBalance_AndASourceForOtherThemes_AreRefusedOnTheirLines()
    {
        var world = await Data.WorldAsync();
        var mining = await Data.AddRestrictedSourceAsync(world.ProgrammeId, "Aporte minero", 20_000m, [Theme.Irrigation]);
        var round = await Data.RoundAsync(world, RoundPhase.Draft, withRules: false);
        using var officer = await App.SignedInClientAsync(TestUsers.Officer);

        var response = await SaveRulesAsync(officer, round,
            With(Rules(world.SourceId), ($"Budget[{Id(world.SourceId)}]", "12000.00"), ($"Budget[{Id(mining)}]", "1000.00")));

        var html = await HtmlAsync(response, HttpStatusCode.OK);
        Assert.Equal($"«{RoundData.SourceName}» solo tiene un saldo de S/ 10,000.00.", HtmlPage.ErrorOf(html, $"Budget[{Id(world.SourceId)}]"));
        Assert.Equal("«Aporte minero» está restringida a otros temas o distritos: no puede financiar nada de este concurso.",
            HtmlPage.ErrorOf(html, $"Budget[{Id(mining)}]"));
        Assert.Equal("12000.00", HtmlPage.InputValue(html, $"Budget[{Id(world.SourceId)}]"));
        Assert.Contains("Saldo S/ 10,000.00 · sin restricciones", HtmlPage.Text(html));
        Assert.Contains("Saldo S/ 20,000.00 · Riego", HtmlPage.Text(html));
        Assert.Empty((await Data.ReadRoundAsync(round)).RulesVersions);
    }

    [Fact]
    public async Task Rules_CriterionWithZeroPoints_AfterBlankRows_IsFlaggedOnTheRowWhereItWasTyped()
    {
        var world = await Data.WorldAsync();
        var round = await Data.RoundAsync(world, RoundPhase.Draft, withRules: false);
        using var officer = await App.SignedInClientAsync(TestUsers.Officer);
        // As the browser sends it: a blank part first, then a part whose first criterion row is blank.
        (string, string)[] fields =
        [
            ("Parts[0].Name", ""), ("Parts[0].MinJurors", "3"), ("Parts[0].MaxJurors", "3"), ("Parts[0].Aggregation", "Mean"),
            ("Parts[0].Criteria[0].Name", ""), ("Parts[0].Criteria[0].MaxPoints", ""), ("Parts[0].Criteria[0].Weight", ""),
            ("Parts[1].Name", "Calificación"), ("Parts[1].MinJurors", "3"), ("Parts[1].MaxJurors", "3"), ("Parts[1].Aggregation", "Mean"),
            ("Parts[1].Criteria[0].Name", ""), ("Parts[1].Criteria[0].MaxPoints", ""), ("Parts[1].Criteria[0].Weight", ""),
            ("Parts[1].Criteria[1].Name", "Avance de obras"), ("Parts[1].Criteria[1].MaxPoints", "20"), ("Parts[1].Criteria[1].Weight", ""),
            ("Parts[1].Criteria[2].Name", "Cuidado del agua"), ("Parts[1].Criteria[2].MaxPoints", "0"), ("Parts[1].Criteria[2].Weight", ""),
            ("QualifyingScore", "11"), ("Method", "FixedTiers"), ("Tiers[0]", "600.00"), ($"Budget[{Id(world.SourceId)}]", "600.00"),
        ];

        var response = await SaveRulesAsync(officer, round, fields);

        var html = await HtmlAsync(response, HttpStatusCode.OK);
        Assert.Equal("El puntaje máximo de «Cuidado del agua» debe ser mayor que cero.", HtmlPage.ErrorOf(html, "Parts[1]_Criteria[2]_MaxPoints"));
        Assert.Null(HtmlPage.ErrorOf(html, "Parts[0]_Criteria[1]_MaxPoints"));
        Assert.Null(HtmlPage.ErrorOf(html, "Parts[1]_Criteria[0]_MaxPoints"));
        Assert.Null(HtmlPage.ErrorOf(html, "Parts[0]_Name"));
        Assert.Empty((await Data.ReadRoundAsync(round)).RulesVersions);
    }

    [Fact]
    public async Task Rules_BlankSpareRows_AreIgnored()
    {
        var world = await Data.WorldAsync();
        var round = await Data.RoundAsync(world, RoundPhase.Draft, withRules: false);
        using var officer = await App.SignedInClientAsync(TestUsers.Officer);
        // The spare rows the page offers, left empty (a spare part keeps its default jurors and aggregation).
        var fields = With(Rules(world.SourceId),
            ("Parts[0].Criteria[3].Name", ""), ("Parts[0].Criteria[3].Description", ""), ("Parts[0].Criteria[3].MaxPoints", ""), ("Parts[0].Criteria[3].Weight", ""),
            ("Parts[2].Name", ""), ("Parts[2].MinJurors", "3"), ("Parts[2].MaxJurors", "3"), ("Parts[2].Aggregation", "Mean"),
            ("Parts[2].Criteria[0].Name", ""), ("Parts[2].Criteria[0].MaxPoints", ""), ("Parts[2].Criteria[0].Weight", ""),
            ("Tiers[3]", ""), ("Tiers[4]", ""), ("MaxWinnersPerPool", ""), ("CapPerCompetitorYear", ""), ("WomenBonusPoints", ""));

        var response = await SaveRulesAsync(officer, round, fields);

        await RedirectsToAsync(response, $"/rounds/{round}");
        var rules = Assert.Single((await Data.ReadRoundAsync(round)).RulesVersions).Rules;
        Assert.Equal([3, 2], rules.Rubric.Parts.Select(p => p.Criteria.Count));
        Assert.Equal(3, rules.Prizes.Tiers.Count);
        Assert.Null(rules.Prizes.MaxWinnersPerPool);
    }

    [Fact]
    public async Task Rules_PrizesReservedForWomen_AreSavedAndPublished_AndHalfOfThemIsRefusedOnItsField()
    {
        var world = await Data.WorldAsync();
        var round = await Data.RoundAsync(world, RoundPhase.Draft, withRules: false);
        using var officer = await App.SignedInClientAsync(TestUsers.Officer);

        var half = await HtmlAsync(await SaveRulesAsync(officer, round, With(Rules(world.SourceId), ("WomenReservedCount", "2"))), HttpStatusCode.OK);
        Assert.Equal("Indique cuántos premios se reservan para mujeres y su monto (los dos, o ninguno).", HtmlPage.ErrorOf(half, "WomenReservedPrize"));
        Assert.Contains("value=\"2\"", half);
        Assert.Empty((await Data.ReadRoundAsync(round)).RulesVersions);

        await RedirectsToAsync(await SaveRulesAsync(officer, round, With(Rules(world.SourceId), ("WomenReservedCount", "2"), ("WomenReservedPrize", "150"))),
            $"/rounds/{round}");

        var prizes = Assert.Single((await Data.ReadRoundAsync(round)).RulesVersions).Rules.Prizes;
        Assert.Equal((2, 150m), (prizes.WomenReservedCount!.Value, prizes.WomenReservedPrize!.Value));
        Assert.Contains("Premios reservados para mujeres 2 por grupo de S/ 150.00 cada uno", HtmlPage.Text(await officer.GetPageAsync($"/rounds/{round}/rules")));
    }

    [Fact]
    public async Task Rules_SiirCalculator_ShowsTheBudgetForTheHouseholds_CappedAt150()
    {
        var world = await Data.WorldAsync();
        var round = await Data.RoundAsync(world, RoundPhase.Draft, withRules: false);
        using var officer = await App.SignedInClientAsync(TestUsers.Officer);

        var forty = HtmlPage.Text(await officer.GetPageAsync($"/rounds/{round}/rules/edit?households=40"));
        var many = HtmlPage.Text(await officer.GetPageAsync($"/rounds/{round}/rules/edit?households=200"));

        Assert.Contains("40 familias × S/ 120 = S/ 4,800.00", forty);
        Assert.Contains("200 familias × S/ 120 = S/ 18,000.00", many);
        Assert.Empty((await Data.ReadRoundAsync(round)).RulesVersions);
    }

    /// <summary>The option selected in the select named <paramref name="name"/>.</summary>
    private static string? SelectedOption(string html, string name)
    {
        var select = System.Text.RegularExpressions.Regex.Match(html, $"<select[^>]*name=\"{System.Text.RegularExpressions.Regex.Escape(name)}\"[^>]*>(.*?)</select>",
            System.Text.RegularExpressions.RegexOptions.Singleline, TimeSpan.FromSeconds(1));
        var option = System.Text.RegularExpressions.Regex.Match(select.Groups[1].Value, "<option value=\"([^\"]*)\" selected", System.Text.RegularExpressions.RegexOptions.None, TimeSpan.FromSeconds(1));
        return option.Success ? option.Groups[1].Value : null;
    }

    [Fact]
    public async Task Rules_SiirCalculator_PostsTheWholeForm_GivesEveryFieldBackAsTyped_AndSavesNothing()
    {
        var world = await Data.WorldAsync();
        var round = await Data.RoundAsync(world, RoundPhase.Draft, withRules: false);
        using var officer = await App.SignedInClientAsync(TestUsers.Officer);
        var edit = await officer.GetPageAsync($"/rounds/{round}/rules/edit");
        Assert.Contains("name=\"command\" value=\"siir\"", edit); // the calculator's button is in the rules form

        var response = await SaveRulesAsync(officer, round, With(Rules(world.SourceId), ("Tiers[0]", "650,50"), ("command", "siir"), ("households", "40")));

        var html = await HtmlAsync(response, HttpStatusCode.OK);
        Assert.Equal("40 familias × S/ 120 = S/ 4,800.00", HtmlPage.SectionText(html, "<p role=\"status\" id=\"siir-result\">", "</p>"));
        Assert.Equal("40", HtmlPage.InputValue(html, "households"));
        Assert.Equal("Evaluación de campo", HtmlPage.InputValue(html, "Parts[0].Name"));
        Assert.Equal("Participación de la familia", HtmlPage.InputValue(html, "Parts[0].Criteria[2].Name"));
        Assert.Equal("12.5", HtmlPage.InputValue(html, "Parts[1].Criteria[1].MaxPoints"));
        Assert.Equal("2", HtmlPage.InputValue(html, "Parts[1].Criteria[1].Weight"));
        Assert.Equal("Median", SelectedOption(html, "Parts[1].Aggregation"));
        Assert.Equal("Public", SelectedOption(html, "Parts[1].Venue"));
        Assert.Equal("650,50", HtmlPage.InputValue(html, "Tiers[0]"));
        Assert.Equal("50.00", HtmlPage.InputValue(html, "ParticipationPrize"));
        Assert.Equal("5000.00", HtmlPage.InputValue(html, $"Budget[{Id(world.SourceId)}]"));
        Assert.Equal("FixedTiers", HtmlPage.CheckedValue(html, "Method"));
        Assert.Equal("true", HtmlPage.CheckedValue(html, "Normalize"));
        Assert.Null(HtmlPage.ErrorOf(html, "Tiers[0]")); // nothing is checked until the officer saves
        Assert.Empty((await Data.ReadRoundAsync(round)).RulesVersions);
    }

    [Fact]
    public async Task Rules_SiirCalculator_WithoutANumber_SaysSoNextToIt_AndKeepsTheForm()
    {
        var world = await Data.WorldAsync();
        var round = await Data.RoundAsync(world, RoundPhase.Draft, withRules: false);
        using var officer = await App.SignedInClientAsync(TestUsers.Officer);

        var response = await SaveRulesAsync(officer, round, With(Rules(world.SourceId), ("command", "siir"), ("households", "cuarenta")));

        var html = await HtmlAsync(response, HttpStatusCode.OK);
        Assert.Equal("Escriba cuántas familias participan: un número entero, 0 o más.", HtmlPage.ErrorOf(html, "households"));
        Assert.Equal("cuarenta", HtmlPage.InputValue(html, "households"));
        Assert.Equal("Obras de conservación", HtmlPage.InputValue(html, "Parts[0].Criteria[0].Name"));
        Assert.Empty((await Data.ReadRoundAsync(round)).RulesVersions);
    }

    [Fact]
    public async Task Rules_MoreCriterionRows_AddsBlankRowsToThatPart_KeepingWhatWasTyped()
    {
        var world = await Data.WorldAsync();
        var round = await Data.RoundAsync(world, RoundPhase.Draft, withRules: false);
        using var officer = await App.SignedInClientAsync(TestUsers.Officer);

        var response = await SaveRulesAsync(officer, round, With(Rules(world.SourceId), ("command", "add-criteria-0")));

        var html = await HtmlAsync(response, HttpStatusCode.OK);
        // Part 1: its three criteria, three more rows and the two spare ones; part 2: its two and two spare.
        Assert.Equal("Obras de conservación", HtmlPage.InputValue(html, "Parts[0].Criteria[0].Name"));
        Assert.Equal("15", HtmlPage.InputValue(html, "Parts[0].Criteria[2].MaxPoints"));
        Assert.Null(HtmlPage.InputValue(html, "Parts[0].Criteria[7].Name"));
        Assert.DoesNotContain("name=\"Parts[0].Criteria[8].Name\"", html);
        Assert.Null(HtmlPage.InputValue(html, "Parts[1].Criteria[3].Name"));
        Assert.DoesNotContain("name=\"Parts[1].Criteria[4].Name\"", html);
        Assert.Equal("Claridad", HtmlPage.InputValue(html, "Parts[1].Criteria[0].Name"));
        Assert.Empty((await Data.ReadRoundAsync(round)).RulesVersions);

        // The rows so added are saved like any other.
        var saved = await SaveRulesAsync(officer, round, With(Rules(world.SourceId), ("Parts[0].Criteria[2].MaxPoints", "5"),
            ("Parts[0].Criteria[3].Name", "Semillas nativas"), ("Parts[0].Criteria[3].MaxPoints", "10"), ("Parts[0].Criteria[3].Weight", "1")));
        await RedirectsToAsync(saved, $"/rounds/{round}");
        Assert.Equal(4, (await Data.ReadRoundAsync(round)).CurrentRules!.Rules.Rubric.Parts[0].Criteria.Count);
    }

    [Fact]
    public async Task Rules_TwoPeopleEditingAtOnce_TheLaterIsToldInsteadOfOverwriting()
    {
        var world = await Data.WorldAsync();
        var round = await Data.RoundAsync(world, RoundPhase.Draft);
        using var first = await App.SignedInClientAsync(TestUsers.Officer);
        using var second = await App.SignedInClientAsync(TestUsers.Officer);
        var page = await second.GetPageAsync($"/rounds/{round}/rules/edit"); // the second person opens the form …
        var stale = With(Rules(world.SourceId), ("Tiers[2]", "150.00"), ("Revision", HtmlPage.InputValue(page, "Revision")!));
        await RedirectsToAsync(await SaveRulesAsync(first, round, With(Rules(world.SourceId), ("Tiers[0]", "650.00"))), $"/rounds/{round}");

        // … and saves it after the first person saved theirs, from what the page showed then (600 for the 1st place).
        using var content = new FormUrlEncodedContent(stale.Select(f => new KeyValuePair<string, string>(f.Item1, f.Item2))
            .Append(new KeyValuePair<string, string>("__RequestVerificationToken", FormToken(page, $"/rounds/{round}/rules/edit"))));
        var response = await second.Http.PostAsync(new Uri($"/rounds/{round}/rules/edit", UriKind.Relative), content);

        Assert.Contains("Otra persona cambió este concurso mientras usted editaba.", string.Join(" ", Summary(await HtmlAsync(response, HttpStatusCode.OK))));
        Assert.Equal(650m, Assert.Single((await Data.ReadRoundAsync(round)).RulesVersions).Rules.Prizes.Tiers[0]);
    }

    [Fact]
    public async Task Rules_SavedTwiceInDraft_StayOneVersion_WithTheLastAmounts()
    {
        var world = await Data.WorldAsync();
        var round = await Data.RoundAsync(world, RoundPhase.Draft, withRules: false);
        using var officer = await App.SignedInClientAsync(TestUsers.Officer);

        await RedirectsToAsync(await SaveRulesAsync(officer, round, [.. Rules(world.SourceId)]), $"/rounds/{round}");
        await RedirectsToAsync(await SaveRulesAsync(officer, round, With(Rules(world.SourceId), ("Tiers[0]", "650.00"))), $"/rounds/{round}");

        var version = Assert.Single((await Data.ReadRoundAsync(round)).RulesVersions);
        Assert.Equal((1, 650m), (version.Number, version.Rules.Prizes.Tiers[0]));
        Assert.Equal("Bases guardadas (versión 1).", Flash(await officer.GetPageAsync($"/rounds/{round}")));
    }

    [Fact]
    public async Task Rules_ChangedAfterOpening_NeedAReason_ThenBecomeVersion2_AndVersion1StaysAsItWas()
    {
        var world = await Data.WorldAsync();
        var round = await Data.RoundAsync(world, RoundPhase.Draft, withRules: false);
        using var officer = await App.SignedInClientAsync(TestUsers.Officer);
        await RedirectsToAsync(await SaveRulesAsync(officer, round, [.. Rules(world.SourceId)]), $"/rounds/{round}");
        await RedirectsToAsync(await MoveAsync(officer, round, "Open"), $"/rounds/{round}");
        var changed = With(Rules(world.SourceId), ("Tiers[0]", "700.00"), ($"Budget[{Id(world.SourceId)}]", "5500.00"));

        var form = HtmlPage.Text(await officer.GetPageAsync($"/rounds/{round}/rules/edit"));
        var withoutReason = await SaveRulesAsync(officer, round, changed);

        Assert.Contains("El concurso ya abrió: guardar crea la versión 2 de las bases", form);
        var html = await HtmlAsync(withoutReason, HttpStatusCode.OK);
        Assert.Equal("Indique el motivo del cambio: el concurso ya abrió.", HtmlPage.ErrorOf(html, "Reason"));
        Assert.Equal("700.00", HtmlPage.InputValue(html, "Tiers[0]"));
        Assert.Equal([1], (await Data.ReadRoundAsync(round)).RulesVersions.Select(v => v.Number));

        var withReason = await SaveRulesAsync(officer, round, With(changed, ("Reason", "La municipalidad aumentó su aporte.")));

        await RedirectsToAsync(withReason, $"/rounds/{round}");
        Assert.Equal("Bases guardadas (versión 2).", Flash(await officer.GetPageAsync($"/rounds/{round}")));
        var versions = (await Data.ReadRoundAsync(round)).RulesVersions.OrderBy(v => v.Number).ToList();
        Assert.Equal([(1, 600m, 5000m, null), (2, 700m, 5500m, "La municipalidad aumentó su aporte.")],
            versions.Select(v => (v.Number, v.Rules.Prizes.Tiers[0], v.Rules.Prizes.Budget, v.Reason)));

        var first = HtmlPage.Text(await officer.GetPageAsync($"/rounds/{round}/rules?version=1"));
        Assert.Contains("Versión 1 de 2 no vigente", first);
        Assert.Contains("S/ 600.00 S/ 400.00", first);
        Assert.Contains("Total S/ 5,000.00", first);
        Assert.DoesNotContain("S/ 700.00", first);
        var current = HtmlPage.Text(await officer.GetPageAsync($"/rounds/{round}/rules"));
        Assert.Contains("Versión 2 de 2", current);
        Assert.DoesNotContain("no vigente", current);
        Assert.Contains("Motivo del cambio: La municipalidad aumentó su aporte.", current);
        Assert.Contains("S/ 700.00 S/ 400.00", current);
        Assert.Contains("Total S/ 5,500.00", current);
        Assert.Equal(HttpStatusCode.NotFound, (await officer.GetAsync($"/rounds/{round}/rules?version=9")).StatusCode);
    }

    [Fact]
    public async Task Open_WithoutRules_IsRefused_AndTheDashboardSaysWhy()
    {
        var world = await Data.WorldAsync();
        var round = await Data.RoundAsync(world, RoundPhase.Draft, withRules: false);
        using var officer = await App.SignedInClientAsync(TestUsers.Officer);

        var response = await MoveAsync(officer, round, "Open");

        await RedirectsToAsync(response, $"/rounds/{round}");
        var dashboard = await officer.GetPageAsync($"/rounds/{round}");
        Assert.Equal("Falta la ficha de calificación (rúbrica): sin ella no se puede abrir el concurso. "
            + "Falta el presupuesto de premios: sin él no se puede abrir el concurso.", FlashError(dashboard));
        Assert.DoesNotContain("Lo sé y quiero continuar", dashboard); // not a warning one may confirm away
        var saved = await Data.ReadRoundAsync(round);
        Assert.Equal(RoundPhase.Draft, saved.Phase);
        Assert.Empty(saved.PhaseChanges);
    }

    [Fact]
    public async Task Open_WithRules_MovesTheRound_AndRecordsWhoAndWhen()
    {
        var world = await Data.WorldAsync();
        var round = await Data.RoundAsync(world, RoundPhase.Draft);
        using var officer = await App.SignedInClientAsync(TestUsers.Officer);

        var response = await MoveAsync(officer, round, "Open");

        await RedirectsToAsync(response, $"/rounds/{round}");
        var dashboard = await officer.GetPageAsync($"/rounds/{round}");
        Assert.StartsWith("El concurso pasó a «", Flash(dashboard));
        Assert.Contains("<span class=\"badge phase\" data-phase=\"Open\">Inscripción abierta</span>", dashboard);
        var now = App.Clock.GetUtcNow().UtcDateTime;
        Assert.Contains($"{Lima(now)}: Borrador → Inscripción abierta — Test ProjectOfficer", HtmlPage.Text(dashboard));
        var change = Assert.Single((await Data.ReadRoundAsync(round)).PhaseChanges);
        Assert.Equal((RoundPhase.Draft, RoundPhase.Open, now, (int?)await Data.UserIdAsync(), false),
            (change.From, change.To, change.AtUtc, change.UserId, change.Confirmed));
    }

    [Fact]
    public async Task Move_SaysWhatCannotBeUndone_AndWithoutTheTickIsRefused_NothingChanged()
    {
        var world = await Data.WorldAsync();
        var round = await Data.RoundAsync(world, RoundPhase.Draft);
        using var officer = await App.SignedInClientAsync(TestUsers.Officer);
        var dashboard = await officer.GetPageAsync($"/rounds/{round}");
        Assert.Equal("No se puede deshacer: las bases quedan publicadas y cada cambio posterior será una versión nueva con su motivo.",
            HtmlPage.SectionText(dashboard, "<p class=\"irreversible\" id=\"phase-irreversible\" data-phase=\"Open\">", "</p>"));
        Assert.Contains("<input type=\"checkbox\" id=\"phase-understood\" name=\"understood\" value=\"true\"", dashboard);
        Assert.Contains("class=\"danger\" data-irreversible>Pasar a «Inscripción abierta»</button>", dashboard);

        var response = await officer.PostFormAsync($"/rounds/{round}", $"/rounds/{round}/phase", ("to", "Open"));

        await RedirectsToAsync(response, $"/rounds/{round}");
        Assert.Equal("El concurso no pasó a «Inscripción abierta»: marque la casilla que confirma que el paso no se puede deshacer.",
            FlashError(await officer.GetPageAsync($"/rounds/{round}")));
        var saved = await Data.ReadRoundAsync(round);
        Assert.Equal(RoundPhase.Draft, saved.Phase);
        Assert.Empty(saved.PhaseChanges);
    }

    [Fact]
    public async Task Open_FlashNamesTheNewPhaseInSpanish()
    {
        var world = await Data.WorldAsync();
        var round = await Data.RoundAsync(world, RoundPhase.Draft);
        using var officer = await App.SignedInClientAsync(TestUsers.Officer);

        await RedirectsToAsync(await MoveAsync(officer, round, "Open"), $"/rounds/{round}");

        Assert.Equal("El concurso pasó a «Inscripción abierta».", Flash(await officer.GetPageAsync($"/rounds/{round}")));
    }

    [Fact]
    public async Task RulesEdit_AfterPublication_SendsBackToTheRules_WithWhy()
    {
        var world = await Data.WorldAsync();
        var round = await Data.RoundAsync(world, RoundPhase.Published);
        using var officer = await App.SignedInClientAsync(TestUsers.Officer);

        var response = await officer.GetAsync($"/rounds/{round}/rules/edit");
        var rules = await officer.GetPageAsync($"/rounds/{round}/rules");
        var post = await officer.PostFormAsync($"/rounds/{round}/rules", $"/rounds/{round}/rules/edit", [.. Rules(world.SourceId)]);

        await RedirectsToAsync(response, $"/rounds/{round}/rules");
        Assert.StartsWith("El concurso está en fase «", FlashError(rules));
        Assert.DoesNotContain($"href=\"/rounds/{round}/rules/edit\"", rules);
        Assert.Contains("El concurso está en fase «", string.Join(" ", Summary(await HtmlAsync(post, HttpStatusCode.OK))));
        Assert.Single((await Data.ReadRoundAsync(round)).RulesVersions);
    }

    [Fact]
    public async Task RulesEdit_AfterPublication_NamesThePhaseInSpanish()
    {
        var world = await Data.WorldAsync();
        var round = await Data.RoundAsync(world, RoundPhase.Published);
        using var officer = await App.SignedInClientAsync(TestUsers.Officer);

        await RedirectsToAsync(await officer.GetAsync($"/rounds/{round}/rules/edit"), $"/rounds/{round}/rules");

        Assert.Equal("El concurso está en fase «Resultados publicados (reclamos)»: sus bases ya no cambian (solo una resolución de reclamo cambia resultados).",
            FlashError(await officer.GetPageAsync($"/rounds/{round}/rules")));
    }

    [Fact]
    public async Task CloseRegistration_WithNobodyRegistered_IsRefused_UntilTheOfficerConfirms()
    {
        var world = await Data.WorldAsync();
        var round = await Data.RoundAsync(world, RoundPhase.Open);
        using var officer = await App.SignedInClientAsync(TestUsers.Officer);

        var refused = await MoveAsync(officer, round, "RegistrationClosed");

        await RedirectsToAsync(refused, $"/rounds/{round}");
        var dashboard = await officer.GetPageAsync($"/rounds/{round}");
        Assert.Equal("No hay inscritos. Confirme si de todos modos quiere cerrar la inscripción.", FlashError(dashboard));
        Assert.Contains("<input type=\"checkbox\" name=\"confirmed\" value=\"true\"> Lo sé y quiero continuar de todos modos", dashboard);
        Assert.Equal(RoundPhase.Open, (await Data.ReadRoundAsync(round)).Phase);

        var confirmed = await MoveAsync(officer, round, "RegistrationClosed", confirmed: true);

        await RedirectsToAsync(confirmed, $"/rounds/{round}");
        var after = await officer.GetPageAsync($"/rounds/{round}");
        Assert.StartsWith("El concurso pasó a «", Flash(after));
        Assert.Contains("Inscripción abierta → Inscripción cerrada (línea de base) — Test ProjectOfficer (con confirmación)", HtmlPage.Text(after));
        var saved = await Data.ReadRoundAsync(round);
        Assert.Equal(RoundPhase.RegistrationClosed, saved.Phase);
        Assert.True(saved.PhaseChanges.Single(c => c.To == RoundPhase.RegistrationClosed).Confirmed);
    }

    [Fact]
    public async Task Move_ToAPhaseThatIsNotTheNext_IsRefused()
    {
        var world = await Data.WorldAsync();
        var round = await Data.RoundAsync(world, RoundPhase.Open);
        using var officer = await App.SignedInClientAsync(TestUsers.Officer);

        var response = await MoveAsync(officer, round, "Judging", confirmed: true);

        await RedirectsToAsync(response, $"/rounds/{round}");
        Assert.Equal("Un concurso en fase «Inscripción abierta» no puede pasar a «Calificación».", FlashError(await officer.GetPageAsync($"/rounds/{round}")));
        var saved = await Data.ReadRoundAsync(round);
        Assert.Equal(RoundPhase.Open, saved.Phase);
        Assert.Single(saved.PhaseChanges); // the seed's Draft → Open
    }

    [Fact]
    public async Task RoundChanges_LeaveAuditRecords_ByTheOfficer()
    {
        var world = await Data.WorldAsync();
        using var officer = await App.SignedInClientAsync(TestUsers.Officer);
        await officer.PostFormAsync("/rounds/new", Setup(world));
        var round = await Data.Registry.ReadAsync(db => db.Rounds.Select(r => r.Id).SingleAsync());
        await RedirectsToAsync(await SaveRulesAsync(officer, round, [.. Rules(world.SourceId)]), $"/rounds/{round}");
        await RedirectsToAsync(await MoveAsync(officer, round, "Open"), $"/rounds/{round}");

        var records = await Data.Registry.ReadAsync(db => db.AuditRecords.AsNoTracking()
            .Where(a => a.Actor == TestUsers.Officer).OrderBy(a => a.Sequence).ToListAsync());

        var officerId = await Data.UserIdAsync();
        Assert.All(records, r => Assert.Equal(officerId, r.ActorUserId));
        Assert.Single(records, r => r is { EntityType: "ContestRound", Action: "Added" } && r.EntityId == Id(round));
        Assert.Equal(2, records.Count(r => r is { EntityType: "RoundTheme", Action: "Added" }));
        Assert.Equal(2, records.Count(r => r is { EntityType: "RoundScopeItem", Action: "Added" }));
        Assert.Contains("Obras de conservación", Assert.Single(records, r => r is { EntityType: "RoundRulesVersion", Action: "Added" }).After);
        Assert.Contains("\"To\":\"Open\"", Assert.Single(records, r => r is { EntityType: "PhaseChange", Action: "Added" }).After);
        Assert.Contains(records, r => r is { EntityType: "ContestRound", Action: "Modified" } && r.After!.Contains("\"Phase\":\"Open\"", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Calendar_AFutureLimaDate_IsScheduledInUtc_AndShown()
    {
        var world = await Data.WorldAsync();
        var round = await Data.RoundAsync(world, RoundPhase.Open);
        using var officer = await App.SignedInClientAsync(TestUsers.Officer);

        var response = await officer.PostFormAsync($"/rounds/{round}", $"/rounds/{round}/calendar",
            ("Due[RegistrationClosed]", "2026-12-01T18:00"), ("Due[Judging]", ""), ("Due[Review]", ""));

        await RedirectsToAsync(response, $"/rounds/{round}");
        var item = Assert.Single((await Data.ReadRoundAsync(round)).Schedule);
        var due = new DateTime(2026, 12, 1, 23, 0, 0, DateTimeKind.Utc);
        Assert.Equal((RoundPhase.RegistrationClosed, ScheduleState.Pending, due), (item.ToPhase, item.State, item.DueUtc));
        Assert.Equal((round, due), App.Scheduled.Jobs[item.Id]);
        var dashboard = await officer.GetPageAsync($"/rounds/{round}");
        Assert.Equal("Calendario guardado.", Flash(dashboard));
        Assert.Equal("2026-12-01T18:00", HtmlPage.InputValue(dashboard, "Due[RegistrationClosed]"));
        Assert.Equal($"Inscripción cerrada (línea de base) {Lima(due)} Programado", Row(dashboard, "Inscripción cerrada (línea de base)"));
        Assert.Contains($"Inscripción cerrada (línea de base): {Lima(due)}", HtmlPage.Text(await officer.GetPageAsync("/rounds")));
    }

    [Fact]
    public async Task Calendar_ADateInThePast_IsRefusedWithTheMessageNextToIt()
    {
        var world = await Data.WorldAsync();
        var round = await Data.RoundAsync(world, RoundPhase.Open);
        using var officer = await App.SignedInClientAsync(TestUsers.Officer);

        var response = await officer.PostFormAsync($"/rounds/{round}", $"/rounds/{round}/calendar", ("Due[RegistrationClosed]", "2026-11-23T08:59"));

        var html = await HtmlAsync(response, HttpStatusCode.UnprocessableEntity);
        Assert.Equal("La fecha para «Inscripción cerrada (línea de base)» ya pasó.", HtmlPage.ErrorOf(html, "Due_RegistrationClosed"));
        Assert.Equal("2026-11-23T08:59", HtmlPage.InputValue(html, "Due[RegistrationClosed]"));
        Assert.Empty((await Data.ReadRoundAsync(round)).Schedule);
    }

    [Fact]
    public async Task Calendar_DatesOutOfPhaseOrder_AreRefused_NothingScheduled()
    {
        var world = await Data.WorldAsync();
        var round = await Data.RoundAsync(world, RoundPhase.Open);
        using var officer = await App.SignedInClientAsync(TestUsers.Officer);

        var response = await officer.PostFormAsync($"/rounds/{round}", $"/rounds/{round}/calendar",
            ("Due[RegistrationClosed]", "2026-12-10T18:00"), ("Due[Judging]", "2026-12-05T09:00"));

        var html = await HtmlAsync(response, HttpStatusCode.UnprocessableEntity);
        Assert.Equal("La fecha para «Calificación» no sigue el orden de las fases.", HtmlPage.ErrorOf(html, "Due_Judging"));
        Assert.Null(HtmlPage.ErrorOf(html, "Due_RegistrationClosed"));
        Assert.Equal("2026-12-05T09:00", HtmlPage.InputValue(html, "Due[Judging]"));
        Assert.Empty((await Data.ReadRoundAsync(round)).Schedule);
        Assert.DoesNotContain(App.Scheduled.Jobs.Values, j => j.RoundId == round && j.DueUtc == new DateTime(2026, 12, 10, 23, 0, 0, DateTimeKind.Utc));
    }

    [Fact]
    public async Task Calendar_ClearingADate_CancelsTheScheduledMove()
    {
        var world = await Data.WorldAsync();
        var round = await Data.RoundAsync(world, RoundPhase.Open);
        using var officer = await App.SignedInClientAsync(TestUsers.Officer);
        await RedirectsToAsync(await officer.PostFormAsync($"/rounds/{round}", $"/rounds/{round}/calendar", ("Due[RegistrationClosed]", "2026-12-01T18:00")),
            $"/rounds/{round}");
        var id = Assert.Single((await Data.ReadRoundAsync(round)).Schedule).Id;
        Assert.True(App.Scheduled.Jobs.ContainsKey(id));

        var response = await officer.PostFormAsync($"/rounds/{round}", $"/rounds/{round}/calendar", ("Due[RegistrationClosed]", ""));

        await RedirectsToAsync(response, $"/rounds/{round}");
        var item = Assert.Single((await Data.ReadRoundAsync(round)).Schedule);
        Assert.Equal((ScheduleState.Cancelled, App.Clock.GetUtcNow().UtcDateTime), (item.State, item.SettledUtc));
        Assert.False(App.Scheduled.Jobs.ContainsKey(id));
        var dashboard = await officer.GetPageAsync($"/rounds/{round}");
        Assert.Equal($"Inscripción cerrada (línea de base) {Lima(new DateTime(2026, 12, 1, 23, 0, 0, DateTimeKind.Utc))} Anulado", Row(dashboard, "Inscripción cerrada (línea de base)"));
        Assert.Equal("", HtmlPage.InputValue(dashboard, "Due[RegistrationClosed]") ?? "");
    }

    [Fact]
    public async Task Calendar_ChangingADate_ReplacesTheScheduledMove()
    {
        var world = await Data.WorldAsync();
        var round = await Data.RoundAsync(world, RoundPhase.Open);
        using var officer = await App.SignedInClientAsync(TestUsers.Officer);
        await RedirectsToAsync(await officer.PostFormAsync($"/rounds/{round}", $"/rounds/{round}/calendar", ("Due[RegistrationClosed]", "2026-12-01T18:00")),
            $"/rounds/{round}");
        var first = Assert.Single((await Data.ReadRoundAsync(round)).Schedule).Id;

        var response = await officer.PostFormAsync($"/rounds/{round}", $"/rounds/{round}/calendar",
            ("Due[RegistrationClosed]", "2026-12-03T18:00"), ("Due[Judging]", "2026-12-10T08:30"));

        await RedirectsToAsync(response, $"/rounds/{round}");
        var schedule = (await Data.ReadRoundAsync(round)).Schedule.OrderBy(s => s.Id).ToList();
        Assert.Equal(
        [
            (first, RoundPhase.RegistrationClosed, ScheduleState.Cancelled, new DateTime(2026, 12, 1, 23, 0, 0, DateTimeKind.Utc)),
            (schedule[1].Id, RoundPhase.RegistrationClosed, ScheduleState.Pending, new DateTime(2026, 12, 3, 23, 0, 0, DateTimeKind.Utc)),
            (schedule[2].Id, RoundPhase.Judging, ScheduleState.Pending, new DateTime(2026, 12, 10, 13, 30, 0, DateTimeKind.Utc)),
        ], schedule.Select(s => (s.Id, s.ToPhase, s.State, s.DueUtc)));
        Assert.False(App.Scheduled.Jobs.ContainsKey(first));
        Assert.Equal((round, schedule[1].DueUtc), App.Scheduled.Jobs[schedule[1].Id]);
        Assert.Equal((round, schedule[2].DueUtc), App.Scheduled.Jobs[schedule[2].Id]);
    }

    [Fact]
    public async Task Calendar_NotADate_IsRefused()
    {
        var world = await Data.WorldAsync();
        var round = await Data.RoundAsync(world, RoundPhase.Open);
        using var officer = await App.SignedInClientAsync(TestUsers.Officer);

        var response = await officer.PostFormAsync($"/rounds/{round}", $"/rounds/{round}/calendar", ("Due[RegistrationClosed]", "1/12/2026 6 pm"));

        var html = await HtmlAsync(response, HttpStatusCode.UnprocessableEntity);
        Assert.Equal("«1/12/2026 6 pm» no es una fecha y hora válida.", HtmlPage.ErrorOf(html, "Due_RegistrationClosed"));
        Assert.Empty((await Data.ReadRoundAsync(round)).Schedule);
    }

    [Fact]
    public async Task Calendar_ReachingThePhaseByHandBeforeItsDate_SupersedesTheScheduledMove()
    {
        var world = await Data.WorldAsync();
        var round = await Data.RoundAsync(world, RoundPhase.Open);
        await Data.EnterHouseholdAsync(round, world.Juana);
        using var officer = await App.SignedInClientAsync(TestUsers.Officer);
        await RedirectsToAsync(await officer.PostFormAsync($"/rounds/{round}", $"/rounds/{round}/calendar", ("Due[RegistrationClosed]", "2026-12-01T18:00")),
            $"/rounds/{round}");
        var id = Assert.Single((await Data.ReadRoundAsync(round)).Schedule).Id;

        await RedirectsToAsync(await MoveAsync(officer, round, "RegistrationClosed"), $"/rounds/{round}");

        var saved = await Data.ReadRoundAsync(round);
        Assert.Equal((RoundPhase.RegistrationClosed, ScheduleState.Superseded), (saved.Phase, Assert.Single(saved.Schedule).State));
        Assert.False(App.Scheduled.Jobs.ContainsKey(id));
        Assert.Contains("Hecho a mano antes", HtmlPage.Text(await officer.GetPageAsync($"/rounds/{round}")));
    }

    [Fact]
    public async Task Dashboard_ShowsWhyAScheduledMoveFailed()
    {
        var world = await Data.WorldAsync();
        var round = await Data.RoundAsync(world, RoundPhase.Open);
        await Data.FailedScheduledMoveAsync(round);
        using var officer = await App.SignedInClientAsync(TestUsers.Officer);

        var dashboard = HtmlPage.Text(await officer.GetPageAsync($"/rounds/{round}"));
        var list = HtmlPage.Text(await officer.GetPageAsync("/rounds"));

        var came = Lima(App.Clock.GetUtcNow().UtcDateTime);
        Assert.Contains($"El paso programado a «Inscripción cerrada (línea de base)» no se pudo hacer ({came}): "
            + "No hay inscritos. Confirme si de todos modos quiere cerrar la inscripción.", dashboard);
        Assert.Contains($"Inscripción cerrada (línea de base) {came} No se pudo", dashboard);
        Assert.Contains("Inscripción abierta paso programado fallido", list);
    }

    [Fact]
    public async Task ReadOnlyRoles_SeeTheRound_ButEveryChangeIsDenied()
    {
        var world = await Data.WorldAsync();
        var round = await Data.RoundAsync(world, RoundPhase.Open);
        var entry = await Data.EnterHouseholdAsync(round, world.Juana);

        foreach (var user in new[] { TestUsers.Finance, TestUsers.Auditor })
        {
            using var client = await App.SignedInClientAsync(user);
            foreach (var page in new[] { "/rounds", $"/rounds/{round}", $"/rounds/{round}/rules", $"/rounds/{round}/entries", $"/rounds/{round}/entries/{entry}" })
            {
                var html = await client.GetPageAsync(page);
                Assert.DoesNotContain("/phase\"", html);
                Assert.DoesNotContain("/withdraw\"", html);
            }
            foreach (var page in new[] { "/rounds/new", $"/rounds/{round}/rules/edit", $"/rounds/{round}/entries/new" })
            {
                Assert.Equal("/account/denied", Redirects.PathOf(await client.GetAsync(page)));
            }
            // Forged posts with the page's own token (the layout's forms carry one).
            var posts = new[]
            {
                await client.PostFormAsync($"/rounds/{round}", $"/rounds/{round}/phase", ("to", "RegistrationClosed"), ("confirmed", "true")),
                await client.PostFormAsync($"/rounds/{round}", $"/rounds/{round}/calendar", ("Due[RegistrationClosed]", "2026-12-01T18:00")),
                await client.PostFormAsync($"/rounds/{round}", $"/rounds/{round}/rules/edit", [.. Rules(world.SourceId)]),
                await client.PostFormAsync($"/rounds/{round}/entries/{entry}", $"/rounds/{round}/entries/{entry}/withdraw", ("Reason", "Se fue.")),
                await client.PostFormAsync($"/rounds/{round}", $"/rounds/{round}/entries/new", ("CompetitorId", Id(world.Pedro))),
            };
            Assert.All(posts, p => Assert.Equal("/account/denied", Redirects.PathOf(p)));
        }
        var saved = await Data.ReadRoundAsync(round);
        Assert.Equal((RoundPhase.Open, 0, 1), (saved.Phase, saved.Schedule.Count, saved.RulesVersions.Count));
        Assert.Equal([EntryStatus.Registered], (await Data.ReadEntriesAsync(round)).Select(e => e.Status));
    }

    [Fact]
    public async Task LracMember_IsDeniedTheRounds()
    {
        var world = await Data.WorldAsync();
        var round = await Data.RoundAsync(world, RoundPhase.Open);
        using var lrac = await App.SignedInClientAsync(TestUsers.Lrac);

        foreach (var page in new[] { "/rounds", $"/rounds/{round}", $"/rounds/{round}/rules", $"/rounds/{round}/entries" })
        {
            Assert.Equal("/account/denied", Redirects.PathOf(await lrac.GetAsync(page)));
        }
        Assert.DoesNotContain("href=\"/rounds\"", await lrac.GetPageAsync("/"));
    }
}

public sealed class RoundScreensTestsOnSqlite(SqliteApp app) : RoundScreensTests<SqliteApp>(app);

public sealed class RoundScreensTestsOnPostgres(PostgresApp app) : RoundScreensTests<PostgresApp>(app);
