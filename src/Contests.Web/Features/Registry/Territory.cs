using Contests.Core.Common;
using Contests.Core.Registry;
using Contests.Web.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Contests.Web.Features.Registry;

/// <summary>What an officer types to add a district (with its province's and department's names).</summary>
public sealed record DistrictInput(string? Ubigeo, string? DepartmentName, string? ProvinceName, string? DistrictName);

/// <summary>
/// The territory: departments › provinces › districts by UBIGEO. A district is added with its
/// province and department names; those are created the first time and must agree afterwards.
/// </summary>
public sealed class TerritoryRegistry(ContestsDbContext db)
{
    public async Task<Result> AddDistrictAsync(DistrictInput input, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(input);
        var errors = new List<DomainError>();
        var ubigeo = Ubigeo.TryParse(input.Ubigeo, nameof(input.Ubigeo), out var error);
        if (error is not null)
        {
            errors.Add(error);
        }
        var department = Text.Name(input.DepartmentName, Department.NameMaxLength, nameof(input.DepartmentName), required: true, errors);
        var province = Text.Name(input.ProvinceName, Department.NameMaxLength, nameof(input.ProvinceName), required: true, errors);
        var district = Text.Name(input.DistrictName, Department.NameMaxLength, nameof(input.DistrictName), required: true, errors);
        if (errors.Count > 0)
        {
            return Result.Fail(errors);
        }
        var existing = await db.Districts.AsNoTracking().SingleOrDefaultAsync(d => d.Ubigeo == ubigeo!.Value, ct);
        if (existing is not null)
        {
            return Result.Fail(new DomainError("District.Exists", nameof(input.Ubigeo), ubigeo!.Value, existing.Name));
        }
        var knownDepartment = await db.Departments.SingleOrDefaultAsync(d => d.Code == ubigeo!.DepartmentCode, ct);
        if (knownDepartment is not null && Text.Key(knownDepartment.Name) != Text.Key(department!))
        {
            errors.Add(new DomainError("District.DepartmentMismatch", nameof(input.DepartmentName), ubigeo!.DepartmentCode, knownDepartment.Name));
        }
        var knownProvince = await db.Provinces.SingleOrDefaultAsync(p => p.Code == ubigeo!.ProvinceCode, ct);
        if (knownProvince is not null && Text.Key(knownProvince.Name) != Text.Key(province!))
        {
            errors.Add(new DomainError("District.ProvinceMismatch", nameof(input.ProvinceName), ubigeo!.ProvinceCode, knownProvince.Name));
        }
        if (errors.Count > 0)
        {
            return Result.Fail(errors);
        }
        if (knownDepartment is null)
        {
            db.Departments.Add(new Department(ubigeo!.DepartmentCode, department!));
        }
        if (knownProvince is null)
        {
            db.Provinces.Add(new Province(ubigeo!.ProvinceCode, province!));
        }
        db.Districts.Add(District.Create(ubigeo!, district!));
        await db.SaveChangesAsync(ct);
        return Result.Success();
    }
}
