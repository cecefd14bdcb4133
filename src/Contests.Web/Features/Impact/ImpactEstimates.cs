using System.Globalization;
using Contests.Core.Common;
using Contests.Core.Impact;
using Contests.Core.Programmes;
using Contests.Core.Registry;
using Contests.Core.Rounds;
using Contests.Web.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Contests.Web.Features.Impact;

/// <summary>The estimate's choices as typed (a GET form: strings, so that a bad value gets its own message and stays in its box).</summary>
public sealed class EstimateForm
{
    public string? Survey { get; set; }

    public string? Indicator { get; set; }

    public string? Theme { get; set; }

    public string? Rule { get; set; }

    public List<string> Covariates { get; set; } = [];

    /// <summary>
    /// Nothing asked yet: no indicator and no theme. A survey alone (the survey page's link) only preselects it on the form;
    /// it is not a request with missing choices.
    /// </summary>
    public bool IsEmpty => string.IsNullOrWhiteSpace(Indicator) && string.IsNullOrWhiteSpace(Theme);
}

/// <summary>Baseline covariates the 2×2 form can adjust for, read from the registry (as the registry holds them today).</summary>
public enum Covariate
{
    WomanHeaded,
    HeadAge,
    Members,
}

public sealed record EstimateChoice(int Id, string Name, IReadOnlyList<(string Code, string Name)> Indicators, IReadOnlyList<(string Name, DateOnly Date)> Waves);

/// <summary>What the page shows: the survey's waves (for the means table), the indicator, and Core's estimate.</summary>
public sealed record EstimateReport(string Survey, string Indicator, Theme Theme, TreatmentRule Rule, IReadOnlyList<(string Name, DateOnly Date)> Waves,
    DidEstimate Estimate);

/// <summary>
/// Runs a difference-in-differences estimate (<see cref="DifferenceInDifferences"/>) from the database: the chosen
/// indicator's answers, each sampled household's community (the cluster) and, by the chosen rule, the Lima date it was
/// first treated in rounds of the chosen theme — its first entry (not withdrawn), or the approval of its first current
/// award with money. Everything is read as narrow projections; the regression runs in memory.
/// </summary>
public sealed class ImpactEstimates(ContestsDbContext db)
{
    public async Task<List<EstimateChoice>> ChoicesAsync(CancellationToken ct)
    {
        var surveys = await db.Surveys.AsNoTracking().Include(s => s.Indicators).Include(s => s.Waves).OrderBy(s => s.Name).ToListAsync(ct);
        return [.. surveys.Select(s => new EstimateChoice(s.Id, s.Name,
            [.. s.Indicators.OrderBy(i => i.Position).Select(i => (i.Code, i.Name))], [.. s.WavesInOrder().Select(w => (w.Name, w.Date))]))];
    }

