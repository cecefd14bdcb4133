using Contests.Web.Infrastructure.Persistence;
using Contests.Web.Infrastructure.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Contests.Web.Features.Registry;

public sealed record RegistrySummary(int Districts, int Communities, int Watersheds, int Households, int WomenHeaded, int Organizations,
    int Accounts, int UnverifiedAccounts);

/// <summary>The registry's front page: how many of each, and the way in to each list.</summary>
[Route("registry"), Authorize(Policy = Policies.ReadRegistry)]
public sealed class RegistryController(ContestsDbContext db) : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Index(CancellationToken ct) => View("Index", new RegistrySummary(
        await db.Districts.CountAsync(ct),
        await db.Communities.CountAsync(ct),
        await db.Watersheds.CountAsync(ct),
        await db.Households.CountAsync(ct),
        await db.Households.CountAsync(h => h.WomenHeaded, ct),
        await db.Organizations.CountAsync(ct),
        await db.BankAccounts.CountAsync(a => a.IsActive, ct),
        await db.BankAccounts.CountAsync(a => a.IsActive && a.VerifiedUtc == null, ct)));
}
