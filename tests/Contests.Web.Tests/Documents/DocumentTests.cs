using System.IO.Compression;
using System.Net;
using System.Text.RegularExpressions;
using Contests.Core.Documents;
using Contests.Web.Features.Documents;
using Contests.Web.Tests.Infrastructure;
using Contests.Web.Tests.Infrastructure.Pdf;
using Contests.Web.Tests.Judging;
using Contests.Web.Tests.Review;
using Microsoft.EntityFrameworkCore;
using static Contests.Web.Tests.Rounds.RoundPages;

namespace Contests.Web.Tests.Documents;

/// <summary>
/// Certificates through HTTP on both providers: a published round's pack (queued, built in steps, one printable PDF and a
/// ZIP), the PDFs valid and holding the names, the prize in figures and words, the QR code decoding to the public
/// verification page that answers valid, then void once voided, then points to the reissue; refusals (before
/// publication, bad input keeps what was typed and writes nothing, a made-up code); cancel and resume; audit records.
/// </summary>
public abstract partial class DocumentTests<TApp>(TApp app) : AppTest<TApp>(app) where TApp : ContestsApp
{
    private ReviewData Review { get; } = new(app);

    private static string Page(int roundId) => $"/rounds/{Id(roundId)}/documents";

    /// <summary>The review round with its acta approved: published, Juana S/ 600.00 and Pedro S/ 400.00 in Ccollpa.</summary>
    private async Task<JudgingRound> PublishedAsync()
    {
        var round = await Review.InReviewAsync();
        using var officer = await App.SignedInClientAsync(TestUsers.Officer);
        await ReviewData.OpenAsync(officer, round.Id, round.Lrac.MemberId, round.Other.MemberId);
        var session = $"/rounds/{Id(round.Id)}/session";
        await RedirectsToAsync(await officer.PostFormAsync(session, session + "/approve", ("Approve.AppealsUntil", "2026-11-30"), ("Approve.Confirmed", "true")), session);
        return round;
    }

    private static async Task<int> RequestPackAsync(AppClient officer, int roundId, int? communityId, string place = "Plaza de Ccollpa")
    {
        var response = await officer.PostFormAsync(Page(roundId), Page(roundId) + "/packs",
            ("Pack.CommunityId", communityId?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? string.Empty),
            ("Pack.CeremonyDate", "2026-11-28"), ("Pack.CeremonyPlace", place));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = response.Headers.Location!.OriginalString;
        Assert.Matches("^/documents/packs/[0-9]+$", location);
        return int.Parse(location[(location.LastIndexOf('/') + 1)..], System.Globalization.CultureInfo.InvariantCulture);
    }

    private async Task<PackRun> BuildAsync(int packId)
    {
        using var scope = App.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<PackBuilder>().RunAsync(packId, null, CancellationToken.None);
    }

    private Task<List<IssuedDocument>> CertificatesAsync(int roundId) => Review.Judging.Registry.ReadAsync(db =>
        db.Documents.AsNoTracking().Where(d => d.RoundId == roundId).OrderBy(d => d.Id).ToListAsync());

    private Task<DocumentPack> PackAsync(int packId) => Review.Judging.Registry.ReadAsync(db => db.DocumentPacks.AsNoTracking().SingleAsync(p => p.Id == packId));

    private Task<Dictionary<int, string>> NamesAsync(int roundId) => Review.Judging.Registry.ReadAsync(db =>
        db.Entries.AsNoTracking().Where(e => e.RoundId == roundId).ToDictionaryAsync(e => e.Number, e => e.CompetitorName));

