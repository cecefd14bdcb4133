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
}
