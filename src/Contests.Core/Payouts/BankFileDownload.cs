namespace Contests.Core.Payouts;

/// <summary>
/// One download of a payout batch's bank file (the pain.001 XML or the CSV: every beneficiary's account and CCI):
/// who took it, when, and which file (its name and SHA-256). Recorded in the download's own transaction, so the audit
/// trail holds every copy that left the system. Never changed.
/// </summary>
public sealed class BankFileDownload
{
    public const int FormatMaxLength = 8;
    public const int FileNameMaxLength = 64;

    private BankFileDownload()
    {
        Format = FileName = Sha256 = string.Empty;
    }

    public int Id { get; private set; }

    public int BatchId { get; private set; }

    /// <summary>"xml" (pain.001) or "csv".</summary>
    public string Format { get; private set; }

    /// <summary>The name it was served under ("lote-000042.xml").</summary>
    public string FileName { get; private set; }

    /// <summary>The SHA-256 of the bytes served (the batch's recorded checksum: only a matching file is served).</summary>
    public string Sha256 { get; private set; }

    public int UserId { get; private set; }

    public DateTime DownloadedUtc { get; private set; }

    public static BankFileDownload Record(int batchId, string format, string fileName, string sha256, int userId, DateTime nowUtc)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(format);
        ArgumentException.ThrowIfNullOrWhiteSpace(fileName);
        ArgumentException.ThrowIfNullOrWhiteSpace(sha256);
        if (format.Length > FormatMaxLength || fileName.Length > FileNameMaxLength)
        {
            throw new ArgumentException("A bank file's format or name is longer than recorded.", nameof(fileName));
        }
        return new BankFileDownload
        {
            BatchId = batchId,
            Format = format,
            FileName = fileName,
            Sha256 = sha256,
            UserId = userId,
            DownloadedUtc = nowUtc,
        };
    }
}
