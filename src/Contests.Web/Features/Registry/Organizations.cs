using Contests.Core.Common;
using Contests.Core.Registry;
using Contests.Web.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Contests.Web.Infrastructure.Mvc;

namespace Contests.Web.Features.Registry;

public sealed record OrganizationRow(int Id, string Name, OrganizationType Type, string? Ruc, string District, int Members, bool VerifiedAccount);

public sealed record OrganizationPage(IReadOnlyList<OrganizationRow> Rows, int Total, int Page, int PageSize, string? Q, OrganizationType? Type);

public sealed record MemberRow(int HouseholdId, string Name, string Dni, string Community, DateTime JoinedUtc);

public sealed record OrganizationView(Organization Organization, DistrictOption District, IReadOnlyList<MemberRow> Members, IReadOnlyList<BankAccount> Accounts);

/// <summary>Organizations: list, register, edit, members. A RUC is unique; so is a name within a district.</summary>
public sealed class Organizations(ContestsDbContext db, Lookups lookups, TimeProvider clock)
{
    public const int PageSize = 25;

    public async Task<OrganizationPage> ListAsync(string? q, OrganizationType? type, int page, CancellationToken ct)
    {
        var query = from o in db.Organizations.AsNoTracking()
                    join d in db.Districts on o.DistrictUbigeo equals d.Ubigeo
                    select new { o, District = d.Name };
        if (!string.IsNullOrWhiteSpace(q))
        {
            var term = q.Trim();
            var key = Text.Key(term);
            query = query.Where(x => x.o.NameKey.Contains(key) || x.o.Ruc == term);
        }
        if (type is { } t)
        {
            query = query.Where(x => x.o.Type == t);
        }
        var total = await query.CountAsync(ct);
        page = Paging.Clamp(page, total, PageSize);
        var rows = await query.OrderBy(x => x.o.Name).Skip((page - 1) * PageSize).Take(PageSize)
            .Select(x => new OrganizationRow(x.o.Id, x.o.Name, x.o.Type, x.o.Ruc, x.District, x.o.Members.Count,
                db.BankAccounts.Any(a => a.OrganizationId == x.o.Id && a.IsActive && a.VerifiedUtc != null)))
            .ToListAsync(ct);
        return new OrganizationPage(rows, total, page, PageSize, q, type);
    }

    public Task<Organization?> FindAsync(int id, CancellationToken ct) =>
        db.Organizations.Include(o => o.Members).SingleOrDefaultAsync(o => o.Id == id, ct);

    public async Task<OrganizationView?> ViewAsync(int id, CancellationToken ct)
    {
        var organization = await db.Organizations.AsNoTracking().Include(o => o.Members).SingleOrDefaultAsync(o => o.Id == id, ct);
        if (organization is null)
        {
            return null;
        }
        var district = await lookups.DistrictAsync(organization.DistrictUbigeo, ct);
        var members = await (from m in db.Set<OrganizationMember>().AsNoTracking()
                             join h in db.Households on m.HouseholdId equals h.Id
                             join c in db.Communities on h.CommunityId equals c.Id
                             where m.OrganizationId == id
                             orderby h.HeadLastNames, h.HeadFirstNames
                             select new MemberRow(h.Id, h.HeadFirstNames + " " + h.HeadLastNames, h.HeadDni, c.Name, m.JoinedUtc)).ToListAsync(ct);
        var accounts = await db.BankAccounts.AsNoTracking().Where(a => a.OrganizationId == id).OrderByDescending(a => a.IsActive).ThenBy(a => a.Id).ToListAsync(ct);
        return new OrganizationView(organization, district, members, accounts);
    }

    public async Task<(OrganizationDetails? Details, IReadOnlyList<DomainError> Errors)> ValidateAsync(OrganizationInput input, int? organizationId,
        CancellationToken ct)
    {
        var errors = new List<DomainError>();
        var details = OrganizationDetails.Parse(input, errors);
        if (details is null)
        {
            return (null, errors);
        }
        if (!await lookups.DistrictExistsAsync(details.District.Value, ct))
        {
            errors.Add(new DomainError("Registry.UnknownDistrict", nameof(OrganizationInput.Ubigeo), details.District.Value));
        }
        if (details.Ruc is { } ruc)
        {
            var holder = await db.Organizations.AsNoTracking().Where(o => o.Ruc == ruc.Value && o.Id != organizationId)
                .Select(o => new { o.Id, o.Name }).FirstOrDefaultAsync(ct);
            if (holder is not null)
            {
                errors.Add(new DomainError("Organization.RucTaken", nameof(OrganizationInput.Ruc), ruc.Value, holder.Name, holder.Id));
            }
        }
        var key = Text.Key(details.Name);
        var sameName = await db.Organizations.AsNoTracking()
            .Where(o => o.DistrictUbigeo == details.District.Value && o.NameKey == key && o.Id != organizationId)
            .Select(o => new { o.Id, o.Name }).FirstOrDefaultAsync(ct);
        if (sameName is not null)
        {
            errors.Add(new DomainError("Organization.Duplicate", nameof(OrganizationInput.Name), sameName.Name, sameName.Id));
        }
        return (errors.Count == 0 ? details : null, errors);
    }

    public async Task<(Result Result, Organization? Organization)> CreateAsync(OrganizationInput input, CancellationToken ct)
    {
        var (details, errors) = await ValidateAsync(input, null, ct);
        if (details is null)
        {
            return (Result.Fail(errors), null);
        }
        var organization = Organization.Create(details, clock.GetUtcNow().UtcDateTime);
        db.Organizations.Add(organization);
        await db.SaveChangesAsync(ct);
        return (Result.Success(), organization);
    }

    public async Task<Result> UpdateAsync(Organization organization, OrganizationInput input, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(organization);
        var (details, errors) = await ValidateAsync(input, organization.Id, ct);
        if (details is null)
        {
            return Result.Fail(errors);
        }
        organization.Update(details);
        await db.SaveChangesAsync(ct);
        return Result.Success();
    }

    /// <summary>Adds a household, found by its head's DNI, as a member.</summary>
    public async Task<Result> AddMemberAsync(Organization organization, string? dni, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(organization);
        var parsed = Dni.TryParse(dni, "Dni", out var error);
        if (parsed is null)
        {
            return Result.Fail(error!);
        }
        var householdId = await db.Households.Where(h => h.HeadDni == parsed.Value).Select(h => (int?)h.Id).SingleOrDefaultAsync(ct);
        if (householdId is null)
        {
            return Result.Fail(new DomainError("Organization.UnknownMemberDni", "Dni", parsed.Value));
        }
        var result = organization.AddMember(householdId.Value, clock.GetUtcNow().UtcDateTime);
        if (result.Succeeded)
        {
            await db.SaveChangesAsync(ct);
        }
        return result;
    }

    public async Task RemoveMemberAsync(Organization organization, int householdId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(organization);
        organization.RemoveMember(householdId);
        await db.SaveChangesAsync(ct);
    }
}
