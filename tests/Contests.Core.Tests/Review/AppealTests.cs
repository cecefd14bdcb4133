using Contests.Core.Allocation;
using Contests.Core.Common;
using Contests.Core.Judging;
using Contests.Core.Review;
using Contests.Core.Rounds;
using Contests.Core.Tests.Allocation;
using static Contests.Core.Tests.Allocation.AllocationBuilders;

namespace Contests.Core.Tests.Review;

public sealed class AppealTests
{
    private static readonly DateTime Now = new(2026, 11, 20, 15, 0, 0, DateTimeKind.Utc);
    private static readonly Dictionary<int, LracRole> Committee = new() { [1] = LracRole.President, [2] = LracRole.Secretary, [3] = LracRole.Member };

    /// <summary>The first worked example approved: A 600, B and C 300 each, D 50, E 0; appeals until a week later.</summary>
    private static Acta Approved(ActaKind kind = ActaKind.Session, AllocationEntry[]? entries = null)
    {
        entries ??= new RoundBuilder().Pool("Ccollpa", 88, 85, 85, 70, 55).Build();
        var acta = Acta.Open(7, 2, kind, Now.AddHours(-2), "Local comunal", 40, Now.AddDays(-1), new List<DomainError>())!;
        acta.RecordAttendance([1, 2, 3], [1, 2]);
        Assert.True(acta.Approve(new ActaApproval(Committee, Allocate(Tiers(), entries), [.. entries.Select(e => e.Rank)], 1, Now.AddDays(7), 40, Now))
            .Succeeded);
        return acta;
    }

    [Fact]
    public void Record_WithinTheWindow_IsPending_AndOpen()
    {
        var errors = new List<DomainError>();

        var appeal = Appeal.Record(Approved(), 4, "Familia Sullca Cusi", "El jurado no visitó la segunda parcela.", 40, Now.AddDays(7), errors);

        Assert.Empty(errors);
        Assert.Equal((AppealState.Pending, true, 7), (appeal!.State, appeal.Open, appeal.RoundId));
    }

    [Fact]
    public void Record_AfterTheWindow_OrWithoutWhoAndWhy_IsRefused_WithEveryReason()
    {
        var errors = new List<DomainError>();

        Assert.Null(Appeal.Record(Approved(), 4, " ", "", 40, Now.AddDays(7).AddSeconds(1), errors));

        Assert.Equal(["Appeal.WindowClosed", "Validation.Required", "Validation.Required"], errors.Select(e => e.Code));
        Assert.Equal(Now.AddDays(7), errors[0].Arguments[0]);
    }

    [Fact]
    public void Record_AppellantWithEmoji_IsRefused_ButAnOrganizationWithItsNumberIsNot()
    {
        var errors = new List<DomainError>();

        Assert.Null(Appeal.Record(Approved(), 4, "Familia Sullca 🌽", "Motivo", 40, Now, errors));
        Assert.Equal(("Text.Symbol", "Appellant"), (Assert.Single(errors).Code, errors[0].Field));
        Assert.NotNull(Appeal.Record(Approved(), 5, "Asociación N° 3 «Virgen del Carmen»", "Motivo", 40, Now, new List<DomainError>()));
    }

    [Fact]
    public void Record_AgainstAnActaNotApproved_IsRefused()
    {
        var open = Acta.Open(7, 2, ActaKind.Session, Now, "Local comunal", 40, Now, new List<DomainError>())!;
        var errors = new List<DomainError>();

        Assert.Null(Appeal.Record(open, 4, "Familia", "Motivo", 40, Now, errors));

        Assert.Equal("Appeal.NoApprovedActa", Assert.Single(errors).Code);
    }

    [Fact]
    public void Resolve_NeedsAReason_AndHappensOnce_RejectedClosesIt_AcceptedStaysOpenUntilAnAddendum()
    {
        var acta = Approved();
        var rejected = Appeal.Record(acta, 4, "Familia A", "Motivo", 40, Now, new List<DomainError>())!;
        var accepted = Appeal.Record(acta, 5, "Familia B", "Motivo", 40, Now, new List<DomainError>())!;

        Assert.Equal("Appeal.ReasonRequired", Assert.Single(rejected.Resolve(false, "", 41, Now).Errors).Code);
        Assert.True(rejected.Resolve(false, "La visita consta en la ficha de campo.", 41, Now).Succeeded);
        Assert.Equal("Appeal.AlreadyResolved", Assert.Single(rejected.Resolve(true, "Otra vez", 41, Now).Errors).Code);
        Assert.True(accepted.Resolve(true, "Falta la nota de la evaluación pública.", 41, Now).Succeeded);

        Assert.False(rejected.Open);
        Assert.True(accepted.Open);
        Assert.Equal("Appeal.NotAnAddendum", Assert.Single(accepted.Settle(acta).Errors).Code);
        Assert.True(accepted.Settle(Approved(ActaKind.Addendum)).Succeeded);
        Assert.False(accepted.Open);
        Assert.Equal("Appeal.NotAwaitingAddendum", Assert.Single(rejected.Settle(Approved(ActaKind.Addendum)).Errors).Code);
    }

    [Fact]
    public void AwardDiff_ListsExactlyTheEntriesWhosePlaceOrAmountChanges()
    {
        // E is re-scored from 55 to 86 after an accepted appeal: it takes 2nd place; B and C fall to share 3rd and 4th
        // ((200 + 50) / 2 each); D falls from 4th to 5th with the same participation prize — a change of place.
        var acta = Approved();
        var rescored = new RoundBuilder().Pool("Ccollpa", 88, 85, 85, 70, 86).Build();

        var changes = AwardDiff.Between(acta.Awards, Allocate(Tiers(), rescored).Awards);

        Assert.Equal(
        [
            new AwardChange(2, 2, 2, 3, 300m, 125m),
            new AwardChange(3, 3, 2, 3, 300m, 125m),
            new AwardChange(4, 4, 4, 5, 50m, 50m),
            new AwardChange(5, 5, 5, 2, 0m, 400m),
        ], changes);
        Assert.DoesNotContain(changes, c => c.Number == 1);   // A keeps 1st place and S/ 600.00
    }

    [Fact]
    public void AwardDiff_OfTheSameResult_IsEmpty()
    {
        var acta = Approved();

        Assert.Empty(AwardDiff.Between(acta.Awards, Allocate(Tiers(), new RoundBuilder().Pool("Ccollpa", 88, 85, 85, 70, 55).Build()).Awards));
    }

    [Fact]
    public void Final_WaitsForTheWindow_AndForEveryOpenAppeal()
    {
        var facts = new PhaseFacts { AppealsWindowOver = true, OpenAppeals = 2 };

        var refused = RoundPhases.CanMove(RoundPhase.Published, RoundPhase.Final, facts);
        var both = RoundPhases.CanMove(RoundPhase.Published, RoundPhase.Final, facts with { AppealsWindowOver = false });

        Assert.Equal("Phase.AppealsOpen", Assert.Single(refused.Errors).Code);
        Assert.Equal(2, refused.Errors[0].Arguments[0]);
        Assert.Equal(["Phase.AppealsWindowOpen", "Phase.AppealsOpen"], both.Errors.Select(e => e.Code));
        Assert.True(RoundPhases.CanMove(RoundPhase.Published, RoundPhase.Final, facts with { OpenAppeals = 0 }).Succeeded);
    }
}
