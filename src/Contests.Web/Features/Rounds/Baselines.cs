using System.Security.Cryptography;
using Contests.Core.Common;
using Contests.Core.Rounds;
using Contests.Web.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Contests.Web.Features.Rounds;

/// <summary>
/// <c>Storage:Kind</c>: where files live — <c>Disk</c> (the default: under <c>Storage:Path</c>, one process, one disk, as
/// the SQLite install runs) or <c>Database</c> (in the <c>stored_files</c> table: every instance reads what any instance
/// wrote, and the backup holds them; the server configuration, see <c>docs/decisions/010-files-every-instance-can-reach.md</c>).
/// <c>Storage:Path</c>: the files folder (relative paths are under the content root); with <c>Database</c> it still holds
/// temporary files (packs being built).
/// </summary>
public sealed class StorageOptions
{
    public const string Section = "Storage";

    public string Path { get; set; } = "App_Data/files";

    public StorageKind Kind { get; set; } = StorageKind.Disk;
}

public enum StorageKind
{
    Disk,
    Database,
}

/// <summary>
/// Files named by a relative key (<c>photos/ab/&lt;sha256&gt;.jpg</c>, <c>documents/…</c>, <c>bank-files/…</c>,
/// <c>packs/…</c>), kept on disk under <c>Storage:Path</c> or in the database (<see cref="StorageOptions.Kind"/>), and
/// checked against their SHA-256 when read back: a file changed or damaged is reported as missing, never served.
/// </summary>
public sealed class FileStore(IOptions<StorageOptions> options, IHostEnvironment environment, ContestsDbContext db, TimeProvider clock) : IDisposable
{
    // Callers write files in parallel (a pack's certificates are rendered and stored on several threads) while a DbContext
    // takes one operation at a time: the database store takes its turns on the request's context here.
    private readonly SemaphoreSlim _database = new(1, 1);

    /// <summary>The storage folder (<c>Storage:Path</c>, under the content root when relative).</summary>
    public string Root => System.IO.Path.IsPathRooted(options.Value.Path)
        ? options.Value.Path
        : System.IO.Path.Combine(environment.ContentRootPath, options.Value.Path);

    public StorageKind Kind => options.Value.Kind;

    public string PathOf(string sha256, string extension) => PathOfKey(PhotoKey(sha256, extension));

    /// <summary>Where the file of <paramref name="key"/> lives on disk (with <see cref="StorageKind.Disk"/>).</summary>
    public string PathOfKey(string key) => System.IO.Path.Combine(Root, key.Replace('/', System.IO.Path.DirectorySeparatorChar));

    private static string PhotoKey(string sha256, string extension) => $"photos/{sha256[..2]}/{sha256}{extension}";

    /// <summary>Writes the bytes unless a whole copy is already stored (photos are named by their content).</summary>
    public async Task SaveAsync(string sha256, string extension, ReadOnlyMemory<byte> data, CancellationToken ct)
    {
        var key = PhotoKey(sha256, extension);
        if (await ReadCheckedByKeyAsync(key, sha256, ct) is not null)
        {
            return;
        }
        // Missing, or damaged: (re)write it from the bytes just checked.
        await WriteByKeyAsync(key, data, ct);
    }

    /// <summary>The file's bytes if they still match their checksum; null when missing or damaged.</summary>
    public Task<byte[]?> ReadAsync(string sha256, string extension, CancellationToken ct) =>
        ReadCheckedByKeyAsync(PhotoKey(sha256, extension), sha256, ct);

    /// <summary>
    /// Stores <paramref name="data"/> whole under <paramref name="key"/>, replacing what was there. On disk via a temporary
    /// file and a rename; in the database in one statement (inside the caller's transaction when it has one, so the file
    /// and the row that names it commit together).
    /// </summary>
    public async Task WriteByKeyAsync(string key, ReadOnlyMemory<byte> data, CancellationToken ct)
    {
        if (Kind == StorageKind.Disk)
        {
            await WriteWholeAsync(PathOfKey(key), data, ct);
            return;
        }
        var bytes = data.ToArray();
        var sha = Convert.ToHexStringLower(SHA256.HashData(bytes));
        var contentType = ContentTypeOf(key);
        var size = (long)bytes.Length;
        var now = clock.GetUtcNow().UtcDateTime;
        await _database.WaitAsync(ct);
        try
        {
            await db.Database.ExecuteSqlAsync($"""
            INSERT INTO stored_files ("key", content, content_type, size, sha256, created_utc)
            VALUES ({key}, {bytes}, {contentType}, {size}, {sha}, {now})
            ON CONFLICT ("key") DO UPDATE SET content = excluded.content, content_type = excluded.content_type,
                size = excluded.size, sha256 = excluded.sha256, created_utc = excluded.created_utc
            """, ct);
        }
        finally
        {
            _database.Release();
        }
    }

