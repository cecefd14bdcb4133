using Contests.Core.Common;
using Contests.Core.Judging;
using Contests.Core.Review;
using Contests.Core.Rounds;
using Contests.Web.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Contests.Web.Features.Review;

/// <summary>
/// The stored actas of a round as the session's handlers read them: the latest (the session's or an addendum), one
/// by id, the accepted appeals awaiting an addendum, the acta while its session is open, and the active members.
/// </summary>
public sealed class SessionActas(ContestsDbContext db)
{
    /// <summary>The round's latest acta: its session's, or the latest addendum.</summary>
    public Task<Acta?> ActaAsync(int roundId, CancellationToken ct) =>
        db.Actas.Include(a => a.Awards).Where(a => a.RoundId == roundId).OrderByDescending(a => a.Id).FirstOrDefaultAsync(ct);

    /// <summary>One acta of the round (for printing an earlier one).</summary>
    public Task<Acta?> ActaAsync(int roundId, int actaId, CancellationToken ct) =>
        db.Actas.Include(a => a.Awards).SingleOrDefaultAsync(a => a.RoundId == roundId && a.Id == actaId, ct);

    /// <summary>Accepted appeals of the round not yet settled by an approved addendum.</summary>
    public Task<List<Appeal>> AwaitingAddendumAsync(int roundId, CancellationToken ct) =>
        db.Appeals.Where(a => a.RoundId == roundId).Where(Appeal.IsAwaitingAddendum).ToListAsync(ct);

    /// <summary>The round's acta while its session is open (not approved, the round in the phase that allows it), or why not.</summary>
    public async Task<(Acta? Acta, Result? Refusal)> OpenActaAsync(ContestRound round, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(round);
        var acta = await ActaAsync(round.Id, ct);
        if (acta is null)
        {
            return (null, Result.Fail(new DomainError("Acta.NoSession")));
        }
        if (acta.Approved)
        {
            return (null, Result.Fail(new DomainError("Acta.Approved")));
        }
        if (!acta.IsOpenIn(round.Phase))
        {
            return (null, Result.Fail(new DomainError("Acta.RoundNotInReview")));
        }
        return (acta, null);
    }

    /// <summary>The round's active committee members.</summary>
    public Task<List<LracMember>> MembersAsync(int roundId, CancellationToken ct) =>
        db.LracMembers.Where(m => m.RoundId == roundId && m.Active).ToListAsync(ct);
}
