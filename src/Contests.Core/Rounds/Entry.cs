using Contests.Core.Common;
using Contests.Core.Monitoring;
using Contests.Core.Registry;

namespace Contests.Core.Rounds;

public enum EntryStatus
{
    Registered,

    /// <summary>The competitor left the round (their choice); kept with the reason.</summary>
    Withdrawn,

    /// <summary>Removed by the officer for breaking the rules; kept with the reason.</summary>
    Disqualified,
}

/// <summary>A plan's result in an earlier round (plans rejected twice can't be presented again).</summary>
public enum PlanOutcome
{
    Approved,
    NotApproved,
}

/// <summary>The pool an entry competes in, decided at registration from the round's <see cref="PoolBy"/>.</summary>
public sealed record PoolAssignment(string Key, string Name);

/// <summary>
/// A competitor in a round (inscripción). It keeps where the competitor was when it registered — a
/// household that later moves still competes in the community it entered for — and how it left the
/// round, if it did.
/// </summary>
public sealed class Entry
{
    public const int ReasonMaxLength = 500;
    public const int PlanTitleMaxLength = 200;
    public const int NameMaxLength = 200;
    public const int MaxBaselineItems = 3;

    private readonly List<BaselineItem> _baseline = [];
    private readonly List<BaselinePhoto> _photos = [];

    private Entry()
    {
        CompetitorName = string.Empty;
        DistrictUbigeo = string.Empty;
        PoolKey = string.Empty;
        PoolName = string.Empty;
    }

    public int Id { get; private set; }

    public int RoundId { get; private set; }

    /// <summary>Entry number within the round, in registration order (N° 1, 2 …).</summary>
    public int Number { get; private set; }

    public RoundLevel Level { get; private set; }

    public int? HouseholdId { get; private set; }

    public int? CommunityId { get; private set; }

    public int? OrganizationId { get; private set; }

    /// <summary>"H:12", "C:4", "O:7": unique per round among entries not withdrawn.</summary>
    public string CompetitorKey { get; private set; } = string.Empty;

    /// <summary>The competitor's name when it registered (as printed on lists).</summary>
    public string CompetitorName { get; private set; }

    public string DistrictUbigeo { get; private set; }

    public string PoolKey { get; private set; }

    public string PoolName { get; private set; }

    public string? Category { get; private set; }

    /// <summary>Women-headed household or women's organization, at registration (for the round's bonus).</summary>
    public bool Women { get; private set; }

    /// <summary>Flagged at registration: an organization without a verified bank account.</summary>
    public bool NoVerifiedAccount { get; private set; }

    public string? PlanTitle { get; private set; }

    public decimal? PlanCost { get; private set; }

    public decimal? Counterpart { get; private set; }

    public PlanOutcome? Outcome { get; private set; }

    /// <summary>Who the household was when it entered (households only), fixed for the indicators.</summary>
    public ParticipantFacts? Facts { get; private set; }

    public EntryStatus Status { get; private set; }

    public string? StatusReason { get; private set; }

    public DateTime? StatusChangedUtc { get; private set; }

    public int? StatusChangedByUserId { get; private set; }

    public DateTime RegisteredUtc { get; private set; }

    public int RegisteredByUserId { get; private set; }

    public int Revision { get; private set; }

    public IReadOnlyCollection<BaselineItem> Baseline => _baseline.AsReadOnly();

    public IReadOnlyCollection<BaselinePhoto> Photos => _photos.AsReadOnly();

    public bool HasBaseline => _baseline.Count > 0;

    public static string KeyOf(RoundLevel level, int competitorId) => level switch
    {
        RoundLevel.Households => "H:",
        RoundLevel.Communities => "C:",
        _ => "O:",
    } + competitorId.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>
    /// What an entry records about its competitor; the registering handler fills it from the registry
    /// (<paramref name="Household"/>: a household's profile, from which its facts at entry are fixed).
    /// </summary>
    public sealed record Competitor(int Id, string Name, int? CommunityId, string DistrictUbigeo, bool Women, HouseholdProfile? Household = null);

    /// <summary>Plan data for organization rounds (co-financing).</summary>
    public sealed record Plan(string Title, decimal Cost, decimal Counterpart);

