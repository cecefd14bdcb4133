using Contests.Core.Common;
using Contests.Core.Rounds;

namespace Contests.Core.Monitoring;

/// <summary>Who went to see the family: an officer of the programme or members of the LRAC.</summary>
public enum Visitor
{
    Officer,
    Lrac,
}

/// <summary>What a prize was spent on, as the follow-up form asks it.</summary>
public enum SpendingCategory
{
    Tools,
    Animals,
    SeedsAndPlants,
    Housing,
    Education,
    Health,
    Savings,
    Business,
    Other,
}

/// <summary>What was typed for one visit (a form or one visit's rows of an ODK/KoboToolbox export), before it is checked.</summary>
public sealed record FollowUpInput
{
    public DateOnly? VisitedOn { get; init; }

    public Visitor? VisitedBy { get; init; }

    public string? VisitorName { get; init; }

    /// <summary>Per baseline activity (by its stored position, 0 for the first): the quantity and value now; blank rows are skipped.</summary>
    public IReadOnlyList<FollowUpItemInput> Items { get; init; } = [];

    public IReadOnlyDictionary<SpendingCategory, decimal?> Spending { get; init; } = new Dictionary<SpendingCategory, decimal?>();

    /// <summary>The family's own money put into the activities up to this visit (cumulative).</summary>
    public decimal? OwnInvestment { get; init; }

    /// <summary>The visitor saw the investment still in place (animals, tools, works).</summary>
    public bool InvestmentKept { get; init; }

    public string? Notes { get; init; }
}

public sealed record FollowUpItemInput(int Position, decimal? Quantity, decimal? Value);

/// <summary>
/// A follow-up visit (the "after" record): for each activity of the entry's baseline, the quantity and
/// value now (SIIR's asset before → after), what the prize was spent on, the family's own investment and
/// whether the investment was seen kept. An entry may have several visits; indicators read the latest.
/// </summary>
public sealed class FollowUpVisit
{
    public const int VisitorNameMaxLength = 120;
    public const int NotesMaxLength = 1000;

    /// <summary>Nobody records a visit for a family years after the contest; a typo like 2062 is refused.</summary>
    public const int MaxYearsAfterEntry = 10;

    private readonly List<FollowUpItem> _items = [];
    private readonly List<FollowUpSpending> _spending = [];
    private readonly List<FollowUpPhoto> _photos = [];

    private FollowUpVisit()
    {
        VisitorName = string.Empty;
    }

    public int Id { get; private set; }

    public int EntryId { get; private set; }

    public DateOnly VisitedOn { get; private set; }

    public Visitor VisitedBy { get; private set; }

    public string VisitorName { get; private set; }

    public decimal OwnInvestment { get; private set; }

    public bool InvestmentKept { get; private set; }

    public string? Notes { get; private set; }

    public DateTime RecordedUtc { get; private set; }

    public int RecordedByUserId { get; private set; }

    /// <summary>The import that brought it, or null when typed.</summary>
    public int? ImportId { get; private set; }

    public IReadOnlyCollection<FollowUpItem> Items => _items.AsReadOnly();

    public IReadOnlyCollection<FollowUpSpending> Spending => _spending.AsReadOnly();

    public decimal SpentTotal => _spending.Sum(s => s.Amount);

    public IReadOnlyCollection<FollowUpPhoto> Photos => _photos.AsReadOnly();

    /// <summary>
    /// Adds the photos taken at the visit, all or none: at most <see cref="FollowUpPhoto.MaxPerVisit"/> per visit, and
    /// the same picture (same stored file) once. Errors name <paramref name="field"/>.
    /// </summary>
    public Result AddPhotos(IReadOnlyList<FollowUpPhoto> photos, string field)
    {
        ArgumentNullException.ThrowIfNull(photos);
        if (_photos.Count + photos.Count > FollowUpPhoto.MaxPerVisit)
        {
            return Result.Fail(new DomainError("FollowUp.TooManyPhotos", field, FollowUpPhoto.MaxPerVisit));
        }
        var shas = _photos.Select(p => p.Sha256).Concat(photos.Select(p => p.Sha256)).ToList();
        if (shas.Distinct(StringComparer.Ordinal).Count() != shas.Count)
        {
            return Result.Fail(new DomainError("Photo.Duplicate", field));
        }
        _photos.AddRange(photos);
        return Result.Success();
    }

