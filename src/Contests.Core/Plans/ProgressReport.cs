using Contests.Core.Common;

namespace Contests.Core.Plans;

/// <summary>An interim report (half-way through the term) or the final one (after it ends).</summary>
public enum ReportKind
{
    Interim,
    Final,
}

/// <summary>How far one of the contract's components has got, in percent (0–100, whole numbers).</summary>
public sealed record ComponentProgress(string Component, int Percent);

/// <summary>
/// A funded plan's progress report: its kind and due date (from the contract's term), the day it was received, the
/// narrative and each component's progress; then the LRAC's approval, recorded with the acta (or addendum) that gave it.
/// A later tranche needs the previous tranches' progress approved.
/// </summary>
public sealed class ProgressReport
{
    public const int NarrativeMaxLength = 4000;
    public const int ActaReferenceMaxLength = 120;

    private ProgressReport()
    {
        Narrative = string.Empty;
        Progress = [];
    }

    public int Id { get; private set; }

    public int RoundId { get; private set; }

    public int EntryId { get; private set; }

    public ReportKind Kind { get; private set; }

    public DateOnly DueOn { get; private set; }

    public DateOnly ReceivedOn { get; private set; }

    public string Narrative { get; private set; }

    public IReadOnlyList<ComponentProgress> Progress { get; private set; }

    public int RecordedByUserId { get; private set; }

    public DateTime RecordedUtc { get; private set; }

    /// <summary>The LRAC's approval: the acta or addendum that records it ("Acta N° 4 del CLAR, 12/06/2026").</summary>
    public string? ApprovalActa { get; private set; }

    public DateOnly? ApprovedOn { get; private set; }

    public int? ApprovalRecordedByUserId { get; private set; }

    public bool Approved => ApprovedOn is not null;

    public bool Late => ReceivedOn > DueOn;

    /// <summary>
    /// The report, or null with every reason (fields <c>Kind</c>, <c>ReceivedOn</c>, <c>Narrative</c>,
    /// <c>Progress[i]</c>). Every component of the contract gets a percentage; none other.
    /// </summary>
    public static ProgressReport? Record(int roundId, int entryId, PlanTerm term, ReportKind? kind, DateOnly? receivedOn, string? narrative,
        IReadOnlyList<string> components, IReadOnlyList<int?> percents, DateOnly today, int userId, DateTime nowUtc, ICollection<DomainError> errors)
    {
        ArgumentNullException.ThrowIfNull(term);
        ArgumentNullException.ThrowIfNull(components);
        ArgumentNullException.ThrowIfNull(percents);
        ArgumentNullException.ThrowIfNull(errors);
        var before = errors.Count;
        if (kind is null)
        {
            errors.Add(new DomainError("Validation.Required", "Kind", new FieldLabel("ReportKind")));
        }
        if (receivedOn is null)
        {
            errors.Add(new DomainError("Validation.Required", "ReceivedOn", new FieldLabel("ReceivedOn")));
        }
        else if (receivedOn > today)
        {
            errors.Add(new DomainError("Receipt.InFuture", "ReceivedOn"));
        }
        else if (receivedOn < term.Start)
        {
            errors.Add(new DomainError("Report.BeforeTerm", "ReceivedOn", term.Start));
        }
        var text = Text.Required(narrative, NarrativeMaxLength, "Narrative", errors);
        var progress = new List<ComponentProgress>();
        for (var i = 0; i < components.Count; i++)
        {
            var percent = i < percents.Count ? percents[i] : null;
            if (percent is null)
            {
                errors.Add(new DomainError("Validation.Required", $"Progress[{i}]", new FieldLabel("ComponentProgress")));
            }
            else if (percent is < 0 or > 100)
            {
                errors.Add(new DomainError("Report.PercentRange", $"Progress[{i}]", components[i]));
            }
            else
            {
                progress.Add(new ComponentProgress(components[i], percent.Value));
            }
        }
        if (errors.Count > before)
        {
            return null;
        }
        var report = new ProgressReport
        {
            RoundId = roundId, EntryId = entryId, Kind = kind!.Value, DueOn = term.DueOn(kind.Value), ReceivedOn = receivedOn!.Value,
            Narrative = text!, Progress = progress, RecordedByUserId = userId, RecordedUtc = nowUtc,
        };
        return report;
    }

    /// <summary>The LRAC approved the progress in a session: the acta that says so, and its date. Once.</summary>
    public Result Approve(string? acta, DateOnly? approvedOn, DateOnly today, int userId)
    {
        if (Approved)
        {
            return Result.Fail(new DomainError("Report.AlreadyApproved"));
        }
        var errors = new List<DomainError>();
        var reference = Text.Required(acta, ActaReferenceMaxLength, "ApprovalActa", errors);
        if (approvedOn is null)
        {
            errors.Add(new DomainError("Validation.Required", "ApprovedOn", new FieldLabel("ApprovedOn")));
        }
        else if (approvedOn < ReceivedOn || approvedOn > today)
        {
            errors.Add(new DomainError("Report.ApprovalDate", "ApprovedOn", ReceivedOn));
        }
        if (errors.Count > 0)
        {
            return Result.Fail(errors);
        }
        ApprovalActa = reference;
        ApprovedOn = approvedOn;
        ApprovalRecordedByUserId = userId;
        return Result.Success();
    }
}