    /// <summary>
    /// Registers a competitor after <see cref="Eligibility"/> accepted it. The plan is required for
    /// organizations; a category is required when the round forms pools by category.
    /// </summary>
    public static (Result Result, Entry? Entry) Register(ContestRound round, Competitor competitor, PoolAssignment pool, string? category,
        Plan? plan, EligibilityResult eligibility, int number, int userId, DateTime nowUtc)
    {
        ArgumentNullException.ThrowIfNull(round);
        ArgumentNullException.ThrowIfNull(competitor);
        ArgumentNullException.ThrowIfNull(pool);
        ArgumentNullException.ThrowIfNull(eligibility);
        var errors = eligibility.Refusals.ToList();
        var categories = round.Categories.Select(c => c.Name).ToList();
        var cleanCategory = Text.Clean(category);
        if (cleanCategory is not null && !categories.Contains(cleanCategory, StringComparer.Ordinal))
        {
            errors.Add(new DomainError("Entry.UnknownCategory", "Category", cleanCategory));
        }
        if (cleanCategory is null && round.PoolBy == PoolBy.Category)
        {
            errors.Add(new DomainError("Validation.Required", "Category", new FieldLabel("Category")));
        }
        if (round.Level == RoundLevel.Organizations)
        {
            CheckPlan(plan, round.CurrentRules?.Rules.Prizes, errors);
        }
        if (errors.Count > 0)
        {
            return (Result.Fail(errors), null);
        }
        var entry = new Entry
        {
            RoundId = round.Id,
            Number = number,
            Level = round.Level,
            HouseholdId = round.Level == RoundLevel.Households ? competitor.Id : null,
            CommunityId = competitor.CommunityId,
            OrganizationId = round.Level == RoundLevel.Organizations ? competitor.Id : null,
            CompetitorKey = KeyOf(round.Level, competitor.Id),
            CompetitorName = competitor.Name,
            DistrictUbigeo = competitor.DistrictUbigeo,
            PoolKey = pool.Key,
            PoolName = pool.Name,
            Category = cleanCategory,
            Women = competitor.Women,
            NoVerifiedAccount = eligibility.Flags.Any(f => f.Code == "Entry.NoVerifiedAccount"),
            PlanTitle = round.Level == RoundLevel.Organizations ? Text.Clean(plan!.Title) : null,
            PlanCost = round.Level == RoundLevel.Organizations ? plan!.Cost : null,
            Counterpart = round.Level == RoundLevel.Organizations ? plan!.Counterpart : null,
            Status = EntryStatus.Registered,
            RegisteredUtc = nowUtc,
            RegisteredByUserId = userId,
            Facts = round.Level == RoundLevel.Households && competitor.Household is { } h
                ? ParticipantFacts.AtEntry(h.HeadSex, h.HeadBirthYear, h.Members, h.MotherTongue, h.Education, nowUtc)
                : null,
        };
        return (Result.Success(), entry);
    }

    /// <summary>A competitor may leave while registration, the baseline or judging is going on.</summary>
    public static bool WithdrawalOpenIn(RoundPhase phase) => phase is RoundPhase.Open or RoundPhase.RegistrationClosed or RoundPhase.Judging;

    /// <summary>The officer may disqualify from opening until the results are published.</summary>
    public static bool DisqualificationOpenIn(RoundPhase phase) => phase is >= RoundPhase.Open and < RoundPhase.Published;

    /// <summary>The "before" record (activities and photos) can change until judging ends.</summary>
    public static bool BaselineOpenIn(RoundPhase phase) => phase is RoundPhase.Open or RoundPhase.RegistrationClosed or RoundPhase.Judging;

    /// <summary>The competitor leaves the round (their decision), while registration or the baseline is still going on.</summary>
    public Result Withdraw(RoundPhase phase, string? reason, int userId, DateTime nowUtc) =>
        Leave(EntryStatus.Withdrawn, WithdrawalOpenIn(phase), phase, reason, userId, nowUtc);

    /// <summary>The officer removes the entry for breaking the rules, at any time before the results are published.</summary>
    public Result Disqualify(RoundPhase phase, string? reason, int userId, DateTime nowUtc) =>
        Leave(EntryStatus.Disqualified, DisqualificationOpenIn(phase), phase, reason, userId, nowUtc);

    /// <summary>The plan's result once the LRAC decided (counts for the "rejected twice" rule in later rounds).</summary>
    public void RecordOutcome(PlanOutcome outcome) => Outcome = outcome;

