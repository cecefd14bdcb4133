using Contests.Core.Common;
using Contests.Core.Programmes;

namespace Contests.Core.Rounds;

/// <summary>How entries are grouped to compete for one prize schedule (docs/architecture.md#domain-words: Pool).</summary>
public enum PoolBy
{
    /// <summary>Households of one community compete among themselves.</summary>
    Community,

    /// <summary>Communities of one watershed compete among themselves.</summary>
    Watershed,

    /// <summary>Organizations of one district compete among themselves.</summary>
    District,

    /// <summary>Each entry names one of the round's categories.</summary>
    Category,

    /// <summary>Everyone competes in one pool.</summary>
    OnePool,
}

/// <summary>What defines a round apart from its rules: who competes, on what, where, and how pools form.</summary>
public sealed record RoundSetup
{
    public const int NameMaxLength = 160;
    public const int CategoryMaxLength = 80;
    public const int MaxCategories = 12;

    public required string Name { get; init; }

    public required int LocalOfficeId { get; init; }

    public required RoundLevel Level { get; init; }

    public required IReadOnlySet<Theme> Themes { get; init; }

    public required RoundScope Scope { get; init; }

    public required PoolBy PoolBy { get; init; }

    public IReadOnlyList<string> Categories { get; init; } = [];

    /// <summary>Which pool kinds make sense for a level (households don't compete per watershed of communities, etc.).</summary>
    public static IReadOnlyList<PoolBy> PoolsFor(RoundLevel level) => level switch
    {
        RoundLevel.Households => [PoolBy.Community, PoolBy.Category, PoolBy.OnePool],
        RoundLevel.Communities => [PoolBy.Watershed, PoolBy.Category, PoolBy.OnePool],
        _ => [PoolBy.District, PoolBy.Category, PoolBy.OnePool],
    };

    public IReadOnlyList<DomainError> Check()
    {
        var errors = new List<DomainError>();
        Text.Name(Name, NameMaxLength, nameof(Name), required: true, errors);
        if (Themes.Count == 0)
        {
            errors.Add(new DomainError("Round.NoThemes", "Themes"));
        }
        if (!PoolsFor(Level).Contains(PoolBy))
        {
            errors.Add(new DomainError("Round.PoolForLevel", "PoolBy", PoolBy, Level));
        }
        if (PoolBy == PoolBy.Category && Categories.Count < 2)
        {
            errors.Add(new DomainError("Round.CategoriesNeeded", "Categories"));
        }
        if (Categories.Count > MaxCategories)
        {
            errors.Add(new DomainError("Round.TooManyCategories", "Categories", MaxCategories));
        }
        if (Categories.Any(c => c.Length > CategoryMaxLength))
        {
            errors.Add(new DomainError("Validation.MaxLength", "Categories", new FieldLabel("Categories"), CategoryMaxLength));
        }
        if (Categories.GroupBy(Text.Key).Any(g => g.Count() > 1))
        {
            errors.Add(new DomainError("Round.CategoryRepeated", "Categories"));
        }
        return errors;
    }
}

/// <summary>
/// One contest cycle (concurso): what it is about and where, its versioned rules, its phase and its
/// calendar of scheduled phase changes. Entries live apart (<see cref="Entry"/>); the round is told
/// their counts when a guard needs them.
/// </summary>
public sealed class ContestRound
{
    private readonly List<RoundTheme> _themes = [];
    private readonly List<RoundScopeItem> _scope = [];
    private readonly List<RoundCategory> _categories = [];
    private readonly List<RoundRulesVersion> _versions = [];
    private readonly List<ScheduledTransition> _schedule = [];
    private readonly List<PhaseChange> _phaseChanges = [];

    private ContestRound()
    {
        Name = string.Empty;
    }

    public int Id { get; private set; }

    public int ProgrammeId { get; private set; }

    public int LocalOfficeId { get; private set; }

    public string Name { get; private set; }

    public RoundLevel Level { get; private set; }

    public PoolBy PoolBy { get; private set; }

    public RoundPhase Phase { get; private set; }

    public DateTime CreatedUtc { get; private set; }

    public int CreatedByUserId { get; private set; }

