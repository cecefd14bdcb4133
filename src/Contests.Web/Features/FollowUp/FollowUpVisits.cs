using Contests.Core.Common;
using Contests.Core.Monitoring;
using Contests.Core.Rounds;
using System.Security.Cryptography;
using Contests.Web.Features.Rounds;
using Contests.Web.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Contests.Web.Features.FollowUp;

/// <summary>
/// One visit as the entry page lists it, with what Core derives from it against the entry's baseline and prize:
/// the asset change (Σ value now − value before over the activities with both values; null when nothing compares),
/// the change per sol of prize (null without a prize or a change) and the family's own investment per sol of prize.
/// </summary>
public sealed record VisitRow(int Id, DateOnly VisitedOn, Visitor VisitedBy, string VisitorName, IReadOnlyList<FollowUpItem> Items,
    IReadOnlyList<FollowUpSpending> Spending, decimal OwnInvestment, bool InvestmentKept, string? Notes, bool Imported,
    decimal? AssetChange, decimal? ChangePerSol, decimal? InvestmentPerSol, IReadOnlyList<VisitPhotoRow> Photos)
{
    public decimal SpentTotal => Spending.Sum(s => s.Amount);
}

/// <summary>A photo of a visit as the entry page links it.</summary>
public sealed record VisitPhotoRow(int Id, string FileName);

/// <summary>An entry's follow-up: its prize (the current approved award, 0 without one) and its visits, latest first.</summary>
public sealed record EntryFollowUp(decimal Prize, bool Awarded, IReadOnlyList<VisitRow> Visits);

/// <summary>
/// The "after" record of an entry: follow-up visits typed by a project officer, corrected or deleted (each change
/// audited by the interceptor: the visit, its activities and its spending are entities). The rules are Core's
/// <see cref="FollowUpVisit"/>; the derived figures Core's <see cref="Core.Monitoring.Results"/>.
/// </summary>
public sealed class FollowUpVisits(ContestsDbContext db, TimeProvider clock, FileStore files)
{
    public async Task<EntryFollowUp> ForEntryAsync(Entry entry, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var awards = await db.Awards.AsNoTracking().Where(a => a.EntryId == entry.Id && a.Current).Select(a => a.Amount).ToListAsync(ct);
        var prize = awards.Sum();
        var visits = await db.FollowUpVisits.AsNoTracking().Include(v => v.Photos).Where(v => v.EntryId == entry.Id)
            .OrderByDescending(v => v.VisitedOn).ThenByDescending(v => v.Id).ToListAsync(ct);
        var before = entry.Baseline.Select(b => new BaselineValue(b.Position, b.EstimatedValue)).ToList();
        var rows = visits.Select(v =>
        {
            // Each visit on its own against the baseline: the figures the indicators would read if it were the latest.
            var result = new EntryResult(entry.Id, null, prize, before, [Facts(v)]);
            var summary = Core.Monitoring.Results.Summarize([result]);
            return new VisitRow(v.Id, v.VisitedOn, v.VisitedBy, v.VisitorName, [.. v.Items.OrderBy(i => i.Position)],
                [.. v.Spending.OrderBy(s => s.Category)], v.OwnInvestment, v.InvestmentKept, v.Notes, v.ImportId is not null,
                result.AssetChange, summary.ChangePerSol, summary.InvestmentPerSol,
                [.. v.Photos.OrderBy(p => p.Id).Select(p => new VisitPhotoRow(p.Id, p.FileName))]);
        }).ToList();
        return new EntryFollowUp(prize, awards.Count > 0, rows);
    }

    public static VisitFacts Facts(FollowUpVisit visit)
    {
        ArgumentNullException.ThrowIfNull(visit);
        return new VisitFacts(visit.Id, visit.VisitedOn, [.. visit.Items], visit.OwnInvestment, visit.InvestmentKept);
    }

    public Task<FollowUpVisit?> FindAsync(Entry entry, int visitId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return db.FollowUpVisits.Include(v => v.Photos).SingleOrDefaultAsync(v => v.EntryId == entry.Id && v.Id == visitId, ct);
    }

    /// <summary>A blank form with a row for each baseline activity.</summary>
    public static VisitForm Blank(Entry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return new VisitForm { Items = [.. Positions(entry).Select(p => new VisitItemForm { Position = p })] };
    }

    public static IReadOnlyList<int> Positions(Entry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return [.. entry.Baseline.OrderBy(b => b.Position).Select(b => b.Position)];
    }

    public async Task<(Result Result, FollowUpVisit? Visit)> RecordAsync(Entry entry, VisitForm form, int userId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(entry);
        ArgumentNullException.ThrowIfNull(form);
        var edge = new List<DomainError>();
        var input = form.ToInput(edge);
        var photos = await ReadPhotosAsync(form.Photos, userId, edge, ct);
        var (result, visit) = FollowUpVisit.Record(entry, input, userId, clock.GetUtcNow().UtcDateTime);
        if (edge.Count > 0 || !result.Succeeded)
        {
            return (Result.Fail(VisitFields.Merge(edge, result.Errors)), null);
        }
        var added = visit!.AddPhotos([.. photos.Select(p => p.Photo)], PhotosField);
        if (!added.Succeeded)
        {
            return (added, null);
        }
        await SaveFilesAsync(photos, ct);
        db.FollowUpVisits.Add(visit);
        await db.SaveChangesAsync(ct);
        return (result, visit);
    }

