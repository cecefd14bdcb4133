using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Contests.Core.Plans;
using Contests.Web.Tests.Infrastructure;
using Contests.Web.Tests.Judging;
using Contests.Web.Tests.Registry;
using Contests.Web.Tests.Rounds;
using Microsoft.EntityFrameworkCore;
using static Contests.Web.Tests.Rounds.RoundPages;

namespace Contests.Web.Tests.Plans;

/// <summary>
/// A progress report's attachments through HTTP on both providers: attached with the report and afterwards, listed,
/// downloaded with their content type by those who read the plan (not the LRAC), counted on the public page without
/// their names, removed (audited) while the report awaits the LRAC and not after; each bad input refused with its
/// message, what was typed kept and nothing written.
/// </summary>
public abstract class ReportAttachmentTests<TApp>(TApp app) : AppTest<TApp>(app) where TApp : ContestsApp
{
    private static readonly byte[] Pdf = Encoding.ASCII.GetBytes("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n");

    private RegistryData Registry { get; } = new JudgingData(app).Registry;

    private static string PlanPage(int roundId, int entryId) => $"/rounds/{Id(roundId)}/plans/{Id(entryId)}";

    private static (string, string)[] Report(string narrative = "Galpones techados; primera capacitación dictada.") =>
    [
        ("Report.Kind", nameof(ReportKind.Interim)), ("Report.ReceivedOn", "2026-11-23"), ("Report.Narrative", narrative),
        ("Report.Progress[0]", "70"), ("Report.Progress[1]", "45"),
    ];

