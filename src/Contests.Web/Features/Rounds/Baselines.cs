using System.Security.Cryptography;
using Contests.Core.Common;
using Contests.Core.Rounds;
using Contests.Web.Infrastructure.Persistence;
using Microsoft.Extensions.Options;

namespace Contests.Web.Features.Rounds;

/// <summary><c>Storage:Path</c>: where uploaded files live (outside the database). Relative paths are under the content root.</summary>
public sealed class StorageOptions
{
    public const string Section = "Storage";

    public string Path { get; set; } = "App_Data/files";
}

/// <summary>
/// Files kept outside the database, named by their SHA-256 (so the same photo is stored once) and
/// checked against it when read back: a file changed or damaged on disk is reported, never served.
/// </summary>
public sealed class FileStore(IOptions<StorageOptions> options, IHostEnvironment environment)
{
    /// <summary>The storage folder (<c>Storage:Path</c>, under the content root when relative).</summary>
    public string Root => System.IO.Path.IsPathRooted(options.Value.Path)
        ? options.Value.Path
        : System.IO.Path.Combine(environment.ContentRootPath, options.Value.Path);

    public string PathOf(string sha256, string extension) =>
        System.IO.Path.Combine(Root, "photos", sha256[..2], sha256 + extension);

    /// <summary>Writes the bytes (via a temporary file, so a half-written file never has the final name).</summary>
    public async Task SaveAsync(string sha256, string extension, ReadOnlyMemory<byte> data, CancellationToken ct)
    {
        var path = PathOf(sha256, extension);
        if (File.Exists(path) && Convert.ToHexStringLower(SHA256.HashData(await File.ReadAllBytesAsync(path, ct))) == sha256)
        {
            return;
        }
        // Missing, or damaged on disk: (re)write it from the bytes just checked.
        await WriteWholeAsync(path, data, ct);
    }

    /// <summary>The file's bytes if they still match their checksum; null when missing or damaged.</summary>
    public Task<byte[]?> ReadAsync(string sha256, string extension, CancellationToken ct) => ReadCheckedAsync(PathOf(sha256, extension), sha256, ct);

    /// <summary>Writes the bytes under a temporary name and renames: a file with its final name is always whole (and replaced whole).</summary>
    public static async Task WriteWholeAsync(string path, ReadOnlyMemory<byte> data, CancellationToken ct)
    {
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
        var temp = path + "." + Guid.NewGuid().ToString("N") + ".partial";
        try
        {
            await File.WriteAllBytesAsync(temp, data, ct);
            File.Move(temp, path, overwrite: true);
        }
        finally
        {
            File.Delete(temp);
        }
    }

    /// <summary>The file's bytes if it exists and matches <paramref name="sha256"/>; null when missing, damaged or changed.</summary>
    public static async Task<byte[]?> ReadCheckedAsync(string path, string? sha256, CancellationToken ct)
    {
        if (sha256 is null || !File.Exists(path))
        {
            return null;
        }
        var data = await File.ReadAllBytesAsync(path, ct);
        return Convert.ToHexStringLower(SHA256.HashData(data)) == sha256 ? data : null;
    }
}

/// <summary>The "before" record of an entry: activities (up to three) and photos.</summary>
public sealed class Baselines(ContestsDbContext db, FileStore files, TimeProvider clock, ILogger<Baselines> logger)
{
    public async Task<Result> SaveAsync(ContestRound round, Entry entry, BaselineForm form, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(round);
        ArgumentNullException.ThrowIfNull(entry);
        ArgumentNullException.ThrowIfNull(form);
        var errors = new List<DomainError>();
        var items = new List<BaselineItem>();
        for (var i = 0; i < form.Items.Count; i++)
        {
            var row = form.Items[i];
            if (row.IsBlank)
            {
                continue;
            }
            var prefix = $"Items[{i}]";
            var quantity = FormNumbers.Number(row.Quantity, prefix + ".Quantity", errors);
            var value = FormNumbers.Money(row.EstimatedValue, prefix + ".EstimatedValue", errors, required: false);
            var item = BaselineItem.Create(row.Activity, quantity, row.Unit, value, row.Notes, prefix, errors);
            if (item is not null)
            {
                items.Add(item);
            }
        }
        if (errors.Count > 0)
        {
            return Result.Fail([.. errors.GroupBy(e => (e.Code, e.Field)).Select(g => g.First())]);
        }
        var result = entry.SetBaseline(round.Phase, items);
        if (result.Succeeded)
        {
            await db.SaveChangesAsync(ct);
        }
        return result;
    }

