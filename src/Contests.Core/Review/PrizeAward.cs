using Contests.Core.Allocation;

namespace Contests.Core.Review;

/// <summary>
/// An award as the LRAC approved it in an acta: the entry's place and final score, what the rule computed,
/// the amount approved (the committee's when it overrode, with its reason), the explanation, what the entry
/// claimed and did not get and why, and the amount's split by funding source. Never edited: an appeal's
/// addendum approves new awards and the earlier ones stop being <see cref="Current"/>. Payouts and
/// documents start from the current awards; the yearly cap counts them.
/// </summary>
public sealed class PrizeAward
{
    private readonly List<AwardShare> _funding = [];

    private PrizeAward()
    {
        PoolKey = string.Empty;
        Explanation = [];
    }

    internal PrizeAward(int roundId, Award award, decimal final, bool qualified, string? overrideReason, NotFunded? notFunded)
    {
        RoundId = roundId;
        EntryId = award.EntryId;
        Number = award.Number;
        PoolKey = award.PoolKey;
        Place = award.Place;
        Final = final;
        Qualified = qualified;
        Computed = award.Computed;
        Amount = award.Amount;
        OverrideReason = overrideReason;
        Explanation = award.Explanation;
        NotFundedRequested = notFunded?.Requested;
        NotFundedReason = notFunded?.Reason;
        _funding.AddRange(award.Funding.Select(f => new AwardShare(f.FundingSourceId, f.Amount)));
        Current = true;
    }

    public int Id { get; private set; }

    public int ActaId { get; private set; }

    public int RoundId { get; private set; }

    public int EntryId { get; private set; }

    public int Number { get; private set; }

    public string PoolKey { get; private set; }

    public int Place { get; private set; }

    public decimal Final { get; private set; }

    /// <summary>At or above the qualifying score.</summary>
    public bool Qualified { get; private set; }

    public decimal Computed { get; private set; }

    public decimal Amount { get; private set; }

    /// <summary>The committee's reason when it gave another amount than the rule.</summary>
    public string? OverrideReason { get; private set; }

    public IReadOnlyList<Explanation> Explanation { get; private set; }

    /// <summary>What the entry claimed when it got less than that (a plan without money left, the yearly cap).</summary>
    public decimal? NotFundedRequested { get; private set; }

    public Explanation? NotFundedReason { get; private set; }

    /// <summary>False once an addendum approved the round's awards again.</summary>
    public bool Current { get; private set; }

    public IReadOnlyCollection<AwardShare> Funding => _funding.AsReadOnly();

    public void Supersede() => Current = false;
}

/// <summary>The part of an award one funding source pays.</summary>
public sealed class AwardShare
{
    internal AwardShare(int fundingSourceId, decimal amount)
    {
        FundingSourceId = fundingSourceId;
        Amount = amount;
    }

    public int FundingSourceId { get; private set; }

    public decimal Amount { get; private set; }
}