    [Fact]
    public async Task Attachments_AddedWithTheReportAndAfter_Listed_Downloaded_CountedInPublic_Removed()
    {
        var (roundId, entryId, _) = await new ContractedPlan(App).CreateAsync();
        var page = PlanPage(roundId, entryId);
        using var officer = await App.SignedInClientAsync(TestUsers.Officer);

        await RedirectsToAsync(await PostFilesAsync(officer, page, page + "/reports", Report(), "Report.Files", ("avance.pdf", Pdf, "application/pdf")), page);
        var reportId = await Registry.ReadAsync(db => db.ProgressReports.Select(r => r.Id).SingleAsync());
        var attach = $"{page}/reports/{Id(reportId)}/attachments";
        await RedirectsToAsync(await PostFilesAsync(officer, page, attach, [("Attachment.Caption", "Galpón terminado")], "Attachment.Files",
            ("galpon.png", Images.Png(4, 3, 0x336699), "image/png")), page);

        var stored = await Registry.ReadAsync(db => db.ReportAttachments.AsNoTracking().OrderBy(a => a.Id).ToListAsync());
        Assert.Equal([("avance.pdf", "application/pdf", (string?)null), ("galpon.png", "image/png", "Galpón terminado")],
            stored.Select(a => (a.FileName, a.ContentType, a.Caption)));
        var html = await HtmlAsync(await officer.GetAsync(page), HttpStatusCode.OK);
        Assert.All(stored, a => Assert.Contains($"href=\"{attach}/{Id(a.Id)}\" id=\"attachment-{Id(a.Id)}\"", html, StringComparison.Ordinal));

        using (var finance = await App.SignedInClientAsync(TestUsers.Finance))
        {
            var pdf = await finance.GetAsync($"{attach}/{Id(stored[0].Id)}");
            Assert.Equal((HttpStatusCode.OK, "application/pdf"), (pdf.StatusCode, pdf.Content.Headers.ContentType?.MediaType));
            Assert.Equal(Pdf, await pdf.Content.ReadAsByteArrayAsync());
            Assert.Equal("image/png", (await finance.GetAsync($"{attach}/{Id(stored[1].Id)}")).Content.Headers.ContentType?.MediaType);
        }
        using (var lrac = await App.SignedInClientAsync(TestUsers.Lrac))
        {
            var denied = await lrac.GetAsync($"{attach}/{Id(stored[0].Id)}");
            Assert.Equal((HttpStatusCode.Redirect, "/account/denied"), (denied.StatusCode, Redirects.PathOf(denied)));
        }
        using (var anonymous = App.NewClient())
        {
            var publicPage = await HtmlAsync(await anonymous.GetAsync($"/public/plans/{Id(entryId)}"), HttpStatusCode.OK);
            Assert.Contains("data-attachments=\"2\"", publicPage, StringComparison.Ordinal);
            Assert.DoesNotContain("avance.pdf", publicPage, StringComparison.Ordinal);
            Assert.DoesNotContain("/attachments/", publicPage, StringComparison.Ordinal);
        }

        await RedirectsToAsync(await officer.PostFormAsync(page, $"{attach}/{Id(stored[0].Id)}/remove"), page);
        Assert.Equal(["galpon.png"], await Registry.ReadAsync(db => db.ReportAttachments.Select(a => a.FileName).ToListAsync()));
        var removal = await Registry.ReadAsync(db => db.AuditRecords.AsNoTracking()
            .SingleAsync(a => a.EntityType == nameof(ReportAttachment) && a.Action == "Deleted"));
        Assert.Equal((TestUsers.Officer, Id(stored[0].Id)), (removal.Actor, removal.EntityId));
        Assert.Contains("avance.pdf", removal.Before, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await officer.GetAsync($"{attach}/{Id(stored[0].Id)}")).StatusCode);
    }

    [Fact]
    public async Task Attach_BadInput_EachWithItsMessage_WritesNothing_AndNothingChangesOnceApproved()
    {
        var (roundId, entryId, _) = await new ContractedPlan(App).CreateAsync();
        var page = PlanPage(roundId, entryId);
        using var officer = await App.SignedInClientAsync(TestUsers.Officer);
        await RedirectsToAsync(await officer.PostFormAsync(page, page + "/reports", Report()), page);
        var reportId = await Registry.ReadAsync(db => db.ProgressReports.Select(r => r.Id).SingleAsync());
        var attach = $"{page}/reports/{Id(reportId)}/attachments";
        var text = ("informe.pdf", Encoding.UTF8.GetBytes("Informe de avance en texto plano."), "application/pdf");
        var large = ("escaneo.pdf", new byte[AttachmentCheck.MaxBytes + 1], "application/pdf");
        var six = Enumerable.Range(1, ReportAttachment.MaxPerReport + 1).Select(i => ($"hoja-{i}.pdf", Pdf, "application/pdf")).ToArray();

        foreach (var (files, message) in new[] { (Array.Empty<(string, byte[], string)>(), "Elija al menos un archivo"), ([text], "no es un PDF, JPEG o PNG"),
                     ([large], "el límite es 10 MB"), (six, "Como máximo 5 adjuntos por informe") })
        {
            var html = await HtmlAsync(await PostFilesAsync(officer, page, attach, [("Attachment.Caption", "Fotos")], "Attachment.Files", files),
                (HttpStatusCode)422);
            Assert.Contains(message, HtmlPage.ErrorOf(html, "Attachment.Files"), StringComparison.Ordinal);
            Assert.Equal("Fotos", HtmlPage.InputValue(html, "Attachment.Caption"));
        }
        // A report of another plan (or none): refused with its message, nothing written.
        var other = await HtmlAsync(await PostFilesAsync(officer, page, $"{page}/reports/{Id(reportId + 1000)}/attachments", [], "Attachment.Files",
            ("avance.pdf", Pdf, "application/pdf")), (HttpStatusCode)422);
        Assert.Contains("no es de este plan", HtmlPage.Text(other), StringComparison.Ordinal);
        Assert.Equal(0, await Registry.ReadAsync(db => db.ReportAttachments.CountAsync()));

        // Approved by the LRAC: its attachments no longer change.
        await RedirectsToAsync(await PostFilesAsync(officer, page, attach, [], "Attachment.Files", ("avance.pdf", Pdf, "application/pdf")), page);
        var attachmentId = await Registry.ReadAsync(db => db.ReportAttachments.Select(a => a.Id).SingleAsync());
        await RedirectsToAsync(await officer.PostFormAsync(page, $"{page}/reports/{Id(reportId)}/approve",
            ("Approval.ApprovalActa", "Acta N.° 008 del CLAR"), ("Approval.ApprovedOn", "2026-11-23")), page);
        Assert.DoesNotContain($"id=\"remove-attachment-{Id(attachmentId)}\"", await HtmlAsync(await officer.GetAsync(page), HttpStatusCode.OK), StringComparison.Ordinal);
        Assert.Equal((HttpStatusCode)422, (await officer.PostFormAsync(page, $"{attach}/{Id(attachmentId)}/remove")).StatusCode);
        Assert.Equal((HttpStatusCode)422, (await PostFilesAsync(officer, page, attach, [], "Attachment.Files", ("b.pdf", Pdf, "application/pdf"))).StatusCode);
        Assert.Equal(1, await Registry.ReadAsync(db => db.ReportAttachments.CountAsync()));
    }

    [Fact]
    public async Task Report_WithAFileOfTheWrongType_KeepsNarrativeAndPercentages_WritesNothing()
    {
        var (roundId, entryId, _) = await new ContractedPlan(App).CreateAsync();
        var page = PlanPage(roundId, entryId);
        using var officer = await App.SignedInClientAsync(TestUsers.Officer);

        var html = await HtmlAsync(await PostFilesAsync(officer, page, page + "/reports", [.. Report("Avance con fotos."), ("Report.Caption", "Fotos del galpón")],
            "Report.Files", ("foto.jpg", Encoding.UTF8.GetBytes("no soy una foto"), "image/jpeg")), (HttpStatusCode)422);

        Assert.NotNull(HtmlPage.ErrorOf(html, "Report.Files"));
        Assert.Contains("Avance con fotos.", html, StringComparison.Ordinal);
        Assert.Equal("70", HtmlPage.InputValue(html, "Report.Progress[0]"));
        Assert.Equal("45", HtmlPage.InputValue(html, "Report.Progress[1]"));
        Assert.Equal("Fotos del galpón", HtmlPage.InputValue(html, "Report.Caption"));
        Assert.Equal(0, await Registry.ReadAsync(db => db.ProgressReports.CountAsync()));
        Assert.Equal(0, await Registry.ReadAsync(db => db.ReportAttachments.CountAsync()));
    }

    /// <summary>Posts a form as a browser does: multipart, with the page's antiforgery token and the files under <paramref name="fileField"/>.</summary>
    internal static async Task<HttpResponseMessage> PostFilesAsync(AppClient client, string formPage, string action, (string Name, string Value)[] fields,
        string fileField, params (string FileName, byte[] Data, string ContentType)[] files)
    {
        var token = AppClient.Token(await client.GetPageAsync(formPage));
        using var content = new MultipartFormDataContent();
        foreach (var (name, value) in fields)
        {
            content.Add(new StringContent(value), name);
        }
        foreach (var (fileName, data, contentType) in files)
        {
            var file = new ByteArrayContent(data);
            file.Headers.ContentType = new MediaTypeHeaderValue(contentType);
            content.Add(file, fileField, fileName);
        }
        content.Add(new StringContent(token), "__RequestVerificationToken");
        return await client.Http.PostAsync(new Uri(action, UriKind.Relative), content);
    }
}

public sealed class ReportAttachmentTestsOnSqlite(SqliteApp app) : ReportAttachmentTests<SqliteApp>(app);

public sealed class ReportAttachmentTestsOnPostgres(PostgresApp app) : ReportAttachmentTests<PostgresApp>(app);
