using System.Security.Cryptography;
using Contests.Core.Rounds;
using Contests.Web.Features.Rounds;
using Contests.Web.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;
using static Contests.Web.Demo.DemoCheck;

namespace Contests.Web.Demo;

/// <summary>
/// A "before" photo for each family of the round being judged (<see cref="DemoJudging.RoundName"/>), so that its jurors' sheets
/// and field packs carry photos as real ones do. The photos are drawn here — sky, hillside and plot with clods and leaves under fine grain, so JPEG
/// compresses them like a phone's photo, not to nothing; no third-party image — four scenes, made once per process and
/// stored as an upload stores them (<see cref="PhotoImages"/>: the original, the phone copy and the field copy).
/// </summary>
internal static class DemoPhotos
{
    private const int Width = 1600;
    private const int Height = 1200;

    private sealed record Scene(PhotoFiles Files, string Sha256, string PhoneSha256, byte[]? Field);

    private static readonly Lazy<IReadOnlyList<Scene>> Scenes = new(() => [.. Enumerable.Range(0, 4).Select(Draw)]);

    public static async Task SeedAsync(ContestsDbContext db, FileStore files, int officerId, CancellationToken ct)
    {
        var round = await db.Rounds.SingleOrDefaultAsync(r => r.Name == DemoJudging.RoundName, ct);
        if (round is null)
        {
            return;
        }
        var entries = await db.Entries.Include(e => e.Photos).Where(e => e.RoundId == round.Id).OrderBy(e => e.Number).ToListAsync(ct);
        if (entries.Count == 0 || entries.Exists(e => e.Photos.Count > 0))
        {
            return; // seeded before
        }
        foreach (var scene in Scenes.Value)
        {
            await files.SaveAsync(scene.Sha256, scene.Files.Info.Extension, scene.Files.Original, ct);
            await files.SaveAsync(scene.PhoneSha256, Baselines.PhoneExtension, scene.Files.Phone, ct);
            if (scene.Field is { } field)
            {
                await FileStore.WriteWholeAsync(files.PathOf(scene.PhoneSha256, Baselines.FieldExtension), field, ct);
            }
        }
        foreach (var entry in entries.Where(e => e.Status == EntryStatus.Registered))
        {
            var scene = Scenes.Value[entry.Number % Scenes.Value.Count];
            var photo = BaselinePhoto.Create($"chacra-{entry.Number}-antes.jpg", scene.Files.Info, scene.Files.Original.Length, scene.Sha256, officerId,
                entry.RegisteredUtc.AddDays(2), scene.PhoneSha256);
            Must(entry.AddPhoto(round.Phase, photo));
        }
        await db.SaveChangesAsync(ct);
    }

    /// <summary>A deterministic value in [-14, 14] for a block of pixels (an integer hash, so rows need no memory of each other).</summary>
    private static int Texture(int bx, int by, int n)
    {
        var h = unchecked((uint)((bx * 73_856_093) ^ (by * 19_349_663) ^ (n * 83_492_791)));
        h ^= h >> 13;
        h = unchecked(h * 0x5bd1e995);
        h ^= h >> 15;
        return (int)(h % 29) - 14;
    }

    /// <summary>A landscape: sky over a hillside and a plot in furrows, its colours shifted by <paramref name="n"/>, under grain.</summary>
    private static Scene Draw(int n)
    {
        var random = new Random(2026 + n);
        using var image = new Image<Rgb24>(Width, Height);
        image.ProcessPixelRows(rows =>
        {
            for (var y = 0; y < rows.Height; y++)
            {
                var row = rows.GetRowSpan(y);
                for (var x = 0; x < row.Length; x++)
                {
                    var ridge = (Height * 0.35) + (Math.Sin((x / 180.0) + n) * 90) + (Math.Sin(x / 37.0) * 12);
                    // Clods, leaves and stones a few pixels across (they survive the resizing into the copies), then grain.
                    var grain = Texture(x / 4, y / 4, n) + random.Next(-8, 9);
                    (int r, int g, int b) = y < ridge
                        ? (120 + (y * 80 / Height), 170 + (y * 60 / Height), 235 - (n * 10))
                        : ((y / 14) + (x / 90)) % 2 == 0
                            ? (110 + (n * 15), 85 + (y * 40 / Height), 50)
                            : (70, 120 + (n * 12) + (x * 40 / Width), 45);
                    row[x] = new Rgb24((byte)Math.Clamp(r + grain, 0, 255), (byte)Math.Clamp(g + grain, 0, 255), (byte)Math.Clamp(b + grain, 0, 255));
                }
            }
        });
        using var output = new MemoryStream();
        image.SaveAsJpeg(output, new SixLabors.ImageSharp.Formats.Jpeg.JpegEncoder { Quality = 88 });
        var stored = Must(PhotoImages.Process(output.ToArray(), "Photo", out _));
        return new Scene(stored, Convert.ToHexStringLower(SHA256.HashData(stored.Original)), Convert.ToHexStringLower(SHA256.HashData(stored.Phone)),
            PhotoImages.Field(stored.Phone));
    }
}