    /// <summary>Optimistic concurrency: two people moving or editing the same round can't both win silently.</summary>
    public int Revision { get; private set; }

    public IReadOnlyCollection<RoundTheme> Themes => _themes.AsReadOnly();

    public IReadOnlyCollection<RoundScopeItem> ScopeItems => _scope.AsReadOnly();

    public IReadOnlyCollection<RoundCategory> Categories => _categories.AsReadOnly();

    public IReadOnlyCollection<RoundRulesVersion> RulesVersions => _versions.AsReadOnly();

    public IReadOnlyCollection<ScheduledTransition> Schedule => _schedule.AsReadOnly();

    public IReadOnlyCollection<PhaseChange> PhaseChanges => _phaseChanges.AsReadOnly();

    /// <summary>The rules in force: the latest version (null until the officer writes them).</summary>
    public RoundRulesVersion? CurrentRules => _versions.Count == 0 ? null : _versions.MaxBy(v => v.Number);

    public RoundScope Scope => new(
        _scope.Where(s => s.Kind == ScopeKind.District).Select(s => s.Key).ToHashSet(StringComparer.Ordinal),
        _scope.Where(s => s.Kind == ScopeKind.Community).Select(s => int.Parse(s.Key, System.Globalization.CultureInfo.InvariantCulture)).ToHashSet(),
        _scope.Where(s => s.Kind == ScopeKind.Watershed).Select(s => int.Parse(s.Key, System.Globalization.CultureInfo.InvariantCulture)).ToHashSet());

    /// <summary>Level, scope and pools are fixed once the round opens: entries were accepted under them.</summary>
    public bool SetupLocked => Phase != RoundPhase.Draft;

    /// <summary>Rules change until the LRAC's results are published; after that only an appeal changes results.</summary>
    public bool RulesLocked => Phase >= RoundPhase.Published;

    public static (Result Result, ContestRound? Round) Create(int programmeId, RoundSetup setup, int userId, DateTime nowUtc)
    {
        ArgumentNullException.ThrowIfNull(setup);
        var errors = setup.Check();
        if (errors.Count > 0)
        {
            return (Result.Fail(errors), null);
        }
        var round = new ContestRound { ProgrammeId = programmeId, CreatedUtc = nowUtc, CreatedByUserId = userId, Phase = RoundPhase.Draft };
        round.Apply(setup);
        return (Result.Success(), round);
    }

    /// <summary>Edits the setup. After opening only the name changes (level, scope and pools hold the entries already accepted).</summary>
    public Result Update(RoundSetup setup)
    {
        ArgumentNullException.ThrowIfNull(setup);
        if (SetupLocked)
        {
            var categories = setup.Categories.Select(Text.Clean).Where(c => c is not null).ToList();
            var changed = setup.Level != Level || setup.PoolBy != PoolBy || setup.LocalOfficeId != LocalOfficeId
                || !setup.Themes.SetEquals(_themes.Select(t => t.Theme)) || !SameScope(setup.Scope)
                || !categories.SequenceEqual(_categories.OrderBy(c => c.Position).Select(c => c.Name));
            if (changed)
            {
                return Result.Fail(new DomainError("Round.SetupLocked", null, Phase));
            }
        }
        var errors = setup.Check();
        if (errors.Count > 0)
        {
            return Result.Fail(errors);
        }
        Apply(setup);
        Revision++;
        return Result.Success();
    }

    /// <summary>
    /// Writes the rules. While the round is a draft the one version is edited in place; once it is open
    /// every change is a new version with its reason, and earlier versions stay as they were.
    /// </summary>
    public Result SetRules(RoundRules rules, string? reason, int userId, DateTime nowUtc)
    {
        ArgumentNullException.ThrowIfNull(rules);
        if (RulesLocked)
        {
            return Result.Fail(new DomainError("Rules.Locked", null, Phase));
        }
        var errors = rules.Prizes.Check(Level).ToList();
        var cleanReason = Text.Clean(reason);
        if (Phase != RoundPhase.Draft && cleanReason is null)
        {
            errors.Add(new DomainError("Rules.ReasonRequired", "Reason"));
        }
        if (cleanReason is { Length: > RoundRulesVersion.ReasonMaxLength })
        {
            errors.Add(new DomainError("Validation.MaxLength", "Reason", new FieldLabel("Reason"), RoundRulesVersion.ReasonMaxLength));
        }
        if (errors.Count > 0)
        {
            return Result.Fail(errors);
        }
        var current = CurrentRules;
        if (Phase == RoundPhase.Draft && current is not null)
        {
            current.Replace(rules, cleanReason, userId, nowUtc);
        }
        else
        {
            _versions.Add(new RoundRulesVersion((current?.Number ?? 0) + 1, rules, cleanReason, userId, nowUtc));
        }
        Revision++;
        return Result.Success();
    }