    /// <summary>Reads the form against the surveys there are; every bad value is an error on its field.</summary>
    public static (EstimateQuery? Query, List<DomainError> Errors) Parse(EstimateForm form, IReadOnlyList<EstimateChoice> choices)
    {
        ArgumentNullException.ThrowIfNull(form);
        ArgumentNullException.ThrowIfNull(choices);
        var errors = new List<DomainError>();
        var survey = int.TryParse(form.Survey?.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? choices.FirstOrDefault(c => c.Id == id) : null;
        if (survey is null)
        {
            errors.Add(new DomainError("Impact.SurveyRequired", nameof(form.Survey)));
        }
        var indicator = Text.Clean(form.Indicator)?.ToLowerInvariant();
        if (survey is not null && (indicator is null || !survey.Indicators.Any(i => i.Code == indicator)))
        {
            errors.Add(new DomainError("Impact.IndicatorRequired", nameof(form.Indicator)));
        }
        var theme = Named<Theme>(form.Theme);
        if (theme is null)
        {
            errors.Add(new DomainError("Impact.ThemeRequired", nameof(form.Theme)));
        }
        var rule = string.IsNullOrWhiteSpace(form.Rule) ? TreatmentRule.FirstEntry : Named<TreatmentRule>(form.Rule);
        if (rule is null)
        {
            errors.Add(new DomainError("Impact.RuleBad", nameof(form.Rule)));
        }
        var covariates = new List<Covariate>();
        foreach (var text in form.Covariates.Where(c => !string.IsNullOrWhiteSpace(c)))
        {
            if (Named<Covariate>(text) is { } covariate)
            {
                covariates.Add(covariate);
            }
            else
            {
                errors.Add(new DomainError("Impact.CovariateBad", nameof(form.Covariates)));
            }
        }
        return errors.Count > 0 ? (null, errors) : (new EstimateQuery(survey!.Id, indicator!, theme!.Value, rule!.Value, [.. covariates.Distinct()]), errors);
    }

    public async Task<(Result Result, EstimateReport? Report)> EstimateAsync(EstimateQuery query, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(query);
        var survey = await db.Surveys.AsNoTracking().Include(s => s.Indicators).Include(s => s.Waves).FirstAsync(s => s.Id == query.SurveyId, ct);
        var indicator = survey.Indicators.First(i => i.Code == query.Indicator);
        var waves = survey.WavesInOrder();
        var waveIndex = waves.Select((w, i) => (w.Id, i)).ToDictionary(p => p.Id, p => p.i);
        var answers = await db.SurveyAnswers.AsNoTracking().Where(a => a.IndicatorId == indicator.Id)
            .Select(a => new { a.HouseholdId, a.WaveId, a.Value }).ToListAsync(ct);
        var sampled = db.SurveyAnswers.Where(a => a.IndicatorId == indicator.Id).Select(a => a.HouseholdId);
        var households = await db.Households.AsNoTracking().Where(h => sampled.Contains(h.Id))
            .Select(h => new { h.Id, h.CommunityId, h.HeadSex, h.HeadBirthYear, h.Members }).ToListAsync(ct);

        var rounds = db.Rounds.Where(r => r.Themes.Any(t => t.Theme == query.Theme)).Select(r => r.Id);
        var entries = db.Entries.Where(e => rounds.Contains(e.RoundId) && e.HouseholdId != null && e.Status != EntryStatus.Withdrawn
                                            && sampled.Contains(e.HouseholdId!.Value));
        var treatedUtc = query.Rule == TreatmentRule.FirstEntry
            ? await entries.Select(e => new { HouseholdId = e.HouseholdId!.Value, When = e.RegisteredUtc }).ToListAsync(ct)
            : await db.Awards.Where(a => a.Current && a.Amount > 0)
                .Join(db.Actas.Where(x => x.ApprovedUtc != null), a => a.ActaId, x => x.Id, (a, x) => new { a.EntryId, When = x.ApprovedUtc!.Value })
                .Join(entries, a => a.EntryId, e => e.Id, (a, e) => new { HouseholdId = e.HouseholdId!.Value, a.When })
                .ToListAsync(ct);
        var treatedOn = treatedUtc.GroupBy(t => t.HouseholdId)
            .ToDictionary(g => g.Key, g => DateOnly.FromDateTime(LimaTime.FromUtc(g.Min(t => t.When))));

        var outcomes = answers.GroupBy(a => a.HouseholdId)
            .ToDictionary(g => g.Key, g => (IReadOnlyDictionary<int, double>)g.ToDictionary(a => waveIndex[a.WaveId], a => (double)a.Value));
        var baselineYear = waves.Count > 0 ? waves[0].Date.Year : 0;
        var panel = households.Select(h => new PanelHousehold(h.Id, h.CommunityId, treatedOn.TryGetValue(h.Id, out var on) ? on : null,
                outcomes[h.Id],
                [.. query.Covariates.Select(c => c switch
                {
                    Covariate.WomanHeaded => h.HeadSex == Sex.Female ? 1.0 : 0.0,
                    Covariate.HeadAge => baselineYear - h.HeadBirthYear,
                    _ => (double)h.Members,
                })]))
            .ToList();
        var (result, estimate) = DifferenceInDifferences.Estimate(new DidInput([.. waves.Select(w => w.Date)], panel,
            [.. query.Covariates.Select(c => c.ToString())]));
        return result.Succeeded
            ? (result, new EstimateReport(survey.Name, indicator.Name, query.Theme, query.Rule, [.. waves.Select(w => (w.Name, w.Date))], estimate!))
            : (result, null);
    }

    // Only the names: Enum.TryParse would take "7" or "1,2" too.
    private static TEnum? Named<TEnum>(string? value) where TEnum : struct, Enum =>
        Enum.GetNames<TEnum>().FirstOrDefault(n => string.Equals(n, value?.Trim(), StringComparison.OrdinalIgnoreCase)) is { } name
            ? Enum.Parse<TEnum>(name)
            : null;
}

public sealed record EstimateQuery(int SurveyId, string Indicator, Theme Theme, TreatmentRule Rule, IReadOnlyList<Covariate> Covariates);
