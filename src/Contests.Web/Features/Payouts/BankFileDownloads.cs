using Contests.Core.Payouts;
using Contests.Web.Infrastructure.Persistence;

namespace Contests.Web.Features.Payouts;

/// <summary>
/// Records a download of a batch's bank file before it is served: a <see cref="BankFileDownload"/> row, which the audit
/// interceptor also records (actor, time) in the same transaction. A download that can't be recorded isn't served.
/// </summary>
public sealed class BankFileDownloads(ContestsDbContext db, TimeProvider clock)
{
    public async Task RecordAsync(int batchId, string format, string fileName, string sha256, int userId, CancellationToken ct)
    {
        db.Set<BankFileDownload>().Add(BankFileDownload.Record(batchId, format, fileName, sha256, userId, clock.GetUtcNow().UtcDateTime));
        await db.SaveChangesAsync(ct);
    }
}
