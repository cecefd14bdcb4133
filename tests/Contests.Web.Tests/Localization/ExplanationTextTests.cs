using System.Globalization;
using System.Reflection;
using Contests.Core.Allocation;
using Contests.Core.Common;
using Contests.Web.Features.Allocation;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Contests.Web.Tests.Localization;

/// <summary>The allocation engine's explanations read as sentences in Spanish and English, every key with its text.</summary>
public sealed class ExplanationTextTests
{
    private static readonly IStringLocalizer Localizer = new ResourceManagerStringLocalizerFactory(
        Options.Create(new LocalizationOptions { ResourcesPath = "Resources" }), NullLoggerFactory.Instance).Create(typeof(SharedResource));

    private static string In(string culture, Explanation explanation)
    {
        var (ui, current) = (CultureInfo.CurrentUICulture, CultureInfo.CurrentCulture);
        try
        {
            CultureInfo.CurrentUICulture = CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo(culture);
            return ExplanationText.Render(explanation, Localizer);
        }
        finally
        {
            (CultureInfo.CurrentUICulture, CultureInfo.CurrentCulture) = (ui, current);
        }
    }

    [Fact]
    public void TiedShare_ReadsAsThePlacesPrizesSplit()
    {
        // docs/architecture.md#rules-allocation: "2nd place of 14 in Ccollpa, tied with 1 other: (400+200)/2 = 300.00".
        var tied = new Explanation(AllocationKeys.TiedShare, 2, 14, 2, 1, new[] { 400m, 200m }, 600m, 300m);

        Assert.Equal("Puesto 2 de 14, empatado con 1 más: (S/ 400.00 + S/ 200.00) / 2 = S/ 300.00.", In("es-PE", tied));
        Assert.Equal("Place 2 of 14, tied with 1 other(s): (S/ 400.00 + S/ 200.00) / 2 = S/ 300.00.", In("en", tied));
    }

    [Fact]
    public void Amounts_Scores_AndSourceNames_AreFormattedByKind()
    {
        Assert.Equal("No alcanzó el puntaje mínimo (obtuvo 55.5).", In("es-PE", new Explanation(AllocationKeys.NotQualified, new Number(55.5m))));
        Assert.Equal("A «Municipalidad de Curahuasi», «Minera Las Bambas» les faltan S/ 1,250.50, juntas, para los premios que solo ellas pueden pagar.",
            In("es-PE", new Explanation(AllocationKeys.SourcesShort, new[] { "Municipalidad de Curahuasi", "Minera Las Bambas" }, 1_250.50m)));
    }

    [Fact]
    public void EveryAllocationKey_HasItsText()
    {
        var keys = typeof(AllocationKeys).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.IsLiteral).Select(f => (string)f.GetRawConstantValue()!).ToList();

        Assert.True(keys.Count >= 20, $"only {keys.Count} keys found: the scan is broken");
        // English falls back to Spanish for a missing key; ResourceTests checks both files list the same keys.
        var missing = keys.Where(k => Localizer[k].ResourceNotFound).ToList();
        Assert.True(missing.Count == 0, "no text for " + string.Join(", ", missing));
    }
}
