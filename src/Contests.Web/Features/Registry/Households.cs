using Contests.Core.Common;
using Contests.Core.Registry;
using Contests.Web.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Contests.Web.Infrastructure.Mvc;

namespace Contests.Web.Features.Registry;

public sealed record HouseholdFilter(string? Q, int? CommunityId, bool WomenHeaded);

public sealed record HouseholdRow(int Id, string HeadName, string HeadDni, bool WomenHeaded, int Members, string Community, string District);

public sealed record HouseholdPage(IReadOnlyList<HouseholdRow> Rows, int Total, int Page, int PageSize, HouseholdFilter Filter,
    IReadOnlyList<CommunityOption> Communities);

public sealed record MembershipRow(string Community, DateTime FromUtc, DateTime? ToUtc);

public sealed record HouseholdView(Household Household, string Community, string District, IReadOnlyList<MembershipRow> History,
    IReadOnlyList<(int Id, string Name)> Organizations, IReadOnlyList<BankAccount> Accounts);

/// <summary>
/// The household register: list and search, register, edit, move to another community. A DNI is
/// one person: it may appear once in the whole register, as a head or as a partner.
/// </summary>
public sealed class Households(ContestsDbContext db, DniOwners dniOwners, TimeProvider clock)
{
    public const int PageSize = 25;

    public async Task<HouseholdPage> ListAsync(HouseholdFilter filter, int page, IReadOnlyList<CommunityOption> communities, bool seesDni,
        CancellationToken ct)
    {
        var query = from h in db.Households.AsNoTracking()
                    join c in db.Communities on h.CommunityId equals c.Id
                    join d in db.Districts on c.DistrictUbigeo equals d.Ubigeo
                    select new { h, Community = c.Name, District = d.Name };
        if (!string.IsNullOrWhiteSpace(filter.Q))
        {
            var term = filter.Q.Trim();
            if (term.All(char.IsAsciiDigit))
            {
                // Digits: the household's number as messages cite it (up to 7 digits) and, for roles that
                // see DNIs, a DNI or its start (a masked role can't use search to confirm a number).
                int? number = term.Length <= 7 ? int.Parse(term, System.Globalization.CultureInfo.InvariantCulture) : null;
                query = seesDni
                    ? query.Where(x => x.h.HeadDni.StartsWith(term) || (x.h.PartnerDni != null && x.h.PartnerDni.StartsWith(term)) || x.h.Id == number)
                    : query.Where(x => x.h.Id == number);
            }
            else
            {
                // Compared as keys (no accents, upper case) so "huaman" finds "Huamán" on both databases:
                // SQLite's LOWER() only knows ASCII.
                var key = Text.SearchKey(term);
                query = query.Where(x => x.h.NameKey.Contains(key));
            }
        }
        if (filter.CommunityId is { } communityId)
        {
            query = query.Where(x => x.h.CommunityId == communityId);
        }
        if (filter.WomenHeaded)
        {
            query = query.Where(x => x.h.WomenHeaded);
        }
        var total = await query.CountAsync(ct);
        page = Paging.Clamp(page, total, PageSize);
        var rows = await query.OrderBy(x => x.h.HeadLastNames).ThenBy(x => x.h.HeadFirstNames).ThenBy(x => x.h.Id)
            .Skip((page - 1) * PageSize).Take(PageSize)
            .Select(x => new HouseholdRow(x.h.Id, x.h.HeadFirstNames + " " + x.h.HeadLastNames, x.h.HeadDni, x.h.WomenHeaded,
                x.h.Members, x.Community, x.District))
            .ToListAsync(ct);
        return new HouseholdPage(rows, total, page, PageSize, filter, communities);
    }

    public Task<Household?> FindAsync(int id, CancellationToken ct) =>
        db.Households.Include(h => h.Memberships).SingleOrDefaultAsync(h => h.Id == id, ct);

