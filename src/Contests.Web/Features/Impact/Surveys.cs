using System.Globalization;
using Contests.Core.Common;
using Contests.Core.Impact;
using Contests.Web.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Contests.Web.Features.Impact;

/// <summary>The new-survey form as typed: a name and up to <see cref="Survey.MaxIndicators"/> indicator lines.</summary>
public sealed class SurveyForm
{
    public string? Name { get; set; }

    public List<IndicatorLine> Indicators { get; set; } = [];

    public SurveyForm Padded()
    {
        while (Indicators.Count < 6)
        {
            Indicators.Add(new IndicatorLine());
        }
        return this;
    }
}

public sealed class IndicatorLine
{
    public string? Code { get; set; }

    public string? Name { get; set; }
}

public sealed class WaveForm
{
    public string? Name { get; set; }

    public string? Date { get; set; }
}

/// <summary>One household's answers for one wave, typed: the wave, the household (DNI of its head or partner, or its number) and a value per indicator code.</summary>
public sealed class AnswerForm
{
    public string? Wave { get; set; }

    public string? Household { get; set; }

    public Dictionary<string, string?> Values { get; set; } = new(StringComparer.Ordinal);
}

public sealed record SurveySummary(int Id, string Name, int Indicators, int Waves, int Households);

public sealed record WaveSummary(int Id, string Name, DateOnly Date, int Households);

public sealed record SurveyDetails(int Id, string Name, IReadOnlyList<SurveyIndicator> Indicators, IReadOnlyList<WaveSummary> Waves);

/// <summary>
/// Household surveys: defining them, adding waves, typing a household's answers. Rules are Core's
/// (<see cref="Survey"/>, <see cref="SurveyAnswer"/>); this binds, looks households up and stores. Changes are
/// audited by the interceptor (entities <c>Survey</c>, <c>SurveyIndicator</c>, <c>SurveyWave</c>, <c>SurveyAnswer</c>).
/// </summary>
public sealed class Surveys(ContestsDbContext db, TimeProvider clock)
{
    public async Task<List<SurveySummary>> ListAsync(CancellationToken ct) =>
        await db.Surveys.AsNoTracking().OrderBy(s => s.Name)
            .Select(s => new SurveySummary(s.Id, s.Name, s.Indicators.Count, s.Waves.Count,
                db.SurveyAnswers.Where(a => s.Waves.Select(w => w.Id).Contains(a.WaveId)).Select(a => a.HouseholdId).Distinct().Count()))
            .ToListAsync(ct);

    public async Task<SurveyDetails?> FindAsync(int id, CancellationToken ct)
    {
        var survey = await db.Surveys.AsNoTracking().Include(s => s.Indicators).Include(s => s.Waves).FirstOrDefaultAsync(s => s.Id == id, ct);
        if (survey is null)
        {
            return null;
        }
        var waveIds = survey.Waves.Select(w => w.Id).ToList();
        var counts = await db.SurveyAnswers.AsNoTracking().Where(a => waveIds.Contains(a.WaveId))
            .GroupBy(a => a.WaveId).Select(g => new { g.Key, Households = g.Select(a => a.HouseholdId).Distinct().Count() })
            .ToDictionaryAsync(g => g.Key, g => g.Households, ct);
        return new SurveyDetails(survey.Id, survey.Name, [.. survey.Indicators.OrderBy(i => i.Position)],
            [.. survey.WavesInOrder().Select(w => new WaveSummary(w.Id, w.Name, w.Date, counts.GetValueOrDefault(w.Id)))]);
    }

    public async Task<(Result Result, int? Id)> CreateAsync(SurveyForm form, int userId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(form);
        var (result, survey) = Survey.Define(form.Name, [.. form.Indicators.Select(i => new IndicatorInput(i.Code, i.Name))], userId,
            clock.GetUtcNow().UtcDateTime);
        if (!result.Succeeded)
        {
            return (result, null);
        }
        db.Surveys.Add(survey!);
        await db.SaveChangesAsync(ct);
        return (result, survey!.Id);
    }

    /// <summary>Adds a wave; null when the survey doesn't exist.</summary>
    public async Task<Result?> AddWaveAsync(int surveyId, WaveForm form, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(form);
        var survey = await db.Surveys.Include(s => s.Waves).FirstOrDefaultAsync(s => s.Id == surveyId, ct);
        if (survey is null)
        {
            return null;
        }
        var errors = new List<DomainError>();
        var date = ParseDate(form.Date, "Date", errors);
        var (result, _) = survey.AddWave(form.Name, date);
        if (errors.Count > 0 || !result.Succeeded)
        {
            return Result.Fail([.. errors, .. result.Errors.Where(e => !(date is null && e.Field == "Date"))]);
        }
        await db.SaveChangesAsync(ct);
        return result;
    }

