using Contests.Core.Common;
using Contests.Core.Registry;
using Contests.Web.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Contests.Web.Features.Registry;

public sealed record WatershedRow(int Id, string Name, int Communities, string Districts);

/// <summary>Watersheds (microcuencas): a name and the communities, from any district, that belong to it.</summary>
public sealed class Watersheds(ContestsDbContext db, TimeProvider clock)
{
    public async Task<IReadOnlyList<WatershedRow>> ListAsync(CancellationToken ct)
    {
        var watersheds = await db.Watersheds.AsNoTracking().OrderBy(w => w.Name)
            .Select(w => new { w.Id, w.Name, Count = w.Communities.Count }).ToListAsync(ct);
        var districts = await (from wc in db.Set<WatershedCommunity>().AsNoTracking()
                               join c in db.Communities on wc.CommunityId equals c.Id
                               join d in db.Districts on c.DistrictUbigeo equals d.Ubigeo
                               select new { wc.WatershedId, d.Name }).Distinct().ToListAsync(ct);
        var byWatershed = districts.ToLookup(d => d.WatershedId, d => d.Name);
        return [.. watersheds.Select(w => new WatershedRow(w.Id, w.Name, w.Count,
            string.Join(", ", byWatershed[w.Id].Order(StringComparer.CurrentCulture))))];
    }

    public Task<Watershed?> FindAsync(int id, CancellationToken ct) =>
        db.Watersheds.Include(w => w.Communities).SingleOrDefaultAsync(w => w.Id == id, ct);

    /// <summary>Creates or updates a watershed; the name is unique (without accents or case).</summary>
    public async Task<(Result Result, Watershed? Watershed)> SaveAsync(Watershed? watershed, string? name, IReadOnlyCollection<int> communityIds,
        CancellationToken ct)
    {
        var errors = new List<DomainError>();
        var clean = Text.Name(name, Watershed.NameMaxLength, "Name", required: true, errors);
        if (clean is not null)
        {
            var key = Text.Key(clean);
            var taken = await db.Watersheds.AnyAsync(w => w.NameKey == key && (watershed == null || w.Id != watershed.Id), ct);
            if (taken)
            {
                errors.Add(new DomainError("Watershed.Duplicate", "Name", clean));
            }
        }
        var known = await db.Communities.Where(c => communityIds.Contains(c.Id)).Select(c => c.Id).ToListAsync(ct);
        if (known.Count != communityIds.Distinct().Count())
        {
            errors.Add(new DomainError("Household.UnknownCommunity", "CommunityIds"));
        }
        if (errors.Count > 0)
        {
            return (Result.Fail(errors), watershed);
        }
        if (watershed is null)
        {
            watershed = Watershed.Create(clean!, clock.GetUtcNow().UtcDateTime);
            db.Watersheds.Add(watershed);
        }
        else
        {
            watershed.Rename(clean!);
        }
        watershed.SetCommunities(known);
        await db.SaveChangesAsync(ct);
        return (Result.Success(), watershed);
    }
}
