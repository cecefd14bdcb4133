using System.Text.Json;
using Contests.Web.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Contests.Web.Infrastructure.Mvc;

namespace Contests.Web.Features.Audit;

public sealed record AuditChange(string Property, string? Before, string? After);

public sealed record AuditRow(long Sequence, DateTime OccurredUtc, string Actor, string Action, string EntityType, string EntityId,
    IReadOnlyList<AuditChange> Changes);

public sealed record AuditPage(IReadOnlyList<AuditRow> Rows, int Total, int Page, int PageSize, string? Entity, string? Actor,
    IReadOnlyList<string> EntityTypes);

/// <summary>The audit trail as auditors read it: newest first, filterable, each change as before → after.</summary>
public sealed class AuditTrailQuery(ContestsDbContext db)
{
    public const int PageSize = 50;

    public async Task<AuditPage> ExecuteAsync(string? entity, string? actor, int page, CancellationToken ct)
    {
        var query = db.AuditRecords.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(entity))
        {
            query = query.Where(a => a.EntityType == entity);
        }
        if (!string.IsNullOrWhiteSpace(actor))
        {
            var term = actor.Trim();
            query = query.Where(a => a.Actor.Contains(term));
        }
        var total = await query.CountAsync(ct);
        page = Paging.Clamp(page, total, PageSize);
        var records = await query.OrderByDescending(a => a.Sequence).Skip((page - 1) * PageSize).Take(PageSize)
            .Select(a => new { a.Sequence, a.OccurredUtc, a.Actor, a.Action, a.EntityType, a.EntityId, a.Before, a.After })
            .ToListAsync(ct);
        var types = await db.AuditRecords.AsNoTracking().Select(a => a.EntityType).Distinct().OrderBy(t => t).ToListAsync(ct);
        var rows = records.Select(r => new AuditRow(r.Sequence, r.OccurredUtc, r.Actor, r.Action, r.EntityType, r.EntityId,
            Changes(r.Before, r.After))).ToList();
        return new AuditPage(rows, total, page, PageSize, entity, actor, types);
    }

    internal static IReadOnlyList<AuditChange> Changes(string? before, string? after)
    {
        var b = Parse(before);
        var a = Parse(after);
        return b.Keys.Union(a.Keys).Order(StringComparer.Ordinal)
            .Select(k => new AuditChange(k, b.GetValueOrDefault(k), a.GetValueOrDefault(k)))
            .ToList();
    }

    private static Dictionary<string, string?> Parse(string? json)
    {
        if (string.IsNullOrEmpty(json))
        {
            return [];
        }
        using var doc = JsonDocument.Parse(json);
        return doc.RootElement.EnumerateObject().ToDictionary(p => p.Name,
            p => p.Value.ValueKind switch
            {
                JsonValueKind.Null => null,
                JsonValueKind.String => p.Value.GetString(),
                _ => p.Value.GetRawText(),
            });
    }
}
