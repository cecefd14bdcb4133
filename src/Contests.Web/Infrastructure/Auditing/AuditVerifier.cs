using Contests.Core.Auditing;
using Contests.Web.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Contests.Web.Infrastructure.Auditing;

/// <summary>Reads the whole audit chain in order, streaming, and checks every link.</summary>
public sealed class AuditVerifier(ContestsDbContext db)
{
    public AuditVerification Verify() =>
        AuditChain.Verify(db.AuditRecords.AsNoTracking().OrderBy(a => a.Sequence).AsEnumerable().Select(a => a.ToLink()));
}
