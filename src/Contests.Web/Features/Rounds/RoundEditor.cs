using Contests.Core.Common;
using Contests.Core.Rounds;
using Contests.Web.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Contests.Web.Features.Rounds;

/// <summary>
/// Sets up a round and writes its rules (versioned once open). Every change goes through the
/// <see cref="ContestRound"/> aggregate; the editor reads the forms (every problem at once) and gathers what the
/// aggregate needs from the registry (<see cref="RoundCatalog"/>).
/// </summary>
public sealed class RoundEditor(ContestsDbContext db, RoundCatalog catalog, TimeProvider clock)
{
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
            errors.AddRange(BudgetLines.Check(prizes.BudgetLines, await catalog.SourceFactsAsync(round, prizes, ct),
                [.. round.Themes.Select(t => t.Theme)], await catalog.DistrictsOfAsync(round.Scope, ct)));
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
