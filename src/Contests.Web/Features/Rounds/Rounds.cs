using Contests.Core.Common;
using Contests.Core.Programmes;
using Contests.Core.Rounds;
using Contests.Web.Features.Registry;
using Contests.Web.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Contests.Web.Features.Rounds;

public sealed record RoundRow(int Id, string Name, RoundLevel Level, RoundPhase Phase, string Office, int Entries, DateTime? NextDueUtc, RoundPhase? NextDuePhase,
    bool ScheduleFailed);

public sealed record OfficeOption(int Id, string Name);

public sealed record SourceOption(int Id, string Name, decimal Balance, IReadOnlySet<Theme> Themes, int Districts);

/// <summary>What the setup and rules forms choose from.</summary>
public sealed record RoundOptions(IReadOnlyList<OfficeOption> Offices, IReadOnlyList<DistrictOption> Districts,
    IReadOnlyList<CommunityOption> Communities, IReadOnlyList<(int Id, string Name)> Watersheds, IReadOnlyList<SourceOption> Sources);

/// <summary>
/// Contest rounds: list, set up, write the rules (versioned once open). Every change goes through the
/// <see cref="ContestRound"/> aggregate; the handler gathers what the aggregate needs from the registry.
/// </summary>
public sealed class Rounds(ContestsDbContext db, Lookups lookups, TimeProvider clock)
{
    public async Task<IReadOnlyList<RoundRow>> ListAsync(CancellationToken ct)
    {
        var rounds = await db.Rounds.AsNoTracking().IgnoreAutoIncludes().Include(r => r.Schedule).OrderByDescending(r => r.Id).ToListAsync(ct);
        var offices = await db.LocalOffices.AsNoTracking().ToDictionaryAsync(o => o.Id, o => o.Name, ct);
        var entries = await db.Entries.AsNoTracking().Where(e => e.Status == EntryStatus.Registered).GroupBy(e => e.RoundId)
            .Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.Count, ct);
        return [.. rounds.Select(r =>
        {
            var next = r.Schedule.Where(s => s.State == ScheduleState.Pending).MinBy(s => s.DueUtc);
            return new RoundRow(r.Id, r.Name, r.Level, r.Phase, offices.GetValueOrDefault(r.LocalOfficeId, "?"), entries.GetValueOrDefault(r.Id),
                next?.DueUtc, next?.ToPhase, r.Schedule.Any(s => s.State == ScheduleState.Failed && s.ToPhase > r.Phase));
        })];
    }

    /// <summary>The round with its collections (six small ones: one query each rather than their product).</summary>
    public Task<ContestRound?> FindAsync(int id, CancellationToken ct) => db.Rounds.AsSplitQuery().SingleOrDefaultAsync(r => r.Id == id, ct);

    public async Task<RoundOptions> OptionsAsync(CancellationToken ct)
    {
        var programme = await db.Programmes.AsNoTracking().Include(p => p.Offices).OrderBy(p => p.Id).FirstOrDefaultAsync(ct);
        var sources = programme is null ? [] : await db.FundingSources.AsNoTracking().Where(f => f.ProgrammeId == programme.Id).OrderBy(f => f.Name).ToListAsync(ct);
        var watersheds = await db.Watersheds.AsNoTracking().OrderBy(w => w.Name).Select(w => new { w.Id, w.Name }).ToListAsync(ct);
        return new RoundOptions(
            programme is null ? [] : [.. programme.Offices.OrderBy(o => o.Name).Select(o => new OfficeOption(o.Id, o.Name))],
            await lookups.DistrictsAsync(ct), await lookups.CommunitiesAsync(ct), [.. watersheds.Select(w => (w.Id, w.Name))],
            [.. sources.Select(s => new SourceOption(s.Id, s.Name, s.Balance, s.Themes.Select(t => t.Theme).ToHashSet(), s.Districts.Count))]);
    }

    public async Task<(Result Result, ContestRound? Round)> SaveAsync(ContestRound? round, RoundForm form, int userId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(form);
        var errors = new List<DomainError>();
        var name = Text.Name(form.Name, RoundSetup.NameMaxLength, nameof(form.Name), required: true, errors);
        var programme = await db.Programmes.AsNoTracking().Include(p => p.Offices).OrderBy(p => p.Id).FirstOrDefaultAsync(ct);
        if (programme is null)
        {
            errors.Add(new DomainError("Programme.Missing"));
        }
        if (form.LocalOfficeId is null || programme?.Offices.Any(o => o.Id == form.LocalOfficeId) != true)
        {
            errors.Add(new DomainError("Validation.Required", nameof(form.LocalOfficeId), new FieldLabel(nameof(form.LocalOfficeId))));
        }
        if (form.Level is null)
        {
            errors.Add(new DomainError("Validation.Required", nameof(form.Level), new FieldLabel(nameof(form.Level))));
        }
        if (form.PoolBy is null)
        {
            errors.Add(new DomainError("Validation.Required", nameof(form.PoolBy), new FieldLabel(nameof(form.PoolBy))));
        }
        var districts = form.Districts.Where(d => !string.IsNullOrWhiteSpace(d)).Distinct(StringComparer.Ordinal).ToArray();
        var communities = form.Communities.Distinct().ToArray();
        var watersheds = form.Watersheds.Distinct().ToArray();
        if (await db.Districts.CountAsync(d => districts.Contains(d.Ubigeo), ct) != districts.Length
            || await db.Communities.CountAsync(c => communities.Contains(c.Id), ct) != communities.Length
            || await db.Watersheds.CountAsync(w => watersheds.Contains(w.Id), ct) != watersheds.Length)
        {
            errors.Add(new DomainError("Round.UnknownPlace", "Scope"));
        }
        var setup = new RoundSetup
        {
            Name = name ?? string.Empty, LocalOfficeId = form.LocalOfficeId ?? 0, Level = form.Level ?? RoundLevel.Households,
            PoolBy = form.PoolBy ?? RoundSetup.PoolsFor(form.Level ?? RoundLevel.Households)[0],
            Themes = form.Themes.ToHashSet(), Categories = form.CategoryList(),
            Scope = new RoundScope(districts.ToHashSet(StringComparer.Ordinal), communities.ToHashSet(), watersheds.ToHashSet()),
        };
        if (errors.Count > 0)
        {
            // Every problem in one go: the setup's own checks too, for the fields not already refused.
            var flagged = errors.Select(e => e.Field).ToHashSet(StringComparer.Ordinal);
            errors.AddRange(setup.Check().Where(e => !flagged.Contains(e.Field)
                && !(e.Code == "Round.PoolForLevel" && (form.Level is null || form.PoolBy is null))));
            return (Result.Fail(errors), round);
        }
        if (round is not null && Stale(round, form.Revision))
        {
            return (Result.Fail(new DomainError("Round.ChangedMeanwhile")), round);
        }
        if (round is null)
        {
            var (created, newRound) = ContestRound.Create(programme!.Id, setup, userId, clock.GetUtcNow().UtcDateTime);
            if (!created.Succeeded)
            {
                return (created, null);
            }
            db.Rounds.Add(newRound!);
            await db.SaveChangesAsync(ct);
            return (created, newRound);
        }
        var updated = round.Update(setup);
        if (updated.Succeeded)
        {
            await db.SaveChangesAsync(ct);
        }
        return (updated, round);
    }

    /// <summary>Reads the rules form into rules (every problem at once) and applies them to the round.</summary>
    public async Task<Result> SaveRulesAsync(ContestRound round, RulesForm form, int userId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(round);
        ArgumentNullException.ThrowIfNull(form);
        if (Stale(round, form.Revision))
        {
            return Result.Fail(new DomainError("Round.ChangedMeanwhile"));
        }
        var errors = new List<DomainError>();
        var rubric = ReadRubric(form, errors);
        var prizes = ReadPrizes(form, errors);
        if (prizes is not null)
        {
            errors.AddRange(prizes.Check(round.Level));
            errors.AddRange(BudgetLines.Check(prizes.BudgetLines, await SourceFactsAsync(round, prizes, ct),
                [.. round.Themes.Select(t => t.Theme)], await DistrictsOfAsync(round.Scope, ct)));
        }
        if (errors.Count > 0)
        {
            return Result.Fail(Distinct(errors));
        }
        var result = round.SetRules(new RoundRules(rubric!, prizes!), form.Reason, userId, clock.GetUtcNow().UtcDateTime);
        if (result.Succeeded)
        {
            await db.SaveChangesAsync(ct);
        }
        return result;
    }

    /// <summary>The districts a scope covers: its districts, its communities' districts and its watersheds' communities' districts.</summary>
    public async Task<IReadOnlyCollection<string>> DistrictsOfAsync(RoundScope scope, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(scope);
        if (scope.IsEverywhere)
        {
            return await db.Districts.Select(d => d.Ubigeo).ToListAsync(ct);
        }
        var communities = scope.Communities.ToArray();
        var watersheds = scope.Watersheds.ToArray();
        var viaCommunities = await db.Communities.Where(c => communities.Contains(c.Id)).Select(c => c.DistrictUbigeo).ToListAsync(ct);
        var viaWatersheds = await (from wc in db.Set<Core.Registry.WatershedCommunity>()
                                   join c in db.Communities on wc.CommunityId equals c.Id
                                   where watersheds.Contains(wc.WatershedId)
                                   select c.DistrictUbigeo).ToListAsync(ct);
        return scope.Districts.Concat(viaCommunities).Concat(viaWatersheds).ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>The funding sources of the round's budget lines, with their balance and restrictions.</summary>
    public async Task<IReadOnlyDictionary<int, SourceFacts>> SourceFactsAsync(ContestRound round, PrizeRules prizes, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(round);
        ArgumentNullException.ThrowIfNull(prizes);
        var ids = prizes.BudgetLines.Select(b => b.FundingSourceId).ToArray();
        var sources = await db.FundingSources.AsNoTracking().Where(f => ids.Contains(f.Id) && f.ProgrammeId == round.ProgrammeId).ToListAsync(ct);
        // Budget lines promise money to the round; only allocation (after the LRAC decides) moves the balance.
        return sources.ToDictionary(s => s.Id, s => new SourceFacts(s.Id, s.Name, s.Balance,
            s.Themes.Select(t => t.Theme).ToHashSet(), s.Districts.Select(d => d.Ubigeo).ToHashSet(StringComparer.Ordinal)));
    }

    /// <summary>
    /// Whether the form was opened at an older revision than the round has now. The form's revision also
    /// becomes the one EF checks when saving, so a save racing this one is refused by the database.
    /// </summary>
    private bool Stale(ContestRound round, int? revision)
    {
        if (revision is not { } seen)
        {
            return false;
        }
        db.Entry(round).Property(r => r.Revision).OriginalValue = seen;
        return seen != round.Revision;
    }

    private static Rubric? ReadRubric(RulesForm form, List<DomainError> errors)
    {
        var before = errors.Count;
        var parts = new List<RubricPart>();
        for (var p = 0; p < form.Parts.Count; p++)
        {
            var part = form.Parts[p];
            if (part.IsBlank)
            {
                continue;
            }
            var field = $"Parts[{p}]";
            var criteria = new List<Criterion>();
            for (var c = 0; c < part.Criteria.Count; c++)
            {
                var criterion = part.Criteria[c];
                if (criterion.IsBlank)
                {
                    continue;
                }
                var cf = $"{field}.Criteria[{c}]";
                var max = FormNumbers.Number(criterion.MaxPoints, cf + ".MaxPoints", errors);
                var weight = FormNumbers.Number(string.IsNullOrWhiteSpace(criterion.Weight) ? "1" : criterion.Weight, cf + ".Weight", errors);
                criteria.Add(new Criterion(Text.Clean(criterion.Name) ?? string.Empty, Text.Clean(criterion.Description), max ?? 1, weight ?? 1));
            }
            var min = FormNumbers.WholeNumber(part.MinJurors, field + ".MinJurors", errors);
            var maxJurors = FormNumbers.WholeNumber(part.MaxJurors, field + ".MaxJurors", errors);
            parts.Add(new RubricPart(Text.Clean(part.Name) ?? string.Empty, criteria, min ?? 1, maxJurors ?? min ?? 1, part.Aggregation, part.Venue));
        }
        var qualifying = FormNumbers.Number(form.QualifyingScore, nameof(form.QualifyingScore), errors);
        // Rubric.Create names its fields by the position among the parts it was given; blank rows were
        // skipped, so map back to the form's rows.
        var rubricErrors = new List<DomainError>();
        var rubric = Rubric.Create(parts, qualifying ?? 0, rubricErrors, form.Normalize);
        var partRows = form.Parts.Select((part, i) => (part, i)).Where(x => !x.part.IsBlank).Select(x => x.i).ToList();
        foreach (var error in rubricErrors)
        {
            errors.Add(error with { Field = RowField(error.Field, partRows, form) });
        }
        return errors.Count > before ? null : rubric;
    }

    private static string? RowField(string? field, List<int> partRows, RulesForm form)
    {
        if (field is null || !field.StartsWith("Parts[", StringComparison.Ordinal))
        {
            return field;
        }
        var close = field.IndexOf(']', StringComparison.Ordinal);
        var index = int.Parse(field[6..close], System.Globalization.CultureInfo.InvariantCulture);
        var row = index < partRows.Count ? partRows[index] : index;
        var rest = field[(close + 1)..];
        const string marker = ".Criteria[";
        if (rest.StartsWith(marker, StringComparison.Ordinal) && row < form.Parts.Count)
        {
            var cClose = rest.IndexOf(']', StringComparison.Ordinal);
            var cIndex = int.Parse(rest[marker.Length..cClose], System.Globalization.CultureInfo.InvariantCulture);
            var criterionRows = form.Parts[row].Criteria.Select((c, i) => (c, i)).Where(x => !x.c.IsBlank).Select(x => x.i).ToList();
            var cRow = cIndex < criterionRows.Count ? criterionRows[cIndex] : cIndex;
            rest = $"{marker}{cRow}]{rest[(cClose + 1)..]}";
        }
        return $"Parts[{row}]{rest}";
    }

    private static PrizeRules? ReadPrizes(RulesForm form, List<DomainError> errors)
    {
        var before = errors.Count;
        var tiers = new List<decimal>();
        var lastFilled = form.Tiers.FindLastIndex(t => !string.IsNullOrWhiteSpace(t));
        for (var i = 0; i <= lastFilled; i++)
        {
            tiers.Add(FormNumbers.Money(form.Tiers[i], $"Tiers[{i}]", errors) ?? 0);
        }
        var lines = new List<BudgetLine>();
        foreach (var (sourceId, amount) in form.Budget.OrderBy(b => b.Key))
        {
            if (FormNumbers.Money(amount, $"Budget[{sourceId}]", errors, required: false) is { } value)
            {
                lines.Add(new BudgetLine(sourceId, value));
            }
        }
        var rules = new PrizeRules
        {
            Method = form.Method,
            Tiers = form.Method == AllocationMethod.FixedTiers ? tiers : [],
            ParticipationPrize = form.Method is AllocationMethod.FixedTiers or AllocationMethod.Participation
                ? FormNumbers.Money(form.ParticipationPrize, nameof(form.ParticipationPrize), errors, required: false) : null,
            PoolAmount = form.Method == AllocationMethod.ProportionalPool
                ? FormNumbers.Money(form.PoolAmount, nameof(form.PoolAmount), errors, required: false) : null,
            MaxWinnersPerPool = FormNumbers.WholeNumber(form.MaxWinnersPerPool, nameof(form.MaxWinnersPerPool), errors, required: false),
            TieRule = form.TieRule,
            CapPerCompetitorYear = FormNumbers.Money(form.CapPerCompetitorYear, nameof(form.CapPerCompetitorYear), errors, required: false),
            WomenBonusPoints = FormNumbers.Number(form.WomenBonusPoints, nameof(form.WomenBonusPoints), errors, required: false),
            WomenReservedCount = FormNumbers.WholeNumber(form.WomenReservedCount, nameof(form.WomenReservedCount), errors, required: false),
            WomenReservedPrize = FormNumbers.Money(form.WomenReservedPrize, nameof(form.WomenReservedPrize), errors, required: false),
            CounterpartMinPercent = FormNumbers.Number(form.CounterpartMinPercent, nameof(form.CounterpartMinPercent), errors, required: false) ?? 0,
            MaxGrantPerPlan = form.Method == AllocationMethod.CoFinancing
                ? FormNumbers.Money(form.MaxGrantPerPlan, nameof(form.MaxGrantPerPlan), errors, required: false) : null,
            FirstTranchePercent = FormNumbers.Number(form.FirstTranchePercent, nameof(form.FirstTranchePercent), errors, required: false)
                ?? PrizeRules.DefaultFirstTranchePercent,
            Overflow = form.Overflow,
            BudgetLines = lines,
        };
        return errors.Count > before ? null : rules;
    }

    private static List<DomainError> Distinct(List<DomainError> errors) =>
        [.. errors.GroupBy(e => (e.Code, e.Field)).Select(g => g.First())];
}