    /// <summary>
    /// Checks a visit against its entry: the date between the entry's registration and today (Lima), every
    /// activity one of the entry's baseline activities at most once, quantities and amounts not negative and
    /// in céntimos, something recorded. All errors at once, each naming its field.
    /// </summary>
    public static (Result Result, FollowUpVisit? Visit) Record(Entry entry, FollowUpInput input, int userId, DateTime nowUtc,
        int? importId = null)
    {
        var (errors, visited) = Check(entry, input, nowUtc);
        if (errors.Count > 0)
        {
            return (Result.Fail(errors), null);
        }
        var visit = new FollowUpVisit
        {
            EntryId = entry.Id,
            RecordedUtc = nowUtc,
            RecordedByUserId = userId,
            ImportId = importId,
        };
        visit.Apply(visited!);
        return (Result.Success(), visit);
    }

    /// <summary>
    /// Corrects a visit with what was typed again (the same checks as <see cref="Record"/>); the activities and
    /// spending are replaced as a whole. Who recorded it first, and when, stay; the audit trail keeps the change.
    /// </summary>
    public Result Revise(Entry entry, FollowUpInput input, DateTime nowUtc)
    {
        ArgumentNullException.ThrowIfNull(entry);
        if (entry.Id != EntryId)
        {
            throw new ArgumentException("A visit is revised against its own entry.", nameof(entry));
        }
        var (errors, visited) = Check(entry, input, nowUtc);
        if (errors.Count > 0)
        {
            return Result.Fail(errors);
        }
        Apply(visited!);
        return Result.Success();
    }

    private void Apply(Checked visit)
    {
        var (items, spending) = (visit.Items, visit.Spending);
        VisitedOn = visit.VisitedOn;
        VisitedBy = visit.VisitedBy;
        VisitorName = visit.VisitorName;
        OwnInvestment = visit.OwnInvestment;
        InvestmentKept = visit.InvestmentKept;
        Notes = visit.Notes;
        // Replaced only where they changed, so the audit trail shows what a correction changed and nothing else.
        _items.RemoveAll(i => !items.Contains(i));
        _items.AddRange(items.Where(i => !_items.Contains(i)));
        _spending.RemoveAll(s => !spending.Contains(s));
        _spending.AddRange(spending.Where(s => !_spending.Contains(s)));
    }

    private sealed record Checked(DateOnly VisitedOn, Visitor VisitedBy, string VisitorName, decimal OwnInvestment, bool InvestmentKept,
        string? Notes, List<FollowUpItem> Items, List<FollowUpSpending> Spending);