    /// <summary>Moves to the next phase if its guards allow it (or the person confirmed an overridable one).</summary>
    public Result MoveTo(RoundPhase to, PhaseFacts facts, bool confirmed, int? userId, DateTime nowUtc, int? scheduleId = null)
    {
        var allowed = RoundPhases.CanMove(Phase, to, facts, confirmed);
        if (!allowed.Succeeded)
        {
            return allowed;
        }
        _phaseChanges.Add(new PhaseChange(Phase, to, nowUtc, userId, scheduleId, confirmed));
        Phase = to;
        foreach (var pending in _schedule.Where(s => s.State == ScheduleState.Pending && s.ToPhase <= to && s.Id != scheduleId))
        {
            pending.Supersede(nowUtc);
        }
        Revision++;
        return Result.Success();
    }

    /// <summary>
    /// Sets (or, with null, removes) the date a phase change is due. Dates must lie ahead and follow the
    /// phase order; a phase already reached can't be scheduled.
    /// </summary>
    public (Result Result, ScheduledTransition? Added, ScheduledTransition? Cancelled) ScheduleMove(RoundPhase to, DateTime? dueUtc, DateTime nowUtc)
    {
        var field = "Due." + to;
        var existing = _schedule.SingleOrDefault(s => s.ToPhase == to && s.State == ScheduleState.Pending);
        if (dueUtc is null)
        {
            existing?.Cancel(nowUtc);
            return (Result.Success(), null, existing);
        }
        if (to <= Phase)
        {
            return (Result.Fail(new DomainError("Schedule.PhaseReached", field, to)), null, null);
        }
        if (dueUtc <= nowUtc)
        {
            return (Result.Fail(new DomainError("Schedule.InThePast", field, to)), null, null);
        }
        var pending = _schedule.Where(s => s.State == ScheduleState.Pending && s.ToPhase != to).ToList();
        if (pending.Any(s => (s.ToPhase < to && s.DueUtc >= dueUtc) || (s.ToPhase > to && s.DueUtc <= dueUtc)))
        {
            return (Result.Fail(new DomainError("Schedule.OutOfOrder", field, to)), null, null);
        }
        if (existing is not null && existing.DueUtc == dueUtc)
        {
            return (Result.Success(), null, null);
        }
        existing?.Cancel(nowUtc);
        var added = new ScheduledTransition(to, dueUtc.Value, nowUtc);
        _schedule.Add(added);
        Revision++;
        return (Result.Success(), added, existing);
    }

    /// <summary>
    /// A scheduled move that came due: done once (a second firing finds it no longer pending and does
    /// nothing), and a guard that fails is recorded on the schedule for the officer, not retried.
    /// </summary>
    public Result RunScheduled(int scheduleId, PhaseFacts facts, DateTime nowUtc)
    {
        var item = _schedule.SingleOrDefault(s => s.Id == scheduleId);
        if (item is null || item.State != ScheduleState.Pending)
        {
            return Result.Fail(new DomainError("Schedule.NotPending"));
        }
        if (nowUtc < item.DueUtc - ScheduledTransition.EarlyTolerance)
        {
            // Fired early (a node's clock ahead, a stray trigger): not yet; it stays pending for its date.
            return Result.Fail(new DomainError("Schedule.NotDue"));
        }
        var moved = MoveTo(item.ToPhase, facts, confirmed: false, userId: null, nowUtc, scheduleId);
        if (moved.Succeeded)
        {
            item.Complete(nowUtc);
        }
        else
        {
            item.Fail(moved.Errors, nowUtc);
            Revision++;
        }
        return moved;
    }

