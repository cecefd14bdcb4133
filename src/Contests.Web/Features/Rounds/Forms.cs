using System.Globalization;
using Contests.Core.Common;
using Contests.Core.Programmes;
using Contests.Core.Rounds;

namespace Contests.Web.Features.Rounds;

/// <summary>A round's setup as typed. Categories come one per line.</summary>
public sealed class RoundForm
{
    public int? Id { get; set; }

    /// <summary>The round's revision when the form was opened: a save from an older one is refused, not applied over someone else's.</summary>
    public int? Revision { get; set; }

    public string? Name { get; set; }

    public int? LocalOfficeId { get; set; }

    public RoundLevel? Level { get; set; }

    public List<Theme> Themes { get; set; } = [];

    public List<string> Districts { get; set; } = [];

    public List<int> Communities { get; set; } = [];

    public List<int> Watersheds { get; set; } = [];

    public PoolBy? PoolBy { get; set; }

    public string? Categories { get; set; }

    public List<string> CategoryList() =>
        [.. (Categories ?? string.Empty).Split('\n').Select(Text.Clean).Where(c => c is not null).Select(c => c!)];

    public static RoundForm From(ContestRound round)
    {
        ArgumentNullException.ThrowIfNull(round);
        var scope = round.Scope;
        return new RoundForm
        {
            Id = round.Id, Revision = round.Revision, Name = round.Name, LocalOfficeId = round.LocalOfficeId, Level = round.Level, PoolBy = round.PoolBy,
            Themes = [.. round.Themes.Select(t => t.Theme)], Districts = [.. scope.Districts], Communities = [.. scope.Communities],
            Watersheds = [.. scope.Watersheds],
            Categories = string.Join('\n', round.Categories.OrderBy(c => c.Position).Select(c => c.Name)),
        };
    }
}

public sealed class CriterionForm
{
    public string? Name { get; set; }

    public string? Description { get; set; }

    public string? MaxPoints { get; set; }

    public string? Weight { get; set; }

    public bool IsBlank => Text.Clean(Name) is null && Text.Clean(Description) is null && Text.Clean(MaxPoints) is null;
}

public sealed class PartForm
{
    public string? Name { get; set; }

    public string? MinJurors { get; set; }

    public string? MaxJurors { get; set; }

    public Aggregation Aggregation { get; set; }

    public PartVenue Venue { get; set; }

    public List<CriterionForm> Criteria { get; set; } = [];

    public bool IsBlank => Text.Clean(Name) is null && Criteria.All(c => c.IsBlank);
}

/// <summary>
/// The rules form: rubric parts with their criteria, then the prize schedule and budget lines. Blank
/// rows (the page always offers a few spare ones) are ignored, so no script is needed to add a row.
/// </summary>
public sealed class RulesForm
{
    /// <summary>The round's revision when the form was opened (see <see cref="RoundForm.Revision"/>).</summary>
    public int? Revision { get; set; }

    public const int SpareParts = 1;
    public const int SpareCriteria = 2;
    public const int SpareTiers = 2;

    /// <summary>The form's secondary buttons (<c>command</c>): they post everything typed and get it back, saving nothing.</summary>
    public const string SiirCommand = "siir";

    /// <summary>Followed by the part's index: more criterion rows for that part.</summary>
    public const string AddCriteriaCommand = "add-criteria-";

    /// <summary>How many blank criterion rows <see cref="AddCriteriaCommand"/> adds.</summary>
    public const int AddedCriteria = 3;

    public List<PartForm> Parts { get; set; } = [];

    public string? QualifyingScore { get; set; }

    public bool Normalize { get; set; }

    public AllocationMethod Method { get; set; }

    public List<string?> Tiers { get; set; } = [];

    public string? ParticipationPrize { get; set; }

    public string? PoolAmount { get; set; }

    public string? MaxWinnersPerPool { get; set; }

    public TieRule TieRule { get; set; }

    public string? CapPerCompetitorYear { get; set; }

    public string? WomenBonusPoints { get; set; }

    public string? WomenReservedCount { get; set; }

    public string? WomenReservedPrize { get; set; }

    public string? CounterpartMinPercent { get; set; }

    public string? MaxGrantPerPlan { get; set; }

    public string? FirstTranchePercent { get; set; }

    public OverflowRule Overflow { get; set; }

    /// <summary>Funding source id → amount typed ("" = the source doesn't fund this round).</summary>
    public Dictionary<int, string?> Budget { get; set; } = [];

    public string? Reason { get; set; }

