using System.Security.Cryptography;
using Contests.Core.Accounts;
using Contests.Core.Common;
using Contests.Core.Judging;
using Contests.Core.Rounds;
using Contests.Web.Infrastructure.Persistence;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Contests.Web.Features.Judging;

/// <summary>What the officer types for a member (checkboxes post "true").</summary>
public sealed class MemberForm
{
    public string? FullName { get; set; }

    public string? Dni { get; set; }

    public Affiliation Affiliation { get; set; }

    public int? CommunityId { get; set; }

    public int? OrganizationId { get; set; }

    public string? AffiliationName { get; set; }

    public LracRole Role { get; set; } = LracRole.Member;

    public bool FieldJuror { get; set; }

    public bool PublicJuror { get; set; }

    public LracMemberInput Input() => new()
    {
        FullName = FullName, Dni = Dni, Affiliation = Affiliation, CommunityId = CommunityId, OrganizationId = OrganizationId,
        AffiliationName = AffiliationName, Role = Role, FieldJuror = FieldJuror, PublicJuror = PublicJuror,
    };

    public static MemberForm From(LracMember m)
    {
        ArgumentNullException.ThrowIfNull(m);
        return new()
        {
            FullName = m.FullName, Dni = m.Dni, Affiliation = m.Affiliation, CommunityId = m.CommunityId, OrganizationId = m.OrganizationId,
            AffiliationName = m.AffiliationName, Role = m.Role, FieldJuror = m.FieldJuror, PublicJuror = m.PublicJuror,
        };
    }
}

/// <summary>A member as the committee page lists them.</summary>
public sealed record MemberRow(LracMember Member, string UserName, string? Represents, int Sheets, int Submitted);

/// <summary>
/// A new member's account: the sign-in name, the one-time password the officer hands over (null when an earlier round's
/// account was reused) with the moment it stops working (the member chooses their own at the first sign-in), and the
/// member's name for the hand-over slip.
/// </summary>
public sealed record NewAccount(string UserName, string? Password, string FullName, DateTime? PasswordExpiresUtc = null);

/// <summary>
/// A round's LRAC (CLAR): its members, each with their own account (role <c>LracMember</c>, reused when
/// the same person sat on an earlier round), conflicts declared per entry, and where each member stands
/// in the register — the facts conflicts of interest are computed from.
/// </summary>
public sealed class Lrac(ContestsDbContext db, IPasswordHasher<User> hasher, TimeProvider clock)
{
    /// <summary>The phases in which the committee can still change (after Review the acta fixes it).</summary>
    public static bool OpenIn(RoundPhase phase) => phase < RoundPhase.Review;

    public async Task<IReadOnlyList<MemberRow>> ListAsync(int roundId, CancellationToken ct)
    {
        // President, secretary, members, observers (the enum's order, not the stored text's).
        var members = (await db.LracMembers.Where(m => m.RoundId == roundId).ToListAsync(ct))
            .OrderBy(m => m.Role).ThenBy(m => m.FullName, StringComparer.Ordinal).ToList();
        var ids = members.Select(m => m.Id).ToList();
        var userIds = members.Select(m => m.UserId).ToList();
        var names = await db.Users.Where(u => userIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.UserName, ct);
        var sheets = await db.ScoreSheets.Where(s => ids.Contains(s.JurorId)).GroupBy(s => s.JurorId)
            .Select(g => new { g.Key, All = g.Count(), Submitted = g.Count(s => s.State == SheetState.Submitted) })
            .ToDictionaryAsync(x => x.Key, ct);
        var represents = await RepresentsAsync(members, ct);
        return [.. members.Select(m => new MemberRow(m, names[m.UserId], represents.GetValueOrDefault(m.Id),
            sheets.GetValueOrDefault(m.Id)?.All ?? 0, sheets.GetValueOrDefault(m.Id)?.Submitted ?? 0))];
    }

    public Task<LracMember?> FindAsync(int roundId, int memberId, CancellationToken ct) =>
        db.LracMembers.SingleOrDefaultAsync(m => m.RoundId == roundId && m.Id == memberId, ct);

    /// <summary>The member seat of a user in a round (null when they don't sit on its LRAC).</summary>
    public Task<LracMember?> SeatAsync(int roundId, int userId, CancellationToken ct) =>
        db.LracMembers.SingleOrDefaultAsync(m => m.RoundId == roundId && m.UserId == userId, ct);