    public async Task<Result> ReviseAsync(Entry entry, FollowUpVisit visit, VisitForm form, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(visit);
        ArgumentNullException.ThrowIfNull(form);
        var edge = new List<DomainError>();
        var input = form.ToInput(edge);
        var photos = await ReadPhotosAsync(form.Photos, visit.RecordedByUserId, edge, ct);
        if (edge.Count > 0)
        {
            // Core checks the rest too, on a copy: the tracked visit stays as stored.
            var (check, _) = FollowUpVisit.Record(entry, input, visit.RecordedByUserId, clock.GetUtcNow().UtcDateTime);
            return Result.Fail(VisitFields.Merge(edge, check.Errors));
        }
        var result = visit.Revise(entry, input, clock.GetUtcNow().UtcDateTime);
        if (result.Succeeded)
        {
            result = visit.AddPhotos([.. photos.Select(p => p.Photo)], PhotosField);
        }
        if (result.Succeeded)
        {
            // Files first: a row never points at a missing file. A refusal above saves nothing (the request's context is dropped).
            await SaveFilesAsync(photos, ct);
            await db.SaveChangesAsync(ct);
        }
        return result;
    }

    /// <summary>The form's field the photos' messages go on.</summary>
    public const string PhotosField = nameof(VisitForm.Photos);

    /// <summary>At most this many bytes of photos in one post (every photo at its limit, and the form).</summary>
    public const long UploadLimit = (FollowUpPhoto.MaxPerVisit * ImageCheck.MaxBytes) + 1_000_000;

    /// <summary>
    /// Reads the photos chosen on the form with the baseline photos' checks (<see cref="PhotoImages"/>: by content, size
    /// and pixels, metadata stripped, a copy for phones); a bad file adds its refusal to <paramref name="errors"/>.
    /// </summary>
    private async Task<List<(FollowUpPhoto Photo, PhotoFiles Files)>> ReadPhotosAsync(IReadOnlyList<IFormFile> uploads, int userId,
        List<DomainError> errors, CancellationToken ct)
    {
        List<(FollowUpPhoto, PhotoFiles)> photos = [];
        foreach (var file in uploads.Where(f => f.Length > 0))
        {
            if (file.Length > ImageCheck.MaxBytes)
            {
                errors.Add(ImageCheck.TooLarge(file.Length, PhotosField));
                continue;
            }
            var data = new byte[file.Length];
            await using (var stream = file.OpenReadStream())
            {
                await stream.ReadExactlyAsync(data, ct);
            }
            if (PhotoImages.Process(data, PhotosField, out var error) is not { } image)
            {
                errors.Add(error!);
                continue;
            }
            var sha = Convert.ToHexStringLower(SHA256.HashData(image.Original));
            var phoneSha = Convert.ToHexStringLower(SHA256.HashData(image.Phone));
            photos.Add((FollowUpPhoto.Create(file.FileName, image.Info, image.Original.Length, sha, phoneSha, userId, clock.GetUtcNow().UtcDateTime), image));
        }
        return photos;
    }

    private async Task SaveFilesAsync(List<(FollowUpPhoto Photo, PhotoFiles Files)> photos, CancellationToken ct)
    {
        foreach (var (photo, image) in photos)
        {
            await files.SaveAsync(photo.Sha256, image.Info.Extension, image.Original, ct);
            await files.SaveAsync(photo.PhoneSha256, Baselines.PhoneExtension, image.Phone, ct);
        }
    }

    /// <summary>A visit's photo: the stored original, or with <paramref name="phone"/> the copy for phones.</summary>
    public async Task<(byte[]? Data, string ContentType)?> PhotoAsync(Entry entry, int visitId, int photoId, bool phone, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var photo = await db.Set<FollowUpPhoto>().AsNoTracking()
            .SingleOrDefaultAsync(p => p.Id == photoId && p.VisitId == visitId && db.FollowUpVisits.Any(v => v.Id == visitId && v.EntryId == entry.Id), ct);
        if (photo is null)
        {
            return null;
        }
        var (sha, extension, contentType) = phone
            ? (photo.PhoneSha256, Baselines.PhoneExtension, "image/jpeg")
            : (photo.Sha256, Baselines.ExtensionOf(photo.ContentType), photo.ContentType);
        return (await files.ReadAsync(sha, extension, ct), contentType);
    }

    public async Task DeleteAsync(FollowUpVisit visit, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(visit);
        db.FollowUpVisits.Remove(visit);
        await db.SaveChangesAsync(ct);
    }
}