    /// <summary>Every problem of a visit at once, each naming its field; the checked visit when there is none.</summary>
    private static (List<DomainError> Errors, Checked? Visit) Check(Entry entry, FollowUpInput input, DateTime nowUtc)
    {
        ArgumentNullException.ThrowIfNull(entry);
        ArgumentNullException.ThrowIfNull(input);
        var errors = new List<DomainError>();
        var today = DateOnly.FromDateTime(LimaTime.FromUtc(nowUtc));
        var entered = DateOnly.FromDateTime(LimaTime.FromUtc(entry.RegisteredUtc));
        if (entry.Status != EntryStatus.Registered)
        {
            errors.Add(new DomainError("FollowUp.EntryNotActive"));
        }
        if (input.VisitedOn is not { } visitedOn)
        {
            errors.Add(new DomainError("Validation.Required", nameof(FollowUpInput.VisitedOn), new FieldLabel(nameof(FollowUpInput.VisitedOn))));
        }
        else if (visitedOn < entered)
        {
            errors.Add(new DomainError("FollowUp.BeforeEntry", nameof(FollowUpInput.VisitedOn), entered));
        }
        else if (visitedOn > today)
        {
            errors.Add(new DomainError("FollowUp.InTheFuture", nameof(FollowUpInput.VisitedOn), today));
        }
        else if (visitedOn.Year > entered.Year + MaxYearsAfterEntry)
        {
            errors.Add(new DomainError("FollowUp.TooLate", nameof(FollowUpInput.VisitedOn), MaxYearsAfterEntry));
        }
        if (input.VisitedBy is null)
        {
            errors.Add(new DomainError("Validation.Required", nameof(FollowUpInput.VisitedBy), new FieldLabel(nameof(FollowUpInput.VisitedBy))));
        }
        var visitorName = Text.Name(input.VisitorName, VisitorNameMaxLength, nameof(FollowUpInput.VisitorName), required: true, errors);
        var notes = Text.Optional(input.Notes, NotesMaxLength, nameof(FollowUpInput.Notes), errors);

        var items = CheckItems(entry, input.Items, errors);
        var spending = CheckSpending(input.Spending, errors);
        var ownInvestment = input.OwnInvestment ?? 0m;
        if (!IsAmount(ownInvestment))
        {
            errors.Add(new DomainError("FollowUp.AmountInvalid", nameof(FollowUpInput.OwnInvestment)));
        }
        if (items.Count == 0 && spending.Count == 0 && ownInvestment == 0 && !input.InvestmentKept)
        {
            errors.Add(new DomainError("FollowUp.Empty"));
        }
        return errors.Count > 0
            ? (errors, null)
            : (errors, new Checked(input.VisitedOn!.Value, input.VisitedBy!.Value, visitorName!, ownInvestment, input.InvestmentKept, notes, items, spending));
    }

    private static List<FollowUpItem> CheckItems(Entry entry, IReadOnlyList<FollowUpItemInput> inputs, List<DomainError> errors)
    {
        var positions = entry.Baseline.Select(b => b.Position).ToHashSet();
        var items = new List<FollowUpItem>();
        for (var i = 0; i < inputs.Count; i++)
        {
            var row = inputs[i];
            var prefix = $"Items[{i}]";
            if (row.Quantity is null && row.Value is null)
            {
                continue; // a blank row
            }
            if (!positions.Contains(row.Position))
            {
                errors.Add(new DomainError("FollowUp.UnknownActivity", prefix + ".Position", row.Position));
                continue;
            }
            if (items.Any(x => x.Position == row.Position))
            {
                errors.Add(new DomainError("FollowUp.ActivityTwice", prefix + ".Position", row.Position));
                continue;
            }
            if (row.Quantity is null)
            {
                errors.Add(new DomainError("Validation.Required", prefix + ".Quantity", new FieldLabel("Quantity")));
            }
            else if (row.Quantity < 0)
            {
                errors.Add(new DomainError("Baseline.QuantityNegative", prefix + ".Quantity"));
            }
            if (row.Value is { } value && !IsAmount(value))
            {
                errors.Add(new DomainError("FollowUp.AmountInvalid", prefix + ".Value"));
            }
            if (row.Quantity is >= 0 && (row.Value is null || IsAmount(row.Value.Value)))
            {
                items.Add(new FollowUpItem(row.Position, row.Quantity.Value, row.Value));
            }
        }
        return items;
    }

    private static List<FollowUpSpending> CheckSpending(IReadOnlyDictionary<SpendingCategory, decimal?> inputs, List<DomainError> errors)
    {
        var spending = new List<FollowUpSpending>();
        foreach (var (category, amount) in inputs.OrderBy(s => s.Key))
        {
            if (amount is not { } value || value == 0)
            {
                continue;
            }
            if (!IsAmount(value))
            {
                errors.Add(new DomainError("FollowUp.AmountInvalid", $"Spending[{category}]"));
                continue;
            }
            spending.Add(new FollowUpSpending(category, value));
        }
        return spending;
    }

    private static bool IsAmount(decimal value) => value >= 0 && decimal.Round(value, 2) == value;
}

/// <summary>One baseline activity as the visit found it: the quantity and, when estimated, its value now.</summary>
public sealed record FollowUpItem(int Position, decimal Quantity, decimal? Value);

/// <summary>Part of the prize spent on one category.</summary>
public sealed record FollowUpSpending(SpendingCategory Category, decimal Amount);
