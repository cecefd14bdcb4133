using Contests.Core.Plans;
using static Contests.Core.Tests.Plans.PlanBuilders;

namespace Contests.Core.Tests.Plans;

public sealed class ReportScheduleTests
{
    [Fact]
    public void Of_NothingReceived_TheInterimIsDueOnItsDayAndLateTheDayAfter_TheFinalStillDue()
    {
        var onTheDay = ReportSchedule.Of(Term, [], false, new DateOnly(2026, 9, 2));
        var dayAfter = ReportSchedule.Of(Term, [], false, new DateOnly(2026, 9, 3));

        Assert.Equal([(ReportKind.Interim, new DateOnly(2026, 9, 2), ScheduledReportState.Due), (ReportKind.Final, new DateOnly(2027, 3, 31), ScheduledReportState.Due)],
            onTheDay.Select(r => (r.Kind, r.DueOn, r.State)));
        Assert.Equal([ScheduledReportState.Late, ScheduledReportState.Due], dayAfter.Select(r => r.State));
    }

    [Fact]
    public void Of_AReceivedReport_IsReceived_ThenApproved_NeverLate()
    {
        var received = ReportSchedule.Of(Term, [Report(approved: false)], false, new DateOnly(2026, 12, 1));
        var approved = ReportSchedule.Of(Term, [Report(approved: false), Report(approved: true)], false, new DateOnly(2026, 12, 1));

        var interim = received.Single(r => r.Kind == ReportKind.Interim);
        Assert.Equal((ScheduledReportState.Received, new DateOnly(2026, 8, 20), false), (interim.State, interim.ReceivedOn, interim.ReceivedLate));
        Assert.Equal(ScheduledReportState.Approved, approved.Single(r => r.Kind == ReportKind.Interim).State);
    }

    [Fact]
    public void Of_AClosedOutPlan_OwesNoReportItNeverSent()
    {
        var schedule = ReportSchedule.Of(Term, [Report(approved: true)], true, new DateOnly(2028, 1, 1));

        Assert.Equal(ReportKind.Interim, Assert.Single(schedule).Kind);
    }
}
