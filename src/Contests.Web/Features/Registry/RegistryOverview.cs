using Contests.Web.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Contests.Web.Features.Registry;

public sealed record RegistrySummary(int Districts, int Communities, int Watersheds, int Households, int WomenHeaded, int Organizations,
    int Accounts, int UnverifiedAccounts);

/// <summary>The registry's front page: how many of each (counts only, no rows read).</summary>
public sealed class RegistryOverview(ContestsDbContext db)
{
    public async Task<RegistrySummary> SummaryAsync(CancellationToken ct) => new(
        await db.Districts.CountAsync(ct),
        await db.Communities.CountAsync(ct),
        await db.Watersheds.CountAsync(ct),
        await db.Households.CountAsync(ct),
        await db.Households.CountAsync(h => h.WomenHeaded, ct),
        await db.Organizations.CountAsync(ct),
        await db.BankAccounts.CountAsync(a => a.IsActive, ct),
        await db.BankAccounts.CountAsync(a => a.IsActive && a.VerifiedUtc == null, ct));
}
