using System.Buffers.Binary;
using System.Text;
using Contests.Core.Common;
using Contests.Core.Rounds;

namespace Contests.Core.Tests.Rounds;

public sealed class ImageCheckTests
{
    private const string Field = "Photo";

    private static (ImageInfo? Info, DomainError? Error) Inspect(byte[] data, long? length = null)
    {
        var info = ImageCheck.Inspect(data, length ?? data.Length, Field, out var error);
        return (info, error);
    }

    private static byte[] BigEndian32(int value)
    {
        var bytes = new byte[4];
        BinaryPrimitives.WriteInt32BigEndian(bytes, value);
        return bytes;
    }

    private static byte[] BigEndian16(int value) => [(byte)(value >> 8), (byte)value];

    private static byte[] LittleEndian32(uint value)
    {
        var bytes = new byte[4];
        BinaryPrimitives.WriteUInt32LittleEndian(bytes, value);
        return bytes;
    }

    private static uint Crc32(ReadOnlySpan<byte> data)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in data)
        {
            crc ^= b;
            for (var k = 0; k < 8; k++)
            {
                crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB88320u : crc >> 1;
            }
        }
        return ~crc;
    }

    private static byte[] PngChunk(string type, byte[] data)
    {
        byte[] typeAndData = [.. Encoding.ASCII.GetBytes(type), .. data];
        return [.. BigEndian32(data.Length), .. typeAndData, .. BigEndian32(unchecked((int)Crc32(typeAndData)))];
    }

    /// <summary>Signature, IHDR (8-bit RGB), a small IDAT and IEND.</summary>
    internal static byte[] Png(int width, int height) =>
    [
        0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A,
        .. PngChunk("IHDR", [.. BigEndian32(width), .. BigEndian32(height), 8, 2, 0, 0, 0]),
        .. PngChunk("IDAT", [0x78, 0x9C, 0x63, 0x60, 0x60, 0x60, 0x00, 0x00, 0x00, 0x04, 0x00, 0x01]),
        .. PngChunk("IEND", []),
    ];

    /// <summary>SOI, APP0 (JFIF), SOF (length 17, three components), SOS (length 12), some scan bytes, then EOI.</summary>
    internal static byte[] Jpeg(int width, int height, byte frame = 0xC0, byte[]? beforeFrame = null) =>
    [
        0xFF, 0xD8,
        0xFF, 0xE0, 0x00, 0x10, (byte)'J', (byte)'F', (byte)'I', (byte)'F', 0x00, 0x01, 0x01, 0x00, 0x00, 0x48, 0x00, 0x48, 0x00, 0x00,
        .. beforeFrame ?? [],
        0xFF, frame, 0x00, 0x11, 0x08, .. BigEndian16(height), .. BigEndian16(width), 0x03, 0x01, 0x22, 0x00, 0x02, 0x11, 0x01, 0x03, 0x11, 0x01,
        0xFF, 0xDA, 0x00, 0x0C, 0x03, 0x01, 0x00, 0x02, 0x11, 0x03, 0x11, 0x00, 0x3F, 0x00,
        0x12, 0x34, 0xFF, 0x00, 0x56, 0x78, 0x9A,
        0xFF, 0xD9,
    ];

    private static byte[] Riff(string chunk, byte[] payload, uint? declaredSize = null)
    {
        byte[] body = [.. Encoding.ASCII.GetBytes("WEBP"), .. Encoding.ASCII.GetBytes(chunk), .. LittleEndian32((uint)payload.Length), .. payload];
        return [.. Encoding.ASCII.GetBytes("RIFF"), .. LittleEndian32(declaredSize ?? (uint)body.Length), .. body];
    }

    /// <summary>Extended WebP: flags, then width − 1 and height − 1 in 24 bits each.</summary>
    private static byte[] WebPExtended(int width, int height, uint? declaredSize = null) =>
        Riff("VP8X", [0x10, 0, 0, 0, (byte)(width - 1), (byte)((width - 1) >> 8), (byte)((width - 1) >> 16),
            (byte)(height - 1), (byte)((height - 1) >> 8), (byte)((height - 1) >> 16)], declaredSize);

    /// <summary>Lossless WebP: signature 0x2F, then width − 1 and height − 1 in 14 bits each.</summary>
    internal static byte[] WebPLossless(int width, int height)
    {
        var bits = (uint)(width - 1) | ((uint)(height - 1) << 14);
        return Riff("VP8L", [0x2F, .. LittleEndian32(bits), 0, 0, 0, 0, 0]);
    }

    /// <summary>Lossy WebP: frame tag, start code 9D 01 2A, then 14-bit width and height (top two bits are scaling).</summary>
    private static byte[] WebPLossy(int width, int height, int scaleBits = 0) =>
        Riff("VP8 ", [0x50, 0x02, 0x00, 0x9D, 0x01, 0x2A,
            (byte)width, (byte)((width >> 8) | (scaleBits << 6)), (byte)height, (byte)((height >> 8) | (scaleBits << 6))]);

    [Fact]
    public void Png_ReadsItsSize()
    {
        var (info, error) = Inspect(Png(1024, 768));

        Assert.Null(error);
        Assert.Equal(new ImageInfo("image/png", ".png", 1024, 768), info);
    }

    [Fact]
    public void Png_TheGeneratedEndChunk_IsTheStandardOne() =>
        Assert.Equal([0, 0, 0, 0, 0x49, 0x45, 0x4E, 0x44, 0xAE, 0x42, 0x60, 0x82], PngChunk("IEND", []));

    [Fact]
    public void Png_CutShort_IsNotAnImage()
    {
        var png = Png(1024, 768);

        var (info, error) = Inspect(png[..^12]);

        Assert.Null(info);
        Assert.Equal(("Photo.NotAnImage", Field), (error!.Code, error.Field));
        Assert.Null(Inspect(png[..^1]).Info);
    }

    [Fact]
    public void Png_WithoutHeaderChunkFirst_IsNotAnImage()
    {
        var png = Png(1024, 768);
        Encoding.ASCII.GetBytes("tEXt").CopyTo(png, 12);

        Assert.Equal("Photo.NotAnImage", Inspect(png).Error!.Code);
    }

    [Theory]
    [InlineData(0, 768)]
    [InlineData(1024, 0)]
    [InlineData(-1, 768)]
    [InlineData(ImageCheck.MaxSide + 1, 768)]
    public void Png_ImpossibleSize_IsNotAnImage(int width, int height) =>
        Assert.Equal("Photo.NotAnImage", Inspect(Png(width, height)).Error!.Code);

    [Fact]
    public void Png_AtTheLargestSide_WithinTheMegapixels_IsAccepted() =>
        Assert.Equal(ImageCheck.MaxSide, Inspect(Png(ImageCheck.MaxSide, (int)(ImageCheck.MaxPixels / ImageCheck.MaxSide))).Info!.Width);

    [Fact]
    public void Jpeg_ReadsItsSizeFromTheFrameHeader()
    {
        var (info, error) = Inspect(Jpeg(4000, 3000));

        Assert.Null(error);
        Assert.Equal(new ImageInfo("image/jpeg", ".jpg", 4000, 3000), info);
    }

    [Fact]
    public void Jpeg_Progressive_IsAccepted()
    {
        var info = Inspect(Jpeg(1600, 1200, frame: 0xC2)).Info;

        Assert.Equal((1600, 1200), (info!.Width, info.Height));
    }

    [Fact]
    public void Jpeg_HuffmanTableBeforeTheFrame_IsNotTakenForTheSize()
    {
        byte[] table = [0xFF, 0xC4, 0x00, 0x07, 0x00, 0x0A, 0x0B, 0x0C, 0x0D];

        var info = Inspect(Jpeg(640, 480, beforeFrame: table)).Info;

        Assert.Equal((640, 480), (info!.Width, info.Height));
    }

    [Fact]
    public void Jpeg_WithATrailerAfterTheEnd_IsAccepted()
    {
        byte[] withTrailer = [.. Jpeg(640, 480), .. Encoding.ASCII.GetBytes("phone maker trailer")];

        Assert.Equal("image/jpeg", Inspect(withTrailer).Info!.ContentType);
    }

    [Fact]
    public void Jpeg_WithoutEndOfImage_IsNotAnImage()
    {
        var (info, error) = Inspect(Jpeg(4000, 3000)[..^2]);

        Assert.Null(info);
        Assert.Equal(("Photo.NotAnImage", Field), (error!.Code, error.Field));
    }

    [Fact]
    public void Jpeg_CutInsideAHeader_IsNotAnImage() =>
        Assert.Equal("Photo.NotAnImage", Inspect(Jpeg(4000, 3000)[..24]).Error!.Code);

    [Fact]
    public void WebP_Extended_ReadsItsSize()
    {
        var (info, error) = Inspect(WebPExtended(4032, 3024));

        Assert.Null(error);
        Assert.Equal(new ImageInfo("image/webp", ".webp", 4032, 3024), info);
    }

    [Fact]
    public void WebP_Lossless_ReadsItsSize() =>
        Assert.Equal(new ImageInfo("image/webp", ".webp", 800, 600), Inspect(WebPLossless(800, 600)).Info);

    [Fact]
    public void WebP_Lossy_ReadsItsSize_IgnoringTheScaleBits()
    {
        Assert.Equal(new ImageInfo("image/webp", ".webp", 1920, 1080), Inspect(WebPLossy(1920, 1080)).Info);
        Assert.Equal(new ImageInfo("image/webp", ".webp", 1920, 1080), Inspect(WebPLossy(1920, 1080, scaleBits: 3)).Info);
    }

    [Fact]
    public void WebP_DeclaringMoreBytesThanItHas_IsNotAnImage()
    {
        var webp = WebPExtended(4032, 3024);

        var (info, error) = Inspect(WebPExtended(4032, 3024, declaredSize: (uint)webp.Length - 8 + 1));

        Assert.Null(info);
        Assert.Equal("Photo.NotAnImage", error!.Code);
        Assert.NotNull(Inspect(WebPExtended(4032, 3024, declaredSize: (uint)webp.Length - 8)).Info);
    }

    [Fact]
    public void WebP_DeclaringAHugeSize_IsNotAnImage() =>
        Assert.Equal("Photo.NotAnImage", Inspect(WebPExtended(4032, 3024, declaredSize: uint.MaxValue)).Error?.Code);

    [Fact]
    public void WebP_UnknownChunk_IsNotAnImage()
    {
        var webp = WebPExtended(4032, 3024);
        Encoding.ASCII.GetBytes("ALPH").CopyTo(webp, 12);

        Assert.Equal("Photo.NotAnImage", Inspect(webp).Error!.Code);
    }

    [Fact]
    public void Pdf_IsNotAnImage_WhateverItIsCalled()
    {
        var pdf = Encoding.Latin1.GetBytes("%PDF-1.7\n%\u00e2\u00e3\u00cf\u00d3\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n");

        var (info, error) = Inspect(pdf);

        Assert.Null(info);
        Assert.Equal(("Photo.NotAnImage", Field), (error!.Code, error.Field));
    }

    [Theory]
    [InlineData("")]
    [InlineData("Hola, esta es la foto de la cocina mejorada de la familia Quispe.")]
    [InlineData("RIFF....WEBPVP8X but only text from here on, nothing more")]
    public void TextOrEmpty_IsNotAnImage(string text) =>
        Assert.Equal("Photo.NotAnImage", Inspect(Encoding.UTF8.GetBytes(text)).Error!.Code);

    [Fact]
    public void OverTheLimit_IsTooLarge_WithSizeAndLimitInMegabytes()
    {
        var (info, error) = Inspect(Png(1024, 768), length: 20 * 1024 * 1024);

        Assert.Null(info);
        Assert.Equal(("Photo.TooLarge", Field), (error!.Code, error.Field));
        Assert.Equal((20.0m, 10L), (((Number)error.Arguments[0]).Value, (long)error.Arguments[1]));
    }

    [Fact]
    public void AtTheLimit_IsAccepted_AndOneByteMoreIsNot()
    {
        Assert.NotNull(Inspect(Png(1024, 768), length: ImageCheck.MaxBytes).Info);
        Assert.Equal("Photo.TooLarge", Inspect(Png(1024, 768), length: ImageCheck.MaxBytes + 1).Error!.Code);
    }

    [Fact]
    public void SizeInMegabytes_IsRoundedToOneDecimal() =>
        Assert.Equal(12.3m, ((Number)Inspect([], length: (long)(12.34m * 1024 * 1024)).Error!.Arguments[0]).Value);

    [Fact]
    public void Png_ClaimingMoreThan40Megapixels_IsRefusedWithItsSizeAndTheLimit()
    {
        var (info, error) = Inspect(Png(20_000, 20_000));

        Assert.Null(info);
        Assert.Equal(("Photo.TooManyPixels", Field), (error!.Code, error.Field));
        Assert.Equal(20_000, error.Arguments[0]);
        Assert.Equal(20_000, error.Arguments[1]);
        Assert.Equal(400m, ((Number)error.Arguments[2]).Value);
        Assert.Equal(40L, error.Arguments[3]);
    }

    [Fact]
    public void Jpeg_Of40MegapixelsExactly_IsAccepted_OneRowMore_IsNot()
    {
        Assert.Null(Inspect(Jpeg(8_000, 5_000)).Error);
        Assert.Equal("Photo.TooManyPixels", Inspect(Jpeg(8_000, 5_001)).Error!.Code);
    }

    [Theory]
    [InlineData(4000, 3000, 1280, 960)]
    [InlineData(3000, 4000, 960, 1280)]
    [InlineData(1280, 20, 1280, 20)]
    [InlineData(800, 600, 800, 600)]
    [InlineData(20_000, 10, 1280, 1)]
    public void PhoneSize_KeepsProportions_LongestSideAtMost1280(int width, int height, int phoneWidth, int phoneHeight) =>
        Assert.Equal((phoneWidth, phoneHeight), ImageCheck.PhoneSize(width, height));

    [Theory]
    [InlineData(4000, 3000, 640, 480)]
    [InlineData(1280, 960, 640, 480)]
    [InlineData(3000, 4000, 480, 640)]
    [InlineData(640, 200, 640, 200)]
    [InlineData(20_000, 10, 640, 1)]
    public void FieldSize_KeepsProportions_LongestSideAtMost640(int width, int height, int fieldWidth, int fieldHeight) =>
        Assert.Equal((fieldWidth, fieldHeight), ImageCheck.FieldSize(width, height));

    [Theory]
    [InlineData(0, 0)]
    [InlineData(1, 21)]
    [InlineData(5, 4)]
    [InlineData(10, 2)]
    [InlineData(11, 1)]
    [InlineData(22, 1)]
    [InlineData(300, 1)]
    public void FieldPhotosPerSheet_FitThePacksPhotoBudget_AtLeastOne(int sheets, int photos)
    {
        Assert.Equal(photos, ImageCheck.FieldPhotosPerSheet(sheets));
        if (photos > 0)
        {
            Assert.True(photos == 1 || sheets * photos * ImageCheck.FieldMaxBytes <= ImageCheck.FieldPackPhotoBytes);
            Assert.True(sheets * (photos + 1) * ImageCheck.FieldMaxBytes > ImageCheck.FieldPackPhotoBytes, "one more photo each would not fit");
        }
    }
}
