using Contests.Core.Allocation;
using Contests.Core.Common;
using Contests.Core.Judging;
using Contests.Core.Review;
using Contests.Core.Rounds;
using Contests.Core.Tests.Allocation;
using static Contests.Core.Tests.Allocation.AllocationBuilders;

namespace Contests.Core.Tests.Review;

public sealed class ActaTests
{
    private static readonly DateTime Now = new(2026, 11, 20, 15, 0, 0, DateTimeKind.Utc);   // 10:00 in Lima
    private static readonly AllocationEntry[] Entries = new RoundBuilder().Pool("Ccollpa", 88, 85, 85, 70, 55).Build();

    /// <summary>President 1, secretary 2, members 3 and 4, observer 5: four voting, quorum three.</summary>
    private static readonly Dictionary<int, LracRole> Committee = new()
    {
        [1] = LracRole.President, [2] = LracRole.Secretary, [3] = LracRole.Member, [4] = LracRole.Member, [5] = LracRole.Observer,
    };

    private static Acta Open(DateTime? held = null)
    {
        var errors = new List<DomainError>();
        var acta = Acta.Open(7, 2, ActaKind.Session, held ?? Now.AddHours(-2), "Local comunal de Asillo", 40, Now.AddDays(-1), errors);
        Assert.Empty(errors);
        return acta!;
    }

    private static ActaApproval Approval(Acta acta, int number = 3, DateTime? appealsUntil = null) =>
        new(Committee, Allocator.Allocate(Tiers(), Entries, GeneralOnly, null, acta.AllocationOverrides), [.. Entries.Select(e => e.Rank)], number,
            appealsUntil ?? Now.AddDays(7), 41, Now);

    [Fact]
    public void Open_WithoutPlace_IsRefused()
    {
        var errors = new List<DomainError>();

        Assert.Null(Acta.Open(7, 2, ActaKind.Session, Now, "  ", 40, Now, errors));

        Assert.Equal("Validation.Required", Assert.Single(errors).Code);
    }

    [Theory]
    [InlineData(ActaKind.Session, RoundPhase.Review, true)]
    [InlineData(ActaKind.Session, RoundPhase.Judging, false)]
    [InlineData(ActaKind.Session, RoundPhase.Published, false)]
    [InlineData(ActaKind.Addendum, RoundPhase.Published, true)]
    [InlineData(ActaKind.Addendum, RoundPhase.Review, false)]
    [InlineData(ActaKind.Addendum, RoundPhase.Final, false)]
    public void IsOpenIn_ThePhaseItsSessionSitsIn_UntilApproved(ActaKind kind, RoundPhase phase, bool open)
    {
        var errors = new List<DomainError>();
        var acta = Acta.Open(7, 2, kind, Now.AddHours(-2), "Local comunal de Asillo", 40, Now.AddDays(-1), errors)!;

        Assert.Equal(open, acta.IsOpenIn(phase));
    }

    [Fact]
    public void IsOpenIn_AnApprovedActa_IsClosedInEveryPhase()
    {
        var acta = Open();
        Assert.True(acta.RecordAttendance(Committee.Keys.ToList(), [1, 2, 3]).Succeeded);
        Assert.True(acta.IsOpenIn(RoundPhase.Review));

        Assert.True(acta.Approve(Approval(acta)).Succeeded);

        Assert.All(Enum.GetValues<RoundPhase>(), phase => Assert.False(acta.IsOpenIn(phase)));
    }

    [Fact]
    public void Approve_WithQuorum_NumbersTheActaAndStoresEveryAward()
    {
        var acta = Open();
        Assert.True(acta.RecordAttendance(Committee.Keys.ToList(), [1, 2, 3]).Succeeded);

        var result = acta.Approve(Approval(acta));

        Assert.True(result.Succeeded, string.Join(", ", result.Errors.Select(e => e.Code)));
        Assert.True(acta.Approved);
        Assert.Equal("003-2026", acta.Code);
        Assert.Equal((4, 3), (acta.VotingMembers!.Value, acta.VotingPresent!.Value));
        Assert.Equal(Now.AddDays(7), acta.AppealsUntilUtc);
        Assert.Equal([600m, 300m, 300m, 50m, 0m], acta.Awards.OrderBy(a => a.Number).Select(a => a.Amount));
        Assert.Equal([88m, 85m, 85m, 70m, 55m], acta.Awards.OrderBy(a => a.Number).Select(a => a.Final));
        Assert.All(acta.Awards, a => Assert.True(a.Current));
        Assert.Equal(1_250m, acta.Total);
        Assert.Equal(AllocationKeys.Round, acta.Notes!.Round[0].Key);
        Assert.Equal(AllocationKeys.Pool, acta.Notes.Pools["Ccollpa"][0].Key);
        Assert.Equal(600m, Assert.Single(acta.Awards.Single(a => a.Number == 1).Funding).Amount);
    }

    [Fact]
    public void Approve_WithoutQuorum_IsRefusedWithTheCount_AndChangesNothing()
    {
        var acta = Open();
        acta.RecordAttendance(Committee.Keys.ToList(), [1, 2, 5]);   // the observer doesn't count

        var result = acta.Approve(Approval(acta));

        var error = Assert.Single(result.Errors);
        Assert.Equal("Acta.NoQuorum", error.Code);
        Assert.Equal([2, 4, 3], error.Arguments);
        Assert.False(acta.Approved);
        Assert.Null(acta.Number);
        Assert.Empty(acta.Awards);
    }

