using System.Globalization;
using Contests.Core.Common;
using Contests.Core.Monitoring;
using Contests.Web.Features.Monitoring;
using Contests.Web.Features.Registry;
using Contests.Web.Infrastructure.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace Contests.Web.Features.Exports;

public sealed record ExportsPageModel(IndicatorFilterForm Form, IndicatorChoices Choices, bool Valid, bool IncludesDni, string? Table);

/// <summary>
/// Exports (CSV and XLSX) of participants, score sheets, awards, payouts, follow-up visits and the indicator tables, with
/// the indicators page's filters. <c>/exports</c> lists them; <c>/exports/{kind}.{csv|xlsx}</c> streams one.
/// </summary>
[Authorize(Policy = Policies.ExportData)]
public sealed class ExportsController(DataExports exports, IndicatorPage indicators, TimeProvider clock, IStringLocalizer<SharedResource> l) : Controller
{
    /// <summary>The address of each export (<c>/exports/participants.xlsx</c>) and what it serves.</summary>
    public static readonly IReadOnlyList<(string Slug, ExportKind Kind)> Kinds =
    [
        ("participants", ExportKind.Participants), ("score-sheets", ExportKind.ScoreSheets), ("awards", ExportKind.Awards),
        ("payouts", ExportKind.Payouts), ("visits", ExportKind.Visits), ("indicators", ExportKind.Indicators),
    ];

    [HttpGet("exports")]
    public async Task<IActionResult> Index([FromQuery] IndicatorFilterForm form, CancellationToken ct)
    {
        var (filter, errors) = IndicatorFilter.Parse(form);
        return await PageAsync(form, errors, filter is not null, null, ct);
    }

    [HttpGet("exports/{kind}.{format}")]
    public async Task<IActionResult> Download(string kind, string format, [FromQuery] IndicatorFilterForm form, string? table, CancellationToken ct)
    {
        var chosen = Kinds.FirstOrDefault(k => k.Slug == kind);
        if (chosen.Slug is null || format is not ("csv" or "xlsx"))
        {
            return NotFound();
        }
        var (filter, errors) = IndicatorFilter.Parse(form);
        var tableErrors = new List<(string, string)>();
        if (chosen.Kind == ExportKind.Indicators && format == "csv")
        {
            // A CSV holds one table: the summary unless another is named.
            table = string.IsNullOrWhiteSpace(table) ? ExportQueries.IndicatorTables[0] : table.Trim();
            if (!ExportQueries.IndicatorTables.Contains(table))
            {
                tableErrors.Add(("table", "Exports.BadTable"));
            }
        }
        else
        {
            table = null;
        }
        if (filter is null || tableErrors.Count > 0)
        {
            return await PageAsync(form, [.. errors, .. tableErrors], false, table, ct);
        }
        var tables = await exports.StartAsync(chosen.Kind, format, filter, table, User.SeesFullDni(), User.Id()!.Value, ct);
        var stamp = LimaTime.FromUtc(clock.GetUtcNow().UtcDateTime).ToString("yyyyMMdd-HHmm", CultureInfo.InvariantCulture);
        var name = string.Create(CultureInfo.InvariantCulture, $"{(table ?? kind)}-{stamp}.{format}");
        Response.ContentType = format == "csv" ? CsvExport.ContentType : XlsxExport.ContentType;
        Response.Headers.ContentDisposition = $"attachment; filename=\"{name}\"";
        Response.Headers.CacheControl = "no-store";
        if (format == "csv")
        {
            await CsvExport.WriteAsync(Response.Body, tables[0], ct);
        }
        else
        {
            await XlsxExport.WriteAsync(Response.Body, tables, ct);
        }
        return new EmptyResult();
    }

    private async Task<IActionResult> PageAsync(IndicatorFilterForm form, IReadOnlyList<(string Field, string Code)> errors, bool valid, string? table,
        CancellationToken ct)
    {
        foreach (var (field, code) in errors)
        {
            ModelState.AddModelError(field, l[code].Value);
        }
        if (errors.Count > 0)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
        }
        var rounds = await indicators.RoundsAsync(ct);
        var choices = await indicators.ChoicesAsync(rounds, ct);
        return View("Index", new ExportsPageModel(form, choices, valid, User.SeesFullDni(), table));
    }
}
