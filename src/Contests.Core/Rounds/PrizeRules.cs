using Contests.Core.Common;

namespace Contests.Core.Rounds;

/// <summary>How a round turns ranks into money (docs/architecture.md#rules-allocation).</summary>
public enum AllocationMethod
{
    /// <summary>Place → amount per pool; optionally a participation prize for qualifying entries without a place.</summary>
    FixedTiers,

    /// <summary>Every qualifying entry gets the same participation prize.</summary>
    Participation,

    /// <summary>A pool amount split among qualifying entries in proportion to their final score.</summary>
    ProportionalPool,

    /// <summary>Approved plans in rank order: grant = cost − counterpart, until the budget is used.</summary>
    CoFinancing,
}

/// <summary>What decides between entries with the same final score (never the database order).</summary>
public enum TieRule
{
    /// <summary>Tied entries share the places they occupy: the sum of those places' prizes, split equally.</summary>
    Share,

    /// <summary>The higher score in the rubric's first part (e.g. the field visit) goes first; still tied, they share.</summary>
    FirstPartHigher,

    /// <summary>The higher score in the rubric's last part (e.g. the public presentation) goes first; still tied, they share.</summary>
    LastPartHigher,
}

/// <summary>What happens when the computed awards add up to more than the round's budget.</summary>
public enum OverflowRule
{
    /// <summary>Nothing is allocated; the shortfall is stated.</summary>
    Refuse,

    /// <summary>Every award is reduced in the same proportion so the total fits.</summary>
    ScaleDown,
}

/// <summary>Money a funding source puts into a round.</summary>
public sealed record BudgetLine(int FundingSourceId, decimal Amount);

/// <summary>
/// A round's prize schedule as published in its <i>bases</i>: method, amounts, limits, the women's
/// bonus, the plans' counterpart and tranche split, and the budget lines that pay for it.
/// </summary>
public sealed record PrizeRules
{
    public const int MaxTiers = 20;
    public const decimal DefaultFirstTranchePercent = 70m;

    public AllocationMethod Method { get; init; } = AllocationMethod.FixedTiers;

    /// <summary>Prize per place, first place first (fixed tiers).</summary>
    public IReadOnlyList<decimal> Tiers { get; init; } = [];

    /// <summary>For every qualifying entry that wins no place (fixed tiers), or for every qualifying entry (participation).</summary>
    public decimal? ParticipationPrize { get; init; }

    /// <summary>Amount per pool split in proportion to scores (proportional pool).</summary>
    public decimal? PoolAmount { get; init; }

    /// <summary>At most this many winners per pool/category (null: no limit beyond the tiers).</summary>
    public int? MaxWinnersPerPool { get; init; }

    public TieRule TieRule { get; init; } = TieRule.Share;

    /// <summary>At most this much to one competitor in a programme year, counting earlier rounds.</summary>
    public decimal? CapPerCompetitorYear { get; init; }

    /// <summary>Points added to the final score of women-headed households and women's organizations.</summary>
    public decimal? WomenBonusPoints { get; init; }

    /// <summary>
    /// Fixed tiers: this many prizes of <see cref="WomenReservedPrize"/> per pool, reserved for women-headed households and
    /// women's organizations that qualify and win no place (the best of them, in place order).
    /// </summary>
    public int? WomenReservedCount { get; init; }

    /// <summary>The amount of each prize reserved for women (with <see cref="WomenReservedCount"/>).</summary>
    public decimal? WomenReservedPrize { get; init; }

    /// <summary>Plans: the organization puts at least this share of the plan's cost.</summary>
    public decimal CounterpartMinPercent { get; init; }

    /// <summary>Plans: the most one plan may receive.</summary>
    public decimal? MaxGrantPerPlan { get; init; }

    /// <summary>Plans: the first tranche's share of the grant; the rest is the second tranche (default 70/30).</summary>
    public decimal FirstTranchePercent { get; init; } = DefaultFirstTranchePercent;

    public OverflowRule Overflow { get; init; } = OverflowRule.Refuse;

    public IReadOnlyList<BudgetLine> BudgetLines { get; init; } = [];

    public decimal Budget => BudgetLines.Sum(b => b.Amount);

    /// <summary>What one pool can cost at most with this schedule, when it is knowable (tiers without participation).</summary>
    public decimal? MaxPerPool => Method switch
    {
        AllocationMethod.FixedTiers when ParticipationPrize is null => Tiers.Take(MaxWinnersPerPool ?? Tiers.Count).Sum(),
        AllocationMethod.ProportionalPool => PoolAmount,
        _ => null,
    };

    /// <summary>
    /// The most the schedule can pay for <paramref name="entriesPerPool"/> (entry count of each pool):
    /// every place taken and every other entry qualifying. What the dashboard compares with the budget.
    /// </summary>
    public decimal MaxCost(IReadOnlyCollection<int> entriesPerPool)
    {
        ArgumentNullException.ThrowIfNull(entriesPerPool);
        return Method switch
        {
            AllocationMethod.FixedTiers => entriesPerPool.Sum(n =>
            {
                var places = Math.Min(n, Math.Min(Tiers.Count, MaxWinnersPerPool ?? int.MaxValue));
                var reserved = Math.Min(n - places, WomenReservedCount ?? 0);
                return Tiers.Take(places).Sum() + (ParticipationPrize ?? 0m) * (n - places)
                    + (((WomenReservedPrize ?? 0m) - (ParticipationPrize ?? 0m)) * reserved);
            }),
            AllocationMethod.Participation => (ParticipationPrize ?? 0m) * entriesPerPool.Sum(),
            AllocationMethod.ProportionalPool => (PoolAmount ?? 0m) * entriesPerPool.Count(n => n > 0),
            _ => Budget,
        };
    }

