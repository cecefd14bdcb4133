namespace Contests.Core.Plans;

/// <summary>Where a plan's expected report stands; the order is the order a list shows them in (late first).</summary>
public enum ScheduledReportState
{
    /// <summary>Not received and its due date has passed.</summary>
    Late,

    /// <summary>Not received yet, and not yet late.</summary>
    Due,

    /// <summary>Received, awaiting the LRAC's approval.</summary>
    Received,

    /// <summary>Received and its progress approved by the LRAC.</summary>
    Approved,
}

/// <summary>One report a funded plan owes: its kind, when it is due, and where it stands (<see cref="ReportSchedule"/>).</summary>
public sealed record ScheduledReport(ReportKind Kind, DateOnly DueOn, ScheduledReportState State, int? ReportId, DateOnly? ReceivedOn, bool ReceivedLate);

/// <summary>
/// The reports a funded plan owes — one interim and one final, due as its term (<see cref="PlanTerm"/>) says — and
/// where each stands on a given day. A report of a kind received settles that kind (the approved one if any was
/// approved); one not received is late the day after its due date. A closed-out plan owes nothing more: a report it
/// never sent is not listed.
/// </summary>
public static class ReportSchedule
{
    public static IReadOnlyList<ScheduledReport> Of(PlanTerm term, IEnumerable<ProgressReport> reports, bool closedOut, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(term);
        ArgumentNullException.ThrowIfNull(reports);
        var received = reports.ToList();
        var schedule = new List<ScheduledReport>();
        foreach (var kind in Enum.GetValues<ReportKind>())
        {
            var ofKind = received.Where(r => r.Kind == kind).OrderByDescending(r => r.Approved).ThenByDescending(r => r.ReceivedOn)
                .ThenByDescending(r => r.Id).FirstOrDefault();
            if (ofKind is not null)
            {
                schedule.Add(new ScheduledReport(kind, ofKind.DueOn, ofKind.Approved ? ScheduledReportState.Approved : ScheduledReportState.Received,
                    ofKind.Id, ofKind.ReceivedOn, ofKind.Late));
            }
            else if (!closedOut)
            {
                var due = term.DueOn(kind);
                schedule.Add(new ScheduledReport(kind, due, today > due ? ScheduledReportState.Late : ScheduledReportState.Due, null, null, false));
            }
        }
        return schedule;
    }
}
