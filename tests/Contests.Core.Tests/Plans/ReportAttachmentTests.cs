using System.Text;
using Contests.Core.Common;
using Contests.Core.Plans;
using Contests.Core.Tests.Rounds;
using static Contests.Core.Tests.Plans.PlanBuilders;

namespace Contests.Core.Tests.Plans;

/// <summary>A report's attachments: PDF, JPEG and PNG by their content, the size and count limits, and no change once the report is approved.</summary>
public sealed class ReportAttachmentTests
{
    private const string Field = "Files";

    private static readonly byte[] Pdf = Encoding.ASCII.GetBytes("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n");

    private static (AttachmentType? Type, DomainError? Error) Inspect(byte[] data, long? length = null)
    {
        var type = AttachmentCheck.Inspect(data, length ?? data.Length, Field, out var error);
        return (type, error);
    }

    /// <summary>A report as stored: with its id (the database gives it one).</summary>
    private static ProgressReport Stored(bool approved)
    {
        var report = Report(approved);
        typeof(ProgressReport).GetProperty(nameof(ProgressReport.Id))!.SetValue(report, 41);
        return report;
    }

    private static AttachmentFile File(string name = "informe.pdf") => new(name, new AttachmentType("application/pdf", ".pdf"), 2048, new string('a', 64));

    [Fact]
    public void Inspect_PdfJpegAndPng_AreKnownByTheirContent()
    {
        Assert.Equal("application/pdf", Inspect(Pdf).Type?.ContentType);
        Assert.Equal("image/jpeg", Inspect(ImageCheckTests.Jpeg(640, 480)).Type?.ContentType);
        Assert.Equal(("image/png", ".png"), (Inspect(ImageCheckTests.Png(10, 10)).Type?.ContentType, Inspect(ImageCheckTests.Png(10, 10)).Type?.Extension));
    }

    [Fact]
    public void Inspect_TextNamedPdf_PdfCutShort_AndWebP_AreTheWrongType()
    {
        Assert.Equal("Attachment.WrongType", Inspect(Encoding.UTF8.GetBytes("Informe de avance: todo bien.")).Error?.Code);
        Assert.Equal("Attachment.WrongType", Inspect(Pdf[..30]).Error?.Code);
        Assert.Equal("Attachment.WrongType", Inspect(ImageCheckTests.WebPLossless(10, 10)).Error?.Code);
        Assert.Equal("Attachment.WrongType", Inspect([]).Error?.Code);
        Assert.Equal(Field, Inspect([]).Error?.Field);
    }

    [Fact]
    public void Inspect_OverTheLimit_IsRefusedWithBothSizes()
    {
        var (type, error) = Inspect(Pdf, AttachmentCheck.MaxBytes + 1);

        Assert.Null(type);
        Assert.Equal("Attachment.TooLarge", error!.Code);
        Assert.Equal(AttachmentCheck.MaxBytes / 1024 / 1024, error.Arguments[1]);
    }

    [Fact]
    public void CheckAttach_UpToTheLimit_Accepted_OneMore_Refused()
    {
        var errors = new List<DomainError>();
        Assert.Equal("Fotos del galpón", ReportAttachment.CheckAttach(Stored(false), 3, 2, required: true, "  Fotos del galpón ", Field, errors));
        Assert.Empty(errors);

        ReportAttachment.CheckAttach(Stored(false), 4, 2, required: true, null, Field, errors);
        var error = Assert.Single(errors);
        Assert.Equal(("Attachment.TooMany", Field), (error.Code, error.Field));
        Assert.Equal([ReportAttachment.MaxPerReport, 4], error.Arguments);
    }

    [Fact]
    public void CheckAttach_NoFile_RefusedWhenRequired_NotWithANewReport()
    {
        var errors = new List<DomainError>();
        ReportAttachment.CheckAttach(null, 0, 0, required: false, null, Field, errors);
        Assert.Empty(errors);

        ReportAttachment.CheckAttach(Stored(false), 0, 0, required: true, null, Field, errors);
        Assert.Equal(["Attachment.Missing"], Codes(errors));
    }

    [Fact]
    public void CheckAttach_CaptionTooLong_RefusedAtTheCaption()
    {
        var errors = new List<DomainError>();
        ReportAttachment.CheckAttach(Stored(false), 0, 1, required: true, new string('x', ReportAttachment.CaptionMaxLength + 1), Field, errors);

        Assert.Equal(("Validation.MaxLength", "Caption"), (Assert.Single(errors).Code, errors[0].Field));
    }

    [Fact]
    public void ApprovedReport_RefusesNewFiles_AndRemovals()
    {
        var report = Stored(false);
        var attachment = ReportAttachment.Create(report, File(@"C:\Users\ana\Escritorio\informe.pdf"), null, 11, Now);
        Assert.Equal((41, 7, "informe.pdf"), (attachment.ReportId, attachment.EntryId, attachment.FileName));
        Assert.True(attachment.CheckRemove(report).Succeeded);

        Assert.True(report.Approve("Acta N° 4 del CLAR", new DateOnly(2026, 8, 28), Today, 12).Succeeded);

        Assert.Equal(["Attachment.ReportApproved"], Codes(attachment.CheckRemove(report).Errors));
        var errors = new List<DomainError>();
        ReportAttachment.CheckAttach(report, 1, 1, required: true, null, Field, errors);
        Assert.Equal(["Attachment.ReportApproved"], Codes(errors));
        Assert.Throws<InvalidOperationException>(() => ReportAttachment.Create(report, File(), null, 11, Now));
    }
}
