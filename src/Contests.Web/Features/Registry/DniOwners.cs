using Contests.Web.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Contests.Web.Features.Registry;

/// <summary>Where a DNI is already registered: which household, as its head or as the partner.</summary>
public sealed record DniOwner(string Dni, int HouseholdId, string FullName, string Community, bool IsHead);

/// <summary>
/// Finds the households that already hold some DNIs, in one query however many there are (the list
/// travels as one array/JSON parameter), so a 100,000-row import costs one round trip, not 100,000.
/// </summary>
public sealed class DniOwners(ContestsDbContext db)
{
    public async Task<Dictionary<string, DniOwner>> FindAsync(IReadOnlyCollection<string> dnis, int? exceptHouseholdId, CancellationToken ct)
    {
        var owners = new Dictionary<string, DniOwner>(StringComparer.Ordinal);
        if (dnis.Count == 0)
        {
            return owners;
        }
        // One array (PostgreSQL) or JSON (SQLite) parameter, however many DNIs: EF would otherwise expand the list
        // into one parameter per value, which SQLite refuses beyond 32,766.
        var list = dnis.Distinct(StringComparer.Ordinal).ToArray();
        var rows = await (from h in db.Households.AsNoTracking()
                          join c in db.Communities on h.CommunityId equals c.Id
                          where (EF.Parameter(list).Contains(h.HeadDni) || (h.PartnerDni != null && EF.Parameter(list).Contains(h.PartnerDni)))
                                && h.Id != exceptHouseholdId
                          select new
                          {
                              h.Id, h.HeadDni, h.HeadFirstNames, h.HeadLastNames, h.PartnerDni, h.PartnerFirstNames,
                              h.PartnerLastNames, Community = c.Name,
                          }).ToListAsync(ct);
        var wanted = list.ToHashSet(StringComparer.Ordinal);
        foreach (var row in rows)
        {
            if (wanted.Contains(row.HeadDni))
            {
                owners.TryAdd(row.HeadDni, new DniOwner(row.HeadDni, row.Id, $"{row.HeadFirstNames} {row.HeadLastNames}", row.Community, true));
            }
            if (row.PartnerDni is not null && wanted.Contains(row.PartnerDni))
            {
                owners.TryAdd(row.PartnerDni, new DniOwner(row.PartnerDni, row.Id, $"{row.PartnerFirstNames} {row.PartnerLastNames}", row.Community, false));
            }
        }
        return owners;
    }
}
