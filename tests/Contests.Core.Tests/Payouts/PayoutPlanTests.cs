using Contests.Core.Common;
using Contests.Core.Payouts;
using Contests.Core.Programmes;
using Contests.Core.Rounds;

namespace Contests.Core.Tests.Payouts;

/// <summary>Which payouts a final round's awards become: one per award, or a plan's two tranches split to the céntimo.</summary>
public sealed class PayoutPlanTests
{
    private const int RoundId = 12;
    private const int UserId = 5;
    private static readonly DateTime Now = new(2026, 3, 10, 15, 0, 0, DateTimeKind.Utc);
    private static readonly IReadOnlySet<int> NoneYet = new HashSet<int>();

    /// <summary>A round of households (prize per place) or of organizations (co-financing with the given first tranche), saved as round 12.</summary>
    private static ContestRound Round(RoundLevel level, decimal? firstTranchePercent = null, bool withRules = true)
    {
        var setup = new RoundSetup
        {
            Name = "Concurso 2026",
            LocalOfficeId = 1,
            Level = level,
            Themes = new HashSet<Theme> { Theme.SoilAndWater },
            Scope = RoundScope.Everywhere,
            PoolBy = PoolBy.OnePool,
        };
        var (created, round) = ContestRound.Create(1, setup, UserId, Now);
        Assert.True(created.Succeeded, string.Join(", ", created.Errors.Select(e => e.Code)));
        if (withRules)
        {
            var errors = new List<DomainError>();
            var rubric = Rubric.Create([new RubricPart("Campo", [new Criterion("Avance", null, 100, 1)], 1, 3, Aggregation.Mean)], 60, errors);
            Assert.Empty(errors);
            var prizes = level == RoundLevel.Organizations
                ? new PrizeRules
                {
                    Method = AllocationMethod.CoFinancing,
                    CounterpartMinPercent = 20m,
                    FirstTranchePercent = firstTranchePercent ?? PrizeRules.DefaultFirstTranchePercent,
                    BudgetLines = [new BudgetLine(1, 60_000m), new BudgetLine(2, 40_000m)],
                }
                : new PrizeRules { Tiers = [600m, 400m, 200m], BudgetLines = [new BudgetLine(1, 5_000m)] };
            var set = round!.SetRules(new RoundRules(rubric!, prizes), null, UserId, Now);
            Assert.True(set.Succeeded, string.Join(", ", set.Errors.Select(e => e.Code)));
        }
        // As the database gives it back: with its id.
        typeof(ContestRound).GetProperty(nameof(ContestRound.Id))!.SetValue(round, RoundId);
        return round!;
    }

    private static AwardToPay Award(int entryNumber, decimal amount, bool hasAccount = true, params (int FundingSourceId, decimal Amount)[] funding) =>
        new(100 + entryNumber, 200 + entryNumber, entryNumber, $"Ganador {entryNumber}", amount,
            funding.Length == 0 ? [(1, amount)] : funding, hasAccount);

    private static decimal Sum(IEnumerable<(int FundingSourceId, decimal Amount)> shares) => shares.Sum(s => s.Amount);

    [Fact]
    public void Households_OnePayoutPerAwardWithMoney_InEntryOrder()
    {
        var round = Round(RoundLevel.Households);

        var drafts = PayoutPlan.For(round, [Award(5, 600m), Award(2, 0m), Award(3, 400m)], NoneYet);

        Assert.Equal([(3, 400m), (5, 600m)], drafts.Select(d => (d.EntryNumber, d.Amount)));
        Assert.All(drafts, d => Assert.Equal((RoundId, 1, 1), (d.RoundId, d.Tranche, d.TrancheCount)));
        var first = drafts[0];
        Assert.Equal((103, 203, "Ganador 3"), (first.AwardId, first.EntryId, first.BeneficiaryName));
        Assert.Equal([(1, 400m)], first.Shares);
    }

    [Fact]
    public void Households_EvenWithTheDefaultTrancheSplit_AreNotPaidInTranches()
    {
        var round = Round(RoundLevel.Households);
        Assert.Equal(70m, round.CurrentRules!.Rules.Prizes.FirstTranchePercent);

        var draft = Assert.Single(PayoutPlan.For(round, [Award(1, 1_000.01m)], NoneYet));

        Assert.Equal((1_000.01m, 1, 1), (draft.Amount, draft.Tranche, draft.TrancheCount));
    }

