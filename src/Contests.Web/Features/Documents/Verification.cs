using Contests.Core.Documents;
using Contests.Web.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Contests.Web.Features.Documents;

public enum VerifyOutcome
{
    Valid,
    Void,

    /// <summary>Not a code this server made, or no document has it.</summary>
    Unknown,
}

/// <summary>What the public verification page says: only the document's published facts (no DNI, no account, no reason text).</summary>
public sealed record VerificationPage(string Typed, VerifyOutcome Outcome, string? Number, DocumentKind? Kind, string? Title, string? Holder,
    IReadOnlyList<DocumentFact> Facts, DateTime? IssuedUtc, DateTime? VoidedUtc, string? ReplacedBy);

/// <summary>
/// The public check of a printed document: the code's signature is checked with the server's key first (a made-up
/// code is refused without a lookup), then the document is read by its id. A voided document answers "void", with
/// the number of the one that replaced it when there is one.
/// </summary>
public sealed class Verification(ContestsDbContext db, VerificationKeys keys)
{
    public async Task<VerificationPage> CheckAsync(string? code, CancellationToken ct)
    {
        var typed = code?.Trim() ?? string.Empty;
        var id = VerificationCode.Verify(typed, await keys.GetAsync(ct));
        var document = id is null ? null : await db.Documents.AsNoTracking().SingleOrDefaultAsync(d => d.Code == id, ct);
        if (document is null)
        {
            return new VerificationPage(typed, VerifyOutcome.Unknown, null, null, null, null, [], null, null, null);
        }
        var replacedBy = document.Valid ? null
            : await db.Documents.AsNoTracking().Where(d => d.ReplacesId == document.Id).Select(d => d.Number).SingleOrDefaultAsync(ct);
        return new VerificationPage(typed, document.Valid ? VerifyOutcome.Valid : VerifyOutcome.Void, document.Number, document.Kind, document.Title,
            document.Holder, document.Facts, document.IssuedUtc, document.VoidedUtc, replacedBy);
    }
}
