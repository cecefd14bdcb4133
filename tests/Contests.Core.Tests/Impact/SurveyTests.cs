using Contests.Core.Common;
using Contests.Core.Impact;

namespace Contests.Core.Tests.Impact;

public sealed class SurveyTests
{
    private static readonly DateTime Now = new(2026, 12, 7, 15, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void Define_KeepsTheIndicatorsInOrder_SkippingBlankLines()
    {
        var (result, survey) = Survey.Define(" Encuesta de hogares ", [new("Activos_Valor", "Valor de activos"), new(null, " "), new("ha_pastos", "Hectáreas")], 1, Now);

        Assert.True(result.Succeeded);
        Assert.Equal("Encuesta de hogares", survey!.Name);
        Assert.Equal(["activos_valor", "ha_pastos"], survey.Indicators.OrderBy(i => i.Position).Select(i => i.Code));
    }

    [Theory]
    [InlineData("1valor", "Impact.IndicatorCodeBad")]
    [InlineData("valor activos", "Impact.IndicatorCodeBad")]
    [InlineData("_uuid", "Impact.IndicatorCodeBad")]
    [InlineData("dni", "Impact.IndicatorCodeReserved")]
    public void Define_RefusesABadCode_OnItsField(string code, string error)
    {
        var (result, survey) = Survey.Define("Encuesta", [new("ventas", "Ventas"), new(code, "Otro")], 1, Now);

        var refusal = Assert.Single(result.Errors);
        Assert.Equal((error, "Indicators[1].Code"), (refusal.Code, refusal.Field));
        Assert.Null(survey);
    }

    [Fact]
    public void Define_RefusesARepeatedCode_AndNoIndicators()
    {
        Assert.Equal("Impact.IndicatorCodeRepeated", Assert.Single(Survey.Define("E", [new("a", "A"), new("A", "B")], 1, Now).Result.Errors).Code);
        Assert.Equal("Impact.NoIndicators", Assert.Single(Survey.Define("E", [new(null, null)], 1, Now).Result.Errors).Code);
    }

    [Fact]
    public void AddWave_RefusesARepeatedNameOrDate_AndOrdersByDate()
    {
        var survey = Survey.Define("E", [new("a", "A")], 1, Now).Survey!;
        survey.AddWave("Seguimiento 1", new DateOnly(2026, 3, 1));
        survey.AddWave("Línea de base", new DateOnly(2025, 3, 1));

        Assert.Equal("Impact.WaveNameRepeated", Assert.Single(survey.AddWave("seguimiento 1", new DateOnly(2027, 3, 1)).Result.Errors).Code);
        Assert.Equal("Impact.WaveDateRepeated", Assert.Single(survey.AddWave("Otra", new DateOnly(2025, 3, 1)).Result.Errors).Code);
        Assert.Equal(["Línea de base", "Seguimiento 1"], survey.WavesInOrder().Select(w => w.Name));
    }

    [Theory]
    [InlineData("1234,5", 1234.5)]
    [InlineData("-3.25", -3.25)]
    [InlineData("", null)]
    public void ParseAnswer_TakesADecimalPointOrComma(string text, double? expected)
    {
        var errors = new List<DomainError>();

        Assert.Equal(expected is null ? null : (decimal)expected.Value, SurveyAnswer.Parse(text, "v", errors));
        Assert.Empty(errors);
    }

    [Theory]
    [InlineData("1.234,50", "Impact.AnswerNotNumber")]
    [InlineData("abc", "Impact.AnswerNotNumber")]
    [InlineData("1.23456", "Impact.AnswerOutOfRange")]
    [InlineData("1000000000", "Impact.AnswerOutOfRange")]
    public void ParseAnswer_RefusesWhatIsNotAValue(string text, string error)
    {
        var errors = new List<DomainError>();

        Assert.Null(SurveyAnswer.Parse(text, "v", errors));
        Assert.Equal(error, Assert.Single(errors).Code);
    }
}