    [Fact]
    public void AwardsThatAlreadyHavePayouts_GetNoneAgain()
    {
        var round = Round(RoundLevel.Organizations);

        var drafts = PayoutPlan.For(round, [Award(1, 600m), Award(2, 400m)], new HashSet<int> { 101 });

        Assert.All(drafts, d => Assert.Equal(102, d.AwardId));
        Assert.Equal(2, drafts.Count);
    }

    [Fact]
    public void Method_IsBankTransferWithAnAccountOnFile_CashWithout()
    {
        var round = Round(RoundLevel.Organizations);

        var drafts = PayoutPlan.For(round, [Award(1, 600m, hasAccount: true), Award(2, 400m, hasAccount: false)], NoneYet);

        Assert.Equal([(1, PayoutMethod.BankTransfer), (1, PayoutMethod.BankTransfer), (2, PayoutMethod.Cash), (2, PayoutMethod.Cash)],
            drafts.Select(d => (d.EntryNumber, d.Method)));
    }

    [Fact]
    public void Organizations_SeventyThirty_TwoTranchesThatAddUpToTheCentimo()
    {
        var round = Round(RoundLevel.Organizations, 70m);

        var drafts = PayoutPlan.For(round, [Award(4, 1_000.01m)], NoneYet);

        Assert.Equal([(1, 2, 700.01m), (2, 2, 300.00m)], drafts.Select(d => (d.Tranche, d.TrancheCount, d.Amount)));
        Assert.Equal(1_000.01m, drafts.Sum(d => d.Amount));
        Assert.All(drafts, d => Assert.Equal((RoundId, 104, 204, 4), (d.RoundId, d.AwardId, d.EntryId, d.EntryNumber)));
    }

    [Fact]
    public void Organizations_TwoSources_EachTrancheSplitsItsAmount_AndEachSourcePaysItsPartInAll()
    {
        var round = Round(RoundLevel.Organizations, 70m);
        (int, decimal)[] funding = [(1, 600.07m), (2, 399.94m)];

        var drafts = PayoutPlan.For(round, [Award(4, 1_000.01m, true, funding)], NoneYet);

        Assert.Equal(2, drafts.Count);
        Assert.All(drafts, d => Assert.Equal(d.Amount, Sum(d.Shares)));
        Assert.All(drafts, d => Assert.Equal([1, 2], d.Shares.Select(s => s.FundingSourceId)));
        Assert.Equal(600.07m, drafts.Sum(d => d.Shares.Single(s => s.FundingSourceId == 1).Amount));
        Assert.Equal(399.94m, drafts.Sum(d => d.Shares.Single(s => s.FundingSourceId == 2).Amount));
        Assert.All(drafts.SelectMany(d => d.Shares), s => Assert.True(s.Amount > 0 && decimal.Round(s.Amount, 2) == s.Amount));
        // The first tranche's 700.01 in proportion 600.07 : 399.94 is 420.05 : 279.96.
        Assert.Equal([(1, 420.05m), (2, 279.96m)], drafts[0].Shares);
    }

    [Fact]
    public void Organizations_ASourceWithNothing_HasNoShare()
    {
        var round = Round(RoundLevel.Organizations, 70m);

        var drafts = PayoutPlan.For(round, [Award(1, 500m, true, (1, 500m), (2, 0m))], NoneYet);

        Assert.All(drafts, d => Assert.Equal([1], d.Shares.Select(s => s.FundingSourceId)));
    }

    [Fact]
    public void Organizations_AFundingSplitThatDoesNotAddUp_IsLeftOut_NotGuessed()
    {
        var round = Round(RoundLevel.Organizations, 70m);

        var drafts = PayoutPlan.For(round, [Award(1, 500m, true, (1, 300m), (2, 100m))], NoneYet);

        Assert.Equal([350m, 150m], drafts.Select(d => d.Amount));
        Assert.All(drafts, d => Assert.Empty(d.Shares));
    }

    [Fact]
    public void Organizations_FirstTrancheOfAHundredPercent_IsOnePayment()
    {
        var round = Round(RoundLevel.Organizations, 100m);

        var draft = Assert.Single(PayoutPlan.For(round, [Award(1, 1_000.01m, true, (1, 600.01m), (2, 400m))], NoneYet));

        Assert.Equal((1, 1, 1_000.01m), (draft.Tranche, draft.TrancheCount, draft.Amount));
        Assert.Equal([(1, 600.01m), (2, 400m)], draft.Shares);
    }

    [Fact]
    public void Organizations_WithoutRules_UseTheDefaultSeventyThirty()
    {
        var round = Round(RoundLevel.Organizations, withRules: false);

        var drafts = PayoutPlan.For(round, [Award(1, 100m)], NoneYet);

        Assert.Equal([70m, 30m], drafts.Select(d => d.Amount));
    }