    /// <summary>Adds the spare blank rows the page shows (one part, two criteria per part, two tiers).</summary>
    public RulesForm WithSpareRows()
    {
        foreach (var part in Parts)
        {
            part.Criteria.AddRange(Enumerable.Range(0, SpareCriteria).Select(_ => new CriterionForm()));
        }
        for (var i = 0; i < SpareParts; i++)
        {
            Parts.Add(new PartForm { Criteria = [.. Enumerable.Range(0, SpareCriteria + 2).Select(_ => new CriterionForm())] });
        }
        Tiers.AddRange(Enumerable.Repeat<string?>(null, Math.Max(SpareTiers, 3 - Tiers.Count)));
        return this;
    }

    /// <summary>
    /// The form as typed without its blank rows (criteria, parts, trailing prize places), so that posting it
    /// back for a secondary button does not pile up spare rows; the save ignores blank rows anyway.
    /// </summary>
    public RulesForm WithoutBlankRows()
    {
        foreach (var part in Parts)
        {
            part.Criteria.RemoveAll(c => c.IsBlank);
        }
        Parts.RemoveAll(p => p.IsBlank);
        while (Tiers.Count > 0 && Text.Clean(Tiers[^1]) is null)
        {
            Tiers.RemoveAt(Tiers.Count - 1);
        }
        return this;
    }

    /// <summary>Blank criterion rows for the part at <paramref name="index"/> (ignored when there is no such part).</summary>
    public RulesForm WithMoreCriteria(int index)
    {
        if (index >= 0 && index < Parts.Count)
        {
            Parts[index].Criteria.AddRange(Enumerable.Range(0, AddedCriteria).Select(_ => new CriterionForm()));
        }
        return this;
    }

    public static RulesForm From(RoundRules rules)
    {
        ArgumentNullException.ThrowIfNull(rules);
        var p = rules.Prizes;
        return new RulesForm
        {
            Parts = [.. rules.Rubric.Parts.Select(part => new PartForm
            {
                Name = part.Name, MinJurors = Number(part.MinJurors), MaxJurors = Number(part.MaxJurors), Aggregation = part.Aggregation, Venue = part.Venue,
                Criteria = [.. part.Criteria.Select(c => new CriterionForm
                {
                    Name = c.Name, Description = c.Description, MaxPoints = Number(c.MaxPoints), Weight = Number(c.Weight),
                })],
            })],
            QualifyingScore = Number(rules.Rubric.QualifyingScore),
            Normalize = rules.Rubric.Normalize,
            Method = p.Method,
            Tiers = [.. p.Tiers.Select(t => (string?)Amount(t))],
            ParticipationPrize = Amount(p.ParticipationPrize),
            PoolAmount = Amount(p.PoolAmount),
            MaxWinnersPerPool = p.MaxWinnersPerPool?.ToString(CultureInfo.InvariantCulture),
            TieRule = p.TieRule,
            CapPerCompetitorYear = Amount(p.CapPerCompetitorYear),
            WomenBonusPoints = Number(p.WomenBonusPoints),
            WomenReservedCount = p.WomenReservedCount?.ToString(CultureInfo.InvariantCulture),
            WomenReservedPrize = Amount(p.WomenReservedPrize),
            CounterpartMinPercent = Number(p.CounterpartMinPercent),
            MaxGrantPerPlan = Amount(p.MaxGrantPerPlan),
            FirstTranchePercent = Number(p.FirstTranchePercent),
            Overflow = p.Overflow,
            Budget = p.BudgetLines.ToDictionary(b => b.FundingSourceId, b => (string?)Amount(b.Amount)),
        };
    }

    public static RulesForm Default() => new()
    {
        Parts = [new PartForm { MinJurors = "3", MaxJurors = "3" }],
        QualifyingScore = "70",
        CounterpartMinPercent = "0",
        FirstTranchePercent = Number(PrizeRules.DefaultFirstTranchePercent),
    };

    private static string? Number(decimal? value) => value?.ToString("0.##", CultureInfo.InvariantCulture);

    private static string? Number(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static string? Amount(decimal? value) => value?.ToString("0.00", CultureInfo.InvariantCulture);
}

/// <summary>A reason, for moves that need one (withdrawal, disqualification).</summary>
public sealed class ReasonForm
{
    public string? Reason { get; set; }
}

/// <summary>The calendar: one date-time (Lima) per phase that can be scheduled.</summary>
public sealed class CalendarForm
{
    public Dictionary<RoundPhase, string?> Due { get; set; } = [];
}

public sealed class BaselineItemForm
{
    public string? Activity { get; set; }

    public string? Quantity { get; set; }

    public string? Unit { get; set; }

    public string? EstimatedValue { get; set; }

    public string? Notes { get; set; }

