using System.Security.Cryptography;
using Contests.Core.Documents;
using Contests.Web.Features.Rounds;
using Contests.Web.Infrastructure.Persistence;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Contests.Web.Features.Documents;

/// <summary><c>Documents:*</c>: where QR codes point, the verification key, and how big a pack's steps are.</summary>
public sealed class DocumentOptions
{
    public const string Section = "Documents";

    /// <summary>
    /// The public address printed in QR codes ("https://concursos.example.org"). Unset, the address the
    /// officer used when asking for the document is printed: set it when the app sits behind a proxy.
    /// </summary>
    public string? PublicBaseUrl { get; set; }

    /// <summary>
    /// The key that signs verification codes (base64, at least 32 bytes). Unset, one is made on first use and
    /// kept in the database, encrypted with the data-protection keys every instance shares.
    /// </summary>
    public string? VerificationKey { get; set; }

    /// <summary>
    /// How many certificates a pack issues per committed step (its progress and resume granularity). Each step has a
    /// fixed cost (its queries, the pack's progress and its audit record, the commit): 10,000 certificates in steps of 50
    /// paid it 200 times; in steps of 200, 50 times, and the bar still moves every few tenths of a second.
    /// </summary>
    public int PackStep { get; set; } = 200;

    /// <summary><see cref="PublicBaseUrl"/>, else the address <paramref name="request"/> came to (what QR codes print).</summary>
    public string BaseUrlFor(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return PublicBaseUrl is { Length: > 0 } configured ? configured : $"{request.Scheme}://{request.Host}{request.PathBase}";
    }
}

/// <summary>The verification key as stored when none is configured (one row, encrypted with data protection).</summary>
public sealed class DocumentKey
{
    public const int CurrentId = 1;

    public int Id { get; set; }

    public string ProtectedKey { get; set; } = string.Empty;

    public DateTime CreatedUtc { get; set; }
}

/// <summary>
/// The key that signs and checks verification codes: <c>Documents:VerificationKey</c> when set, else the one in
/// the database (made once: two instances starting together insert the same row, one wins, both read it).
/// </summary>
public sealed class VerificationKeys(IServiceScopeFactory scopes, IDataProtectionProvider protection, IOptions<DocumentOptions> options, TimeProvider clock)
    : IDisposable
{
    private const string Purpose = "Contests.Documents.VerificationKey";
    private readonly SemaphoreSlim _gate = new(1, 1);
    private byte[]? _key;

    public async Task<byte[]> GetAsync(CancellationToken ct)
    {
        if (_key is { } known)
        {
            return known;
        }
        await _gate.WaitAsync(ct);
        try
        {
            return _key ??= await LoadAsync(ct);
        }
        finally
        {
            _gate.Release();
        }
    }

    public void Dispose() => _gate.Dispose();

    /// <summary>A fresh document id (random) and its code signed with <paramref name="key"/>.</summary>
    public static (string Id, string Code) NewCode(ReadOnlySpan<byte> key)
    {
        var id = VerificationCode.NewId(RandomNumberGenerator.GetBytes(VerificationCode.IdBytes));
        return (id, VerificationCode.Sign(id, key));
    }

    /// <summary>A fresh document id and its code signed with the server's key.</summary>
    public async Task<(string Id, string Code)> NewCodeAsync(CancellationToken ct) => NewCode(await GetAsync(ct));

    private async Task<byte[]> LoadAsync(CancellationToken ct)
    {
        if (!string.IsNullOrWhiteSpace(options.Value.VerificationKey))
        {
            var configured = Convert.FromBase64String(options.Value.VerificationKey);
            return configured.Length >= VerificationCode.MinKeyBytes ? configured
                : throw new InvalidOperationException($"Documents:VerificationKey must hold at least {VerificationCode.MinKeyBytes} bytes (base64).");
        }
        var protector = protection.CreateProtector(Purpose);
        for (var attempt = 1; ; attempt++)
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<ContestsDbContext>();
            var stored = await db.DocumentKeys.AsNoTracking().SingleOrDefaultAsync(k => k.Id == DocumentKey.CurrentId, ct);
            if (stored is not null)
            {
                return Convert.FromBase64String(protector.Unprotect(stored.ProtectedKey));
            }
            var key = RandomNumberGenerator.GetBytes(VerificationCode.MinKeyBytes);
            db.DocumentKeys.Add(new DocumentKey
            {
                Id = DocumentKey.CurrentId, ProtectedKey = protector.Protect(Convert.ToBase64String(key)), CreatedUtc = clock.GetUtcNow().UtcDateTime,
            });
            try
            {
                await db.SaveChangesAsync(ct);
                return key;
            }
            catch (DbUpdateException) when (attempt < 3)
            {
                // Another instance stored its key first: read that one.
            }
        }
    }
}

/// <summary>
/// Documents' files in the <see cref="FileStore"/> (on disk or in the database, <c>Storage:Kind</c>): each PDF under
/// <c>documents/ab/&lt;sha256&gt;.pdf</c> (named by its content, written whole, read back only if it still matches), and
/// packs under <c>packs/</c>.
/// </summary>
public sealed class DocumentStore(FileStore files)
{
    public static string KeyOf(string sha256) => $"documents/{sha256[..2]}/{sha256}.pdf";

    public static string PackKeyOf(int packId, string extension) => FormattableString.Invariant($"packs/pack-{packId:000000}{extension}");

    /// <summary>Where the document's file lives on disk (with <c>Storage:Kind=Disk</c>).</summary>
    public string PathOf(string sha256) => files.PathOfKey(KeyOf(sha256));

    /// <summary>Where the pack's file lives on disk (with <c>Storage:Kind=Disk</c>).</summary>
    public string PackPathOf(int packId, string extension) => files.PathOfKey(PackKeyOf(packId, extension));

    public async Task<DocumentFile> SaveAsync(byte[] pdf, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(pdf);
        var sha = Convert.ToHexStringLower(SHA256.HashData(pdf));
        await files.WriteByKeyAsync(KeyOf(sha), pdf, ct);
        return new DocumentFile(sha, pdf.Length);
    }

    public Task<byte[]?> ReadAsync(string sha256, CancellationToken ct) => files.ReadCheckedByKeyAsync(KeyOf(sha256), sha256, ct);

    /// <summary>Stores a finished pack file (written to <paramref name="temp"/>) in its place and returns its checksum.</summary>
    public async Task<DocumentFile> KeepPackAsync(int packId, string extension, string temp, CancellationToken ct)
    {
        string sha;
        await using (var stream = File.OpenRead(temp))
        {
            sha = Convert.ToHexStringLower(await SHA256.HashDataAsync(stream, ct));
        }
        var size = new FileInfo(temp).Length;
        await files.KeepFileAsync(PackKeyOf(packId, extension), temp, ct);
        return new DocumentFile(sha, size);
    }

    /// <summary>A pack file opened for reading if it still matches its checksum; null when missing or changed.</summary>
    public Task<Stream?> OpenPackAsync(int packId, string extension, string? sha256, CancellationToken ct) =>
        files.OpenCheckedAsync(PackKeyOf(packId, extension), sha256, ct);

    /// <summary>A temporary file next to the packs (same disk, so the final move is a rename).</summary>
    public string NewTempPath()
    {
        var dir = Path.Combine(files.Root, "packs");
        Directory.CreateDirectory(dir);
        return Path.Combine(dir, Guid.NewGuid().ToString("N") + ".partial");
    }
}
