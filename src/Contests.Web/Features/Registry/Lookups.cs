using Contests.Web.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Contests.Web.Features.Registry;

public sealed record CommunityOption(int Id, string Name, string District);

public sealed record DistrictOption(string Ubigeo, string Name, string Province, string Department)
{
    public string Label => $"{Name} ({Province}, {Department}) · {Ubigeo}";
}

/// <summary>The lists forms choose from (districts, communities), as small projections.</summary>
public sealed class Lookups(ContestsDbContext db)
{
    public async Task<IReadOnlyList<CommunityOption>> CommunitiesAsync(CancellationToken ct) =>
        await (from c in db.Communities.AsNoTracking()
               join d in db.Districts on c.DistrictUbigeo equals d.Ubigeo
               orderby d.Name, c.Name
               select new CommunityOption(c.Id, c.Name, d.Name)).ToListAsync(ct);

    public async Task<IReadOnlyList<DistrictOption>> DistrictsAsync(CancellationToken ct)
    {
        var departments = await db.Departments.AsNoTracking().ToDictionaryAsync(d => d.Code, d => d.Name, ct);
        var provinces = await db.Provinces.AsNoTracking().ToDictionaryAsync(p => p.Code, p => p.Name, ct);
        var districts = await db.Districts.AsNoTracking().OrderBy(d => d.Ubigeo).ToListAsync(ct);
        return [.. districts.Select(d => new DistrictOption(d.Ubigeo, d.Name,
            provinces.GetValueOrDefault(d.ProvinceCode, d.ProvinceCode), departments.GetValueOrDefault(d.DepartmentCode, d.DepartmentCode)))];
    }

    /// <summary>One district with its province's and department's names (a record's page needs only its own).</summary>
    public async Task<DistrictOption> DistrictAsync(string ubigeo, CancellationToken ct)
    {
        var district = await db.Districts.AsNoTracking().SingleAsync(d => d.Ubigeo == ubigeo, ct);
        var province = await db.Provinces.AsNoTracking().Where(p => p.Code == district.ProvinceCode).Select(p => p.Name).SingleOrDefaultAsync(ct);
        var department = await db.Departments.AsNoTracking().Where(d => d.Code == district.DepartmentCode).Select(d => d.Name).SingleOrDefaultAsync(ct);
        return new DistrictOption(district.Ubigeo, district.Name, province ?? district.ProvinceCode, department ?? district.DepartmentCode);
    }

    public Task<bool> DistrictExistsAsync(string ubigeo, CancellationToken ct) => db.Districts.AnyAsync(d => d.Ubigeo == ubigeo, ct);
}
