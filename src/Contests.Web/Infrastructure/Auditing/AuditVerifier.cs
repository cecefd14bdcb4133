using Contests.Core.Auditing;
using Contests.Web.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Contests.Web.Infrastructure.Auditing;

/// <summary>Reads the whole audit chain in order, streaming, and checks every link; reads the chain's head.</summary>
public sealed class AuditVerifier(ContestsDbContext db)
{
    /// <summary>Checks every link and, when given, that the record at <paramref name="anchor"/> carries its hash.</summary>
    public AuditVerification Verify(AuditAnchor? anchor = null) =>
        AuditChain.Verify(db.AuditRecords.AsNoTracking().OrderBy(a => a.Sequence).AsEnumerable().Select(a => a.ToLink()), anchor);

    /// <summary>
    /// The newest record's sequence and hash, as documents print it (<see cref="AuditAnchor.Printed"/>). Read without
    /// checking the chain: a document prints where the chain stands, and <c>verify-audit --anchor</c> checks it later.
    /// </summary>
    public async Task<AuditAnchor> HeadAsync(CancellationToken ct)
    {
        var head = await db.AuditRecords.AsNoTracking().OrderByDescending(a => a.Sequence)
            .Select(a => new { a.Sequence, a.Hash }).FirstOrDefaultAsync(ct);
        return head is null ? AuditAnchor.Genesis : AuditAnchor.At(head.Sequence, head.Hash);
    }
}