    private void Apply(RoundSetup setup)
    {
        Name = Text.Clean(setup.Name) ?? string.Empty;
        LocalOfficeId = setup.LocalOfficeId;
        Level = setup.Level;
        PoolBy = setup.PoolBy;
        _themes.RemoveAll(t => !setup.Themes.Contains(t.Theme));
        foreach (var theme in setup.Themes.Where(t => !_themes.Exists(x => x.Theme == t)).Order())
        {
            _themes.Add(new RoundTheme(theme));
        }
        var scope = ScopeItemsOf(setup.Scope).ToList();
        _scope.RemoveAll(s => !scope.Exists(x => x.Kind == s.Kind && x.Key == s.Key));
        _scope.AddRange(scope.Where(x => !_scope.Exists(s => s.Kind == x.Kind && s.Key == x.Key)));
        var names = setup.Categories.Select(c => Text.Clean(c)!).ToList();
        _categories.RemoveAll(c => !names.Contains(c.Name));
        for (var i = 0; i < names.Count; i++)
        {
            var category = _categories.Find(c => c.Name == names[i]);
            if (category is null)
            {
                _categories.Add(new RoundCategory(names[i], i));
            }
            else
            {
                category.MoveTo(i);
            }
        }
    }

    private bool SameScope(RoundScope scope)
    {
        var mine = _scope.Select(s => (s.Kind, s.Key)).ToHashSet();
        return mine.SetEquals(ScopeItemsOf(scope).Select(s => (s.Kind, s.Key)));
    }

    private static IEnumerable<RoundScopeItem> ScopeItemsOf(RoundScope scope) =>
        scope.Districts.Select(d => new RoundScopeItem(ScopeKind.District, d))
            .Concat(scope.Communities.Select(c => new RoundScopeItem(ScopeKind.Community, c.ToString(System.Globalization.CultureInfo.InvariantCulture))))
            .Concat(scope.Watersheds.Select(w => new RoundScopeItem(ScopeKind.Watershed, w.ToString(System.Globalization.CultureInfo.InvariantCulture))));
}

public sealed class RoundTheme
{
    internal RoundTheme(Theme theme) => Theme = theme;

    public int RoundId { get; private set; }

    public Theme Theme { get; private set; }
}

public enum ScopeKind
{
    District,
    Community,
    Watershed,
}

/// <summary>One district (by UBIGEO), community or watershed (by id) the round covers.</summary>
public sealed class RoundScopeItem
{
    internal RoundScopeItem(ScopeKind kind, string key)
    {
        Kind = kind;
        Key = key;
    }

    public int RoundId { get; private set; }

    public ScopeKind Kind { get; private set; }

    public string Key { get; private set; }
}

public sealed class RoundCategory
{
    internal RoundCategory(string name, int position)
    {
        Name = name;
        Position = position;
    }

    public int Id { get; private set; }

    public int RoundId { get; private set; }

    public string Name { get; private set; }

    public int Position { get; private set; }

    internal void MoveTo(int position) => Position = position;
}

/// <summary>One version of a round's rules. Versions after the first carry the reason for the change.</summary>
public sealed class RoundRulesVersion
{
    public const int ReasonMaxLength = 500;

    internal RoundRulesVersion(int number, RoundRules rules, string? reason, int userId, DateTime nowUtc)
    {
        Number = number;
        Rules = rules;
        Reason = reason;
        CreatedByUserId = userId;
        CreatedUtc = nowUtc;
    }

    private RoundRulesVersion()
    {
        Rules = null!;
    }

    public int Id { get; private set; }

    public int RoundId { get; private set; }

    public int Number { get; private set; }

    public RoundRules Rules { get; private set; }

    public string? Reason { get; private set; }

    public int CreatedByUserId { get; private set; }

    public DateTime CreatedUtc { get; private set; }

    internal void Replace(RoundRules rules, string? reason, int userId, DateTime nowUtc)
    {
        Rules = rules;
        Reason = reason;
        CreatedByUserId = userId;
        CreatedUtc = nowUtc;
    }
}

public enum ScheduleState
{
    Pending,
    Done,

    /// <summary>A guard failed when it came due: recorded with the reasons and shown to the officer; not retried.</summary>
    Failed,
    Cancelled,