    [Fact]
    public void Drafts_BecomePayoutsWithDistinctEndToEndIds()
    {
        var round = Round(RoundLevel.Organizations, 70m);
        var drafts = PayoutPlan.For(round, [Award(1, 600m), Award(2, 400m), Award(12, 10m)], NoneYet);

        var payouts = drafts.Select(d => PayoutPlan.Create(d, UserId, Now)).ToList();

        Assert.Equal(["R12E1T1V1", "R12E1T2V1", "R12E2T1V1", "R12E2T2V1", "R12E12T1V1", "R12E12T2V1"], payouts.Select(p => p.EndToEndId));
        Assert.All(payouts, p => Assert.Equal(PayoutState.Pending, p.State));
    }

    [Fact]
    public void GeneratedPlans_AddUpToTheCentimoPerTrancheAndPerSource_NeverNegative()
    {
        decimal[] percents = [50m, 60m, 70m, 75m, 80m, 90m, 33.33m, 66.67m];
        for (var seed = 0; seed < 500; seed++)
        {
            var random = new Random(seed);
            var percent = percents[random.Next(percents.Length)];
            var round = Round(RoundLevel.Organizations, percent);
            var sources = random.Next(1, 5);
            var funding = Enumerable.Range(1, sources).Select(s => (s, random.Next(1, 5_000_000) / 100m)).ToArray();
            var amount = funding.Sum(f => f.Item2);

            var drafts = PayoutPlan.For(round, [Award(1, amount, true, funding)], NoneYet);

            Assert.True(drafts.Count == 2, $"seed {seed}: {drafts.Count} tranches");
            Assert.True(drafts.Sum(d => d.Amount) == amount, $"seed {seed}: tranches add up to {drafts.Sum(d => d.Amount)}, not {amount}");
            Assert.True(Math.Abs(drafts[0].Amount - (amount * percent / 100m)) < 0.01m,
                $"seed {seed}: first tranche {drafts[0].Amount} of {amount} at {percent} %");
            foreach (var draft in drafts)
            {
                Assert.True(Sum(draft.Shares) == draft.Amount, $"seed {seed}: tranche {draft.Tranche} shares add up to {Sum(draft.Shares)}, not {draft.Amount}");
                Assert.True(draft.Shares.All(s => s.Amount > 0 && decimal.Round(s.Amount, 2) == s.Amount), $"seed {seed}: a share is not a positive amount");
            }
            foreach (var (source, total) in funding)
            {
                var paid = drafts.SelectMany(d => d.Shares).Where(s => s.FundingSourceId == source).Sum(s => s.Amount);
                Assert.True(paid == total, $"seed {seed}: source {source} pays {paid}, not {total}");
            }
        }
    }

    [Theory]
    [InlineData(0.01, 70)]
    [InlineData(50, 99.99)]
    public void Organizations_NoTrancheIsZero_AndTheyStillAddUp(double amount, double percent)
    {
        var round = Round(RoundLevel.Organizations, (decimal)percent);

        var drafts = PayoutPlan.For(round, [Award(1, (decimal)amount)], NoneYet);

        Assert.All(drafts, d => Assert.True(d.Amount > 0, $"tranche {d.Tranche} of {d.TrancheCount} is {d.Amount}"));
        Assert.Equal((decimal)amount, drafts.Sum(d => d.Amount));
    }

    [Theory]
    [InlineData(RoundPhase.Final)]
    [InlineData(RoundPhase.Paying)]
    public void CanCreate_FromAFinalOrPayingRound(RoundPhase phase) =>
        Assert.True(PayoutPlan.CanCreate(phase).Succeeded);

    [Theory]
    [InlineData(RoundPhase.Draft)]
    [InlineData(RoundPhase.Open)]
    [InlineData(RoundPhase.RegistrationClosed)]
    [InlineData(RoundPhase.Judging)]
    [InlineData(RoundPhase.Review)]
    [InlineData(RoundPhase.Published)]
    [InlineData(RoundPhase.Closed)]
    public void CanCreate_BeforeResultsAreFinalOrOnceClosed_IsRefused_RoundNotFinal(RoundPhase phase)
    {
        var error = Assert.Single(PayoutPlan.CanCreate(phase).Errors);

        Assert.Equal("Payout.RoundNotFinal", error.Code);
        Assert.Equal([phase], error.Arguments);
    }
}