    /// <summary>
    /// Saves one household's answers for one wave: every value typed is checked first and nothing is written when one is
    /// wrong; a value already recorded is corrected in place, a blank box leaves the stored value as it is.
    /// </summary>
    public async Task<Result> SaveAnswersAsync(SurveyDetails survey, AnswerForm form, int userId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(survey);
        ArgumentNullException.ThrowIfNull(form);
        var errors = new List<DomainError>();
        var wave = int.TryParse(form.Wave, NumberStyles.None, CultureInfo.InvariantCulture, out var waveId)
            ? survey.Waves.FirstOrDefault(w => w.Id == waveId) : null;
        if (wave is null)
        {
            errors.Add(new DomainError("Impact.WaveRequired", "Wave"));
        }
        var household = await FindHouseholdAsync(form.Household, "Household", errors, ct);
        var values = new List<(SurveyIndicator Indicator, decimal Value)>();
        foreach (var indicator in survey.Indicators)
        {
            if (SurveyAnswer.Parse(form.Values.GetValueOrDefault(indicator.Code), $"Values[{indicator.Code}]", errors) is { } value)
            {
                values.Add((indicator, value));
            }
        }
        if (values.Count == 0 && errors.Count == 0)
        {
            errors.Add(new DomainError("Impact.NoAnswers", $"Values[{survey.Indicators[0].Code}]"));
        }
        if (errors.Count > 0)
        {
            return Result.Fail(errors);
        }
        var now = clock.GetUtcNow().UtcDateTime;
        var stored = await db.SurveyAnswers.Where(a => a.WaveId == wave!.Id && a.HouseholdId == household!.Value).ToDictionaryAsync(a => a.IndicatorId, ct);
        foreach (var (indicator, value) in values)
        {
            if (stored.TryGetValue(indicator.Id, out var answer))
            {
                if (answer.Value != value)
                {
                    answer.Correct(value, userId, now);
                }
            }
            else
            {
                db.SurveyAnswers.Add(SurveyAnswer.Record(wave!.Id, household!.Value, indicator.Id, value, userId, now));
            }
        }
        await db.SaveChangesAsync(ct);
        return Result.Success();
    }

    /// <summary>A registry household by the DNI of its head or partner (8 digits) or by its number.</summary>
    public async Task<int?> FindHouseholdAsync(string? text, string field, ICollection<DomainError> errors, CancellationToken ct)
    {
        var key = HouseholdKey.Parse(text);
        int? id = key is null ? null
            : key.Value.Dni is { } dni
                ? await db.Households.Where(h => h.HeadDni == dni || h.PartnerDni == dni).Select(h => (int?)h.Id).FirstOrDefaultAsync(ct)
                : await db.Households.Where(h => h.Id == key.Value.Number).Select(h => (int?)h.Id).FirstOrDefaultAsync(ct);
        return HouseholdKeys.Report(id, text, field, errors);
    }

    /// <summary>Every household's number and DNIs, read once for a file (one query, not one per row).</summary>
    public async Task<HouseholdKeys> HouseholdKeysAsync(CancellationToken ct)
    {
        var rows = await db.Households.AsNoTracking().Select(h => new { h.Id, h.HeadDni, h.PartnerDni }).ToListAsync(ct);
        var byDni = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var row in rows)
        {
            byDni.TryAdd(row.HeadDni, row.Id);
            if (row.PartnerDni is { Length: > 0 } partner)
            {
                byDni.TryAdd(partner, row.Id);
            }
        }
        return new HouseholdKeys(byDni, [.. rows.Select(r => r.Id)]);
    }

    /// <summary>A date typed as the date input sends it (2026-03-15) or as people write it (15/03/2026).</summary>
    public static DateOnly? ParseDate(string? text, string field, ICollection<DomainError> errors)
    {
        var cleaned = Text.Clean(text);
        if (cleaned is null)
        {
            return null;
        }
        if (DateOnly.TryParseExact(cleaned, ["yyyy-MM-dd", "d/M/yyyy"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return date;
        }
        errors.Add(new DomainError("Impact.WaveDateBad", field, cleaned));
        return null;
    }
}

/// <summary>How a file or a form names a household: the 8-digit DNI of its head or partner, or the registry's number for it.</summary>
public readonly record struct HouseholdKey(string? Dni, int? Number)
{
    public static HouseholdKey? Parse(string? text)
    {
        var cleaned = Text.Clean(text);
        if (cleaned is null)
        {
            return null;
        }
        if (cleaned.Length == Core.Registry.Dni.Length && cleaned.All(char.IsAsciiDigit))
        {
            return new HouseholdKey(cleaned, null);
        }
        var digits = cleaned.StartsWith("N.°", StringComparison.Ordinal) ? cleaned[3..].Trim() : cleaned;
        return digits.Length is > 0 and < 8 && digits.All(char.IsAsciiDigit)
            ? new HouseholdKey(null, int.Parse(digits, CultureInfo.InvariantCulture))
            : null;
    }
}

/// <summary>The registry's households by DNI (head's or partner's) and by number, for a file's rows.</summary>
public sealed class HouseholdKeys(Dictionary<string, int> byDni, HashSet<int> ids)
{
    public int? Find(string? text, string field, ICollection<DomainError> errors)
    {
        var key = HouseholdKey.Parse(text);
        int? id = key is null ? null
            : key.Value.Dni is { } dni ? (byDni.TryGetValue(dni, out var found) ? found : null)
            : ids.Contains(key.Value.Number!.Value) ? key.Value.Number : null;
        return Report(id, text, field, errors);
    }

    internal static int? Report(int? id, string? text, string field, ICollection<DomainError> errors)
    {
        if (id is null)
        {
            var cleaned = Text.Clean(text);
            errors.Add(cleaned is null ? new DomainError("Impact.HouseholdRequired", field) : new DomainError("Impact.HouseholdNotFound", field, cleaned));
        }
        return id;
    }
}
