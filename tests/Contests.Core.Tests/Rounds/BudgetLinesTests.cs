using Contests.Core.Common;
using Contests.Core.Programmes;
using Contests.Core.Rounds;

namespace Contests.Core.Tests.Rounds;

public sealed class BudgetLinesTests
{
    private const string Abancay = "030101";
    private const string Curahuasi = "030105";
    private const string Tamburco = "030109";

    private static readonly Theme[] RoundThemes = [Theme.SoilAndWater, Theme.HealthyHome];
    private static readonly string[] RoundDistricts = [Abancay, Curahuasi];

    private static SourceFacts Source(int id, string name, decimal balance, Theme[]? themes = null, string[]? districts = null) =>
        new(id, name, balance, (themes ?? []).ToHashSet(), (districts ?? []).ToHashSet());

    private static IReadOnlyList<DomainError> Check(SourceFacts source, decimal amount) =>
        BudgetLines.Check([new BudgetLine(source.Id, amount)], new Dictionary<int, SourceFacts> { [source.Id] = source }, RoundThemes, RoundDistricts);

    [Fact]
    public void UnrestrictedSource_WithEnoughBalance_IsAccepted() =>
        Assert.Empty(Check(Source(1, "Recursos ordinarios", 50_000m), 12_000m));

    [Fact]
    public void SourceForAnotherTheme_IsRefused_NamingTheSource()
    {
        var error = Assert.Single(Check(Source(2, "Fondo riego", 50_000m, themes: [Theme.Irrigation]), 12_000m));

        Assert.Equal(("Prizes.SourceRestricted", "Budget[2]", "Fondo riego"), (error.Code, error.Field, (string)error.Arguments[0]));
    }

    [Fact]
    public void SourceForOneOfTheRoundsThemes_IsAccepted() =>
        Assert.Empty(Check(Source(2, "Fondo vivienda", 50_000m, themes: [Theme.HealthyHome, Theme.Irrigation]), 12_000m));

    [Fact]
    public void SourceForDistricts_OverlappingTheRound_IsAccepted() =>
        Assert.Empty(Check(Source(3, "Municipalidad", 50_000m, districts: [Curahuasi, Tamburco]), 12_000m));

    [Fact]
    public void SourceForDistricts_OutsideTheRound_IsRefused()
    {
        var error = Assert.Single(Check(Source(3, "Municipalidad Tamburco", 50_000m, districts: [Tamburco]), 12_000m));

        Assert.Equal(("Prizes.SourceRestricted", "Budget[3]"), (error.Code, error.Field));
    }

    [Fact]
    public void SourceRestrictedByThemeAndDistrict_NeedsBothInTheRound()
    {
        var fits = Source(4, "Convenio", 50_000m, themes: [Theme.SoilAndWater], districts: [Abancay]);
        var wrongTheme = fits with { Themes = new HashSet<Theme> { Theme.Forestry } };
        var wrongDistrict = fits with { Districts = new HashSet<string> { Tamburco } };

        Assert.Empty(Check(fits, 1_000m));
        Assert.Equal("Prizes.SourceRestricted", Assert.Single(Check(wrongTheme, 1_000m)).Code);
        Assert.Equal("Prizes.SourceRestricted", Assert.Single(Check(wrongDistrict, 1_000m)).Code);
    }

    [Fact]
    public void AmountAboveTheSourcesBalance_IsRefused_WithTheBalance()
    {
        var error = Assert.Single(Check(Source(1, "Recursos ordinarios", 8_000m), 8_000.01m));

        Assert.Equal(("Prizes.SourceShort", "Budget[1]"), (error.Code, error.Field));
        Assert.Equal(("Recursos ordinarios", 8_000m), ((string)error.Arguments[0], (decimal)error.Arguments[1]));
    }

    [Fact]
    public void AmountEqualToTheBalance_IsAccepted() =>
        Assert.Empty(Check(Source(1, "Recursos ordinarios", 8_000m), 8_000m));

    [Fact]
    public void UnknownSource_IsRefused_WithItsId()
    {
        var errors = BudgetLines.Check([new BudgetLine(99, 1_000m)], new Dictionary<int, SourceFacts>(), RoundThemes, RoundDistricts);

        var error = Assert.Single(errors);
        Assert.Equal(("Prizes.UnknownSource", "Budget[99]", 99), (error.Code, error.Field, (int)error.Arguments[0]));
    }

    [Fact]
    public void EveryLine_IsCheckedOnItsOwn_AndEveryProblemReported()
    {
        var sources = new Dictionary<int, SourceFacts>
        {
            [1] = Source(1, "Recursos ordinarios", 50_000m),
            [2] = Source(2, "Fondo riego", 1_000m, themes: [Theme.Irrigation]),
        };
        BudgetLine[] lines = [new(1, 10_000m), new(2, 5_000m), new(9, 100m)];

        var errors = BudgetLines.Check(lines, sources, RoundThemes, RoundDistricts);

        Assert.Equal(
        [
            ("Prizes.SourceRestricted", "Budget[2]"),
            ("Prizes.SourceShort", "Budget[2]"),
            ("Prizes.UnknownSource", "Budget[9]"),
        ], errors.Select(e => (e.Code, e.Field)));
    }

    [Fact]
    public void SourceFacts_Allows_EmptyRestrictionsMeanAnything()
    {
        var anything = Source(1, "Recursos ordinarios", 0m);
        var onlyIrrigationInAbancay = Source(2, "Convenio", 0m, themes: [Theme.Irrigation], districts: [Abancay]);

        Assert.True(anything.Allows(Theme.CulturalMaps, Tamburco));
        Assert.True(onlyIrrigationInAbancay.Allows(Theme.Irrigation, Abancay));
        Assert.False(onlyIrrigationInAbancay.Allows(Theme.Irrigation, Tamburco));
        Assert.False(onlyIrrigationInAbancay.Allows(Theme.Terraces, Abancay));
    }
}
