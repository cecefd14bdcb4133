using Contests.Core.Common;
using Contests.Core.Rounds;

namespace Contests.Core.Judging;

public enum SheetState
{
    Draft,

    /// <summary>Locked: only the LRAC president (or an officer) reopens it, with a reason.</summary>
    Submitted,
}

/// <summary>
/// What people are told of a sheet, on every page (the juror's list, the progress board, the president's board):
/// <see cref="Assigned"/> "Sin empezar" (never saved), <see cref="Drafted"/> "Borrador" (saved, not sent),
/// <see cref="Submitted"/> "Enviada". The names are resource keys <c>SheetProgress.*</c>.
/// </summary>
public enum SheetProgress
{
    Assigned,
    Drafted,
    Submitted,
}

/// <summary>
/// One juror's scores of one entry in one rubric part (ficha de calificación). Saves come from phones
/// on poor connections, so each carries an id the phone generated: the same save arriving twice (a
/// double tap, a retry after the network dropped) is applied once, and a save made from an older
/// revision than the sheet now has is refused as a conflict rather than overwriting what is there.
/// </summary>
public sealed class ScoreSheet
{
    public const int CommentsMaxLength = 2000;
    public const int ReasonMaxLength = 500;

    private readonly List<decimal?> _points = [];
    private readonly List<decimal?> _achieved = [];

    private ScoreSheet()
    {
    }

    /// <summary>A sheet never saved (revision 0) is not started; saved and not sent, a draft; locked, sent.</summary>
    public static SheetProgress ProgressOf(SheetState state, int revision) =>
        state == SheetState.Submitted ? SheetProgress.Submitted : revision == 0 ? SheetProgress.Assigned : SheetProgress.Drafted;

    public int Id { get; private set; }

    public int EntryId { get; private set; }

    public int JurorId { get; private set; }

    public int PartIndex { get; private set; }

    public IReadOnlyList<decimal?> Points => _points.AsReadOnly();

    /// <summary>What the juror found achieved, one quantity per baseline activity of the entry (the "after" beside the "before").</summary>
    public IReadOnlyList<decimal?> Achieved => _achieved.AsReadOnly();

    public string? Comments { get; private set; }

    public SheetState State { get; private set; }

    /// <summary>Bumped by every applied save, submit and reopen; what a client sends back as the version it saw.</summary>
    public int Revision { get; private set; }

    /// <summary>This sheet's state as people are told it (<see cref="ProgressOf"/>).</summary>
    public SheetProgress Progress => ProgressOf(State, Revision);

    /// <summary>The id of the last save or submit applied (a repeat of it is acknowledged, not applied again).</summary>
    public Guid? LastSaveId { get; private set; }

    /// <summary>Set when an officer typed a paper sheet on the juror's behalf.</summary>
    public int? TypedByOfficerId { get; private set; }

    public DateTime? SubmittedUtc { get; private set; }

    public int Reopened { get; private set; }

    public string? ReopenReason { get; private set; }

    /// <summary>Assigned and untouched: no save has reached it yet.</summary>
    public bool Untouched => State == SheetState.Draft && Revision == 0;

    public static ScoreSheet Start(int entryId, int jurorId, int partIndex, RubricPart part)
    {
        ArgumentNullException.ThrowIfNull(part);
        var sheet = new ScoreSheet { EntryId = entryId, JurorId = jurorId, PartIndex = partIndex, State = SheetState.Draft };
        sheet._points.AddRange(Enumerable.Repeat<decimal?>(null, part.Criteria.Count));
        return sheet;
    }

    /// <summary>The weighted total (criteria without points count 0: only a complete sheet can be submitted).</summary>
    public decimal Total(RubricPart part)
    {
        ArgumentNullException.ThrowIfNull(part);
        return part.Criteria.Select((c, i) => (_points.ElementAtOrDefault(i) ?? 0m) * c.Weight).Sum();
    }

    /// <summary>Saves a draft (autosave). <paramref name="seenRevision"/> is the revision the client's copy was at.</summary>
    public Result Save(RubricPart part, IReadOnlyList<decimal?> points, string? comments, Guid saveId, int seenRevision, int? officerId = null,
        IReadOnlyList<decimal?>? achieved = null)
    {
        ArgumentNullException.ThrowIfNull(part);
        ArgumentNullException.ThrowIfNull(points);
        if (LastSaveId == saveId)
        {
            return Result.Success();
        }
        var refused = Refusal(seenRevision);
        if (refused is not null)
        {
            return Result.Fail(refused);
        }
        var errors = Check(part, points, comments, achieved, requireAll: false);
        if (errors.Count > 0)
        {
            return Result.Fail(errors);
        }
        Apply(points, comments, achieved, saveId, officerId);
        return Result.Success();
    }

