using System.Security.Cryptography;
using Contests.Core.Common;
using Contests.Core.Plans;
using Contests.Web.Features.Rounds;
using Contests.Web.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Contests.Web.Features.Plans;

/// <summary>Files to attach to a report as chosen, with an optional caption for them.</summary>
public sealed class AttachmentForm
{
    public List<IFormFile> Files { get; set; } = [];

    public string? Caption { get; set; }
}

/// <summary>
/// A progress report's attachments (<see cref="ReportAttachment"/>): checked by their content (<see cref="AttachmentCheck"/>),
/// stored by their SHA-256 in the app's file store (<see cref="FileStore"/>, on disk or in the database like the entries'
/// photos), listed on the plan's page, downloaded by those who read it, removed while the report awaits the LRAC.
/// </summary>
public sealed class ReportAttachments(ContestsDbContext db, FileStore files, TimeProvider clock, ILogger<ReportAttachments> logger)
{
    /// <summary>
/// Reads each upload and checks it by its content (a report's attachments, a receipt's voucher, a deposit's statement); a
/// JPEG or PNG is kept re-encoded without its metadata (<see cref="PhotoImages"/>: EXIF with its GPS position, XMP, IPTC),
/// a PDF as it came. The refusals go to <paramref name="errors"/> at <paramref name="field"/>.
/// </summary>
    public async Task<IReadOnlyList<(AttachmentFile File, byte[] Data)>> ReadAsync(IReadOnlyList<IFormFile> uploads, string field, List<DomainError> errors,
        CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(uploads);
        ArgumentNullException.ThrowIfNull(errors);
        var read = new List<(AttachmentFile, byte[])>();
        foreach (var upload in uploads)
        {
            if (upload.Length > AttachmentCheck.MaxBytes)
            {
                errors.Add(AttachmentCheck.TooLarge(upload.Length, field));
                continue;
            }
            var data = new byte[upload.Length];
            await using (var stream = upload.OpenReadStream())
            {
                await stream.ReadExactlyAsync(data, ct);
            }
            var type = AttachmentCheck.Inspect(data, data.LongLength, field, out var error);
            if (type is not null && type.ContentType != "application/pdf")
            {
                // A phone's photo carries where it was taken (a family's home): stored as the entries' photos are, without metadata.
                if (PhotoImages.Process(data, field, out var photoError) is { } photo)
                {
                    data = photo.Original;
                }
                else
                {
                    type = null;
                    error = photoError is { Code: "Photo.TooManyPixels" } ? photoError : new DomainError("Attachment.WrongType", field);
                }
            }
            if (type is null)
            {
                logger.LogInformation("Refused attachment {FileName} ({Bytes} bytes): {Code}", upload.FileName, upload.Length, error!.Code);
                errors.Add(error!);
                continue;
            }
            read.Add((new AttachmentFile(upload.FileName, type, data.LongLength, Convert.ToHexStringLower(SHA256.HashData(data))), data));
        }
        return read;
    }

    /// <summary>
    /// Stores the files, then records them on <paramref name="report"/> (saved already, in the caller's transaction when it
    /// has one): a row never points at a missing file; a file without a row is harmless and reused if the same comes again.
    /// </summary>
    public async Task AddAsync(ProgressReport report, IReadOnlyList<(AttachmentFile File, byte[] Data)> read, string? caption, int userId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(read);
        foreach (var (file, data) in read)
        {
            await files.SaveAsync(file.Sha256, file.Type.Extension, data, ct);
        }
        var now = clock.GetUtcNow().UtcDateTime;
        db.ReportAttachments.AddRange(read.Select(r => ReportAttachment.Create(report, r.File, caption, userId, now)));
        await db.SaveChangesAsync(ct);
    }

    /// <summary>Attaches the chosen files to one of the plan's reports; a report of another plan is refused like a missing one.</summary>
    public async Task<Result> AttachAsync(PlanPage page, int reportId, AttachmentForm form, int userId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(page);
        ArgumentNullException.ThrowIfNull(form);
        if (PlanCloseOut.Refuses(page.CloseOut) is { Succeeded: false } closed)
        {
            return closed;
        }
        var report = await db.ProgressReports.AsNoTracking().FirstOrDefaultAsync(r => r.Id == reportId && r.EntryId == page.Entry.Id, ct);
        if (report is null)
        {
            return Result.Fail(new DomainError("Attachment.ReportNotFound"));
        }
        var errors = new List<DomainError>();
        var attached = await db.ReportAttachments.CountAsync(a => a.ReportId == report.Id, ct);
        var caption = ReportAttachment.CheckAttach(report, attached, form.Files.Count, required: true, form.Caption, nameof(form.Files), errors);
        var read = errors.Count == 0 ? await ReadAsync(form.Files, nameof(form.Files), errors, ct) : [];
        if (errors.Count > 0)
        {
            return Result.Fail([.. errors.DistinctBy(e => e.Field)]);
        }
        await AddAsync(report, read, caption, userId, ct);
        return Result.Success();
    }

    /// <summary>Removes one attachment while its report awaits the LRAC (the audit keeps who removed what, and when).</summary>
    public async Task<Result> RemoveAsync(PlanPage page, int reportId, int attachmentId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(page);
        if (PlanCloseOut.Refuses(page.CloseOut) is { Succeeded: false } closed)
        {
            return closed;
        }
        var report = await db.ProgressReports.AsNoTracking().FirstOrDefaultAsync(r => r.Id == reportId && r.EntryId == page.Entry.Id, ct);
        var attachment = report is null ? null : await db.ReportAttachments.FirstOrDefaultAsync(a => a.Id == attachmentId && a.ReportId == report.Id, ct);
        if (attachment is null)
        {
            return Result.Fail(new DomainError("Report.NotFound"));
        }
        var result = attachment.CheckRemove(report!);
        if (!result.Succeeded)
        {
            return result;
        }
        db.ReportAttachments.Remove(attachment);
        await db.SaveChangesAsync(ct);
        return result;
    }

    /// <summary>An attachment of one of the plan's reports and its bytes (null when missing or damaged in the store); null when there is no such attachment.</summary>
    public async Task<(ReportAttachment Attachment, byte[]? Data)?> FileAsync(PlanPage page, int reportId, int attachmentId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(page);
        var attachment = await db.ReportAttachments.AsNoTracking()
            .FirstOrDefaultAsync(a => a.Id == attachmentId && a.ReportId == reportId && a.EntryId == page.Entry.Id, ct);
        if (attachment is null)
        {
            return null;
        }
        var data = await files.ReadAsync(attachment.Sha256, AttachmentCheck.ExtensionOf(attachment.ContentType), ct);
        if (data is null)
        {
            logger.LogError("Attachment {AttachmentId} of report {ReportId} is missing in the store or does not match its SHA-256 {Sha}.", attachment.Id, reportId,
                attachment.Sha256);
        }
        return (attachment, data);
    }
}
