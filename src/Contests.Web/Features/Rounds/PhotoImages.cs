using Contests.Core.Common;
using Contests.Core.Rounds;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Formats;
using SixLabors.ImageSharp.Formats.Jpeg;
using SixLabors.ImageSharp.Formats.Png;
using SixLabors.ImageSharp.Formats.Webp;
using SixLabors.ImageSharp.PixelFormats;
using SixLabors.ImageSharp.Processing;

namespace Contests.Web.Features.Rounds;

/// <summary>A photo as it is stored: the decoded image re-encoded without metadata, and the copy for phones (JPEG).</summary>
public sealed record PhotoFiles(ImageInfo Info, byte[] Original, byte[] Phone);

/// <summary>
/// Decodes an uploaded photo (SixLabors.ImageSharp, fully managed) and writes what is stored and served:
/// the photo upright (its EXIF orientation applied) and without metadata — EXIF (the GPS position of a
/// family's home is personal data), IPTC, XMP, PNG text —, and a JPEG copy for phones of at most
/// <see cref="ImageCheck.PhoneMaxSide"/> px on its longest side and <see cref="ImageCheck.PhoneMaxBytes"/>.
/// The header is checked first (<see cref="ImageCheck.Inspect"/>): a file claiming more than
/// <see cref="ImageCheck.MaxPixels"/> is refused before a pixel is decoded.
/// </summary>
public static class PhotoImages
{
    /// <summary>Qualities tried in turn for the phone copy until it fits in <see cref="ImageCheck.PhoneMaxBytes"/>.</summary>
    private static readonly int[] PhoneQualities = [80, 70, 60, 50, 40];

    public static PhotoFiles? Process(byte[] data, string field, out DomainError? error)
    {
        ArgumentNullException.ThrowIfNull(data);
        var header = ImageCheck.Inspect(data, data.LongLength, field, out error);
        if (header is null)
        {
            return null;
        }
        Image<Rgba32> image;
        IImageFormat format;
        try
        {
            // What the decoder reads can differ from what the header check read: check its size again before decoding.
            var info = Image.Identify(data, out _);
            if (info is null)
            {
                error = new DomainError("Photo.Undecodable", field);
                return null;
            }
            if (ImageCheck.TooManyPixels(info.Width, info.Height, field) is { } tooMany)
            {
                error = tooMany;
                return null;
            }
            image = Image.Load<Rgba32>(data, out format);
        }
        catch (Exception e) when (e is ImageFormatException or InvalidImageContentException or UnknownImageFormatException or NotSupportedException)
        {
            error = new DomainError("Photo.Undecodable", field);
            return null;
        }
        using (image)
        {
            image.Mutate(x => x.AutoOrient());
            image.Metadata.ExifProfile = null;
            image.Metadata.IptcProfile = null;
            image.Metadata.XmpProfile = null;
            image.Metadata.GetPngMetadata().TextData.Clear();
            var original = Encode(image, format);
            var phone = Phone(image);
            return new PhotoFiles(header with { Width = image.Width, Height = image.Height }, original, phone);
        }
    }

    /// <summary>The JPEG copy for phones, from an image already stripped of its metadata.</summary>
    private static byte[] Phone(Image<Rgba32> image)
    {
        var (width, height) = ImageCheck.PhoneSize(image.Width, image.Height);
        using var small = image.Clone(x => x.Resize(width, height).BackgroundColor(Color.White));
        return JpegWithin(small, PhoneQualities, ImageCheck.PhoneMaxBytes);
    }

    /// <summary>Qualities tried in turn for the field copy until it fits in <see cref="ImageCheck.FieldMaxBytes"/>.</summary>
    private static readonly int[] FieldQualities = [60, 50, 40, 30];

    /// <summary>
    /// The field copy (what a juror's phone keeps to score without signal): a JPEG of at most <see cref="ImageCheck.FieldMaxSide"/>
    /// px on its longest side and <see cref="ImageCheck.FieldMaxBytes"/>, made from a stored copy (the phone copy, or the
    /// original of a photo stored before there was one), which is already upright and without metadata. Null when the
    /// stored bytes do not decode.
    /// </summary>
    public static byte[]? Field(byte[] stored)
    {
        ArgumentNullException.ThrowIfNull(stored);
        Image<Rgba32> image;
        try
        {
            image = Image.Load<Rgba32>(stored);
        }
        catch (Exception e) when (e is ImageFormatException or InvalidImageContentException or UnknownImageFormatException or NotSupportedException)
        {
            return null;
        }
        using (image)
        {
            var (width, height) = ImageCheck.FieldSize(image.Width, image.Height);
            image.Mutate(x => x.Resize(width, height).BackgroundColor(Color.White));
            image.Metadata.ExifProfile = null;
            image.Metadata.IptcProfile = null;
            image.Metadata.XmpProfile = null;
            return JpegWithin(image, FieldQualities, ImageCheck.FieldMaxBytes);
        }
    }

    /// <summary>
    /// A JPEG of <paramref name="image"/> in at most <paramref name="maxBytes"/>: each quality in turn, then, still too heavy
    /// (a photo of pure noise), the image halved at the lowest quality until it fits (the image is changed).
    /// </summary>
    private static byte[] JpegWithin(Image image, int[] qualities, int maxBytes)
    {
        byte[] bytes = [];
        foreach (var quality in qualities)
        {
            bytes = Jpeg(image, quality);
            if (bytes.Length <= maxBytes)
            {
                return bytes;
            }
        }
        while (bytes.Length > maxBytes && image.Width > 16 && image.Height > 16)
        {
            image.Mutate(x => x.Resize(image.Width / 2, image.Height / 2));
            bytes = Jpeg(image, qualities[^1]);
        }
        return bytes;
    }

    private static byte[] Jpeg(Image image, int quality)
    {
        using var output = new MemoryStream();
        image.Save(output, new JpegEncoder { Quality = quality });
        return output.ToArray();
    }

    private static byte[] Encode(Image image, IImageFormat format)
    {
        using var output = new MemoryStream();
        IImageEncoder encoder = format switch
        {
            PngFormat => new PngEncoder(),
            WebpFormat => new WebpEncoder { Quality = 90 },
            _ => new JpegEncoder { Quality = 90 },
        };
        image.Save(output, encoder);
        return output.ToArray();
    }
}