    /// <summary>
    /// Checks the photo by its content (JPEG, PNG, WebP; size and pixel limits), decodes it, stores it without its
    /// metadata together with a copy for phones (<see cref="PhotoImages"/>), then records it.
    /// </summary>
    public async Task<Result> AddPhotoAsync(ContestRound round, Entry entry, IFormFile? file, int userId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(round);
        ArgumentNullException.ThrowIfNull(entry);
        if (file is null || file.Length == 0)
        {
            return Result.Fail(new DomainError("Photo.Missing", "Photo"));
        }
        if (file.Length > ImageCheck.MaxBytes)
        {
            return Result.Fail(ImageCheck.TooLarge(file.Length, "Photo"));
        }
        var data = new byte[file.Length];
        await using (var stream = file.OpenReadStream())
        {
            await stream.ReadExactlyAsync(data, ct);
        }
        var image = PhotoImages.Process(data, "Photo", out var error);
        if (image is null)
        {
            logger.LogInformation("Refused upload {FileName} ({Bytes} bytes) for entry {EntryId}: {Code}", file.FileName, file.Length, entry.Id, error!.Code);
            return Result.Fail(error!);
        }
        var sha = Convert.ToHexStringLower(SHA256.HashData(image.Original));
        var phoneSha = Convert.ToHexStringLower(SHA256.HashData(image.Phone));
        var photo = BaselinePhoto.Create(file.FileName, image.Info, image.Original.Length, sha, userId, clock.GetUtcNow().UtcDateTime, phoneSha);
        var result = entry.AddPhoto(round.Phase, photo);
        if (!result.Succeeded)
        {
            return result;
        }
        // The files first: a row never points at a missing file (a file without a row is harmless and is
        // reused if the same photo comes again).
        await files.SaveAsync(sha, image.Info.Extension, image.Original, ct);
        await files.SaveAsync(phoneSha, PhoneExtension, image.Phone, ct);
        if (PhotoImages.Field(image.Phone) is { } field)
        {
            await FileStore.WriteWholeAsync(files.PathOf(phoneSha, FieldExtension), field, ct);
        }
        await db.SaveChangesAsync(ct);
        return result;
    }

    /// <summary>The photo's stored file: the original (without metadata), or with <paramref name="phone"/> the copy for phones (the original for photos stored before there was one).</summary>
    public async Task<(BaselinePhoto Photo, byte[]? Data, string ContentType)?> PhotoAsync(Entry entry, int photoId, bool phone, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var photo = entry.Photos.SingleOrDefault(p => p.Id == photoId);
        if (photo is null)
        {
            return null;
        }
        var (sha, extension, contentType) = phone && photo.PhoneSha256 is { } phoneSha
            ? (phoneSha, PhoneExtension, "image/jpeg")
            : (photo.Sha256, ExtensionOf(photo.ContentType), photo.ContentType);
        var data = await files.ReadAsync(sha, extension, ct);
        if (data is null)
        {
            logger.LogError("Photo {PhotoId} of entry {EntryId} is missing on disk or does not match its SHA-256 {Sha}.", photo.Id, entry.Id, sha);
        }
        return (photo, data, contentType);
    }

    /// <summary>
    /// The photo's field copy (<see cref="PhotoImages.Field"/>), what a juror's phone keeps to score without signal. It is
    /// derived from a stored copy and named after it (the phone copy's SHA-256, or the original's for photos stored before
    /// there was one); made at upload, and here for photos stored before there was a field copy, or when the file on disk
    /// is missing or cut short (its JPEG structure is checked). Null data when the copy it comes from is missing or damaged.
    /// </summary>
    public async Task<(BaselinePhoto Photo, byte[]? Data)?> FieldPhotoAsync(Entry entry, int photoId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var photo = entry.Photos.SingleOrDefault(p => p.Id == photoId);
        if (photo is null)
        {
            return null;
        }
        var (source, extension) = photo.PhoneSha256 is { } phoneSha ? (phoneSha, PhoneExtension) : (photo.Sha256, ExtensionOf(photo.ContentType));
        var path = files.PathOf(source, FieldExtension);
        if (File.Exists(path))
        {
            var kept = await File.ReadAllBytesAsync(path, ct);
            if (ImageCheck.Inspect(kept, kept.LongLength, "Photo", out _) is { ContentType: "image/jpeg" })
            {
                return (photo, kept);
            }
        }
        var stored = await files.ReadAsync(source, extension, ct);
        var field = stored is null ? null : PhotoImages.Field(stored);
        if (field is null)
        {
            logger.LogError("Photo {PhotoId} of entry {EntryId}: no field copy, its stored copy {Sha} is missing, damaged or undecodable.", photo.Id, entry.Id, source);
            return (photo, null);
        }
        await FileStore.WriteWholeAsync(path, field, ct);
        return (photo, field);
    }

    /// <summary>The field copy is a JPEG named after the stored copy it is made from.</summary>
    public const string FieldExtension = ".field.jpg";

    /// <summary>The copy for phones is a JPEG, named by its own SHA-256 like the original.</summary>
    public const string PhoneExtension = ".jpg";

    public static string ExtensionOf(string contentType) => contentType switch
    {
        "image/png" => ".png",
        "image/webp" => ".webp",
        _ => ".jpg",
    };
}
