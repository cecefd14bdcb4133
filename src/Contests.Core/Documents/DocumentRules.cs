using Contests.Core.Common;
using Contests.Core.Rounds;

namespace Contests.Core.Documents;

/// <summary>When documents may be issued.</summary>
public static class DocumentRules
{
    /// <summary>
    /// Certificates exist once the LRAC's acta is approved and the results published (the ceremony is often that
    /// day); an appeal that changes an award later voids its certificate. Before that, there is nothing to certify.
    /// </summary>
    public static Result CanIssueCertificates(RoundPhase phase) =>
        phase is RoundPhase.Published or RoundPhase.Final or RoundPhase.Paying or RoundPhase.Closed
            ? Result.Success()
            : Result.Fail(new DomainError("Certificate.NotYet", null, phase));

    /// <summary>
    /// Whether a document of <paramref name="kind"/> stays valid when an appeal's addendum approves the round's awards
    /// again: what it prints of the award must be unchanged — a certificate its place, score and prize, a contract its
    /// amount (the project's donation) — and the entry must still have money. Null means no award before or after.
    /// </summary>
    /// <param name="kind">A certificate or a contract.</param>
    /// <param name="before">The award the document was issued for.</param>
    /// <param name="after">The entry's award in the addendum.</param>
    public static bool SurvivesAddendum(DocumentKind kind, (decimal Amount, int Place, decimal Final)? before, (decimal Amount, int Place, decimal Final)? after)
    {
        if (kind is not (DocumentKind.Certificate or DocumentKind.Contract))
        {
            throw new ArgumentOutOfRangeException(nameof(kind), kind, "Only certificates and contracts follow an award.");
        }
        if (before is not { } b || after is not { } a || a.Amount <= 0 || a.Amount != b.Amount)
        {
            return false;
        }
        return kind == DocumentKind.Contract || (a.Place == b.Place && a.Final == b.Final);
    }
}
