using System.IO.Compression;
using Contests.Core.Documents;
using Contests.Web.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using PdfSharp.Pdf;
using PdfSharp.Pdf.IO;

namespace Contests.Web.Features.Documents;

/// <summary>Asks the background worker to build a pack (Hangfire in the app; tests record or run it).</summary>
public interface IPackScheduler
{
    Task EnqueueAsync(int packId, CancellationToken ct);
}

/// <summary>What a run of the pack builder did.</summary>
public enum PackRun
{
    Completed,

    /// <summary>Cancelled before or while it ran: it stopped at a step's end.</summary>
    Cancelled,

    /// <summary>Nothing to do (completed, cancelled or failed already).</summary>
    NotDue,
}

/// <summary>
/// Builds a certificate pack in steps of <see cref="DocumentOptions.PackStep"/>: each step issues its certificates and
/// records the pack's progress in one transaction, so the progress bar shows committed work, a restart goes on from the
/// last step (the certificates already issued are skipped), and a cancel is seen at the next step. Then the printable
/// PDF (every certificate's page, in order: drawn as one document when this run issued them all, else imported from the
/// stored files) and the ZIP of the stored single files are written. A failure is recorded on the pack (it waits for a
/// person to resume it) and thrown on: never swallowed.
/// </summary>
public sealed class PackBuilder(ContestsDbContext db, Certificates certificates, DocumentStore store, IServiceScopeFactory scopes,
    IOptions<DocumentOptions> options, TimeProvider clock, Infrastructure.Observability.ContestsMetrics metrics)
{
    private const string PrintableTitle = "Certificados";

    public async Task<PackRun> RunAsync(int packId, IProgress<DocumentPack>? progress, CancellationToken ct)
    {
        try
        {
            var run = await BuildAsync(packId, progress, ct);
            if (run == PackRun.Completed)
            {
                metrics.PackBuilt();
            }
            return run;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            await RecordFailureAsync(packId, ex);
            throw;
        }
    }

    private async Task<PackRun> BuildAsync(int packId, IProgress<DocumentPack>? progress, CancellationToken ct)
    {
        var pack = await db.DocumentPacks.SingleAsync(p => p.Id == packId, ct);
        var awards = await certificates.AwardsAsync(pack.RoundId, pack.CommunityId, ct);
        if (!pack.Start(awards.Count, clock.GetUtcNow().UtcDateTime))
        {
            return pack.State == PackState.Cancelled ? PackRun.Cancelled : PackRun.NotDue;
        }
        var certified = await certificates.CertifiedAsync(pack.RoundId, [.. awards.Select(a => a.EntryId)], ct);
        pack.Progress(certified.Count);
        await db.SaveChangesAsync(ct);
        progress?.Report(pack);
        var round = await certificates.RoundAsync(pack.RoundId, pack.RequestedByUserId, ct);
        var ceremony = new Ceremony(pack.CeremonyDate, pack.CeremonyPlace, pack.BaseUrl);
        var step = Math.Max(1, options.Value.PackStep);
        var todo = awards.Where(a => !certified.Contains(a.EntryId)).ToList();
        var done = certified.Count;
        // What this run issued, by entry: their pages are drawn again for the printable PDF.
        var issued = new Dictionary<int, Certificate>();
        for (var i = 0; i < todo.Count; i += step)
        {
            if (await CancelledAsync(packId, ct))
            {
                return PackRun.Cancelled;
            }
            var chunk = todo.GetRange(i, Math.Min(step, todo.Count - i));
            pack = await IssueStepAsync(pack, round, chunk, ceremony, done + chunk.Count, issued, ct);
            if (pack.State != PackState.Running)
            {
                return PackRun.Cancelled;
            }
            // The step is committed: forget its documents and audit records, or every later save would scan them all
            // again (the change tracker's cost grew with each step: 10,000 certificates made it quadratic).
            db.ChangeTracker.Clear();
            db.DocumentPacks.Attach(pack);
            done += chunk.Count;
            progress?.Report(pack);
        }
        if (await CancelledAsync(packId, ct))
        {
            return PackRun.Cancelled;
        }
        var (pdf, zip) = await WriteFilesAsync(pack, awards, issued, ct);
        pack.Complete(pdf, zip, clock.GetUtcNow().UtcDateTime);
        await db.SaveChangesAsync(ct);
        progress?.Report(pack);
        return PackRun.Completed;
    }

    /// <summary>Issues a step with the pack's progress; returns the pack as it now stands (not running if cancelled meanwhile).</summary>
    private async Task<DocumentPack> IssueStepAsync(DocumentPack pack, CertificateRound round, List<CertificateAward> chunk, Ceremony ceremony, int doneAfter,
        Dictionary<int, Certificate> issued, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                pack.Progress(doneAfter);
                foreach (var certificate in await certificates.IssueAsync(round, chunk, ceremony, pack.RequestedByUserId, pack.Id, ct))
                {
                    issued[certificate.Award.EntryId] = certificate;
                }
                return pack;
            }
            catch (DbUpdateException) when (attempt < 5)
            {
                // Another writer took the same numbers (or issued one of these), or a person cancelled the pack
                // (its revision changed): read it again and redo the step if it still runs.
                db.ChangeTracker.Clear();
                pack = await db.DocumentPacks.SingleAsync(p => p.Id == pack.Id, ct);
                if (pack.State != PackState.Running)
                {
                    return pack;
                }
            }
        }
    }

    private Task<bool> CancelledAsync(int packId, CancellationToken ct) =>
        db.DocumentPacks.AsNoTracking().AnyAsync(p => p.Id == packId && p.State == PackState.Cancelled, ct);

    /// <summary>
    /// The ZIP of the stored single files, and the printable PDF. When this run issued every certificate of the pack, the
    /// printable is drawn as one document (one embedded font) while the ZIP is written; otherwise (a resumed pack, or
    /// certificates issued before it) its pages are imported from the stored files, which print the same.
    /// </summary>
    private async Task<(DocumentFile Pdf, DocumentFile Zip)> WriteFilesAsync(DocumentPack pack, IReadOnlyList<CertificateAward> awards,
        Dictionary<int, Certificate> issued, CancellationToken ct)
    {
        var entryIds = awards.Select(a => a.EntryId).ToList();
        var documents = (await db.Documents.AsNoTracking()
                .Where(d => d.RoundId == pack.RoundId && d.Kind == DocumentKind.Certificate && d.State == DocumentState.Valid && entryIds.Contains(d.EntryId!.Value))
                .Select(d => new { EntryId = d.EntryId!.Value, d.Number, d.Holder, d.Sha256 }).ToListAsync(ct))
            .ToDictionary(d => d.EntryId);
        var drawn = awards.All(a => issued.TryGetValue(a.EntryId, out var c) && c.Number == documents[a.EntryId].Number)
            ? awards.Select(a => issued[a.EntryId]).ToList()
            : null;
        var pdfTemp = store.NewTempPath();
        var zipTemp = store.NewTempPath();
        try
        {
            if (drawn is not null)
            {
                // Two independent writers on the two cores; both are awaited, so a failure of either is thrown.
                await Task.WhenAll(
                    Task.Run(() => File.WriteAllBytesAsync(pdfTemp, CertificatePdf.RenderMany(drawn, PrintableTitle), ct), ct),
                    Task.Run(() => WriteZipAsync(zipTemp, null), ct));
            }
            else
            {
                using var printable = new PdfDocument();
                printable.Info.Title = PrintableTitle;
                await WriteZipAsync(zipTemp, printable);
                printable.Options.CompressContentStreams = false;
                printable.Save(pdfTemp);
            }
            var pdf = await store.KeepPackAsync(pack.Id, ".pdf", pdfTemp, ct);
            var zipFile = await store.KeepPackAsync(pack.Id, ".zip", zipTemp, ct);
            return (pdf, zipFile);
        }
        finally
        {
            File.Delete(pdfTemp);
            File.Delete(zipTemp);
        }

        // The ZIP of the stored files, in print order; each page also imported into <paramref name="printable"/> when given.
        async Task WriteZipAsync(string path, PdfDocument? printable)
        {
            await using var zipStream = File.Create(path);
            using var zip = new ZipArchive(zipStream, ZipArchiveMode.Create);
            foreach (var award in awards)
            {
                var document = documents[award.EntryId];
                var bytes = await store.ReadAsync(document.Sha256, ct)
                    ?? throw new InvalidOperationException($"The file of certificate {document.Number} is missing or damaged in the storage.");
                if (printable is not null)
                {
                    using var single = PdfReader.Open(new MemoryStream(bytes), PdfDocumentOpenMode.Import);
                    foreach (var page in single.Pages)
                    {
                        printable.AddPage(page);
                    }
                }
                var entry = zip.CreateEntry(FileNameOf(document.Number, document.Holder), CompressionLevel.Fastest);
                await using var target = await entry.OpenAsync(ct);
                await target.WriteAsync(bytes, ct);
            }
        }
    }

    /// <summary>"CER-2026-000042 Quispe Mamani, Juan.pdf": the number, then the holder without characters a file system refuses.</summary>
    public static string FileNameOf(string number, string holder)
    {
        ArgumentNullException.ThrowIfNull(holder);
        var clean = new string([.. holder.Select(c => char.IsLetterOrDigit(c) || c is ' ' or '-' or '.' or ',' ? c : '_')]).Trim();
        return $"{number} {(clean.Length > 80 ? clean[..80] : clean)}.pdf";
    }

    private async Task RecordFailureAsync(int packId, Exception error)
    {
        // A fresh context: this one may hold the failed step's changes.
        await using var scope = scopes.CreateAsyncScope();
        var fresh = scope.ServiceProvider.GetRequiredService<ContestsDbContext>();
        var pack = await fresh.DocumentPacks.SingleOrDefaultAsync(p => p.Id == packId, CancellationToken.None);
        if (pack is { State: PackState.Queued or PackState.Running })
        {
            pack.Fail($"{error.GetType().Name}: {error.Message}");
            await fresh.SaveChangesAsync(CancellationToken.None);
        }
    }
}

/// <summary>Puts packs left queued or running (a restart, a lost trigger) back in the scheduler; building one again is harmless.</summary>
public sealed class PackReconciler(ContestsDbContext db, IPackScheduler scheduler)
{
    public async Task<int> ReconcileAsync(CancellationToken ct)
    {
        var open = await db.DocumentPacks.AsNoTracking().Where(p => p.State == PackState.Queued || p.State == PackState.Running)
            .Select(p => p.Id).ToListAsync(ct);
        foreach (var id in open)
        {
            await scheduler.EnqueueAsync(id, ct);
        }
        return open.Count;
    }
}