    /// <summary>Saves and locks the sheet; every criterion needs its points.</summary>
    public Result Submit(RubricPart part, IReadOnlyList<decimal?> points, string? comments, Guid saveId, int seenRevision, DateTime nowUtc,
        int? officerId = null, IReadOnlyList<decimal?>? achieved = null)
    {
        ArgumentNullException.ThrowIfNull(part);
        ArgumentNullException.ThrowIfNull(points);
        if (LastSaveId == saveId && State == SheetState.Submitted)
        {
            return Result.Success();
        }
        var refused = Refusal(seenRevision);
        if (refused is not null)
        {
            return Result.Fail(refused);
        }
        var errors = Check(part, points, comments, achieved, requireAll: true);
        if (errors.Count > 0)
        {
            return Result.Fail(errors);
        }
        Apply(points, comments, achieved, saveId, officerId);
        State = SheetState.Submitted;
        SubmittedUtc = nowUtc;
        return Result.Success();
    }

    /// <summary>Unlocks a submitted sheet: only the LRAC president or an officer, always with a reason (audited).</summary>
    public Result Reopen(string? reason, bool byPresidentOrOfficer)
    {
        var errors = new List<DomainError>();
        if (!byPresidentOrOfficer)
        {
            errors.Add(new DomainError("Sheet.ReopenNotAllowed"));
        }
        if (State != SheetState.Submitted)
        {
            errors.Add(new DomainError("Sheet.NotSubmitted"));
        }
        var clean = Text.Clean(reason);
        if (clean is null)
        {
            errors.Add(new DomainError("Sheet.ReasonRequired", "Reason"));
        }
        else if (clean.Length > ReasonMaxLength)
        {
            errors.Add(new DomainError("Validation.MaxLength", "Reason", new FieldLabel("Reason"), ReasonMaxLength));
        }
        if (errors.Count > 0)
        {
            return Result.Fail(errors);
        }
        State = SheetState.Draft;
        SubmittedUtc = null;
        ReopenReason = clean;
        Reopened++;
        Revision++;
        return Result.Success();
    }

    private DomainError? Refusal(int seenRevision) =>
        State == SheetState.Submitted ? new DomainError("Sheet.Submitted")
        : seenRevision != Revision ? new DomainError("Sheet.Conflict", null, seenRevision, Revision)
        : null;

    private static List<DomainError> Check(RubricPart part, IReadOnlyList<decimal?> points, string? comments, IReadOnlyList<decimal?>? achieved, bool requireAll)
    {
        var errors = new List<DomainError>();
        if (points.Count != part.Criteria.Count)
        {
            errors.Add(new DomainError("Sheet.CriteriaChanged", null, part.Criteria.Count, points.Count));
            return errors;
        }
        for (var i = 0; i < points.Count; i++)
        {
            var criterion = part.Criteria[i];
            var field = $"Points[{i}]";
            if (points[i] is not { } value)
            {
                if (requireAll)
                {
                    errors.Add(new DomainError("Sheet.PointsMissing", field, criterion.Name));
                }
            }
            else if (value < 0 || value > criterion.MaxPoints)
            {
                errors.Add(new DomainError("Sheet.PointsRange", field, criterion.Name, new Number(criterion.MaxPoints)));
            }
            else if (decimal.Round(value, 2) != value)
            {
                errors.Add(new DomainError("Sheet.PointsDecimals", field, criterion.Name));
            }
        }
        for (var i = 0; i < (achieved?.Count ?? 0); i++)
        {
            if (achieved![i] is { } quantity && (quantity < 0 || decimal.Round(quantity, 2) != quantity))
            {
                errors.Add(new DomainError("Sheet.AchievedInvalid", $"Achieved[{i}]"));
            }
        }
        if ((Text.Clean(comments)?.Length ?? 0) > CommentsMaxLength)
        {
            errors.Add(new DomainError("Validation.MaxLength", "Comments", new FieldLabel("Comments"), CommentsMaxLength));
        }
        return errors;
    }

    private void Apply(IReadOnlyList<decimal?> points, string? comments, IReadOnlyList<decimal?>? achieved, Guid saveId, int? officerId)
    {
        _points.Clear();
        _points.AddRange(points);
        if (achieved is not null)
        {
            _achieved.Clear();
            _achieved.AddRange(achieved);
        }
        Comments = Text.Clean(comments);
        LastSaveId = saveId;
        TypedByOfficerId = officerId ?? TypedByOfficerId;
        Revision++;
    }
}
