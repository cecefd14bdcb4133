using Contests.Core.Common;
using Contests.Core.Judging;
using Contests.Core.Rounds;
using Contests.Web.Features.Judging;
using Contests.Web.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Contests.Web.Features.Review;

/// <summary>
/// What the open session records: who attended (the quorum is counted from it) and the committee's overrides of the
/// computed allocation, each with its reason (never for an entry the acting president is conflicted with).
/// </summary>
public sealed class RecordSession(ContestsDbContext db, SessionActas actas, Presidency presidency, TimeProvider clock)
{
    public async Task<Result> AttendanceAsync(ContestRound round, IReadOnlyCollection<int> present, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(round);
        var (acta, refusal) = await actas.OpenActaAsync(round, ct);
        if (acta is null)
        {
            return refusal!;
        }
        var members = await actas.MembersAsync(round.Id, ct);
        var result = acta.RecordAttendance([.. members.Select(m => m.Id)], present);
        if (result.Succeeded)
        {
            await db.SaveChangesAsync(ct);
        }
        return result;
    }

    public async Task<Result> OverrideAsync(ContestRound round, OverrideForm form, SessionAccess access, int userId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(round);
        ArgumentNullException.ThrowIfNull(form);
        ArgumentNullException.ThrowIfNull(access);
        var (acta, refusal) = await actas.OpenActaAsync(round, ct);
        if (acta is null)
        {
            return refusal!;
        }
        var entry = form.EntryId is { } id
            ? await db.Entries.SingleOrDefaultAsync(e => e.Id == id && e.RoundId == round.Id && e.Status == EntryStatus.Registered, ct)
            : null;
        if (entry is null)
        {
            return Result.Fail(new DomainError("Acta.ChooseEntry"));
        }
        if (access.Seat is { } seat
            && (await presidency.ConflictedAsync(seat, [new EntryTies(entry.Id, entry.HouseholdId, entry.CommunityId, entry.OrganizationId)], ct)).Count > 0)
        {
            return Result.Fail(new DomainError("Acta.Conflicted"));
        }
        var amount = Money.TryParse(form.Amount, "Amount", out var amountError);
        var errors = new List<DomainError>();
        if (amountError is not null)
        {
            errors.Add(amountError);
        }
        if (Text.Clean(form.Reason) is null)
        {
            errors.Add(new DomainError("Acta.OverrideReasonRequired", "Reason"));
        }
        if (errors.Count > 0)
        {
            return Result.Fail(errors);
        }
        var result = acta.Override(entry.Id, amount!.Value, form.Reason, userId, clock.GetUtcNow().UtcDateTime);
        if (result.Succeeded)
        {
            await db.SaveChangesAsync(ct);
        }
        return result;
    }

    public async Task<Result> RemoveOverrideAsync(ContestRound round, int entryId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(round);
        var (acta, refusal) = await actas.OpenActaAsync(round, ct);
        if (acta is null)
        {
            return refusal!;
        }
        var result = acta.RemoveOverride(entryId);
        if (result.Succeeded)
        {
            await db.SaveChangesAsync(ct);
        }
        return result;
    }
}