    /// <summary>Every problem at once, each against its form field.</summary>
    public IReadOnlyList<DomainError> Check(RoundLevel level)
    {
        var errors = new List<DomainError>();
        switch (Method)
        {
            case AllocationMethod.FixedTiers:
                if (Tiers.Count == 0)
                {
                    errors.Add(new DomainError("Prizes.NoTiers", "Tiers"));
                }
                if (Tiers.Count > MaxTiers)
                {
                    errors.Add(new DomainError("Prizes.TooManyTiers", "Tiers", MaxTiers));
                }
                for (var i = 0; i < Tiers.Count; i++)
                {
                    if (Tiers[i] <= 0)
                    {
                        errors.Add(new DomainError("Prizes.TierPositive", $"Tiers[{i}]", i + 1));
                    }
                    else if (decimal.Round(Tiers[i], 2) != Tiers[i])
                    {
                        errors.Add(new DomainError("Money.TwoDecimals", $"Tiers[{i}]"));
                    }
                    else if (i > 0 && Tiers[i - 1] > 0 && Tiers[i] > Tiers[i - 1])
                    {
                        errors.Add(new DomainError("Prizes.TierOrder", $"Tiers[{i}]", i + 1, i));
                    }
                }
                if (ParticipationPrize is { } participation && Tiers.Count > 0 && participation > Tiers[^1])
                {
                    errors.Add(new DomainError("Prizes.ParticipationAboveTier", "ParticipationPrize"));
                }
                break;
            case AllocationMethod.Participation when ParticipationPrize is null:
                errors.Add(new DomainError("Validation.Required", "ParticipationPrize", new FieldLabel("ParticipationPrize")));
                break;
            case AllocationMethod.ProportionalPool when PoolAmount is null:
                errors.Add(new DomainError("Validation.Required", "PoolAmount", new FieldLabel("PoolAmount")));
                break;
            case AllocationMethod.CoFinancing when level != RoundLevel.Organizations:
                errors.Add(new DomainError("Prizes.CoFinancingNeedsPlans", "Method"));
                break;
        }
        Positive(ParticipationPrize, "ParticipationPrize", errors, money: true);
        Positive(PoolAmount, "PoolAmount", errors, money: true);
        Positive(CapPerCompetitorYear, "CapPerCompetitorYear", errors, money: true);
        Positive(MaxGrantPerPlan, "MaxGrantPerPlan", errors, money: true);
        Positive(WomenBonusPoints, "WomenBonusPoints", errors);
        Positive(WomenReservedPrize, "WomenReservedPrize", errors, money: true);
        if (WomenReservedCount is < 1)
        {
            errors.Add(new DomainError("Prizes.Positive", "WomenReservedCount", new FieldLabel("WomenReservedCount")));
        }
        if ((WomenReservedCount is null) != (WomenReservedPrize is null))
        {
            errors.Add(new DomainError("Prizes.WomenReservedBoth", WomenReservedCount is null ? "WomenReservedCount" : "WomenReservedPrize"));
        }
        else if (WomenReservedCount is not null && Method != AllocationMethod.FixedTiers)
        {
            errors.Add(new DomainError("Prizes.WomenReservedTiersOnly", "WomenReservedCount"));
        }
        else if (WomenReservedPrize is { } reservedPrize && ParticipationPrize is { } participationPrize && reservedPrize < participationPrize)
        {
            errors.Add(new DomainError("Prizes.WomenReservedBelowParticipation", "WomenReservedPrize"));
        }
        if (MaxWinnersPerPool is < 1)
        {
            errors.Add(new DomainError("Prizes.MaxWinners", "MaxWinnersPerPool"));
        }
        if (CounterpartMinPercent is < 0 or >= 100)
        {
            errors.Add(new DomainError("Prizes.Percent", "CounterpartMinPercent", new FieldLabel("CounterpartMinPercent")));
        }
        if (FirstTranchePercent is <= 0 or > 100)
        {
            errors.Add(new DomainError("Prizes.Percent", "FirstTranchePercent", new FieldLabel("FirstTranchePercent")));
        }
        if (BudgetLines.Count == 0)
        {
            errors.Add(new DomainError("Prizes.NoBudget", "BudgetLines"));
        }
        foreach (var line in BudgetLines)
        {
            if (line.Amount <= 0 || decimal.Round(line.Amount, 2) != line.Amount)
            {
                errors.Add(new DomainError("Prizes.BudgetLinePositive", $"Budget[{line.FundingSourceId}]"));
            }
        }
        if (BudgetLines.GroupBy(b => b.FundingSourceId).Any(g => g.Count() > 1))
        {
            errors.Add(new DomainError("Prizes.BudgetLineRepeated", "BudgetLines"));
        }
        return errors;
    }

    private static void Positive(decimal? value, string field, List<DomainError> errors, bool money = false)
    {
        if (value is <= 0)
        {
            errors.Add(new DomainError("Prizes.Positive", field, new FieldLabel(field)));
        }
        else if (money && value is { } amount && decimal.Round(amount, 2) != amount)
        {
            errors.Add(new DomainError("Money.TwoDecimals", field));
        }
    }
}

/// <summary>
/// The rules a round is judged and paid by: its rubric and prize schedule. Once the round is open they
/// change only by a new version with a reason, and results name the version they used.
/// </summary>
public sealed record RoundRules(Rubric Rubric, PrizeRules Prizes);
