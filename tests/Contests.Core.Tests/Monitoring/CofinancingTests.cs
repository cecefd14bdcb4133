using Contests.Core.Monitoring;
using Contests.Core.Programmes;

namespace Contests.Core.Tests.Monitoring;

public sealed class CofinancingTests
{
    private static AwardRow Award(int entry, int round, decimal amount, params (int Source, decimal Amount)[] sources) =>
        new(entry, round, 2026, null, "030101", Theme.BusinessPlans, amount, [.. sources.Select(s => new SourceAmount(s.Source, s.Amount))]);

    [Fact]
    public void Counterpart_TakesTheContractInForce_ElseThePlan_AndCountsEachOrganizationOnce()
    {
        CounterpartRow[] rows =
        [
            new(1, 10, 20_000m, PlanCounterpart: 5_000m, ContractCounterpart: 6_000m), // the contract says 6,000: it wins over the plan
            new(2, 11, 10_000m, PlanCounterpart: 2_500m, ContractCounterpart: null),   // not signed yet: the plan's 2,500
            new(3, 10, 4_000m, PlanCounterpart: null, ContractCounterpart: null),      // same organization again, nothing committed
            new(4, 12, 0m, PlanCounterpart: 9_000m, ContractCounterpart: null),        // no prize: not funded, not counted
        ];

        var summary = Cofinancing.Counterpart(rows);

        Assert.Equal(2, summary.Organizations);
        Assert.Equal(1, summary.WithContract);
        Assert.Equal(34_000m, summary.Project);
        Assert.Equal(8_500m, summary.Counterpart);
        Assert.Equal(0.25m, summary.CounterpartPerSol); // 8,500 / 34,000
    }

    [Fact]
    public void Counterpart_WithoutFundedOrganizations_IsZero_AndNoRatio()
    {
        var summary = Cofinancing.Counterpart([new CounterpartRow(1, 10, 0m, 3_000m, null)]);

        Assert.Equal(new CounterpartSummary(0, 0, 0m, 0m, null), summary);
    }

    [Fact]
    public void CoFinancers_AreEverySourceButTheProjectsOwn_WithTheirBudgetsAndTheirShareOfThePrizes()
    {
        FundingSourceFacts[] sources =
        [
            new(1, FundingSourceKind.ProjectLoanOrGrant, 500_000m),
            new(2, FundingSourceKind.Municipality, 60_000m),
            new(3, FundingSourceKind.PrivateCompany, 120_000m),
            new(4, FundingSourceKind.Government, 10_000m), // funds none of the rounds counted: left out
        ];
        BudgetRow[] budgets = [new(7, 1, 6_000m), new(7, 2, 2_400m), new(8, 2, 1_000m), new(9, 3, 5_000m), new(9, 4, 0m)];
        AwardRow[] awards =
        [
            Award(1, 7, 600m, (1, 400m), (2, 200m)),
            Award(2, 7, 400m, (1, 300m), (2, 100m)),
            Award(3, 8, 500m, (2, 500m)),
            Award(4, 9, 0m, (3, 0m)),
        ];

        var cofinancers = Cofinancing.CoFinancers(sources, budgets, awards);

        Assert.Equal(
        [
            new CoFinancer(2, FundingSourceKind.Municipality, 60_000m, Budgeted: 3_400m, Awarded: 800m, Rounds: 2),
            new CoFinancer(3, FundingSourceKind.PrivateCompany, 120_000m, Budgeted: 5_000m, Awarded: 0m, Rounds: 1),
        ], cofinancers);
        Assert.False(Cofinancing.IsCoFinancer(FundingSourceKind.ProjectLoanOrGrant));
        Assert.True(Cofinancing.IsCoFinancer(FundingSourceKind.Other));
    }
}