    public async Task<HouseholdView?> ViewAsync(int id, CancellationToken ct)
    {
        var household = await db.Households.AsNoTracking().Include(h => h.Memberships).SingleOrDefaultAsync(h => h.Id == id, ct);
        if (household is null)
        {
            return null;
        }
        var communityIds = household.Memberships.Select(m => m.CommunityId).Append(household.CommunityId).Distinct().ToList();
        var names = await db.Communities.AsNoTracking().Where(c => communityIds.Contains(c.Id))
            .ToDictionaryAsync(c => c.Id, c => new { c.Name, c.DistrictUbigeo }, ct);
        var current = names[household.CommunityId];
        var district = await db.Districts.AsNoTracking().Where(d => d.Ubigeo == current.DistrictUbigeo).Select(d => d.Name).SingleAsync(ct);
        var history = household.Memberships.OrderByDescending(m => m.FromUtc)
            .Select(m => new MembershipRow(names[m.CommunityId].Name, m.FromUtc, m.ToUtc)).ToList();
        var organizations = await (from o in db.Organizations.AsNoTracking()
                                   where o.Members.Any(m => m.HouseholdId == id)
                                   orderby o.Name
                                   select new { o.Id, o.Name }).ToListAsync(ct);
        var accounts = await db.BankAccounts.AsNoTracking().Where(a => a.HouseholdId == id).OrderByDescending(a => a.IsActive).ThenBy(a => a.Id).ToListAsync(ct);
        return new HouseholdView(household, current.Name, district, history, [.. organizations.Select(o => (o.Id, o.Name))], accounts);
    }

    /// <summary>Every reason the household can't be saved, all at once; the checked details when there is none.</summary>
    public async Task<(HouseholdDetails? Details, IReadOnlyList<DomainError> Errors)> ValidateAsync(HouseholdInput input, int? communityId,
        int? householdId, CancellationToken ct)
    {
        var errors = new List<DomainError>();
        var details = HouseholdDetails.Parse(input, LimaTime.FromUtc(clock.GetUtcNow().UtcDateTime).Year, errors);
        if (communityId is null)
        {
            errors.Add(new DomainError("Validation.Required", "CommunityId", new FieldLabel("CommunityId")));
        }
        else if (!await db.Communities.AnyAsync(c => c.Id == communityId, ct))
        {
            errors.Add(new DomainError("Household.UnknownCommunity", "CommunityId"));
        }
        if (details is not null)
        {
            var dnis = new List<string> { details.Head.Dni!.Value };
            if (details.Partner?.Dni is { } partnerDni)
            {
                dnis.Add(partnerDni.Value);
            }
            var owners = await dniOwners.FindAsync(dnis, householdId, ct);
            AddDuplicate(owners, details.Head.Dni.Value, nameof(HouseholdInput.HeadDni), errors);
            if (details.Partner?.Dni is { } partner)
            {
                AddDuplicate(owners, partner.Value, nameof(HouseholdInput.PartnerDni), errors);
            }
        }
        return (errors.Count == 0 ? details : null, errors);
    }

    public async Task<(Result Result, Household? Household)> RegisterAsync(HouseholdInput input, int? communityId, CancellationToken ct)
    {
        var (details, errors) = await ValidateAsync(input, communityId, null, ct);
        if (details is null)
        {
            return (Result.Fail(errors), null);
        }
        var household = Household.Register(details, communityId!.Value, clock.GetUtcNow().UtcDateTime);
        db.Households.Add(household);
        await db.SaveChangesAsync(ct);
        return (Result.Success(), household);
    }

    /// <summary>Edits the household's people and size. Its community changes only by a move (which keeps history).</summary>
    public async Task<Result> UpdateAsync(Household household, HouseholdInput input, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(household);
        var (details, errors) = await ValidateAsync(input, household.CommunityId, household.Id, ct);
        if (details is null)
        {
            return Result.Fail(errors);
        }
        household.Update(details);
        await db.SaveChangesAsync(ct);
        return Result.Success();
    }

    public async Task<Result> MoveAsync(Household household, int? communityId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(household);
        if (communityId is null || !await db.Communities.AnyAsync(c => c.Id == communityId, ct))
        {
            return Result.Fail(new DomainError("Household.UnknownCommunity", "CommunityId"));
        }
        var result = household.MoveTo(communityId.Value, clock.GetUtcNow().UtcDateTime);
        if (result.Succeeded)
        {
            await db.SaveChangesAsync(ct);
        }
        return result;
    }

    private static void AddDuplicate(Dictionary<string, DniOwner> owners, string dni, string field, List<DomainError> errors)
    {
        if (owners.TryGetValue(dni, out var owner))
        {
            errors.Add(new DomainError(owner.IsHead ? "Dni.TakenByHead" : "Dni.TakenByPartner", field, dni, owner.FullName, owner.HouseholdId, owner.Community));
        }
    }
}
