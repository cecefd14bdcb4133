using Contests.Core.Common;
using Contests.Core.Registry;
using Contests.Web.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Contests.Web.Infrastructure.Mvc;

namespace Contests.Web.Features.Registry;

public sealed record CommunityRow(int Id, string Name, string District, string Ubigeo, int Households, int WomenHeaded);

public sealed record CommunityPage(IReadOnlyList<CommunityRow> Rows, int Total, int Page, int PageSize, string? Q, string? Ubigeo,
    IReadOnlyList<DistrictOption> Districts);

public sealed record CommunityView(Community Community, DistrictOption District, int Households, int WomenHeaded, int FormerHouseholds,
    IReadOnlyList<(int Id, string Name)> Watersheds, IReadOnlyList<BankAccount> Accounts);

/// <summary>Communities: list, register, edit. A name is unique within its district (compared without accents or case).</summary>
public sealed class Communities(ContestsDbContext db, Lookups lookups, TimeProvider clock)
{
    public const int PageSize = 25;

    public async Task<CommunityPage> ListAsync(string? q, string? ubigeo, int page, CancellationToken ct)
    {
        var query = from c in db.Communities.AsNoTracking()
                    join d in db.Districts on c.DistrictUbigeo equals d.Ubigeo
                    select new { c, District = d.Name };
        if (!string.IsNullOrWhiteSpace(q))
        {
            var key = Text.Key(q);
            query = query.Where(x => x.c.NameKey.Contains(key));
        }
        if (!string.IsNullOrWhiteSpace(ubigeo))
        {
            query = query.Where(x => x.c.DistrictUbigeo == ubigeo);
        }
        var total = await query.CountAsync(ct);
        page = Paging.Clamp(page, total, PageSize);
        var rows = await query.OrderBy(x => x.District).ThenBy(x => x.c.Name).Skip((page - 1) * PageSize).Take(PageSize)
            .Select(x => new CommunityRow(x.c.Id, x.c.Name, x.District, x.c.DistrictUbigeo,
                db.Households.Count(h => h.CommunityId == x.c.Id), db.Households.Count(h => h.CommunityId == x.c.Id && h.WomenHeaded)))
            .ToListAsync(ct);
        return new CommunityPage(rows, total, page, PageSize, q, ubigeo, await lookups.DistrictsAsync(ct));
    }

    public Task<Community?> FindAsync(int id, CancellationToken ct) => db.Communities.SingleOrDefaultAsync(c => c.Id == id, ct);

    public async Task<CommunityView?> ViewAsync(int id, CancellationToken ct)
    {
        var community = await db.Communities.AsNoTracking().SingleOrDefaultAsync(c => c.Id == id, ct);
        if (community is null)
        {
            return null;
        }
        var district = await lookups.DistrictAsync(community.DistrictUbigeo, ct);
        var households = await db.Households.CountAsync(h => h.CommunityId == id, ct);
        var women = await db.Households.CountAsync(h => h.CommunityId == id && h.WomenHeaded, ct);
        var former = await db.HouseholdMemberships.Where(m => m.CommunityId == id && m.ToUtc != null).Select(m => m.HouseholdId).Distinct().CountAsync(ct);
        var watersheds = await db.Watersheds.AsNoTracking().Where(w => w.Communities.Any(c => c.CommunityId == id)).OrderBy(w => w.Name)
            .Select(w => new { w.Id, w.Name }).ToListAsync(ct);
        var accounts = await db.BankAccounts.AsNoTracking().Where(a => a.CommunityId == id).OrderByDescending(a => a.IsActive).ThenBy(a => a.Id).ToListAsync(ct);
        return new CommunityView(community, district, households, women, former, [.. watersheds.Select(w => (w.Id, w.Name))], accounts);
    }

    public async Task<(CommunityDetails? Details, IReadOnlyList<DomainError> Errors)> ValidateAsync(CommunityInput input, int? communityId, CancellationToken ct)
    {
        var errors = new List<DomainError>();
        var details = CommunityDetails.Parse(input, errors);
        if (details is not null)
        {
            if (!await lookups.DistrictExistsAsync(details.District.Value, ct))
            {
                errors.Add(new DomainError("Registry.UnknownDistrict", nameof(CommunityInput.Ubigeo), details.District.Value));
            }
            else
            {
                var key = Text.Key(details.Name);
                var existing = await db.Communities.AsNoTracking()
                    .Where(c => c.DistrictUbigeo == details.District.Value && c.NameKey == key && c.Id != communityId)
                    .Select(c => new { c.Id, c.Name }).FirstOrDefaultAsync(ct);
                if (existing is not null)
                {
                    errors.Add(new DomainError("Community.Duplicate", nameof(CommunityInput.Name), existing.Name, existing.Id));
                }
            }
        }
        return (errors.Count == 0 ? details : null, errors);
    }

    public async Task<(Result Result, Community? Community)> CreateAsync(CommunityInput input, CancellationToken ct)
    {
        var (details, errors) = await ValidateAsync(input, null, ct);
        if (details is null)
        {
            return (Result.Fail(errors), null);
        }
        var community = Community.Create(details, clock.GetUtcNow().UtcDateTime);
        db.Communities.Add(community);
        await db.SaveChangesAsync(ct);
        return (Result.Success(), community);
    }

    public async Task<Result> UpdateAsync(Community community, CommunityInput input, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(community);
        var (details, errors) = await ValidateAsync(input, community.Id, ct);
        if (details is null)
        {
            return Result.Fail(errors);
        }
        community.Update(details);
        await db.SaveChangesAsync(ct);
        return Result.Success();
    }
}