    [Fact]
    public void Approve_WithNoAttendanceRecorded_HasNoQuorum()
    {
        var acta = Open();

        Assert.Contains(acta.Approve(Approval(acta)).Errors, e => e.Code == "Acta.NoQuorum");
    }

    [Fact]
    public void Approve_AnAllocationThatDoesNotFit_IsRefused()
    {
        var acta = Open();
        acta.RecordAttendance(Committee.Keys.ToList(), [1, 2, 3, 4]);
        acta.Override(1, Money.Of(2_000_000m), "Premio especial", 40, Now);

        var result = acta.Approve(Approval(acta));

        Assert.Equal("Acta.AllocationProblem", Assert.Single(result.Errors).Code);
    }

    [Fact]
    public void Approve_BeforeTheSessionDay_OrWithAWindowInThePastOrTooLong_GivesEveryReason()
    {
        var acta = Open(held: Now.AddDays(2));
        acta.RecordAttendance(Committee.Keys.ToList(), [1, 2, 3]);

        var late = acta.Approve(Approval(acta, appealsUntil: Now.AddMinutes(-1)));
        var tooLong = acta.Approve(Approval(acta, appealsUntil: Now.AddDays(Acta.MaxAppealDays + 1)));

        Assert.Equal(["Acta.NotHeldYet", "Acta.AppealsEndPast"], late.Errors.Select(e => e.Code));
        Assert.Equal(["Acta.NotHeldYet", "Acta.AppealsTooLong"], tooLong.Errors.Select(e => e.Code));
        Assert.False(acta.Approved);
    }

    [Fact]
    public void Approve_LaterTheSameLimaDay_IsAllowed()
    {
        // Held at 19:00 Lima on the 20th, which is already the 21st in UTC; approved at 10:00 Lima the 20th.
        var acta = Open(held: new DateTime(2026, 11, 21, 0, 0, 0, DateTimeKind.Utc));
        acta.RecordAttendance(Committee.Keys.ToList(), [1, 2, 3]);

        Assert.True(acta.Approve(Approval(acta)).Succeeded);
        Assert.Equal(2026, acta.Year);
    }

    [Fact]
    public void Override_NeedsAReason_AndIsCarriedIntoTheAwardsWithIt()
    {
        var acta = Open();
        acta.RecordAttendance(Committee.Keys.ToList(), [1, 2, 3]);

        Assert.Equal("Acta.OverrideReasonRequired", Assert.Single(acta.Override(5, Money.Of(50m), " ", 40, Now).Errors).Code);
        Assert.Equal("Validation.MaxLength", Assert.Single(acta.Override(5, Money.Of(50m), new string('x', 501), 40, Now).Errors).Code);
        Assert.True(acta.Override(5, Money.Of(50m), "Puntaje de campo mal sumado", 40, Now).Succeeded);
        Assert.True(acta.Override(5, Money.Of(40m), "Puntaje de campo mal sumado; acuerdo del comité", 40, Now).Succeeded);
        Assert.Single(acta.Overrides);

        Assert.True(acta.Approve(Approval(acta)).Succeeded);

        var award = acta.Awards.Single(a => a.Number == 5);
        Assert.Equal((0m, 40m), (award.Computed, award.Amount));
        Assert.Equal("Puntaje de campo mal sumado; acuerdo del comité", award.OverrideReason);
        Assert.Null(acta.Awards.Single(a => a.Number == 1).OverrideReason);
    }

    [Fact]
    public void Approved_IsNeverEdited()
    {
        var acta = Open();
        acta.RecordAttendance(Committee.Keys.ToList(), [1, 2, 3]);
        acta.Approve(Approval(acta));

        Assert.Equal("Acta.Approved", Assert.Single(acta.Override(1, Money.Of(1m), "x", 40, Now).Errors).Code);
        Assert.Equal("Acta.Approved", Assert.Single(acta.RecordAttendance(Committee.Keys.ToList(), [1]).Errors).Code);
        Assert.Equal("Acta.Approved", Assert.Single(acta.Reschedule(Now, "Otro lugar").Errors).Code);
        Assert.Equal("Acta.Approved", Assert.Single(acta.Approve(Approval(acta)).Errors).Code);
        Assert.Equal("Acta.Approved", Assert.Single(acta.RemoveOverride(1).Errors).Code);
        Assert.Equal(3, acta.Present.Count);
    }

    [Fact]
    public void RecordAttendance_OfSomeoneNotOnTheCommittee_IsRefused_AndALaterRecordReplacesTheFirst()
    {
        var acta = Open();

        Assert.Equal("Acta.NotAMember", Assert.Single(acta.RecordAttendance([1, 2], [9]).Errors).Code);
        acta.RecordAttendance([1, 2, 3], [1, 2]);
        acta.RecordAttendance([1, 2, 4], [4]);

        Assert.Equal([1, 2, 4], acta.Attendance.Select(a => a.MemberId).Order());
        Assert.Equal([4], acta.Present);
    }
}
