using Contests.Core.Common;

namespace Contests.Core.Plans;

/// <summary>A file checked by its content (<see cref="AttachmentCheck"/>), named as it came and stored by its SHA-256.</summary>
public sealed record AttachmentFile(string FileName, AttachmentType Type, long Size, string Sha256)
{
    /// <summary>The name as uploaded without folders, cut to <see cref="ReportAttachment.FileNameMaxLength"/> (its end kept), or a plain one when empty.</summary>
    public static string CleanName(string fileName, AttachmentType type)
    {
        ArgumentNullException.ThrowIfNull(fileName);
        ArgumentNullException.ThrowIfNull(type);
        var name = Path.GetFileName(fileName.Replace('\\', '/')).Trim();
        if (name.Length == 0)
        {
            name = "adjunto" + type.Extension;
        }
        return name.Length > ReportAttachment.FileNameMaxLength ? name[^ReportAttachment.FileNameMaxLength..] : name;
    }
}

/// <summary>
/// A file attached to a progress report (a PDF, a JPEG or a PNG, with an optional caption). Files are added and removed
/// only while the report awaits the LRAC: once its progress is approved, what the approval rests on stays as it was.
/// </summary>
public sealed class ReportAttachment
{
    /// <summary>A report's attachments at most (and so at most this many files in one upload).</summary>
    public const int MaxPerReport = 5;

    public const int CaptionMaxLength = 200;

    public const int FileNameMaxLength = 200;

    /// <summary>The largest upload a form may carry: <see cref="MaxPerReport"/> files at the limit, and room for the fields.</summary>
    public const long MaxUploadBytes = (MaxPerReport * AttachmentCheck.MaxBytes) + (1024 * 1024);

    private ReportAttachment()
    {
        FileName = string.Empty;
        ContentType = string.Empty;
        Sha256 = string.Empty;
    }

    public int Id { get; private set; }

    public int ReportId { get; private set; }

    public int EntryId { get; private set; }

    /// <summary>The file's name as uploaded (without folders), shown to those who read the plan; never on the public page.</summary>
    public string FileName { get; private set; }

    public string? Caption { get; private set; }

    public string ContentType { get; private set; }

    public long Size { get; private set; }

    public string Sha256 { get; private set; }

    public int UploadedByUserId { get; private set; }

    public DateTime UploadedUtc { get; private set; }

    /// <summary>
    /// Whether <paramref name="adding"/> files may be attached to a report that has <paramref name="attached"/>: the report
    /// not yet approved (null for a report being recorded now), at least one file when <paramref name="required"/>, no more
    /// than <see cref="MaxPerReport"/> in all, the caption within its length. Returns the caption cleaned; the refusals go
    /// to <paramref name="errors"/>, the files' at <paramref name="field"/>, the caption's at <c>Caption</c>.
    /// </summary>
    public static string? CheckAttach(ProgressReport? report, int attached, int adding, bool required, string? caption, string field,
        ICollection<DomainError> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (report is { Approved: true })
        {
            errors.Add(new DomainError("Attachment.ReportApproved", field));
        }
        else if (adding == 0 && required)
        {
            errors.Add(new DomainError("Attachment.Missing", field));
        }
        else if (attached + adding > MaxPerReport)
        {
            errors.Add(new DomainError("Attachment.TooMany", field, MaxPerReport, attached));
        }
        return Text.Optional(caption, CaptionMaxLength, "Caption", errors);
    }

    /// <summary>The attachment of a report already recorded and not yet approved (checked first by <see cref="CheckAttach"/>).</summary>
    public static ReportAttachment Create(ProgressReport report, AttachmentFile file, string? caption, int userId, DateTime nowUtc)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(file);
        if (report.Id == 0 || report.Approved)
        {
            throw new InvalidOperationException("Files are attached to a recorded report that awaits the LRAC.");
        }
        return new ReportAttachment
        {
            ReportId = report.Id, EntryId = report.EntryId, FileName = AttachmentFile.CleanName(file.FileName, file.Type),
            Caption = caption, ContentType = file.Type.ContentType, Size = file.Size, Sha256 = file.Sha256, UploadedByUserId = userId, UploadedUtc = nowUtc,
        };
    }

    /// <summary>Whether this attachment may be removed from <paramref name="report"/>: only while the report awaits the LRAC.</summary>
    public Result CheckRemove(ProgressReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        if (report.Id != ReportId)
        {
            throw new InvalidOperationException("The attachment belongs to another report.");
        }
        return report.Approved ? Result.Fail(new DomainError("Attachment.ReportApproved")) : Result.Success();
    }
}
