using Contests.Core.Accounts;
using Contests.Core.Common;
using Contests.Web.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Contests.Web.Features.Api;

/// <summary>A key as the administrator's list shows it: never its secret, nor its hash.</summary>
public sealed record ApiKeyRow(int Id, string Name, string Prefix, string CreatedBy, DateTime CreatedUtc, DateTime? LastUsedUtc,
    DateTime? RevokedUtc, string? RevokedBy);

/// <summary>An administrator's use cases on the read API's keys: list, issue (the token is shown once), revoke.</summary>
public sealed class ApiKeys(ContestsDbContext db, TimeProvider clock)
{
    public async Task<IReadOnlyList<ApiKeyRow>> ListAsync(CancellationToken ct)
    {
        // Last use comes from the request log, so answering a request never changes (and re-audits) the key.
        return await (from k in db.Set<ApiKey>().AsNoTracking()
                      join c in db.Users on k.CreatedByUserId equals c.Id
                      join r in db.Users on k.RevokedByUserId equals r.Id into rs
                      from r in rs.DefaultIfEmpty()
                      orderby k.RevokedUtc == null descending, k.Name, k.Id
                      select new ApiKeyRow(k.Id, k.Name, k.Prefix, c.DisplayName, k.CreatedUtc,
                          db.Set<ApiRequest>().Where(q => q.ApiKeyId == k.Id).Max(q => (DateTime?)q.RequestedUtc),
                          k.RevokedUtc, r == null ? null : r.DisplayName))
            .ToListAsync(ct);
    }

    /// <summary>Issues a key; the token comes back once and is not kept (only its SHA-256).</summary>
    public async Task<(Result Result, string? Token)> IssueAsync(string? name, int userId, CancellationToken ct)
    {
        var (result, key, token) = ApiKey.Issue(name, userId, clock.GetUtcNow().UtcDateTime);
        if (!result.Succeeded)
        {
            return (result, null);
        }
        if (await db.Set<ApiKey>().AnyAsync(k => k.Name == key!.Name && k.RevokedUtc == null, ct))
        {
            return (Result.Fail(new DomainError("ApiKeys.NameTaken", nameof(ApiKey.Name), key!.Name)), null);
        }
        db.Set<ApiKey>().Add(key!);
        await db.SaveChangesAsync(ct);
        return (Result.Success(), token);
    }

    /// <returns>Null when there is no such key.</returns>
    public async Task<Result?> RevokeAsync(int id, int userId, CancellationToken ct)
    {
        var key = await db.Set<ApiKey>().SingleOrDefaultAsync(k => k.Id == id, ct);
        if (key is null)
        {
            return null;
        }
        var result = key.Revoke(userId, clock.GetUtcNow().UtcDateTime);
        if (result.Succeeded)
        {
            await db.SaveChangesAsync(ct);
        }
        return result;
    }
}