    /// <summary>Adds a member and their account (or reuses the account of the same DNI from an earlier round).</summary>
    public async Task<(Result Result, NewAccount? Account)> AddAsync(ContestRound round, MemberForm form, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(round);
        ArgumentNullException.ThrowIfNull(form);
        var errors = new List<DomainError>();
        var details = await CheckAsync(round, null, form, errors, ct);
        if (details is null)
        {
            return (Result.Fail(errors), null);
        }
        var now = clock.GetUtcNow().UtcDateTime;
        var userName = AccountName(details.Dni.Value);
        var user = await db.Users.Include(u => u.Roles).SingleOrDefaultAsync(u => u.UserName == userName, ct);
        string? password = null;
        if (user is null)
        {
            user = User.Create(UserName.Parse(userName), details.FullName, [Role.LracMember], now);
            password = NewPassword();
            user.SetOneTimePasswordHash(hasher.HashPassword(user, password), now);
            db.Users.Add(user);
        }
        else if (!user.HasRole(Role.LracMember))
        {
            user.SetRoles([.. user.Roles.Select(r => r.Role), Role.LracMember]);
        }
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await db.SaveChangesAsync(ct);
        db.LracMembers.Add(LracMember.Add(round.Id, user.Id, details, now));
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return (Result.Success(), new NewAccount(userName, password, details.FullName, password is null ? null : user.PasswordExpiresUtc));
    }

    public async Task<Result> UpdateAsync(ContestRound round, LracMember member, MemberForm form, bool active, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(round);
        ArgumentNullException.ThrowIfNull(member);
        var errors = new List<DomainError>();
        var details = await CheckAsync(round, member, form, errors, ct);
        if (details is null)
        {
            return Result.Fail(errors);
        }
        if (details.Dni.Value != member.Dni)
        {
            // The DNI names the account: a different person is a new member, not an edit.
            return Result.Fail(new DomainError("Lrac.DniFixed", "Dni"));
        }
        member.Update(details);
        if (active)
        {
            member.Activate();
        }
        else
        {
            member.Deactivate();
        }
        await db.SaveChangesAsync(ct);
        return Result.Success();
    }

    /// <summary>
    /// Declares a conflict between a member and an entry. The member's unsubmitted sheets for the entry
    /// go (they must never see it again); a submitted one has to be reopened first, so a score already
    /// counted is never removed silently.
    /// </summary>
    public async Task<Result> DeclareAsync(ContestRound round, LracMember member, int entryId, string? reason, int userId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(round);
        ArgumentNullException.ThrowIfNull(member);
        if (!OpenIn(round.Phase))
        {
            return Result.Fail(new DomainError("Lrac.Closed", null, round.Phase));
        }
        if (!await db.Entries.AnyAsync(e => e.RoundId == round.Id && e.Id == entryId, ct))
        {
            return Result.Fail(new DomainError("Lrac.EntryUnknown", "EntryId"));
        }
        if (await db.DeclaredConflicts.AnyAsync(c => c.MemberId == member.Id && c.EntryId == entryId, ct))
        {
            return Result.Fail(new DomainError("Lrac.ConflictExists", "EntryId"));
        }
        var sheets = await db.ScoreSheets.Where(s => s.JurorId == member.Id && s.EntryId == entryId).ToListAsync(ct);
        if (sheets.Any(s => s.State == SheetState.Submitted))
        {
            return Result.Fail(new DomainError("Lrac.ConflictAfterSubmit", "EntryId"));
        }
        var errors = new List<DomainError>();
        var conflict = DeclaredConflict.Declare(member.Id, entryId, reason, userId, clock.GetUtcNow().UtcDateTime, errors);
        if (conflict is null)
        {
            return Result.Fail(errors);
        }
        db.DeclaredConflicts.Add(conflict);
        db.ScoreSheets.RemoveRange(sheets);
        await db.SaveChangesAsync(ct);
        return Result.Success();
    }

    /// <summary>
    /// Where each member stands, read from the register in a few queries for the whole committee: the
    /// household whose head or partner has the member's DNI (and its community), the community or
    /// organization the member represents, the organizations their household belongs to and those
    /// they preside or keep the treasury of, and the conflicts declared for them.
    /// </summary>
    public Task<Dictionary<int, JurorTies>> TiesAsync(IReadOnlyList<LracMember> members, CancellationToken ct) => TiesAsync(db, members, ct);

