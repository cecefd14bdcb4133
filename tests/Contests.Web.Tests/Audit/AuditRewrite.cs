using Contests.Core.Auditing;
using Contests.Web.Infrastructure.Persistence;
using Contests.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Contests.Web.Tests.Audit;

/// <summary>
/// What an attacker with the database's keys does to the audit trail: get past the append-only trigger, change one
/// record, and re-hash it and every record after it so that the chain is consistent again.
/// </summary>
public static class AuditRewrite
{
    /// <summary>Changes record <paramref name="from"/> (by default its actor becomes "system") and re-hashes the rest of the chain.</summary>
    public static async Task RewriteFromAsync(ContestsApp app, long from, Func<AuditLink, AuditLink>? change = null)
    {
        ArgumentNullException.ThrowIfNull(app);
        change ??= link => link with { Actor = "system" };
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<ContestsDbContext>();
        await db.Database.ExecuteSqlRawAsync(app.Provider == DatabaseProvider.Postgres
            ? "ALTER TABLE audit_records DISABLE TRIGGER audit_records_no_change"
            : "DROP TRIGGER IF EXISTS audit_records_no_update");
        var links = (await db.AuditRecords.AsNoTracking().Where(a => a.Sequence >= from - 1).OrderBy(a => a.Sequence).ToListAsync())
            .Select(a => a.ToLink()).ToList();
        var previous = from == 1 ? AuditLink.GenesisHash : links[0].Hash;
        foreach (var link in links.Where(l => l.Sequence >= from))
        {
            var changed = link.Sequence == from ? change(link) : link;
            var hash = AuditLink.ComputeHash(changed.Sequence, changed.OccurredUtc, changed.ActorUserId, changed.Actor, changed.Action, changed.EntityType,
                changed.EntityId, changed.Before, changed.After, previous);
            await db.Database.ExecuteSqlInterpolatedAsync($"""
                UPDATE audit_records SET actor_user_id = {changed.ActorUserId}, actor = {changed.Actor}, after = {changed.After},
                    previous_hash = {previous}, hash = {hash} WHERE sequence = {changed.Sequence}
                """);
            previous = hash;
        }
    }
}