    /// <summary>A certificate issued alone: back to the round's documents, at its row.</summary>
    private static async Task IssuedAsync(HttpResponseMessage response, int roundId)
    {
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, HtmlPage.Text(await response.Content.ReadAsStringAsync()));
        Assert.StartsWith(Page(roundId) + "#document-", response.Headers.Location!.OriginalString, StringComparison.Ordinal);
    }

    private static async Task<byte[]> BytesAsync(AppClient client, string url, string contentType)
    {
        var response = await client.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(contentType, response.Content.Headers.ContentType!.MediaType);
        return await response.Content.ReadAsByteArrayAsync();
    }

    [Fact]
    public async Task Officer_GeneratesCommunityPack_InSteps_PdfAndZip_ValidAndReadable_QrOpensValidPage_Audited()
    {
        var round = await PublishedAsync();
        // The register keeps "Quispe Mamani, Juana"; a certificate addresses her "Juana Quispe Mamani".
        var names = (await NamesAsync(round.Id)).ToDictionary(n => n.Key, n => Contests.Core.Common.PersonName.GivenFirst(n.Value));
        using var officer = await App.SignedInClientAsync(TestUsers.Officer);

        var packId = await RequestPackAsync(officer, round.Id, round.World.Ccollpa);

        Assert.Equal([packId], App.Packs.Packs);
        Assert.Equal(PackState.Queued, (await PackAsync(packId)).State);
        Assert.Equal(PackRun.Completed, await BuildAsync(packId));
        var pack = await PackAsync(packId);
        Assert.Equal((PackState.Completed, 2, 2, 100), (pack.State, pack.Done, pack.Total, pack.Percent));
        var progress = await officer.Http.GetStringAsync(new Uri($"/documents/packs/{packId}/progress", UriKind.Relative));
        Assert.Contains("\"percent\":100", progress, StringComparison.Ordinal);
        Assert.Contains("\"state\":\"Completed\"", progress, StringComparison.Ordinal);

        var documents = await CertificatesAsync(round.Id);
        Assert.Equal(["CER-2026-000001", "CER-2026-000002"], documents.Select(d => d.Number));
        Assert.All(documents, d => Assert.Equal((DocumentState.Valid, packId), (d.State, d.PackId!.Value)));
        Assert.Equal([names[1], names[2]], documents.Select(d => d.Holder));

        // One printable PDF with both certificates; a ZIP with one file each, the same bytes as stored.
        var pdf = await BytesAsync(officer, $"/documents/packs/{packId}/certificados.pdf", "application/pdf");
        Assert.Equal(0, PdfTools.QpdfCheck(pdf).ExitCode);
        Assert.Equal(2, PdfTools.Info(pdf).Pages);
        var pages = PdfTools.PageTexts(pdf);
        Assert.Contains(names[1], pages[0], StringComparison.Ordinal);
        Assert.Contains(names[2], pages[1], StringComparison.Ordinal);
        var zip = await BytesAsync(officer, $"/documents/packs/{packId}/certificados.zip", "application/zip");
        using var archive = new ZipArchive(new MemoryStream(zip));
        Assert.Equal(2, archive.Entries.Count);
        Assert.StartsWith("CER-2026-000001 ", archive.Entries[0].FullName, StringComparison.Ordinal);

        var juana = await BytesAsync(officer, $"/documents/{documents[0].Id}/file", "application/pdf");
        Assert.Equal(documents[0].Sha256, Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(juana)));
        Assert.Equal(0, PdfTools.QpdfCheck(juana).ExitCode);
        var info = PdfTools.Info(juana);
        Assert.Equal((1, 842d, 595d), (info.Pages, Math.Round(info.Width), Math.Round(info.Height)));
        var text = Normalize(PdfTools.Text(juana));
        Assert.Contains("CERTIFICADO DE PREMIO", text, StringComparison.Ordinal);
        Assert.Contains(names[1], text, StringComparison.Ordinal);
        Assert.Contains("Juana Quispe Mamani", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Quispe Mamani, Juana", text, StringComparison.Ordinal);
        Assert.Contains("de la comunidad Ccollpa", text, StringComparison.Ordinal);
        Assert.Contains("primer puesto", text, StringComparison.Ordinal);
        Assert.Contains("Premio: S/ 600.00", text, StringComparison.Ordinal);
        Assert.Contains("(SEISCIENTOS Y 00/100 SOLES)", text, StringComparison.Ordinal);
        Assert.Contains("Entregado en Plaza de Ccollpa, el 28 de noviembre de 2026.", text, StringComparison.Ordinal);
        Assert.Contains("Presidente(a) del CLAR", text, StringComparison.Ordinal);
        Assert.Contains("N.° CER-2026-000001", text, StringComparison.Ordinal);
        Assert.Contains("Oficial del proyecto", text, StringComparison.Ordinal);

        // The QR code decodes to the certificate's verification URL, and the public page (no sign-in) answers valid.
        var png = PdfTools.RenderPage(juana, 1, PdfTools.OutputDirectory(nameof(Officer_GeneratesCommunityPack_InSteps_PdfAndZip_ValidAndReadable_QrOpensValidPage_Audited)), "certificate-" + typeof(TApp).Name);
        var url = Assert.Single(PdfTools.DecodeQr(png));
        Assert.Matches("^http://localhost/verify/[0-9A-HJKMNP-TV-Z]{24}$", url);
        Assert.Contains(url, text, StringComparison.Ordinal);
        using var visitor = App.NewClient();
        var verify = await visitor.GetAsync(new Uri(url).PathAndQuery);
        Assert.Equal(HttpStatusCode.OK, verify.StatusCode);
        var page = await verify.Content.ReadAsStringAsync();
        Assert.Contains("data-outcome=\"Valid\"", page, StringComparison.Ordinal);
        Assert.Contains("Documento válido: CER-2026-000001", WebUtility.HtmlDecode(page), StringComparison.Ordinal);
        Assert.Contains(names[1], WebUtility.HtmlDecode(page), StringComparison.Ordinal);
        Assert.Contains("S/ 600.00", page, StringComparison.Ordinal);
        // No DNI nor account data on the public page.
        Assert.DoesNotContain("01234567", page, StringComparison.Ordinal);
        Assert.DoesNotContain("DNI", page, StringComparison.Ordinal);
        Assert.DoesNotContain("CCI", page, StringComparison.Ordinal);

        var audited = await Review.Judging.Registry.ReadAsync(db => db.AuditRecords.AsNoTracking()
            .Where(a => a.EntityType == nameof(IssuedDocument) && a.Action == "Added").Select(a => a.Actor).ToListAsync());
        Assert.Equal(2, audited.Count);
        Assert.True(await Review.Judging.Registry.ReadAsync(db => db.AuditRecords.AnyAsync(a => a.EntityType == nameof(DocumentPack) && a.Action == "Added"
            && a.Actor == TestUsers.Officer)));
    }

    [Fact]
    public async Task Pack_InStepsOfOne_PrintableDrawnAsOneDocument_OneEmbeddedFont_EachPagePrintsItsOwnFile_AuditIntact()
    {
        var round = await PublishedAsync();
        using var officer = await App.SignedInClientAsync(TestUsers.Officer);
        var packId = await RequestPackAsync(officer, round.Id, null);

        // One certificate a step: the builder commits, forgets what it tracked and goes on with the same pack twice.
        // Its two files are written while it issues: after the first step they are already open (as temporary files).
        var writingAfterFirstStep = -1;
        using (var scope = App.Services.CreateScope())
        {
            var builder = ActivatorUtilities.CreateInstance<PackBuilder>(scope.ServiceProvider,
                Microsoft.Extensions.Options.Options.Create(new DocumentOptions { PackStep = 1 }));
            var seen = new List<int>();
            Assert.Equal(PackRun.Completed, await builder.RunAsync(packId, new SyncProgress(p =>
            {
                seen.Add(p.Done);
                if (p.Done == 1)
                {
                    writingAfterFirstStep = TemporaryPackFiles();
                }
            }), CancellationToken.None));
            Assert.Equal([0, 1, 2, 2], seen);
        }
        Assert.InRange(writingAfterFirstStep, 1, 2);
        Assert.Equal(0, TemporaryPackFiles());
        var pack = await PackAsync(packId);
        Assert.Equal((PackState.Completed, 2, 2), (pack.State, pack.Done, pack.Total));
        var documents = await CertificatesAsync(round.Id);
        Assert.Equal(2, documents.Count);
        Assert.All(documents, d => Assert.Equal(packId, d.PackId));

        var pdf = await BytesAsync(officer, $"/documents/packs/{packId}/certificados.pdf", "application/pdf");
        Assert.Equal(0, PdfTools.QpdfCheck(pdf).ExitCode);
        Assert.Equal(2, PdfTools.Info(pdf).Pages);
        // Drawn as one document: one embedded font for every page (joined single files carried one subset each).
        Assert.Single(EmbeddedFonts(pdf));
        var pages = PdfTools.PageTexts(pdf);
        for (var i = 0; i < documents.Count; i++)
        {
            var single = await BytesAsync(officer, $"/documents/{documents[i].Id}/file", "application/pdf");
            Assert.Single(EmbeddedFonts(single));
            // The page prints what the certificate's own file prints: holder, number, verification code and address, anchor.
            Assert.Equal(Normalize(PdfTools.Text(single)), Normalize(pages[i]));
            Assert.Contains("N.° " + documents[i].Number, Normalize(pages[i]), StringComparison.Ordinal);
        }

        // The ZIP, written from the bytes the steps stored, holds each certificate's stored file in print order.
        var zip = await BytesAsync(officer, $"/documents/packs/{packId}/certificados.zip", "application/zip");
        using (var archive = new ZipArchive(new MemoryStream(zip)))
        {
            Assert.Equal(documents.Select(d => d.Number), archive.Entries.Select(e => e.FullName[..e.FullName.IndexOf(' ', StringComparison.Ordinal)]));
            Assert.Equal(documents.Select(d => d.Sha256), archive.Entries.Select(e =>
            {
                using var entry = e.Open();
                return Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(entry));
            }));
        }

        var audited = await Review.Judging.Registry.ReadAsync(db => db.AuditRecords.AsNoTracking()
            .CountAsync(a => a.EntityType == nameof(IssuedDocument) && a.Action == "Added"));
        Assert.Equal(2, audited);
        using var check = App.Services.CreateScope();
        Assert.True(check.ServiceProvider.GetRequiredService<Contests.Web.Infrastructure.Auditing.AuditVerifier>().Verify().IsIntact);
    }

    [Fact]
    public async Task Pack_CancelledBetweenSteps_KeepsTheCommittedStep_DropsItsUnfinishedFiles()
    {
        var round = await PublishedAsync();
        using var officer = await App.SignedInClientAsync(TestUsers.Officer);
        var packId = await RequestPackAsync(officer, round.Id, null);

        // A person cancels once the first of two steps is committed (the files are being written by then).
        var writing = -1;
        using (var scope = App.Services.CreateScope())
        {
            var builder = ActivatorUtilities.CreateInstance<PackBuilder>(scope.ServiceProvider,
                Microsoft.Extensions.Options.Options.Create(new DocumentOptions { PackStep = 1 }));
            Assert.Equal(PackRun.Cancelled, await builder.RunAsync(packId, new SyncProgress(p =>
            {
                if (p.Done == 1 && writing < 0)
                {
                    writing = TemporaryPackFiles();
                    using var other = App.Services.CreateScope();
                    var db = other.ServiceProvider.GetRequiredService<Contests.Web.Infrastructure.Persistence.ContestsDbContext>();
                    var cancelled = db.DocumentPacks.Single(d => d.Id == packId);
                    Assert.True(cancelled.Cancel(cancelled.RequestedByUserId, DateTime.UtcNow).Succeeded);
                    db.SaveChanges();
                }
            }), CancellationToken.None));
        }

        Assert.InRange(writing, 1, 2);
        var pack = await PackAsync(packId);
        Assert.Equal((PackState.Cancelled, 1), (pack.State, pack.Done));
        Assert.Single(await CertificatesAsync(round.Id));
        Assert.Equal(0, TemporaryPackFiles());
        Assert.Equal(HttpStatusCode.NotFound, (await officer.GetAsync($"/documents/packs/{packId}/certificados.zip")).StatusCode);
    }

    /// <summary>The pack files being written (temporary, beside the packs).</summary>
    private int TemporaryPackFiles()
    {
        var packs = Path.Combine(App.FilesPath, "packs");
        return Directory.Exists(packs) ? Directory.GetFiles(packs, "*.partial").Length : 0;
    }

    /// <summary>The fonts <c>pdffonts</c> lists as embedded (one row per font object of the document).</summary>
    private static List<string> EmbeddedFonts(byte[] pdf)
    {
        var path = Path.Combine(Path.GetTempPath(), Guid.NewGuid().ToString("N") + ".pdf");
        File.WriteAllBytes(path, pdf);
        try
        {
            var result = PdfTools.Run("pdffonts", path);
            Assert.Equal(0, result.ExitCode);
            return [.. result.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(2).Where(line => FontRow().Match(line) is { Success: true } m && m.Groups[1].Value == "yes")];
        }
        finally
        {
            File.Delete(path);
        }
    }

    /// <summary>A progress report that runs at once (Progress&lt;T&gt; would post to the thread pool).</summary>
    private sealed class SyncProgress(Action<DocumentPack> report) : IProgress<DocumentPack>
    {
        public void Report(DocumentPack value) => report(value);
    }

    [Fact]
    public async Task Void_ThenVerificationAnswersVoid_ThenReissue_NewNumber_ReplacesTheOld_OldPageNamesIt()
    {
        var round = await PublishedAsync();
        using var officer = await App.SignedInClientAsync(TestUsers.Officer);
        await BuildAsync(await RequestPackAsync(officer, round.Id, null));
        var juana = (await CertificatesAsync(round.Id))[0];
        var url = Regex.Match(Normalize(PdfTools.Text(await BytesAsync(officer, $"/documents/{juana.Id}/file", "application/pdf"))), "http://localhost/verify/[0-9A-Z]{24}").Value;
        var path = new Uri(url).PathAndQuery;

        // A void needs its reason: refused, what was typed kept, nothing changed.
        var refused = await HtmlAsync(await officer.PostFormAsync(Page(round.Id), $"/documents/{juana.Id}/void", ("Void.VoidReason", "  ")),
            HttpStatusCode.UnprocessableEntity);
        Assert.Equal("Complete el campo «Motivo de la anulación».", HtmlPage.ErrorOf(refused, "Void.VoidReason"));
        Assert.Equal(DocumentState.Valid, (await CertificatesAsync(round.Id))[0].State);

        await RedirectsToAsync(await officer.PostFormAsync(Page(round.Id), $"/documents/{juana.Id}/void", ("Void.VoidReason", "Nombre mal escrito")), Page(round.Id));
        var voided = (await CertificatesAsync(round.Id))[0];
        Assert.Equal((DocumentState.Void, "Nombre mal escrito"), (voided.State, voided.VoidReason));
        using var visitor = App.NewClient();
        var page = WebUtility.HtmlDecode(await visitor.Http.GetStringAsync(new Uri(path, UriKind.Relative)));
        Assert.Contains("data-outcome=\"Void\"", page, StringComparison.Ordinal);
        Assert.Contains("Documento ANULADO: CER-2026-000001", page, StringComparison.Ordinal);
        Assert.DoesNotContain("Nombre mal escrito", page, StringComparison.Ordinal); // the reason stays inside the app

        // Voiding twice is refused with its number.
        var twice = await HtmlAsync(await officer.PostFormAsync(Page(round.Id), $"/documents/{juana.Id}/void", ("Void.VoidReason", "otra vez")),
            HttpStatusCode.UnprocessableEntity);
        Assert.Contains("El documento CER-2026-000001 ya está anulado.", Summary(twice));

        // Reissued: a new number, linked to the old; the old page names the new one.
        var juanaEntry = round.Entry(1);
        await IssuedAsync(await officer.PostFormAsync(Page(round.Id), $"{Page(round.Id)}/certificates/{juanaEntry}",
            ("One.CeremonyDate", "2026-11-28"), ("One.CeremonyPlace", "Plaza de Ccollpa")), round.Id);
        var all = await CertificatesAsync(round.Id);
        var reissued = Assert.Single(all, d => d.Valid && d.EntryId == juanaEntry);
        Assert.Equal(("CER-2026-000003", juana.Id), (reissued.Number, reissued.ReplacesId!.Value));
        page = WebUtility.HtmlDecode(await visitor.Http.GetStringAsync(new Uri(path, UriKind.Relative)));
        Assert.Contains("Fue reemplazado por el documento CER-2026-000003.", page, StringComparison.Ordinal);
        Assert.True(await Review.Judging.Registry.ReadAsync(db => db.AuditRecords.AnyAsync(a => a.EntityType == nameof(IssuedDocument) && a.Action == "Modified"
            && a.Actor == TestUsers.Officer)));

        // A second one while one is valid is refused.
        var again = await HtmlAsync(await officer.PostFormAsync(Page(round.Id), $"{Page(round.Id)}/certificates/{juanaEntry}",
            ("One.CeremonyDate", "2026-11-28"), ("One.CeremonyPlace", "Plaza de Ccollpa")), HttpStatusCode.UnprocessableEntity);
        Assert.Contains(Summary(again), m => m.StartsWith("Este ganador ya tiene un certificado válido", StringComparison.Ordinal));
        Assert.Equal(3, (await CertificatesAsync(round.Id)).Count);
    }

    [Fact]
    public async Task Verify_MadeUpOrAlteredCode_AnswersNotFound_AndOffersTheForm()
    {
        var round = await PublishedAsync();
        using var officer = await App.SignedInClientAsync(TestUsers.Officer);
        await BuildAsync(await RequestPackAsync(officer, round.Id, null));
        var juana = (await CertificatesAsync(round.Id))[0];
        var url = Regex.Match(Normalize(PdfTools.Text(await BytesAsync(officer, $"/documents/{juana.Id}/file", "application/pdf"))), "/verify/([0-9A-Z]{24})");
        var code = url.Groups[1].Value;
        var altered = code[..^1] + (code[^1] == '0' ? '1' : '0');
        using var visitor = App.NewClient();

        foreach (var path in new[] { "/verify/" + altered, "/verify/ABCDEFGHJKMNPQRSTVWXYZ01", "/verify/xyz", "/verify?code=" + altered })
        {
            var response = await visitor.GetAsync(path);
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
            Assert.Contains("Ese código no corresponde a ningún documento", html, StringComparison.Ordinal);
            Assert.Contains("id=\"verify-code\"", html, StringComparison.Ordinal);
        }
        // Typed from paper: lower case and hyphens are fine.
        var typed = string.Join('-', code.ToLowerInvariant().Chunk(4).Select(c => new string(c)));
        var ok = await visitor.GetAsync("/verify?code=" + typed);
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        Assert.Contains("data-outcome=\"Valid\"", await ok.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Pack_BeforePublication_Refused_NothingWritten()
    {
        var round = await Review.InReviewAsync();
        using var officer = await App.SignedInClientAsync(TestUsers.Officer);

        var html = await HtmlAsync(await officer.PostFormAsync(Page(round.Id), Page(round.Id) + "/packs",
            ("Pack.CeremonyDate", "2026-11-28"), ("Pack.CeremonyPlace", "Plaza")), HttpStatusCode.UnprocessableEntity);

        Assert.Contains(Summary(html), m => m.StartsWith("Aún no hay certificados: la ronda está en «Revisión del CLAR».", StringComparison.Ordinal));
        Assert.Empty(App.Packs.Packs);
        Assert.Equal(0, await Review.Judging.Registry.ReadAsync(db => db.DocumentPacks.CountAsync()));
    }

    [Fact]
    public async Task Pack_BadInput_KeepsWhatWasTyped_WritesNothing()
    {
        var round = await PublishedAsync();
        using var officer = await App.SignedInClientAsync(TestUsers.Officer);

        var html = await HtmlAsync(await officer.PostFormAsync(Page(round.Id), Page(round.Id) + "/packs",
            ("Pack.CommunityId", round.World.Ampay.ToString(System.Globalization.CultureInfo.InvariantCulture)), ("Pack.CeremonyDate", "31/02/2026"),
            ("Pack.CeremonyPlace", "")), HttpStatusCode.UnprocessableEntity);

        Assert.Equal("«31/02/2026» no es una fecha (aaaa-mm-dd).", HtmlPage.ErrorOf(html, "Pack.CeremonyDate"));
        Assert.Equal("Complete el campo «Lugar de la ceremonia».", HtmlPage.ErrorOf(html, "Pack.CeremonyPlace"));
        Assert.Equal("Esa comunidad no tiene ganadores con premio en esta ronda.", HtmlPage.ErrorOf(html, "Pack.CommunityId"));
        Assert.Contains("value=\"31/02/2026\"", html, StringComparison.Ordinal);
        Assert.Empty(App.Packs.Packs);
        Assert.Equal(0, await Review.Judging.Registry.ReadAsync(db => db.DocumentPacks.CountAsync()));
    }

    [Theory]
    [InlineData("0001-01-01")]
    [InlineData("9999-12-31")]
    public async Task Ceremony_ImpossibleDate_RefusedOnTheField_NoPackNoCertificate(string day)
    {
        var round = await PublishedAsync();
        using var officer = await App.SignedInClientAsync(TestUsers.Officer);
        var audits = await Review.Judging.Registry.ReadAsync(db => db.AuditRecords.CountAsync());
        // From 1 January of the year before the round was created to a year after today.
        const string message = "«Fecha de la ceremonia» debe estar entre el 1/01/2025 y el 23/11/2027.";

        var pack = await HtmlAsync(await officer.PostFormAsync(Page(round.Id), Page(round.Id) + "/packs",
            ("Pack.CommunityId", string.Empty), ("Pack.CeremonyDate", day), ("Pack.CeremonyPlace", "Plaza de Ccollpa")), HttpStatusCode.UnprocessableEntity);
        Assert.Equal(message, HtmlPage.ErrorOf(pack, "Pack.CeremonyDate"));
        Assert.Contains($"value=\"{day}\"", pack, StringComparison.Ordinal);

        var one = await HtmlAsync(await officer.PostFormAsync(Page(round.Id), $"{Page(round.Id)}/certificates/{round.Entry(1)}",
            ("One.CeremonyDate", day), ("One.CeremonyPlace", "Plaza de Ccollpa")), HttpStatusCode.UnprocessableEntity);
        Assert.Equal(message, HtmlPage.ErrorOf(one, "One.CeremonyDate"));

        Assert.Empty(App.Packs.Packs);
        Assert.Equal(0, await Review.Judging.Registry.ReadAsync(db => db.DocumentPacks.CountAsync()));
        Assert.Empty(await CertificatesAsync(round.Id));
        Assert.Equal(audits, await Review.Judging.Registry.ReadAsync(db => db.AuditRecords.CountAsync()));
    }

    [Fact]
    public async Task Pack_Cancelled_BeforeItRuns_IssuesNothing_CannotResume()
    {
        var round = await PublishedAsync();
        using var officer = await App.SignedInClientAsync(TestUsers.Officer);
        var packId = await RequestPackAsync(officer, round.Id, null);

        await RedirectsToAsync(await officer.PostFormAsync($"/documents/packs/{packId}", $"/documents/packs/{packId}/cancel"), $"/documents/packs/{packId}");

        Assert.Equal(PackRun.Cancelled, await BuildAsync(packId));
        Assert.Equal(PackState.Cancelled, (await PackAsync(packId)).State);
        Assert.Empty(await CertificatesAsync(round.Id));
        await RedirectsToAsync(await officer.PostFormAsync($"/documents/packs/{packId}", $"/documents/packs/{packId}/resume"), $"/documents/packs/{packId}");
        Assert.Equal(PackState.Cancelled, (await PackAsync(packId)).State);
        Assert.Equal(HttpStatusCode.NotFound, (await officer.GetAsync($"/documents/packs/{packId}/certificados.pdf")).StatusCode);
    }

    [Fact]
    public async Task Pack_FailsWhenFilesCannotBeWritten_ErrorShown_ResumedItGoesOn_NoDuplicates()
    {
        var round = await PublishedAsync();
        using var officer = await App.SignedInClientAsync(TestUsers.Officer);
        // Juana's certificate already exists: a pack goes on from what is issued.
        await IssuedAsync(await officer.PostFormAsync(Page(round.Id), $"{Page(round.Id)}/certificates/{round.Entry(1)}",
            ("One.CeremonyDate", "2026-11-28"), ("One.CeremonyPlace", "Plaza de Ccollpa")), round.Id);
        var packId = await RequestPackAsync(officer, round.Id, null);
        // A file where the documents' folder must be: the step can't write Pedro's certificate.
        var documents = Path.Combine(App.FilesPath, "documents");
        var blocked = Directory.Exists(documents) ? documents + ".moved" : null;
        if (blocked is not null)
        {
            Directory.Move(documents, blocked);
        }
        await File.WriteAllTextAsync(documents, "not a folder");
        try
        {
            await Assert.ThrowsAnyAsync<IOException>(() => BuildAsync(packId));
            var failed = await PackAsync(packId);
            Assert.Equal((PackState.Failed, 1, 2), (failed.State, failed.Done, failed.Total));
            Assert.Matches("^(IOException|DirectoryNotFoundException): ", failed.Error);
            var html = WebUtility.HtmlDecode(await officer.GetPageAsync($"/documents/packs/{packId}"));
            Assert.Contains("Detenido por un error", html, StringComparison.Ordinal);
            Assert.Contains(failed.Error!, html, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(documents);
            if (blocked is not null)
            {
                Directory.Move(blocked, documents);
            }
        }

        await RedirectsToAsync(await officer.PostFormAsync($"/documents/packs/{packId}", $"/documents/packs/{packId}/resume"), $"/documents/packs/{packId}");
        Assert.Equal([packId, packId], App.Packs.Packs);
        Assert.Equal(PackRun.Completed, await BuildAsync(packId));
        var issued = await CertificatesAsync(round.Id);
        Assert.Equal(2, issued.Count);
        Assert.Equal([null, packId], issued.Select(d => d.PackId));
        Assert.Equal(2, PdfTools.Info(await BytesAsync(officer, $"/documents/packs/{packId}/certificados.pdf", "application/pdf")).Pages);
        // Run again (a second firing): nothing new.
        Assert.Equal(PackRun.NotDue, await BuildAsync(packId));
        Assert.Equal(2, (await CertificatesAsync(round.Id)).Count);
    }

    [Fact]
    public async Task Readers_SeeAndDownload_OnlyOfficersIssue_LracMembersSeeNothing()
    {
        var round = await PublishedAsync();
        using var officer = await App.SignedInClientAsync(TestUsers.Officer);
        var packId = await RequestPackAsync(officer, round.Id, null);
        await BuildAsync(packId);
        var documentId = (await CertificatesAsync(round.Id))[0].Id;

        using var auditor = await App.SignedInClientAsync(TestUsers.Auditor);
        var page = await auditor.GetPageAsync(Page(round.Id));
        Assert.DoesNotContain("id=\"pack-form\"", page, StringComparison.Ordinal);
        Assert.DoesNotContain($"/documents/{documentId}/void", page, StringComparison.Ordinal);
        Assert.Contains($"/documents/{documentId}/file", page, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await auditor.GetAsync($"/documents/{documentId}/file")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await auditor.GetAsync($"/documents/packs/{packId}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await auditor.GetAsync($"/documents/packs/{packId}/certificados.zip")).StatusCode);

        using var lrac = await App.SignedInClientAsync(TestUsers.Lrac);
        foreach (var url in new[] { Page(round.Id), $"/documents/{documentId}/file", $"/documents/packs/{packId}", $"/documents/packs/{packId}/progress" })
        {
            var response = await lrac.GetAsync(url);
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.Equal("/account/denied", response.Headers.Location!.AbsolutePath);
        }
        using var anonymous = App.NewClient();
        Assert.Equal("/account/login", (await anonymous.GetAsync($"/documents/{documentId}/file")).Headers.Location!.AbsolutePath);
    }

    [Fact]
    public async Task ActaAndResultsList_IssuedAsPdfs_OncePerActa_Readable_Verifiable_ResultsPublic()
    {
        var round = await PublishedAsync();
        var names = await NamesAsync(round.Id);
        using var officer = await App.SignedInClientAsync(TestUsers.Officer);
        using var visitor = App.NewClient();
        Assert.Equal(HttpStatusCode.NotFound, (await visitor.GetAsync($"/public/rounds/{Id(round.Id)}/results.pdf")).StatusCode);

        var issued = await officer.PostFormAsync(Page(round.Id), Page(round.Id) + "/records/acta");
        Assert.Equal(HttpStatusCode.Redirect, issued.StatusCode);
        var again = await officer.PostFormAsync(Page(round.Id), Page(round.Id) + "/records/acta");
        Assert.Equal(issued.Headers.Location, again.Headers.Location); // the same document, not a second one
        await officer.PostFormAsync(Page(round.Id), Page(round.Id) + "/records/results");
        var documents = await CertificatesAsync(round.Id);
        Assert.Equal([(DocumentKind.Acta, "ACT-2026-000001"), (DocumentKind.ResultsList, "RES-2026-000001")], documents.Select(d => (d.Kind, d.Number)));

        var acta = await BytesAsync(officer, $"/documents/{documents[0].Id}/file", "application/pdf");
        Assert.Equal(0, PdfTools.QpdfCheck(acta).ExitCode);
        var text = Normalize(PdfTools.Text(acta));
        Assert.Contains("ACTA N.° 001-2026 DEL CLAR", text, StringComparison.Ordinal);
        Assert.Contains("Presentes 2 de 3 miembros con voto; quórum: 2.", text, StringComparison.Ordinal);
        Assert.Contains(names[1], text, StringComparison.Ordinal);
        Assert.Contains("S/ 600.00", text, StringComparison.Ordinal);
        Assert.Contains("S/ 1,000.00 (MIL Y 00/100 SOLES)", text, StringComparison.Ordinal);
        Assert.Contains("El CLAR no cambió ningún monto calculado.", text, StringComparison.Ordinal);
        Assert.Contains("ACT-2026-000001 · Página 1 de", text, StringComparison.Ordinal);
        var code = Regex.Match(text, "/verify/([0-9A-Z]{24})").Groups[1].Value;
        var page = WebUtility.HtmlDecode(await visitor.Http.GetStringAsync(new Uri("/verify/" + code, UriKind.Relative)));
        Assert.Contains("Documento válido: ACT-2026-000001", page, StringComparison.Ordinal);
        Assert.Contains("001-2026", page, StringComparison.Ordinal);

        var list = await BytesAsync(visitor, $"/public/rounds/{Id(round.Id)}/results.pdf", "application/pdf");
        Assert.Equal(documents[1].Sha256, Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(list)));
        var listText = Normalize(PdfTools.Text(list));
        Assert.Contains(names[1], listText, StringComparison.Ordinal);
        Assert.Contains(names[2], listText, StringComparison.Ordinal);
        Assert.Contains("Ccollpa", listText, StringComparison.Ordinal);
        Assert.DoesNotContain("01234567", listText, StringComparison.Ordinal); // no DNI on the public list
        Assert.Contains("id=\"results-pdf\"", await visitor.GetPageAsync($"/public/rounds/{Id(round.Id)}/results"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ActaCertificateAndPublicPage_PrintTheAuditChainsHead_ARewriteBeforeItIsCaught()
    {
        var round = await PublishedAsync();
        using var officer = await App.SignedInClientAsync(TestUsers.Officer);
        await officer.PostFormAsync(Page(round.Id), Page(round.Id) + "/records/acta");
        var entryId = await Review.Judging.Registry.ReadAsync(db => db.Awards.Where(a => a.RoundId == round.Id && a.Current && a.Amount > 0)
            .OrderBy(a => a.Id).Select(a => a.EntryId).FirstAsync());
        await IssuedAsync(await officer.PostFormAsync(Page(round.Id), Page(round.Id) + $"/certificates/{Id(entryId)}",
            ("One.CeremonyDate", "2026-11-28"), ("One.CeremonyPlace", "Plaza de Ccollpa")), round.Id);
        var documents = await CertificatesAsync(round.Id);
        var acta = documents.Single(d => d.Kind == DocumentKind.Acta);
        var certificate = documents.Single(d => d.Kind == DocumentKind.Certificate);

        var anchors = new List<string>();
        foreach (var document in new[] { acta, certificate })
        {
            var text = Normalize(PdfTools.Text(await BytesAsync(officer, $"/documents/{document.Id}/file", "application/pdf")));
            var printed = Regex.Match(text, "Ancla de auditoría: ([0-9]+:[0-9a-f]{16})…");
            Assert.True(printed.Success, text);
            anchors.Add(printed.Groups[1].Value);
        }
        using var visitor = App.NewClient();
        var publicPage = await visitor.GetPageAsync($"/public/rounds/{Id(round.Id)}/results");
        var onPage = Regex.Match(publicPage, "data-audit-anchor=\"([0-9]+:[0-9a-f]{16})…\"");
        Assert.True(onPage.Success);
        Assert.Contains("Ancla de auditoría: " + onPage.Groups[1].Value, HtmlPage.Text(publicPage), StringComparison.Ordinal);
        anchors.Add(onPage.Groups[1].Value);
        foreach (var anchor in anchors)
        {
            var output = new StringWriter();
            Assert.True(await Contests.Web.Cli.CliRunner.RunAsync(App.Services, ["verify-audit", "--anchor", anchor], output) == 0, output.ToString());
        }

        // Someone with the database's keys rewrites an early record and re-hashes every record after it.
        await Audit.AuditRewrite.RewriteFromAsync(App, 3);
        var plain = new StringWriter();
        Assert.Equal(0, await Contests.Web.Cli.CliRunner.RunAsync(App.Services, ["verify-audit"], plain));
        foreach (var anchor in anchors)
        {
            var output = new StringWriter();
            Assert.Equal(1, await Contests.Web.Cli.CliRunner.RunAsync(App.Services, ["verify-audit", "--anchor", anchor], output));
            Assert.Contains("does NOT match the anchor", output.ToString(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task ActaPdf_BeforeTheActaIsApproved_Refused_NothingWritten()
    {
        var round = await Review.InReviewAsync();
        using var officer = await App.SignedInClientAsync(TestUsers.Officer);

        var html = await HtmlAsync(await officer.PostFormAsync(Page(round.Id), Page(round.Id) + "/records/acta"), HttpStatusCode.UnprocessableEntity);

        Assert.Contains(Summary(html), m => m.StartsWith("No hay un acta aprobada del CLAR", StringComparison.Ordinal));
        Assert.Empty(await CertificatesAsync(round.Id));
    }

    [Fact]
    public async Task DisbursementRequest_OfABatch_ListsAccountsAndSources_OncePerBatch_Verifiable()
    {
        var data = new Payouts.PayoutData(App);
        var round = await data.FinalAsync(pedroVerified: true);
        var payouts = await data.CreatedAsync(round);
        using var finance = await App.SignedInClientAsync(TestUsers.Finance);
        var page = $"/rounds/{Id(round.Id)}/payouts";
        var ids = payouts.Select(p => ("selected", Id(p.Id))).ToArray();
        await RedirectsToAsync(await finance.PostFormAsync(page, page + "/approve", ids), page);
        var scheduled = await finance.PostFormAsync(page, page + "/batch", [.. ids, ("Batch.ExecuteAt", "")]);
        var batchPage = scheduled.Headers.Location!.OriginalString;

        await RedirectsToAsync(await finance.PostFormAsync(batchPage, batchPage + "/request"), batchPage);
        await RedirectsToAsync(await finance.PostFormAsync(batchPage, batchPage + "/request"), batchPage);

        var request = Assert.Single(await CertificatesAsync(round.Id));
        Assert.Equal((DocumentKind.DisbursementRequest, "SDD-2026-000001"), (request.Kind, request.Number));
        var html = await finance.GetPageAsync(batchPage);
        Assert.Contains($"href=\"/documents/{request.Id}/file\"", html, StringComparison.Ordinal);
        var pdf = await BytesAsync(finance, $"/documents/{request.Id}/file", "application/pdf");
        Assert.Equal(0, PdfTools.QpdfCheck(pdf).ExitCode);
        var text = Normalize(PdfTools.Text(pdf));
        Assert.Contains("SOLICITUD DE DESEMBOLSO", text, StringComparison.Ordinal);
        Assert.Contains("S/ 1,000.00 (MIL Y 00/100 SOLES)", text, StringComparison.Ordinal);
        Assert.Contains(Payouts.PayoutData.JuanasCci.Value, text, StringComparison.Ordinal);
        Assert.Contains(Payouts.PayoutData.PedrosCci.Value, text, StringComparison.Ordinal);
        Assert.Contains("Juana Quispe Mamani", text, StringComparison.Ordinal);
        Assert.Contains("Por fuente de financiamiento", text, StringComparison.Ordinal);
        Assert.Contains("no requieren condiciones previas", text, StringComparison.Ordinal);
        var code = Regex.Match(text, "/verify/([0-9A-Z]{24})").Groups[1].Value;
        using var visitor = App.NewClient();
        var verify = WebUtility.HtmlDecode(await visitor.Http.GetStringAsync(new Uri("/verify/" + code, UriKind.Relative)));
        Assert.Contains("Documento válido: SDD-2026-000001", verify, StringComparison.Ordinal);
        Assert.DoesNotContain(Payouts.PayoutData.JuanasCci.Value, verify, StringComparison.Ordinal); // no account on the public page
    }

    /// <summary>pdftotext keeps the layout's line breaks; one space between words makes the assertions read like the page.</summary>
    private static string Normalize(string text) => WhiteSpace().Replace(text, " ");

    [GeneratedRegex(@"\s+")]
    private static partial Regex WhiteSpace();

    /// <summary>A pdffonts row: name, type, encoding, then the emb sub uni columns (yes/no) and the object id.</summary>
    [GeneratedRegex(@"\s(yes|no)\s+(?:yes|no)\s+(?:yes|no)\s+\d+\s+\d+\s*$")]
    private static partial Regex FontRow();
}

public sealed class DocumentTestsOnSqlite(SqliteApp app) : DocumentTests<SqliteApp>(app);

public sealed class DocumentTestsOnPostgres(PostgresApp app) : DocumentTests<PostgresApp>(app);
