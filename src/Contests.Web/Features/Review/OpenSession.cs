using Contests.Core.Common;
using Contests.Core.Review;
using Contests.Core.Rounds;
using Contests.Web.Features.Shared;
using Contests.Web.Infrastructure.Persistence;

namespace Contests.Web.Features.Review;

/// <summary>
/// Opens a round's LRAC session with its date and place (in review), or an addendum (published, with accepted appeals
/// awaiting one), or changes the open one's date and place.
/// </summary>
public sealed class OpenSession(ContestsDbContext db, SessionActas actas, TimeProvider clock)
{
    /// <summary>
    /// Opens the round's session (in review), or an addendum (published, with accepted appeals awaiting one, the latest
    /// acta approved), or changes the open one's date and place.
    /// </summary>
    public async Task<Result> OpenAsync(ContestRound round, SessionForm form, int userId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(round);
        ArgumentNullException.ThrowIfNull(form);
        var errors = new List<DomainError>();
        var held = ParseHeld(form.Held, DateWindow.ForRound(round.CreatedUtc, clock.GetUtcNow().UtcDateTime), errors);
        var acta = await actas.ActaAsync(round.Id, ct);
        Acta? previous = null;
        var kind = ActaKind.Session;
        if (round.Phase == RoundPhase.Published && acta is { Approved: true })
        {
            if ((await actas.AwaitingAddendumAsync(round.Id, ct)).Count == 0)
            {
                return Result.Fail(new DomainError("Acta.NoAppealToSettle"));
            }
            (previous, acta, kind) = (acta, null, ActaKind.Addendum);
        }
        else if (round.Phase != RoundPhase.Review && !(round.Phase == RoundPhase.Published && acta is { Approved: false }))
        {
            return Result.Fail(new DomainError("Acta.RoundNotInReview"));
        }
        if (acta is not null)
        {
            if (errors.Count > 0)
            {
                return Result.Fail(errors);
            }
            var changed = acta.Reschedule(held!.Value, form.Place);
            if (changed.Succeeded)
            {
                await db.SaveChangesAsync(ct);
            }
            return changed;
        }
        var opened = Acta.Open(round.Id, round.LocalOfficeId, kind, held ?? default, form.Place, userId, clock.GetUtcNow().UtcDateTime, errors);
        if (errors.Count > 0)
        {
            return Result.Fail(errors);
        }
        if (previous is not null)
        {
            // The committee's earlier changes carry over into the addendum; it may remove them there.
            foreach (var o in previous.Overrides)
            {
                opened!.Override(o.EntryId, Money.Of(o.Amount), o.Reason, o.ByUserId, o.AtUtc);
            }
        }
        db.Actas.Add(opened!);
        await db.SaveChangesAsync(ct);
        return Result.Success();
    }

    private static DateTime? ParseHeld(string? text, DateWindow window, List<DomainError> errors)
    {
        var clean = Text.Clean(text);
        if (clean is null)
        {
            errors.Add(new DomainError("Validation.Required", "Held", new FieldLabel("Held")));
            return null;
        }
        if (!LimaInput.TryParseDateTime(clean, out var held))
        {
            errors.Add(new DomainError("Acta.HeldFormat", "Held", clean));
            return null;
        }
        if (window.Check(DateOnly.FromDateTime(LimaTime.FromUtc(held)), "Held") is { } outside)
        {
            // The acta prints it and the public page shows it: "sesión del 1/01/0001" must never be either.
            errors.Add(outside);
            return null;
        }
        return held;
    }
}