    /// <summary>The bytes stored under <paramref name="key"/> if they match <paramref name="sha256"/>; null when missing, damaged or changed.</summary>
    public async Task<byte[]?> ReadCheckedByKeyAsync(string key, string? sha256, CancellationToken ct)
    {
        if (Kind == StorageKind.Disk)
        {
            return await ReadCheckedAsync(PathOfKey(key), sha256, ct);
        }
        if (sha256 is null)
        {
            return null;
        }
        byte[]? data;
        await _database.WaitAsync(ct);
        try
        {
            data = await db.StoredFiles.AsNoTracking().Where(f => f.Key == key).Select(f => f.Content).FirstOrDefaultAsync(ct);
        }
        finally
        {
            _database.Release();
        }
        return data is not null && Convert.ToHexStringLower(SHA256.HashData(data)) == sha256 ? data : null;
    }

    /// <summary>Stores a finished file written to a temporary path (a pack) under <paramref name="key"/>; the temporary file is gone afterwards.</summary>
    public async Task KeepFileAsync(string key, string temp, CancellationToken ct)
    {
        if (Kind == StorageKind.Disk)
        {
            var path = PathOfKey(key);
            Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
            File.Move(temp, path, overwrite: true);
            return;
        }
        try
        {
            await WriteByKeyAsync(key, await File.ReadAllBytesAsync(temp, ct), ct);
        }
        finally
        {
            File.Delete(temp);
        }
    }

    /// <summary>The file under <paramref name="key"/> opened for reading if it matches <paramref name="sha256"/>; null when missing or changed.</summary>
    public async Task<Stream?> OpenCheckedAsync(string key, string? sha256, CancellationToken ct)
    {
        if (Kind == StorageKind.Database)
        {
            var data = await ReadCheckedByKeyAsync(key, sha256, ct);
            return data is null ? null : new MemoryStream(data, writable: false);
        }
        var path = PathOfKey(key);
        if (sha256 is null || !File.Exists(path))
        {
            return null;
        }
        var stream = File.OpenRead(path);
        var actual = Convert.ToHexStringLower(await SHA256.HashDataAsync(stream, ct));
        if (actual != sha256)
        {
            await stream.DisposeAsync();
            return null;
        }
        stream.Position = 0;
        return stream;
    }

    /// <summary>The health check's probe: a small file written under a key of its own, read back and deleted. Throws when the store can't take it.</summary>
    public async Task ProbeWritableAsync(CancellationToken ct)
    {
        var key = $".health/{Environment.ProcessId}-{Guid.NewGuid():N}";
        byte[] probe = [(byte)'o', (byte)'k'];
        await WriteByKeyAsync(key, probe, ct);
        var sha = Convert.ToHexStringLower(SHA256.HashData(probe));
        if (await ReadCheckedByKeyAsync(key, sha, ct) is null)
        {
            throw new IOException($"The probe written under {key} did not read back.");
        }
        if (Kind == StorageKind.Disk)
        {
            File.Delete(PathOfKey(key));
        }
        else
        {
            await _database.WaitAsync(ct);
            try
            {
                await db.Database.ExecuteSqlAsync($"""DELETE FROM stored_files WHERE "key" = {key}""", ct);
            }
            finally
            {
                _database.Release();
            }
        }
    }

    public void Dispose() => _database.Dispose();

    private static string ContentTypeOf(string key) => System.IO.Path.GetExtension(key).ToLowerInvariant() switch
    {
        ".pdf" => "application/pdf",
        ".jpg" or ".jpeg" => "image/jpeg",
        ".png" => "image/png",
        ".webp" => "image/webp",
        ".xml" => "application/xml",
        ".csv" => "text/csv",
        ".zip" => "application/zip",
        _ => "application/octet-stream",
    };

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
    /// A cache, not a record: it stays on the instance's own <c>Storage:Path</c> even when files live in the database
    /// (<c>Storage:Kind=Database</c>), and an instance that lacks it remakes it from the stored copy on the first request.
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