    public bool IsBlank => new[] { Activity, Quantity, Unit, EstimatedValue, Notes }.All(v => Text.Clean(v) is null);
}

public sealed class BaselineForm
{
    public List<BaselineItemForm> Items { get; set; } = [];

    /// <summary>Whether both hold the same activities (blank rows and surrounding spaces aside): nothing typed would be lost.</summary>
    public bool SameAs(BaselineForm other)
    {
        ArgumentNullException.ThrowIfNull(other);
        static string[][] Rows(BaselineForm f) =>
            [.. f.Items.Where(i => !i.IsBlank).Select(i => new[] { i.Activity, i.Quantity, i.Unit, i.EstimatedValue, i.Notes }.Select(v => Text.Clean(v) ?? "").ToArray())];
        var (mine, theirs) = (Rows(this), Rows(other));
        return mine.Length == theirs.Length && mine.Zip(theirs).All(p => p.First.SequenceEqual(p.Second, StringComparer.Ordinal));
    }
}

/// <summary>Registering a competitor: who (by id from the search), plus category and plan when the round asks for them.</summary>
public sealed class EntryForm
{
    public int? CompetitorId { get; set; }

    public string? Category { get; set; }

    public string? PlanTitle { get; set; }

    public string? PlanCost { get; set; }

    public string? Counterpart { get; set; }

    public bool Confirmed { get; set; }
}

/// <summary>Numbers as people type them in forms: a decimal point or a decimal comma, no thousands separators in points.</summary>
public static class FormNumbers
{
    private const int NumberDigits = 9;
    private const decimal NumberLimit = 1_000_000_000m;

    public static decimal? Number(string? input, string field, ICollection<DomainError> errors, bool required = true)
    {
        var text = Present(input, field, errors, required);
        if (text is null)
        {
            return null;
        }
        text = DecimalComma(text);
        if (!decimal.TryParse(text.Replace(",", "", StringComparison.Ordinal), NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingSign,
                CultureInfo.InvariantCulture, out var value))
        {
            errors.Add(new DomainError("Validation.Number", field, text));
            return null;
        }
        if (Math.Abs(decimal.Truncate(value)) >= NumberLimit)
        {
            // Points, weights and percentages are small; a 28-digit one would overflow the sums made from it.
            errors.Add(new DomainError("Validation.NumberTooLarge", field, new FieldLabel(LabelOf(field)), NumberDigits));
            return null;
        }
        return value;
    }

    public static int? WholeNumber(string? input, string field, ICollection<DomainError> errors, bool required = true)
    {
        var text = Present(input, field, errors, required);
        if (text is null)
        {
            return null;
        }
        if (!int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
        {
            errors.Add(new DomainError("Validation.WholeNumber", field, text));
            return null;
        }
        return value;
    }

    public static decimal? Money(string? input, string field, ICollection<DomainError> errors, bool required = true)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (!required && Text.Clean(input) is null)
        {
            return null;
        }
        var money = Core.Common.Money.TryParse(input is null ? null : DecimalComma(input.Trim()), field, out var error);
        if (error is not null)
        {
            errors.Add(error with { Arguments = error.Code == "Validation.Required" ? [new FieldLabel(LabelOf(field))] : error.Arguments });
        }
        return money?.Amount;
    }

    /// <summary>
    /// "12,5" or "850,50" — the decimal comma of Spanish keyboards, as score sheets take it — read as "12.5" and
    /// "850.50": one comma, no point, one or two digits after it. "1,200" stays a thousands separator.
    /// </summary>
    public static string DecimalComma(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var comma = text.IndexOf(',', StringComparison.Ordinal);
        return comma >= 0 && comma == text.LastIndexOf(',') && !text.Contains('.', StringComparison.Ordinal) && text.Length - comma - 1 is 1 or 2
            ? string.Concat(text.AsSpan(0, comma), ".", text.AsSpan(comma + 1))
            : text;
    }

    /// <summary>The cleaned text, or null when blank (reported when the field is required).</summary>
    private static string? Present(string? input, string field, ICollection<DomainError> errors, bool required)
    {
        ArgumentNullException.ThrowIfNull(errors);
        var text = Text.Clean(input);
        if (text is null && required)
        {
            errors.Add(new DomainError("Validation.Required", field, new FieldLabel(LabelOf(field))));
        }
        return text;
    }

    /// <summary>"Parts[0].Criteria[1].MaxPoints" is labelled as "MaxPoints".</summary>
    public static string LabelOf(string field)
    {
        ArgumentNullException.ThrowIfNull(field);
        var dot = field.LastIndexOf('.');
        var name = dot < 0 ? field : field[(dot + 1)..];
        var bracket = name.IndexOf('[', StringComparison.Ordinal);
        return bracket < 0 ? name : name[..bracket];
    }
}
