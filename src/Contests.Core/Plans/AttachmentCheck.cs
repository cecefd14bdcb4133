using Contests.Core.Common;
using Contests.Core.Rounds;

namespace Contests.Core.Plans;

/// <summary>What an attached file really is, read from its bytes.</summary>
public sealed record AttachmentType(string ContentType, string Extension);

/// <summary>
/// Accepts a PDF, a JPEG or a PNG by its content, never by its name: a PDF starts with <c>%PDF-</c> and ends with
/// <c>%%EOF</c> (so one cut short by a dropped connection is refused); a photo is read by <see cref="ImageCheck"/>, the
/// same check (and the same size and pixel limits) as the entries' photos.
/// </summary>
public static class AttachmentCheck
{
    /// <summary>The same ceiling as a photo's: a scanned report or a phone's photo fits, uploads over rural links stay bearable.</summary>
    public const long MaxBytes = ImageCheck.MaxBytes;

    /// <summary>Writers may add comments or an incremental update after the last <c>%%EOF</c>; look for it near the end.</summary>
    private const int EofWindow = 1024;

    public static AttachmentType? Inspect(ReadOnlySpan<byte> data, long length, string field, out DomainError? error)
    {
        error = null;
        if (length > MaxBytes)
        {
            error = TooLarge(length, field);
            return null;
        }
        if (data.StartsWith("%PDF-"u8))
        {
            if (data[Math.Max(0, data.Length - EofWindow)..].IndexOf("%%EOF"u8) >= 0)
            {
                return new AttachmentType("application/pdf", ".pdf");
            }
            error = new DomainError("Attachment.WrongType", field);
            return null;
        }
        var image = ImageCheck.Inspect(data, length, field, out var imageError);
        if (image is { ContentType: "image/jpeg" or "image/png" })
        {
            return new AttachmentType(image.ContentType, image.Extension);
        }
        // A real image too large to decode keeps its own message; anything else (WebP included) is the wrong type.
        error = imageError is { Code: "Photo.TooManyPixels" } ? imageError : new DomainError("Attachment.WrongType", field);
        return null;
    }

    /// <summary>The extension a stored file of <paramref name="contentType"/> is kept under.</summary>
    public static string ExtensionOf(string contentType) => contentType switch
    {
        "application/pdf" => ".pdf",
        "image/png" => ".png",
        _ => ".jpg",
    };

    /// <summary>The refusal of a file over the limit, stating both sizes in MB (checked before reading a byte of it).</summary>
    public static DomainError TooLarge(long length, string field) =>
        new("Attachment.TooLarge", field, new Number(Math.Round(length / 1024m / 1024m, 1)), MaxBytes / 1024 / 1024);
}