    /// <summary>The same, for the read-only services that have no committee to change (<see cref="SheetConflicts"/>).</summary>
    public static async Task<Dictionary<int, JurorTies>> TiesAsync(ContestsDbContext db, IReadOnlyList<LracMember> members, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(members);
        var dnis = members.Select(m => m.Dni).Distinct().ToList();
        var households = await db.Households.Where(h => dnis.Contains(h.HeadDni) || (h.PartnerDni != null && dnis.Contains(h.PartnerDni)))
            .Select(h => new { h.Id, h.CommunityId, h.HeadDni, h.PartnerDni }).ToListAsync(ct);
        var householdIds = households.Select(h => h.Id).ToList();
        var memberships = await db.Organizations.SelectMany(o => o.Members).Where(m => householdIds.Contains(m.HouseholdId))
            .Select(m => new { m.HouseholdId, m.OrganizationId }).ToListAsync(ct);
        var boards = await db.Organizations.Where(o => dnis.Contains(o.PresidentDni) || dnis.Contains(o.TreasurerDni))
            .Select(o => new { o.Id, o.PresidentDni, o.TreasurerDni }).ToListAsync(ct);
        var memberIds = members.Select(m => m.Id).ToList();
        var declared = await db.DeclaredConflicts.Where(c => memberIds.Contains(c.MemberId)).ToListAsync(ct);
        return members.ToDictionary(m => m.Id, m =>
        {
            var household = households.Where(h => h.HeadDni == m.Dni || h.PartnerDni == m.Dni).OrderBy(h => h.Id).FirstOrDefault();
            var communities = new HashSet<int>();
            if (household is not null)
            {
                communities.Add(household.CommunityId);
            }
            if (m.CommunityId is { } represented)
            {
                communities.Add(represented);
            }
            var organizations = memberships.Where(x => x.HouseholdId == household?.Id).Select(x => x.OrganizationId)
                .Concat(boards.Where(o => o.PresidentDni == m.Dni || o.TreasurerDni == m.Dni).Select(o => o.Id))
                .ToHashSet();
            if (m.OrganizationId is { } organization)
            {
                organizations.Add(organization);
            }
            return new JurorTies(household?.Id, communities, organizations,
                declared.Where(c => c.MemberId == m.Id).ToDictionary(c => c.EntryId, c => c.Reason));
        });
    }

    /// <summary>The sign-in name of a member's account: "clar." and their DNI (unique, easy to tell over the phone).</summary>
    public static string AccountName(string dni) => "clar." + dni;

    private async Task<LracMemberDetails?> CheckAsync(ContestRound round, LracMember? editing, MemberForm form, List<DomainError> errors, CancellationToken ct)
    {
        if (!OpenIn(round.Phase))
        {
            errors.Add(new DomainError("Lrac.Closed", null, round.Phase));
            return null;
        }
        var details = LracMemberDetails.Parse(form.Input(), errors);
        if (details is null)
        {
            return null;
        }
        var others = db.LracMembers.Where(m => m.RoundId == round.Id && (editing == null || m.Id != editing.Id));
        if (editing is null && await others.AnyAsync(m => m.Dni == details.Dni.Value, ct))
        {
            errors.Add(new DomainError("Lrac.DniTaken", "Dni", details.Dni.Value));
        }
        if (details.Role == LracRole.President && await others.AnyAsync(m => m.Role == LracRole.President && m.Active, ct))
        {
            errors.Add(new DomainError("Lrac.PresidentTaken", "Role"));
        }
        if (details.CommunityId is { } community && !await db.Communities.AnyAsync(c => c.Id == community, ct))
        {
            errors.Add(new DomainError("Lrac.CommunityRequired", "CommunityId"));
        }
        if (details.OrganizationId is { } organization && !await db.Organizations.AnyAsync(o => o.Id == organization, ct))
        {
            errors.Add(new DomainError("Lrac.OrganizationRequired", "OrganizationId"));
        }
        return errors.Count > 0 ? null : details;
    }

    private async Task<Dictionary<int, string>> RepresentsAsync(List<LracMember> members, CancellationToken ct)
    {
        var communityIds = members.Where(m => m.CommunityId != null).Select(m => m.CommunityId!.Value).ToList();
        var organizationIds = members.Where(m => m.OrganizationId != null).Select(m => m.OrganizationId!.Value).ToList();
        var communities = await db.Communities.Where(c => communityIds.Contains(c.Id)).ToDictionaryAsync(c => c.Id, c => c.Name, ct);
        var organizations = await db.Organizations.Where(o => organizationIds.Contains(o.Id)).ToDictionaryAsync(o => o.Id, o => o.Name, ct);
        return members.ToDictionary(m => m.Id, m =>
            m.CommunityId is { } c ? communities[c] : m.OrganizationId is { } o ? organizations[o] : m.AffiliationName ?? string.Empty);
    }

    /// <summary>A one-time password from an alphabet without look-alike characters (read out over a phone, typed on one).</summary>
    private static string NewPassword()
    {
        const string alphabet = "abcdefghjkmnpqrstuvwxyz23456789";
        return string.Create(12, alphabet, (span, a) =>
        {
            for (var i = 0; i < span.Length; i++)
            {
                span[i] = a[RandomNumberGenerator.GetInt32(a.Length)];
            }
        });
    }
}
