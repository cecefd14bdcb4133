using Contests.Core.Rounds;
using Contests.Web.Features.Rounds;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace Contests.Web.Tests.Rounds;

/// <summary>The field copy of a photo (<see cref="PhotoImages.Field"/>), what a juror's phone keeps to score without signal.</summary>
public sealed class PhotoImagesTests
{
    /// <summary>A detailed 4-megapixel photo (gradients under fine noise: foliage, soil), as JPEG compresses it worst.</summary>
    private static byte[] DetailedJpeg(int width, int height)
    {
        var random = new Random(7);
        using var image = new Image<Rgb24>(width, height);
        image.ProcessPixelRows(rows =>
        {
            for (var y = 0; y < rows.Height; y++)
            {
                var row = rows.GetRowSpan(y);
                for (var x = 0; x < row.Length; x++)
                {
                    var n = random.Next(-40, 40);
                    row[x] = new Rgb24((byte)Math.Clamp(70 + (x * 100 / width) + n, 0, 255), (byte)Math.Clamp(110 + (y * 90 / height) + n, 0, 255), (byte)Math.Clamp(60 + n, 0, 255));
                }
            }
        });
        using var output = new MemoryStream();
        image.SaveAsJpeg(output, new SixLabors.ImageSharp.Formats.Jpeg.JpegEncoder { Quality = 90 });
        return output.ToArray();
    }

    [Fact]
    public void Field_OfABigDetailedPhoto_IsWithinTheBytesBudget_AndKeepsItsProportions()
    {
        var stored = PhotoImages.Process(DetailedJpeg(1800, 2400), "Photo", out var error);
        Assert.Null(error);

        var field = PhotoImages.Field(stored!.Phone)!;

        Assert.True(field.Length <= ImageCheck.FieldMaxBytes, $"{field.Length} bytes: over {ImageCheck.FieldMaxBytes}.");
        Assert.True(stored.Phone.Length > ImageCheck.FieldMaxBytes, "The phone copy of this photo is heavier than the field budget (the point of the test).");
        var info = Image.Identify(field);
        Assert.Equal((480, 640, "image/jpeg"), (info.Width, info.Height, Image.DetectFormat(field).DefaultMimeType));
    }

    [Fact]
    public void Field_OfBytesThatAreNoImage_IsNull() => Assert.Null(PhotoImages.Field([1, 2, 3, 4]));
}
