using Contests.Core.Review;

namespace Contests.Web.Features.Review;

/// <summary>Questions asked of stored actas in more than one place.</summary>
public static class ActaQueries
{
    /// <summary>
    /// A round's approved actas, the latest first: its results stand on the first (the session's, or the addendum
    /// that approved them again after appeals). Latest by id: two approvals can share a timestamp, never an id.
    /// </summary>
    public static IQueryable<Acta> LatestApproved(this IQueryable<Acta> actas, int roundId) =>
        actas.Where(a => a.RoundId == roundId && a.ApprovedUtc != null).OrderByDescending(a => a.Id);
}