    /// <summary>Replaces the "before" record (up to three activities), while the entry is in the round and before judging ends.</summary>
    public Result SetBaseline(RoundPhase phase, IReadOnlyList<BaselineItem> items)
    {
        ArgumentNullException.ThrowIfNull(items);
        var errors = new List<DomainError>();
        if (Status != EntryStatus.Registered)
        {
            errors.Add(new DomainError("Entry.NotActive", null, Status));
        }
        if (!BaselineOpenIn(phase))
        {
            errors.Add(new DomainError("Baseline.Phase", null, phase));
        }
        if (items.Count == 0)
        {
            errors.Add(new DomainError("Baseline.Empty", "Items"));
        }
        if (items.Count > MaxBaselineItems)
        {
            errors.Add(new DomainError("Baseline.TooMany", "Items", MaxBaselineItems));
        }
        if (errors.Count > 0)
        {
            return Result.Fail(errors);
        }
        _baseline.Clear();
        for (var i = 0; i < items.Count; i++)
        {
            _baseline.Add(items[i].At(i));
        }
        Revision++;
        return Result.Success();
    }

    public Result AddPhoto(RoundPhase phase, BaselinePhoto photo)
    {
        ArgumentNullException.ThrowIfNull(photo);
        if (Status != EntryStatus.Registered)
        {
            return Result.Fail(new DomainError("Entry.NotActive", null, Status));
        }
        if (!BaselineOpenIn(phase))
        {
            return Result.Fail(new DomainError("Baseline.Phase", null, phase));
        }
        if (_photos.Count >= BaselinePhoto.MaxPerEntry)
        {
            return Result.Fail(new DomainError("Photo.TooMany", "Photo", BaselinePhoto.MaxPerEntry));
        }
        if (_photos.Exists(p => p.Sha256 == photo.Sha256))
        {
            return Result.Fail(new DomainError("Photo.Duplicate", "Photo"));
        }
        _photos.Add(photo);
        Revision++;
        return Result.Success();
    }

    private Result Leave(EntryStatus status, bool phaseAllows, RoundPhase phase, string? reason, int userId, DateTime nowUtc)
    {
        var errors = new List<DomainError>();
        if (Status != EntryStatus.Registered)
        {
            errors.Add(new DomainError("Entry.NotActive", null, Status));
        }
        if (!phaseAllows)
        {
            errors.Add(new DomainError("Entry.LeavePhase", null, status, phase));
        }
        var clean = Text.Clean(reason);
        if (clean is null)
        {
            errors.Add(new DomainError("Entry.ReasonRequired", "Reason"));
        }
        else if (clean.Length > ReasonMaxLength)
        {
            errors.Add(new DomainError("Validation.MaxLength", "Reason", new FieldLabel("Reason"), ReasonMaxLength));
        }
        if (errors.Count > 0)
        {
            return Result.Fail(errors);
        }
        Status = status;
        StatusReason = clean;
        StatusChangedUtc = nowUtc;
        StatusChangedByUserId = userId;
        Revision++;
        return Result.Success();
    }

    private static void CheckPlan(Plan? plan, PrizeRules? prizes, List<DomainError> errors)
    {
        if (plan is null || Text.Clean(plan.Title) is null)
        {
            errors.Add(new DomainError("Validation.Required", "PlanTitle", new FieldLabel("PlanTitle")));
        }
        else if (plan.Title.Length > PlanTitleMaxLength)
        {
            errors.Add(new DomainError("Validation.MaxLength", "PlanTitle", new FieldLabel("PlanTitle"), PlanTitleMaxLength));
        }
        if (plan is null)
        {
            return;
        }
        if (plan.Cost <= 0)
        {
            errors.Add(new DomainError("Entry.PlanCostPositive", "PlanCost"));
        }
        if (plan.Counterpart < 0 || plan.Counterpart > plan.Cost)
        {
            errors.Add(new DomainError("Entry.CounterpartRange", "Counterpart"));
        }
        else if (plan.Cost > 0 && plan.Counterpart == plan.Cost)
        {
            // The counterpart pays for everything: the plan asks the programme for nothing, so it can't win a grant.
            errors.Add(new DomainError("Entry.PlanAsksNothing", "Counterpart"));
        }
        else if (plan.Cost > 0 && prizes is not null && plan.Counterpart * 100m < plan.Cost * prizes.CounterpartMinPercent)
        {
            errors.Add(new DomainError("Entry.CounterpartBelowMinimum", "Counterpart", new Number(prizes.CounterpartMinPercent),
                Money.Round(plan.Cost * prizes.CounterpartMinPercent / 100m).Amount));
        }
    }
}

