using Contests.Core.Common;

namespace Contests.Core.Programmes;

public enum FundingSourceKind
{
    ProjectLoanOrGrant,
    Government,
    Municipality,
    PrivateCompany,
    Other,
}

/// <summary>What a movement does to a source's balance: money promised to awards, or money paid out.</summary>
public enum FundingMovementKind
{
    Allocated,
    Paid,
}

/// <summary>
/// Where prize money comes from (the project's loan, a municipality, a mining company …): a
/// committed amount, optionally restricted to some themes and/or districts. The balance is never
/// stored: it is committed − allocated − paid, summed from the movements.
/// </summary>
public sealed class FundingSource
{
    public const int NameMaxLength = 160;
    public const int ReasonMaxLength = 300;

    private readonly List<FundingSourceTheme> _themes = [];
    private readonly List<FundingSourceDistrict> _districts = [];
    private readonly List<FundingMovement> _movements = [];

    private FundingSource(int programmeId, string name, FundingSourceKind kind, decimal committed, DateTime createdUtc)
    {
        ProgrammeId = programmeId;
        Name = name;
        Kind = kind;
        Committed = committed;
        CreatedUtc = createdUtc;
    }

    public int Id { get; private set; }

    public int ProgrammeId { get; private set; }

    public string Name { get; private set; }

    public FundingSourceKind Kind { get; private set; }

    public decimal Committed { get; private set; }

    public DateTime CreatedUtc { get; private set; }

    public IReadOnlyCollection<FundingSourceTheme> Themes => _themes.AsReadOnly();

    public IReadOnlyCollection<FundingSourceDistrict> Districts => _districts.AsReadOnly();

    public IReadOnlyCollection<FundingMovement> Movements => _movements.AsReadOnly();

    public decimal Allocated => _movements.Where(m => m.Kind == FundingMovementKind.Allocated).Sum(m => m.Amount);

    public decimal Paid => _movements.Where(m => m.Kind == FundingMovementKind.Paid).Sum(m => m.Amount);

    public decimal Balance => Committed - Allocated - Paid;

    public static (Result Result, FundingSource? Source) Create(int programmeId, string name, FundingSourceKind kind, Money committed, DateTime nowUtc)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        if (committed.Amount <= 0)
        {
            return (Result.Fail(new DomainError("Funding.CommittedPositive", "Committed")), null);
        }
        return (Result.Success(), new FundingSource(programmeId, name.Trim(), kind, committed.Amount, nowUtc));
    }

    /// <summary>Renames or re-commits; the commitment cannot drop below what is already allocated and paid.</summary>
    public Result Update(string name, FundingSourceKind kind, Money committed)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        if (committed.Amount <= 0)
        {
            return Result.Fail(new DomainError("Funding.CommittedPositive", "Committed"));
        }
        if (committed.Amount < Allocated + Paid)
        {
            return Result.Fail(new DomainError("Funding.CommittedBelowUsed", "Committed", Allocated + Paid));
        }
        Name = name.Trim();
        Kind = kind;
        Committed = committed.Amount;
        return Result.Success();
    }

    /// <summary>Restricts the source to these themes and districts (empty = no restriction).</summary>
    public void Restrict(IEnumerable<Theme> themes, IEnumerable<string> districtUbigeos)
    {
        ArgumentNullException.ThrowIfNull(themes);
        ArgumentNullException.ThrowIfNull(districtUbigeos);
        var wantedThemes = themes.ToHashSet();
        _themes.RemoveAll(t => !wantedThemes.Contains(t.Theme));
        foreach (var theme in wantedThemes.Where(w => !_themes.Exists(t => t.Theme == w)).Order())
        {
            _themes.Add(new FundingSourceTheme(theme));
        }
        var wantedDistricts = districtUbigeos.ToHashSet(StringComparer.Ordinal);
        _districts.RemoveAll(d => !wantedDistricts.Contains(d.Ubigeo));
        foreach (var ubigeo in wantedDistricts.Where(w => !_districts.Exists(d => d.Ubigeo == w)).Order(StringComparer.Ordinal))
        {
            _districts.Add(new FundingSourceDistrict(ubigeo));
        }
    }

    /// <summary>Whether money of this source may go to an award on this theme in this district.</summary>
    public bool Allows(Theme theme, string districtUbigeo) =>
        (_themes.Count == 0 || _themes.Exists(t => t.Theme == theme))
        && (_districts.Count == 0 || _districts.Exists(d => d.Ubigeo == districtUbigeo));

    /// <summary>
    /// A hand-made movement (an allocation or payment made before or outside the system, or its
    /// correction), always with a reason. It may not take the balance below zero.
    /// </summary>
    public Result Adjust(FundingMovementKind kind, Money amount, string reason, int userId, DateTime nowUtc)
    {
        var cleanReason = Text.Clean(reason);
        if (cleanReason is null)
        {
            return Result.Fail(new DomainError("Funding.ReasonRequired", "Reason"));
        }
        if (amount.Amount == 0)
        {
            return Result.Fail(new DomainError("Funding.AmountZero", "Amount"));
        }
        var sum = kind == FundingMovementKind.Allocated ? Allocated : Paid;
        if (sum + amount.Amount < 0)
        {
            return Result.Fail(new DomainError("Funding.BelowZero", "Amount", sum));
        }
        if (Balance - amount.Amount < 0)
        {
            return Result.Fail(new DomainError("Funding.Overdrawn", "Amount", Balance));
        }
        _movements.Add(new FundingMovement(kind, amount.Amount, cleanReason, userId, nowUtc));
        return Result.Success();
    }

    /// <summary>
    /// Money that has left for winners (payouts the bank or a receipt confirmed): recorded as paid whatever the
    /// balance shows — it is a fact, not a request — with what was paid in the reason.
    /// </summary>
    public void RecordPayouts(Money amount, string reason, int? userId, DateTime nowUtc)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        if (amount.Amount <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(amount), amount.Amount, "Payouts add a positive amount.");
        }
        _movements.Add(new FundingMovement(FundingMovementKind.Paid, amount.Amount, reason.Length <= ReasonMaxLength ? reason : reason[..ReasonMaxLength], userId, nowUtc));
    }
}

public sealed class FundingSourceTheme
{
    internal FundingSourceTheme(Theme theme) => Theme = theme;

    public int FundingSourceId { get; private set; }

    public Theme Theme { get; private set; }
}

public sealed class FundingSourceDistrict
{
    internal FundingSourceDistrict(string ubigeo) => Ubigeo = ubigeo;

    public int FundingSourceId { get; private set; }

    public string Ubigeo { get; private set; }
}

/// <summary>One change to what a source has allocated or paid (positive, or negative to correct).</summary>
public sealed class FundingMovement
{
    internal FundingMovement(FundingMovementKind kind, decimal amount, string reason, int? userId, DateTime occurredUtc)
    {
        Kind = kind;
        Amount = amount;
        Reason = reason;
        UserId = userId;
        OccurredUtc = occurredUtc;
    }

    public int Id { get; private set; }

    public int FundingSourceId { get; private set; }

    public FundingMovementKind Kind { get; private set; }

    public decimal Amount { get; private set; }

    public string Reason { get; private set; }

    public int? UserId { get; private set; }

    public DateTime OccurredUtc { get; private set; }
}
