using System.Buffers.Binary;
using Contests.Core.Common;

namespace Contests.Core.Rounds;

/// <summary>What a photo really is, read from its bytes.</summary>
public sealed record ImageInfo(string ContentType, string Extension, int Width, int Height);

/// <summary>
/// Accepts JPEG, PNG and WebP photos by their content, never by their name: the file's structure is
/// read far enough to find its dimensions, so a PDF or a text file renamed ".jpg" is refused, and so is
/// an image cut short by a dropped connection.
/// </summary>
public static class ImageCheck
{
    /// <summary>Photos from phones are 2–8 MB; 10 MB leaves room and keeps uploads over rural links bearable.</summary>
    public const long MaxBytes = 10 * 1024 * 1024;
    public const int MaxSide = 20_000;

    /// <summary>
    /// 40 megapixels: more than any phone's camera; decoding one takes up to 160 MB. A file claiming more (a
    /// 74-byte PNG can claim 20000 × 20000) is refused before it is decoded.
    /// </summary>
    public const long MaxPixels = 40_000_000;

    /// <summary>The copy served to phones: at most this many pixels on its longest side…</summary>
    public const int PhoneMaxSide = 1280;

    /// <summary>…and at most this many bytes (rural mobile links).</summary>
    public const int PhoneMaxBytes = 200 * 1024;

    /// <summary>
    /// The copy a juror's phone keeps for scoring without signal ("Preparar para el campo"): at most this many pixels on its
    /// longest side… (a pack of 20 sheets with photos must stay within 1.5 MB and come over a 400 kbps line in a minute).
    /// </summary>
    public const int FieldMaxSide = 640;

    /// <summary>…and at most this many bytes.</summary>
    public const int FieldMaxBytes = 60 * 1024;

    /// <summary>What a field pack may spend on photos: its 1.5 MB less what the sheets themselves weigh (≈ 240 KB for 22).</summary>
    public const int FieldPackPhotoBytes = 1300 * 1024;

    /// <summary>
    /// How many photos of each sheet a field pack of <paramref name="sheets"/> sheets keeps (the first ones): as many as fit
    /// <see cref="FieldPackPhotoBytes"/> at the field copy's ceiling, and always one — an entry may hold several photos, and
    /// 20 sheets with all of theirs would not come over a slow line in a minute. The sheet online shows them all.
    /// </summary>
    public static int FieldPhotosPerSheet(int sheets) => sheets <= 0 ? 0 : Math.Max(1, FieldPackPhotoBytes / (FieldMaxBytes * sheets));

    public static ImageInfo? Inspect(ReadOnlySpan<byte> data, long length, string field, out DomainError? error)
    {
        error = null;
        if (length > MaxBytes)
        {
            error = TooLarge(length, field);
            return null;
        }
        var info = Png(data) ?? Jpeg(data) ?? WebP(data);
        if (info is null || info.Width is <= 0 or > MaxSide || info.Height is <= 0 or > MaxSide)
        {
            error = new DomainError("Photo.NotAnImage", field);
            return null;
        }
        return TooManyPixels(info.Width, info.Height, field) is { } tooMany ? Fail(tooMany, out error) : info;
    }

    /// <summary>The refusal of an image over <see cref="MaxPixels"/>, with its size and the limit in megapixels; null when within.</summary>
    public static DomainError? TooManyPixels(int width, int height, string field) =>
        (long)width * height > MaxPixels
            ? new DomainError("Photo.TooManyPixels", field, width, height, new Number(Math.Round((long)width * height / 1_000_000m, 1)), MaxPixels / 1_000_000)
            : null;

    /// <summary>The size of the copy served to phones: the longest side at most <see cref="PhoneMaxSide"/>, proportions kept.</summary>
    public static (int Width, int Height) PhoneSize(int width, int height) => Fit(width, height, PhoneMaxSide);

    /// <summary>The size of the field copy: the longest side at most <see cref="FieldMaxSide"/>, proportions kept.</summary>
    public static (int Width, int Height) FieldSize(int width, int height) => Fit(width, height, FieldMaxSide);

    private static (int Width, int Height) Fit(int width, int height, int maxSide)
    {
        var longest = Math.Max(width, height);
        if (longest <= maxSide)
        {
            return (width, height);
        }
        return (Math.Max(1, (int)Math.Round((double)width * maxSide / longest)), Math.Max(1, (int)Math.Round((double)height * maxSide / longest)));
    }