/// <summary>One activity of the "before" record: what the competitor has now, in what quantity, worth how much.</summary>
public sealed class BaselineItem
{
    public const int ActivityMaxLength = 160;
    public const int UnitMaxLength = 40;
    public const int NotesMaxLength = 1000;

    private BaselineItem()
    {
        Activity = string.Empty;
        Unit = string.Empty;
    }

    public int Id { get; private set; }

    public int EntryId { get; private set; }

    public int Position { get; private set; }

    public string Activity { get; private set; }

    public decimal Quantity { get; private set; }

    public string Unit { get; private set; }

    public decimal? EstimatedValue { get; private set; }

    public string? Notes { get; private set; }

    /// <summary>Checks one activity row; <paramref name="prefix"/> names its fields ("Items[0]").</summary>
    public static BaselineItem? Create(string? activity, decimal? quantity, string? unit, decimal? estimatedValue, string? notes,
        string prefix, ICollection<DomainError> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        var before = errors.Count;
        var texts = new List<DomainError>();
        var cleanActivity = Text.Required(activity, ActivityMaxLength, prefix + ".Activity", texts);
        var cleanUnit = Text.Required(unit, UnitMaxLength, prefix + ".Unit", texts);
        var cleanNotes = Text.Optional(notes, NotesMaxLength, prefix + ".Notes", texts);
        // The message names the column ("Actividad"), not the row's field path.
        foreach (var error in texts)
        {
            errors.Add(error with { Arguments = [.. error.Arguments.Select(a => a is FieldLabel f ? new FieldLabel(f.Field[(prefix.Length + 1)..]) : a)] });
        }
        if (quantity is null)
        {
            errors.Add(new DomainError("Validation.Required", prefix + ".Quantity", new FieldLabel("Quantity")));
        }
        else if (quantity < 0)
        {
            errors.Add(new DomainError("Baseline.QuantityNegative", prefix + ".Quantity"));
        }
        if (estimatedValue is < 0)
        {
            errors.Add(new DomainError("Baseline.ValueNegative", prefix + ".EstimatedValue"));
        }
        return errors.Count > before ? null : new BaselineItem
        {
            Activity = cleanActivity!, Quantity = quantity!.Value, Unit = cleanUnit!, EstimatedValue = estimatedValue, Notes = cleanNotes,
        };
    }

    internal BaselineItem At(int position)
    {
        Position = position;
        return this;
    }
}

/// <summary>A photo of the "before" state: the file lives outside the database, named by its SHA-256 and checked against it.</summary>
public sealed class BaselinePhoto
{
    public const int MaxPerEntry = 6;
    public const int FileNameMaxLength = 200;

    private BaselinePhoto()
    {
        FileName = string.Empty;
        ContentType = string.Empty;
        Sha256 = string.Empty;
    }

    public int Id { get; private set; }

    public int EntryId { get; private set; }

    /// <summary>The name the file had on the uploader's device (shown, never used as a path).</summary>
    public string FileName { get; private set; }

    public string ContentType { get; private set; }

    public long Bytes { get; private set; }

    public int Width { get; private set; }

    public int Height { get; private set; }

    /// <summary>Lower-case hex; also the stored file's name. The stored file is the decoded photo re-encoded without its metadata (EXIF GPS and the like).</summary>
    public string Sha256 { get; private set; }

    /// <summary>The SHA-256 of the copy served to phones (JPEG, at most <see cref="ImageCheck.PhoneMaxSide"/> px and <see cref="ImageCheck.PhoneMaxBytes"/>); null for photos stored before there was one.</summary>
    public string? PhoneSha256 { get; private set; }

    public DateTime UploadedUtc { get; private set; }

    public int UploadedByUserId { get; private set; }

    public static BaselinePhoto Create(string fileName, ImageInfo image, long bytes, string sha256, int userId, DateTime nowUtc, string? phoneSha256 = null)
    {
        ArgumentNullException.ThrowIfNull(image);
        var name = Text.Clean(Path.GetFileName(fileName)) ?? "foto";
        return new BaselinePhoto
        {
            FileName = name.Length > FileNameMaxLength ? name[..FileNameMaxLength] : name,
            ContentType = image.ContentType,
            Bytes = bytes,
            Width = image.Width,
            Height = image.Height,
            Sha256 = sha256,
            PhoneSha256 = phoneSha256,
            UploadedUtc = nowUtc,
            UploadedByUserId = userId,
        };
    }
}
