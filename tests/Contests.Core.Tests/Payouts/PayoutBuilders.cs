using Contests.Core.Common;
using Contests.Core.Payouts;

namespace Contests.Core.Tests.Payouts;

/// <summary>
/// Payouts for the tests, made through the real <see cref="PayoutPlan.Create"/> and moved along by the
/// real methods: round 12, entry 7, S/ 1,000 paid by two sources (600 + 400), created by the promoter
/// and approved by the finance officer.
/// </summary>
internal static class PayoutBuilders
{
    public const int RoundId = 12;
    public const int EntryNumber = 7;
    public const int CreatorId = 11;
    public const int OfficerId = 12;
    public const int BatchId = 42;

    /// <summary>10:00 in Lima.</summary>
    public static readonly DateTime Now = new(2026, 3, 10, 15, 0, 0, DateTimeKind.Utc);

    public static readonly DateOnly Today = new(2026, 3, 10);

    public static PayoutDraft Draft(decimal amount = 1_000m, PayoutMethod method = PayoutMethod.BankTransfer, int tranche = 1, int trancheCount = 1,
        IReadOnlyList<(int FundingSourceId, decimal Amount)>? shares = null, int entryNumber = EntryNumber, string name = "María Quispe Ñaupari") =>
        new(RoundId, 100 + entryNumber, 200 + entryNumber, entryNumber, name, tranche, trancheCount, amount, method,
            shares ?? SixtyForty(amount));

    /// <summary>Source 1 pays 60 %, source 2 the rest, to the céntimo.</summary>
    public static (int FundingSourceId, decimal Amount)[] SixtyForty(decimal amount)
    {
        var split = Apportionment.LargestRemainder(amount, [60m, 40m]);
        return [(1, split[0]), (2, split[1])];
    }

    public static PayoutAccount Account(bool verified = true, bool active = true, string holder = "María Quispe Ñaupari") =>
        new(44, "Banco de la Nación", "04-123-456789", "01812300041234567890", holder, verified, active);

    public static Payout Pending(decimal amount = 1_000m, PayoutMethod method = PayoutMethod.BankTransfer, int tranche = 1, int trancheCount = 1,
        int entryNumber = EntryNumber, string name = "María Quispe Ñaupari") =>
        PayoutPlan.Create(Draft(amount, method, tranche, trancheCount, entryNumber: entryNumber, name: name), CreatorId, Now);

    public static Payout Approved(decimal amount = 1_000m, PayoutMethod method = PayoutMethod.BankTransfer, int entryNumber = EntryNumber,
        string name = "María Quispe Ñaupari")
    {
        var payout = Pending(amount, method, entryNumber: entryNumber, name: name);
        Succeeds(payout.Approve(OfficerId, method == PayoutMethod.Cash ? null : Account(holder: name), null, Now));
        return payout;
    }

    public static Payout Sent(decimal amount = 1_000m, int entryNumber = EntryNumber)
    {
        var payout = Approved(amount, entryNumber: entryNumber);
        Succeeds(payout.Schedule(BatchId));
        payout.MarkSent(BatchId, Now.AddHours(1));
        return payout;
    }

    public static Payout Paid(decimal amount = 1_000m)
    {
        var payout = Sent(amount);
        Succeeds(payout.MarkPaid(Today, "OP-1", OfficerId, Now.AddDays(1)));
        return payout;
    }

    public static Payout Failed(decimal amount = 1_000m)
    {
        var payout = Sent(amount);
        Succeeds(payout.MarkFailed("Cuenta cerrada", "RJ-1", Now.AddDays(1)));
        return payout;
    }

    public static void Succeeds(Result result) =>
        Assert.True(result.Succeeded, string.Join(", ", result.Errors.Select(e => e.Code)));

    /// <summary>The error codes, in the order the domain gave them.</summary>
    public static string[] Codes(Result result) => [.. result.Errors.Select(e => e.Code)];

    public static string[] Codes(IEnumerable<DomainError> errors) => [.. errors.Select(e => e.Code)];
}