    private static ImageInfo? Fail(DomainError error, out DomainError? result)
    {
        result = error;
        return null;
    }

    /// <summary>The refusal of a file over the limit, stating both sizes in MB (checked before reading a byte of it).</summary>
    public static DomainError TooLarge(long length, string field) =>
        new("Photo.TooLarge", field, new Number(Math.Round(length / 1024m / 1024m, 1)), MaxBytes / 1024 / 1024);

    private static ImageInfo? Png(ReadOnlySpan<byte> d)
    {
        ReadOnlySpan<byte> signature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];
        ReadOnlySpan<byte> end = [0, 0, 0, 0, 0x49, 0x45, 0x4E, 0x44, 0xAE, 0x42, 0x60, 0x82];
        if (d.Length < 45 || !d[..8].SequenceEqual(signature) || !d.Slice(12, 4).SequenceEqual("IHDR"u8) || !d[^12..].SequenceEqual(end))
        {
            return null;
        }
        return new ImageInfo("image/png", ".png", BinaryPrimitives.ReadInt32BigEndian(d.Slice(16, 4)), BinaryPrimitives.ReadInt32BigEndian(d.Slice(20, 4)));
    }

    private static ImageInfo? Jpeg(ReadOnlySpan<byte> d)
    {
        if (d.Length < 4 || d[0] != 0xFF || d[1] != 0xD8)
        {
            return null;
        }
        var i = 2;
        int? width = null, height = null;
        while (i + 4 <= d.Length)
        {
            if (d[i] != 0xFF)
            {
                return null;
            }
            var marker = d[i + 1];
            if (marker == 0xFF)
            {
                i++;
                continue;
            }
            var length = BinaryPrimitives.ReadUInt16BigEndian(d.Slice(i + 2, 2));
            if (length < 2 || i + 2 + length > d.Length)
            {
                return null;
            }
            var startOfFrame = marker is >= 0xC0 and <= 0xCF and not 0xC4 and not 0xC8 and not 0xCC;
            if (startOfFrame && length >= 7)
            {
                height = BinaryPrimitives.ReadUInt16BigEndian(d.Slice(i + 5, 2));
                width = BinaryPrimitives.ReadUInt16BigEndian(d.Slice(i + 7, 2));
            }
            if (marker == 0xDA)
            {
                // Start of scan: the compressed image follows; it must end with the end-of-image marker
                // (some phones append a trailer after it, so look near the end rather than at the last bytes).
                var tail = d[Math.Max(i, d.Length - 4096)..];
                return width is { } w && height is { } h && tail.IndexOf([(byte)0xFF, (byte)0xD9]) >= 0
                    ? new ImageInfo("image/jpeg", ".jpg", w, h) : null;
            }
            i += 2 + length;
        }
        return null;
    }

    private static ImageInfo? WebP(ReadOnlySpan<byte> d)
    {
        if (d.Length < 30 || !d[..4].SequenceEqual("RIFF"u8) || !d.Slice(8, 4).SequenceEqual("WEBP"u8)
            || (long)BinaryPrimitives.ReadUInt32LittleEndian(d.Slice(4, 4)) + 8 > d.Length)
        {
            return null;
        }
        var chunk = d.Slice(12, 4);
        if (chunk.SequenceEqual("VP8X"u8))
        {
            return new ImageInfo("image/webp", ".webp", 1 + Read24(d[24..]), 1 + Read24(d[27..]));
        }
        if (chunk.SequenceEqual("VP8L"u8) && d[20] == 0x2F)
        {
            var bits = BinaryPrimitives.ReadUInt32LittleEndian(d.Slice(21, 4));
            return new ImageInfo("image/webp", ".webp", 1 + (int)(bits & 0x3FFF), 1 + (int)((bits >> 14) & 0x3FFF));
        }
        if (chunk.SequenceEqual("VP8 "u8) && d[23] == 0x9D && d[24] == 0x01 && d[25] == 0x2A)
        {
            return new ImageInfo("image/webp", ".webp", BinaryPrimitives.ReadUInt16LittleEndian(d.Slice(26, 2)) & 0x3FFF,
                BinaryPrimitives.ReadUInt16LittleEndian(d.Slice(28, 2)) & 0x3FFF);
        }
        return null;
    }

    private static int Read24(ReadOnlySpan<byte> d) => d[0] | (d[1] << 8) | (d[2] << 16);
}
