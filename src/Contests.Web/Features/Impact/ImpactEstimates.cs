using System.Globalization;
using System.Text;
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

    /// <summary>The baseline traits to match on (<see cref="MatchOn"/> names); none = no matching.</summary>
    public List<string> Match { get; set; } = [];

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

/// <summary>
/// What the page shows: the survey's waves (for the means table), the indicator, and Core's analysis (the estimate,
/// the matching and the balance, the placebo and the splits).
/// </summary>
public sealed record EstimateReport(string Survey, string Indicator, Theme Theme, TreatmentRule Rule, IReadOnlyList<(string Name, DateOnly Date)> Waves,
    ImpactReport Analysis)
{
    public DidEstimate Estimate => Analysis.Estimate;
}

/// <summary>The data an estimate reads, before any estimating: the survey, the indicator, its waves and the panel.</summary>
public sealed record EstimateData(string Survey, string Indicator, IReadOnlyList<(string Name, DateOnly Date)> Waves, DidInput Input);

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
        var match = new List<MatchOn>();
        foreach (var text in form.Match.Where(c => !string.IsNullOrWhiteSpace(c)))
        {
            if (Named<MatchOn>(text) is { } on)
            {
                match.Add(on);
            }
            else
            {
                errors.Add(new DomainError("Impact.MatchBad", nameof(form.Match)));
            }
        }
        return errors.Count > 0
            ? (null, errors)
            : (new EstimateQuery(survey!.Id, indicator!, theme!.Value, rule!.Value, [.. covariates.Distinct()], [.. match.Distinct()]), errors);
    }

    public async Task<(Result Result, EstimateReport? Report)> EstimateAsync(EstimateQuery query, CancellationToken ct)
    {
        var data = await LoadAsync(query, ct);
        var (result, analysis) = ImpactAnalysis.Run(data.Input, query.Match);
        return result.Succeeded
            ? (result, new EstimateReport(data.Survey, data.Indicator, query.Theme, query.Rule, data.Waves, analysis!))
            : (result, null);
    }

    /// <summary>
    /// The analysis data set as CSV (invariant numbers, one row per sampled household and wave answered): what the
    /// estimate used, so that an evaluator can reproduce it elsewhere. Whether a household is in the panel and in the
    /// (matched) sample, and its propensity score when matched, are columns; a refused analysis leaves those blank.
    /// </summary>
    public async Task<string> DataCsvAsync(EstimateQuery query, CancellationToken ct)
    {
        var data = await LoadAsync(query, ct);
        var (result, analysis) = ImpactAnalysis.Run(data.Input, query.Match);
        var selection = data.Input.Waves.Count > 0 ? DifferenceInDifferences.Select(data.Input) : null;
        var panel = selection is null ? [] : selection.Treated.Concat(selection.Comparison).Select(h => h.Id).ToHashSet();
        var inv = CultureInfo.InvariantCulture;
        var csv = new StringBuilder();
        csv.Append("household,community,wave,wave_name,wave_date,treated_on,group,d,outcome,woman_headed,head_age,members,mother_tongue,education,in_panel,in_sample,pscore");
        foreach (var name in data.Input.Covariates)
        {
            csv.Append(',').Append(name.ToLowerInvariant());
        }
        csv.Append("\r\n");
        foreach (var h in data.Input.Households.OrderBy(h => h.Id))
        {
            foreach (var (wave, value) in h.Outcomes.OrderBy(o => o.Key))
            {
                var (name, date) = data.Waves[wave];
                var t = h.Traits!;
                csv.Append(inv, $"{h.Id},{h.Cluster},{wave},{Quoted(name)},{date:yyyy-MM-dd},{h.TreatedOn?.ToString("yyyy-MM-dd", inv)},")
                    .Append(h.TreatedOn is null ? "comparison" : "treated").Append(',')
                    .Append(h.TreatedOn is { } on && date >= on ? '1' : '0').Append(',')
                    .Append(value.ToString("R", inv)).Append(',')
                    .Append(inv, $"{(t.HeadSex == Sex.Female ? 1 : 0)},{t.HeadAge},{t.Members},{t.MotherTongue},{t.Education},{(panel.Contains(h.Id) ? 1 : 0)},")
                    .Append(result.Succeeded ? analysis!.Sample.Contains(h.Id) ? "1" : "0" : string.Empty).Append(',')
                    .Append(analysis?.Matching?.Scores.TryGetValue(h.Id, out var score) == true ? score.ToString("R", inv) : string.Empty);
                foreach (var c in h.Covariates)
                {
                    csv.Append(',').Append(c.ToString("R", inv));
                }
                csv.Append("\r\n");
            }
        }
        return csv.ToString();
    }

    // A wave's name is free text: quoted when it holds a comma, a quote or a line break.
    private static string Quoted(string text) =>
        text.AsSpan().IndexOfAny(",\"\r\n") < 0 ? text : "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    private async Task<EstimateData> LoadAsync(EstimateQuery query, CancellationToken ct)
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
            .Select(h => new { h.Id, h.CommunityId, h.HeadSex, h.HeadBirthYear, h.Members, h.MotherTongue, h.Education }).ToListAsync(ct);

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
                })],
                new HouseholdTraits(h.HeadSex, baselineYear - h.HeadBirthYear, h.Members, h.MotherTongue, h.Education)))
            .ToList();
        return new EstimateData(survey.Name, indicator.Name, [.. waves.Select(w => (w.Name, w.Date))],
            new DidInput([.. waves.Select(w => w.Date)], panel, [.. query.Covariates.Select(c => c.ToString())]));
    }

    // Only the names: Enum.TryParse would take "7" or "1,2" too.
    private static TEnum? Named<TEnum>(string? value) where TEnum : struct, Enum =>
        Enum.GetNames<TEnum>().FirstOrDefault(n => string.Equals(n, value?.Trim(), StringComparison.OrdinalIgnoreCase)) is { } name
            ? Enum.Parse<TEnum>(name)
            : null;
}

public sealed record EstimateQuery(int SurveyId, string Indicator, Theme Theme, TreatmentRule Rule, IReadOnlyList<Covariate> Covariates,
    IReadOnlyList<MatchOn> Match);
