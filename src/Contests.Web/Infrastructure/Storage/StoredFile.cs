namespace Contests.Web.Infrastructure.Storage;

/// <summary>
/// A file kept in the database (<c>Storage:Kind=Database</c>), under the same relative key it would have under
/// <c>Storage:Path</c> (<c>documents/ab/&lt;sha256&gt;.pdf</c>, <c>bank-files/lote-000042.xml</c>…): every instance reads
/// what any instance wrote, and one <c>pg_dump</c> holds the files with the rows that name them. Written and read only by
/// <see cref="Features.Rounds.FileStore"/>; the rows that name a file are audited, the bytes are not.
/// </summary>
public sealed class StoredFile
{
    public const int KeyMaxLength = 200;

    public const int ContentTypeMaxLength = 100;

    private StoredFile()
    {
    }

    public string Key { get; private set; } = "";

    public byte[] Content { get; private set; } = [];

    public string ContentType { get; private set; } = "";

    public long Size { get; private set; }

    public string Sha256 { get; private set; } = "";

    public DateTime CreatedUtc { get; private set; }
}
