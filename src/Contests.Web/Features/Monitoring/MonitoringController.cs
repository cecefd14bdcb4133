using System.Globalization;
using Contests.Core.Monitoring;
using Contests.Web.Infrastructure.Localization;
using Contests.Web.Infrastructure.Mvc;
using Contests.Web.Infrastructure.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace Contests.Web.Features.Monitoring;

public sealed record LogframePageModel(string? YearTyped, LogframeReport? Report, TargetsForm Targets, bool Saved);

/// <summary>
/// Monitoring and evaluation: the programme's indicators (<see cref="IndicatorPage"/>), filtered by a GET form that
/// works without script, and the logframe (<see cref="Logframe"/>): targets per indicator and year, the report and its
/// PDF. Read by officers, finance, auditors, administrators and the Monitoring role; only officers and the Monitoring
/// role set targets.
/// </summary>
[Authorize(Policy = Policies.ReadIndicators)]
public sealed class MonitoringController(IndicatorPage indicators, Logframe logframe, TimeProvider clock, IStringLocalizer<SharedResource> l) : Controller
{
    [HttpGet("monitoring")]
    public async Task<IActionResult> Index([FromQuery] IndicatorFilterForm form, CancellationToken ct)
    {
        var rounds = await indicators.RoundsAsync(ct);
        // The filter's choices are read on a context of their own, while the figures are computed.
        var choicesRead = indicators.ChoicesAsync(rounds, ct);
        var (filter, errors) = IndicatorFilter.Parse(form);
        if (filter is null)
        {
            var choices = await choicesRead;
            foreach (var (field, code) in errors)
            {
                ModelState.AddModelError(field, l[code].Value);
            }
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return View("Index", new IndicatorPageModel(form, choices, null));
        }
        var report = await indicators.ReportAsync(rounds, filter, ct);
        return View("Index", new IndicatorPageModel(form, await choicesRead, report));
    }

    [HttpGet("monitoring/logframe")]
    public async Task<IActionResult> ShowLogframe(string? year, bool saved, CancellationToken ct)
    {
        if (ParseYear(year) is not { } y)
        {
            ModelState.AddModelError("year", l["Logframe.BadYear", LogframeTarget.MinYear, LogframeTarget.MaxYear].Value);
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return View("Logframe", new LogframePageModel(year, null, new TargetsForm { Year = year }, false));
        }
        return View("Logframe", new LogframePageModel(year, await logframe.ReportAsync(y, ct), await logframe.FormAsync(y, ct), saved));
    }

    [HttpPost("monitoring/logframe"), Authorize(Policy = Policies.ManageTargets)]
    public async Task<IActionResult> SaveTargets([Bind(Prefix = "Targets")] TargetsForm form, CancellationToken ct)
    {
        var (result, year) = await logframe.SaveAsync(form, User.Id()!.Value, ct);
        if (result.Succeeded)
        {
            return Redirect(string.Create(CultureInfo.InvariantCulture, $"/monitoring/logframe?year={year}&saved=true"));
        }
        foreach (var error in result.Errors)
        {
            ModelState.AddModelError("Targets." + error.Field, ModelStateExtensions.Localize(error, l));
        }
        var shown = ParseYear(form.Year) ?? logframe.CurrentYear;
        return View("Logframe", new LogframePageModel(form.Year, await logframe.ReportAsync(shown, ct), form, false));
    }

    [HttpGet("monitoring/logframe.pdf")]
    public async Task<IActionResult> LogframePdfFile(string? year, CancellationToken ct)
    {
        if (ParseYear(year) is not { } y)
        {
            return BadRequest(l["Logframe.BadYear", LogframeTarget.MinYear, LogframeTarget.MaxYear].Value);
        }
        var report = await logframe.ReportAsync(y, ct);
        var now = clock.GetUtcNow().UtcDateTime;
        var labels = new LogframeLabels(
            l["Logframe.Title"].Value, l["Logframe.Subtitle", y].Value, l["Logframe.Indicator"].Value, l["Logframe.Target"].Value,
            l["Logframe.Executed"].Value, l["Logframe.Progress"].Value, l["Logframe.Cumulative"].Value,
            i => l["Logframe.Indicator." + i].Value, Value, l["Logframe.Printed", Display.DateTime(now)].Value);
        return File(LogframePdf.Render(report, labels, now), "application/pdf", string.Create(CultureInfo.InvariantCulture, $"marco-logico-{y}.pdf"));
    }

    /// <summary>Soles as money, counts as whole numbers, in the reader's culture.</summary>
    public static string Value(LogframeIndicator indicator, decimal value) =>
        LogframeTarget.IsMoney(indicator) ? Display.Money(value) : Display.Number((long)value);

    private int? ParseYear(string? year)
    {
        if (string.IsNullOrWhiteSpace(year))
        {
            return logframe.CurrentYear;
        }
        return int.TryParse(year.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var y) && y is >= LogframeTarget.MinYear and <= LogframeTarget.MaxYear
            ? y
            : null;
    }
}