    /// <summary>The round reached the phase by hand before the date.</summary>
    Superseded,
}

/// <summary>A phase change due at a date (fired by the scheduler), with what happened when it came due.</summary>
public sealed class ScheduledTransition
{
    public const int OutcomeMaxLength = 500;

    /// <summary>How early a firing may come and still count (clocks of a cluster's nodes differ a little).</summary>
    public static readonly TimeSpan EarlyTolerance = TimeSpan.FromSeconds(30);

    internal ScheduledTransition(RoundPhase toPhase, DateTime dueUtc, DateTime createdUtc)
    {
        ToPhase = toPhase;
        DueUtc = dueUtc;
        CreatedUtc = createdUtc;
        State = ScheduleState.Pending;
    }

    public int Id { get; private set; }

    public int RoundId { get; private set; }

    public RoundPhase ToPhase { get; private set; }

    public DateTime DueUtc { get; private set; }

    public DateTime CreatedUtc { get; private set; }

    public ScheduleState State { get; private set; }

    public DateTime? SettledUtc { get; private set; }

    /// <summary>The codes of the guards that failed, separated by spaces (the UI translates them).</summary>
    public string? FailureCodes { get; private set; }

    /// <summary>
    /// The arguments of each failed guard (e.g. how many baselines are missing), one line per guard,
    /// tab-separated, each typed ("p:" phase, "i:" number, "s:" text) so the message can be rebuilt.
    /// </summary>
    public string? FailureDetail { get; private set; }

    internal void Complete(DateTime nowUtc) => Settle(ScheduleState.Done, nowUtc);

    internal void Cancel(DateTime nowUtc) => Settle(ScheduleState.Cancelled, nowUtc);

    internal void Supersede(DateTime nowUtc) => Settle(ScheduleState.Superseded, nowUtc);

    internal void Fail(IReadOnlyList<DomainError> errors, DateTime nowUtc)
    {
        Settle(ScheduleState.Failed, nowUtc);
        FailureCodes = string.Join(' ', errors.Select(e => e.Code));
        FailureDetail = string.Join('\n', errors.Select(e => string.Join('\t', e.Arguments.Select(Encode))));
    }

    /// <summary>The failure as errors again, for the officer's screen.</summary>
    public IReadOnlyList<DomainError> Failures()
    {
        if (FailureCodes is null)
        {
            return [];
        }
        var codes = FailureCodes.Split(' ');
        var details = (FailureDetail ?? string.Empty).Split('\n');
        return [.. codes.Select((c, i) => new DomainError(c, null,
            i < details.Length && details[i].Length > 0 ? [.. details[i].Split('\t').Select(Decode)] : []))];
    }

    private static string Encode(object argument) => argument switch
    {
        RoundPhase phase => "p:" + phase,
        int number => "i:" + number.ToString(System.Globalization.CultureInfo.InvariantCulture),
        _ => "s:" + Convert.ToString(argument, System.Globalization.CultureInfo.InvariantCulture)?.Replace('\t', ' ').Replace('\n', ' '),
    };

    private static object Decode(string token) => token[..2] switch
    {
        "p:" when Enum.TryParse<RoundPhase>(token[2..], out var phase) => phase,
        "i:" when int.TryParse(token[2..], System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out var n) => n,
        _ => token[2..],
    };

    private void Settle(ScheduleState state, DateTime nowUtc)
    {
        State = state;
        SettledUtc = nowUtc;
    }
}

/// <summary>A phase change as it happened: by whom (or by the schedule), when, and whether a warning was confirmed away.</summary>
public sealed class PhaseChange
{
    internal PhaseChange(RoundPhase from, RoundPhase to, DateTime atUtc, int? userId, int? scheduleId, bool confirmed)
    {
        From = from;
        To = to;
        AtUtc = atUtc;
        UserId = userId;
        ScheduleId = scheduleId;
        Confirmed = confirmed;
    }

    public int Id { get; private set; }

    public int RoundId { get; private set; }

    public RoundPhase From { get; private set; }

    public RoundPhase To { get; private set; }

    public DateTime AtUtc { get; private set; }

    public int? UserId { get; private set; }

    public int? ScheduleId { get; private set; }

    public bool Confirmed { get; private set; }
}
