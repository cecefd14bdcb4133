using Contests.Core.Common;
using Contests.Core.Rounds;

namespace Contests.Core.Payouts;

/// <summary>A current award of a final round, as payouts need it.</summary>
public sealed record AwardToPay(int AwardId, int EntryId, int EntryNumber, string BeneficiaryName, decimal Amount,
    IReadOnlyList<(int FundingSourceId, decimal Amount)> Funding, bool HasAccount);

/// <summary>One payout to create (see <see cref="PayoutPlan"/>).</summary>
public sealed record PayoutDraft(int RoundId, int AwardId, int EntryId, int EntryNumber, string BeneficiaryName, int Tranche, int TrancheCount,
    decimal Amount, PayoutMethod Method, IReadOnlyList<(int FundingSourceId, decimal Amount)> Shares);

/// <summary>
/// Which payouts a final round's awards become: one per award with money, or for a plan round (co-financing)
/// two tranches — the first <see cref="PrizeRules.FirstTranchePercent"/> of the grant, the second the rest —
/// each split by funding source to the céntimo (largest remainder). An award that already has payouts gets
/// none again. The method starts as a bank transfer when the winner has an account on file, cash otherwise.
/// </summary>
public static class PayoutPlan
{
    public static IReadOnlyList<PayoutDraft> For(ContestRound round, IEnumerable<AwardToPay> awards, IReadOnlySet<int> awardsWithPayouts)
    {
        ArgumentNullException.ThrowIfNull(round);
        ArgumentNullException.ThrowIfNull(awards);
        ArgumentNullException.ThrowIfNull(awardsWithPayouts);
        var tranches = round.Level == RoundLevel.Organizations;
        var firstPercent = round.CurrentRules?.Rules.Prizes.FirstTranchePercent ?? PrizeRules.DefaultFirstTranchePercent;
        var drafts = new List<PayoutDraft>();
        foreach (var award in awards.Where(a => a.Amount > 0 && !awardsWithPayouts.Contains(a.AwardId)).OrderBy(a => a.EntryNumber))
        {
            var method = award.HasAccount ? PayoutMethod.BankTransfer : PayoutMethod.Cash;
            var amounts = tranches && firstPercent < 100m
                ? Apportionment.LargestRemainder(award.Amount, [firstPercent, 100m - firstPercent])
                : [award.Amount];
            if (amounts.Any(a => a == 0m))
            {
                // A grant too small to split (a tranche would round to S/ 0.00) is paid at once.
                amounts = [award.Amount];
            }
            // A split that doesn't add up to the award (never expected) is left out rather than guessed.
            var funding = award.Funding.Sum(f => f.Amount) == award.Amount ? award.Funding : [];
            // Each source pays the same share of every tranche; the last tranche takes what rounding left.
            var paidSoFar = funding.ToDictionary(f => f.FundingSourceId, _ => 0m);
            for (var t = 0; t < amounts.Length; t++)
            {
                IReadOnlyList<(int, decimal)> shares;
                if (funding.Count == 0)
                {
                    shares = [];
                }
                else if (t == amounts.Length - 1)
                {
                    shares = [.. funding.Select(f => (f.FundingSourceId, f.Amount - paidSoFar[f.FundingSourceId]))];
                }
                else
                {
                    var split = Apportionment.LargestRemainder(amounts[t], [.. funding.Select(f => f.Amount)]);
                    shares = [.. funding.Select((f, i) => (f.FundingSourceId, split[i]))];
                    foreach (var (source, amount) in shares)
                    {
                        paidSoFar[source] += amount;
                    }
                }
                drafts.Add(new PayoutDraft(round.Id, award.AwardId, award.EntryId, award.EntryNumber, award.BeneficiaryName,
                    t + 1, amounts.Length, amounts[t], method, [.. shares.Where(s => s.Item2 != 0)]));
            }
        }
        return drafts;
    }

    /// <summary>Payouts are created from a round whose results are final (appeals over), or one already paying.</summary>
    public static Result CanCreate(RoundPhase phase) =>
        phase is RoundPhase.Final or RoundPhase.Paying
            ? Result.Success()
            : Result.Fail(new DomainError("Payout.RoundNotFinal", null, phase));

    public static Payout Create(PayoutDraft draft, int userId, DateTime nowUtc)
    {
        ArgumentNullException.ThrowIfNull(draft);
        return Payout.Create(draft, userId, nowUtc);
    }
}
