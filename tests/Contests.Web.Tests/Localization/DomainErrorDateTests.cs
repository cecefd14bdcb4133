using System.Globalization;
using Contests.Core.Common;
using Contests.Web.Infrastructure.Localization;
using Contests.Web.Infrastructure.Mvc;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Contests.Web.Tests.Localization;

/// <summary>A date in a refusal (a follow-up visit's bounds) reads as the app shows dates elsewhere (<see cref="Display.Date"/>).</summary>
public sealed class DomainErrorDateTests
{
    private static readonly IStringLocalizer Localizer = new ResourceManagerStringLocalizerFactory(
        Options.Create(new LocalizationOptions { ResourcesPath = "Resources" }), NullLoggerFactory.Instance).Create(typeof(SharedResource));

    private static (string Message, string Display) In(string culture, DomainError error, DateOnly day)
    {
        var (ui, current) = (CultureInfo.CurrentUICulture, CultureInfo.CurrentCulture);
        try
        {
            CultureInfo.CurrentUICulture = CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo(culture);
            return (ModelStateExtensions.Localize(error, Localizer), Display.Date(day));
        }
        finally
        {
            (CultureInfo.CurrentUICulture, CultureInfo.CurrentCulture) = (ui, current);
        }
    }

    [Theory]
    [InlineData("es-PE", "La visita no puede ser anterior a la inscripción (23/11/2026).")]
    [InlineData("en", "11/23/2026")]
    public void FollowUpDates_UseTheAppsDateDisplay_InEachLanguage(string culture, string expected)
    {
        var entered = new DateOnly(2026, 11, 23);

        var (message, display) = In(culture, new DomainError("FollowUp.BeforeEntry", "VisitedOn", entered), entered);

        Assert.Contains(display, message, StringComparison.Ordinal);
        Assert.Contains(expected, message, StringComparison.Ordinal);
        Assert.DoesNotContain("2026-11-23", message, StringComparison.Ordinal);
    }
}
