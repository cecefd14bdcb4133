using Contests.Core.Common;
using Contests.Core.Rounds;

namespace Contests.Core.Monitoring;

/// <summary>
/// A photo taken at a follow-up visit (the "after" of the baseline's photos): stored like them, outside the database,
/// named by its SHA-256 and checked against it — the decoded image without its metadata, and a JPEG copy for phones.
/// </summary>
public sealed class FollowUpPhoto
{
    /// <summary>Photos per visit, as many as an entry's baseline may have.</summary>
    public const int MaxPerVisit = BaselinePhoto.MaxPerEntry;

    private FollowUpPhoto()
    {
        FileName = string.Empty;
        ContentType = string.Empty;
        Sha256 = string.Empty;
        PhoneSha256 = string.Empty;
    }

    public int Id { get; private set; }

    public int VisitId { get; private set; }

    /// <summary>The name the file had on the uploader's device (shown, never used as a path).</summary>
    public string FileName { get; private set; }

    public string ContentType { get; private set; }

    public long Bytes { get; private set; }

    public int Width { get; private set; }

    public int Height { get; private set; }

    /// <summary>Lower-case hex of the stored file (the photo re-encoded without metadata); also its name.</summary>
    public string Sha256 { get; private set; }

    /// <summary>Lower-case hex of the copy served to phones.</summary>
    public string PhoneSha256 { get; private set; }

    public DateTime UploadedUtc { get; private set; }

    public int UploadedByUserId { get; private set; }

    public static FollowUpPhoto Create(string fileName, ImageInfo image, long bytes, string sha256, string phoneSha256, int userId, DateTime nowUtc)
    {
        ArgumentNullException.ThrowIfNull(image);
        var name = Text.Clean(Path.GetFileName(fileName)) ?? "foto";
        return new FollowUpPhoto
        {
            FileName = name.Length > BaselinePhoto.FileNameMaxLength ? name[..BaselinePhoto.FileNameMaxLength] : name,
            ContentType = image.ContentType,
            Bytes = bytes,
            Width = image.Width,
            Height = image.Height,
            Sha256 = sha256,
            PhoneSha256 = phoneSha256,
            UploadedUtc = nowUtc,
            UploadedByUserId = userId,
        };
    }
}
