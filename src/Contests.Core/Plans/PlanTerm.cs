using Contests.Core.Documents;

namespace Contests.Core.Plans;

/// <summary>
/// A funded plan's execution term as its contract sets it: from the day the contract is signed for
/// <see cref="Months"/> months (both ends included, Lima dates). Receipts outside it are flagged, and the
/// reports' due dates come from it.
/// </summary>
public sealed record PlanTerm(DateOnly Start, int Months)
{
    /// <summary>Days after the end of the term the final report is due.</summary>
    public const int FinalReportGraceDays = 30;

    /// <summary>The last day of the term.</summary>
    public DateOnly End => Start.AddMonths(Months).AddDays(-1);

    /// <summary>The interim report is due half-way through the term (at least one month in).</summary>
    public DateOnly InterimReportDue => Start.AddMonths(Math.Max(1, Months / 2));

    /// <summary>The final report is due <see cref="FinalReportGraceDays"/> days after the term ends.</summary>
    public DateOnly FinalReportDue => End.AddDays(FinalReportGraceDays);

    public static PlanTerm Of(DonationContract contract)
    {
        ArgumentNullException.ThrowIfNull(contract);
        return new PlanTerm(contract.SignedOn, contract.TermMonths);
    }

    /// <summary>The term in force: the contract's, as its valid addenda extend it (<see cref="ContractAddendum.Effective"/>).</summary>
    public static PlanTerm Of(DonationContract contract, IEnumerable<ContractAddendum> inForce)
    {
        var effective = ContractAddendum.Effective(contract, inForce);
        return new PlanTerm(effective.Start, effective.TermMonths);
    }

    public bool Contains(DateOnly day) => day >= Start && day <= End;

    /// <summary>When a report of this kind is due.</summary>
    public DateOnly DueOn(ReportKind kind) => kind == ReportKind.Final ? FinalReportDue : InterimReportDue;
}
