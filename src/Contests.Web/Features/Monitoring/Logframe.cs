using System.Globalization;
using Contests.Core.Common;
using Contests.Core.Monitoring;
using Contests.Web.Features.Rounds;
using Contests.Web.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Contests.Web.Features.Monitoring;

/// <summary>The targets form as typed: the year and one box per indicator (blank = no target).</summary>
public sealed class TargetsForm
{
    public string? Year { get; set; }

    public Dictionary<string, string?> Values { get; set; } = [];
}

/// <summary>One line of the logframe report: target, executed and % for the year and cumulatively (every year up to it).</summary>
public sealed record LogframeLine(LogframeIndicator Indicator, decimal? Target, decimal Executed, decimal? Progress,
    decimal? CumulativeTarget, decimal CumulativeExecuted, decimal? CumulativeProgress);

public sealed record LogframeReport(int Year, string ProgrammeName, string Funder, IReadOnlyList<LogframeLine> Lines);

/// <summary>
/// The logframe (<i>marco lógico</i>): the targets per indicator and year and what the indicators measured — the year
/// (rounds of that programme year) and cumulatively (rounds of every year up to it; targets summed).
/// </summary>
public sealed class Logframe(ContestsDbContext db, IndicatorPage indicators, TimeProvider clock)
{
    public int CurrentYear => LimaTime.FromUtc(clock.GetUtcNow().UtcDateTime).Year;

    public async Task<LogframeReport> ReportAsync(int year, CancellationToken ct)
    {
        var rounds = await indicators.RoundsAsync(ct);
        var filter = IndicatorFilter.All with { Year = year };
        var inYear = await indicators.ComputeAsync(rounds.Where(r => r.Year == year).ToList(), filter, ct);
        var upToYear = await indicators.ComputeAsync(rounds.Where(r => r.Year <= year).ToList(), IndicatorFilter.All, ct);
        var targets = await db.LogframeTargets.AsNoTracking().Where(t => t.Year <= year)
            .Select(t => new { t.Indicator, t.Year, t.Value }).ToListAsync(ct);
        var programme = await db.Programmes.AsNoTracking().OrderBy(p => p.Id).Select(p => new { p.Name, p.Funder }).FirstOrDefaultAsync(ct);
        var lines = Enum.GetValues<LogframeIndicator>().Select(i =>
        {
            var target = targets.Where(t => t.Indicator == i && t.Year == year).Select(t => (decimal?)t.Value).SingleOrDefault();
            var earlier = targets.Where(t => t.Indicator == i).ToList();
            decimal? cumulativeTarget = earlier.Count == 0 ? null : earlier.Sum(t => t.Value);
            var executed = Executed(i, inYear);
            var cumulative = Executed(i, upToYear);
            return new LogframeLine(i, target, executed, LogframeTarget.Progress(executed, target), cumulativeTarget, cumulative,
                LogframeTarget.Progress(cumulative, cumulativeTarget));
        }).ToList();
        return new LogframeReport(year, programme?.Name ?? string.Empty, programme?.Funder ?? string.Empty, lines);
    }

    /// <summary>What an indicator measured, read from the indicators (one definition: <see cref="Indicators"/>).</summary>
    public static decimal Executed(LogframeIndicator indicator, IndicatorReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var p = report.Participation;
        return indicator switch
        {
            LogframeIndicator.Households => p.Households.Total,
            LogframeIndicator.Persons => p.Persons.Total,
            LogframeIndicator.WomenHeadedHouseholds => p.WomenHeadedHouseholds,
            LogframeIndicator.YouthHouseholds => p.Households.Youth,
            LogframeIndicator.CommunitiesApproved => p.CommunitiesApproved,
            LogframeIndicator.OrganizationsApproved => p.OrganizationsApproved,
            LogframeIndicator.ContestsHeld => report.ContestsByLevel.Sum(c => c.Rounds),
            LogframeIndicator.LracsOperating => report.LracsOperating,
            LogframeIndicator.Awarded => report.Awarded,
            LogframeIndicator.Paid => report.Paid,
            _ => throw new ArgumentOutOfRangeException(nameof(indicator), indicator, null),
        };
    }

    /// <summary>The year's targets as the form shows them.</summary>
    public async Task<TargetsForm> FormAsync(int year, CancellationToken ct)
    {
        var targets = await db.LogframeTargets.AsNoTracking().Where(t => t.Year == year).Select(t => new { t.Indicator, t.Value }).ToListAsync(ct);
        return new TargetsForm
        {
            Year = year.ToString(CultureInfo.InvariantCulture),
            Values = targets.ToDictionary(t => t.Indicator.ToString(), t => (string?)t.Value.ToString(LogframeTarget.IsMoney(t.Indicator) ? "0.00" : "0", CultureInfo.InvariantCulture)),
        };
    }

    public static string Field(LogframeIndicator indicator) => $"Values[{indicator}]";

    /// <summary>Saves the year's targets, all or nothing: any bad box and nothing is written. A blank box removes that target.</summary>
    public async Task<(Result Result, int? Year)> SaveAsync(TargetsForm form, int userId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(form);
        var errors = new List<DomainError>();
        int? year = null;
        if (!int.TryParse(form.Year?.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var y) || y is < LogframeTarget.MinYear or > LogframeTarget.MaxYear)
        {
            errors.Add(new DomainError("Logframe.BadYear", nameof(TargetsForm.Year), LogframeTarget.MinYear, LogframeTarget.MaxYear));
        }
        else
        {
            year = y;
        }
        var values = new Dictionary<LogframeIndicator, decimal?>();
        foreach (var indicator in Enum.GetValues<LogframeIndicator>())
        {
            var text = form.Values.GetValueOrDefault(indicator.ToString())?.Trim();
            if (string.IsNullOrEmpty(text))
            {
                values[indicator] = null;
                continue;
            }
            if (!decimal.TryParse(FormNumbers.DecimalComma(text).Replace(",", "", StringComparison.Ordinal), NumberStyles.AllowDecimalPoint,
                    CultureInfo.InvariantCulture, out var value))
            {
                errors.Add(new DomainError("Logframe.NotANumber", Field(indicator)));
                continue;
            }
            if (LogframeTarget.Check(indicator, year ?? LogframeTarget.MinYear, value, Field(indicator)) is { } error)
            {
                errors.Add(error);
                continue;
            }
            values[indicator] = value;
        }
        if (errors.Count > 0)
        {
            return (Result.Fail(errors), null);
        }
        var now = clock.GetUtcNow().UtcDateTime;
        var existing = await db.LogframeTargets.Where(t => t.Year == year).ToListAsync(ct);
        foreach (var (indicator, value) in values)
        {
            var target = existing.SingleOrDefault(t => t.Indicator == indicator);
            if (value is null)
            {
                if (target is not null)
                {
                    db.LogframeTargets.Remove(target);
                }
            }
            else if (target is null)
            {
                db.LogframeTargets.Add(LogframeTarget.Create(indicator, year!.Value, value.Value, userId, now).Target!);
            }
            else if (target.Value != value)
            {
                _ = target.Change(value.Value, userId, now);
            }
        }
        await db.SaveChangesAsync(ct);
        return (Result.Success(), year);
    }
}
