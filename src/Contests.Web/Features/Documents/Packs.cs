using System.IO.Compression;
using System.Threading.Channels;
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
/// last step (the certificates already issued are skipped), and a cancel is seen at the next step. The printable PDF
/// (every certificate's page, in order) and the ZIP of the single files are written while a fresh pack's steps are
/// issued (<see cref="StreamedPackFiles"/>), else, at the end, from the stored files. A failure is recorded on the pack (it waits for a
/// person to resume it) and thrown on: never swallowed.
/// </summary>
public sealed class PackBuilder(ContestsDbContext db, Certificates certificates, DocumentStore store, IServiceScopeFactory scopes,
    IOptions<DocumentOptions> options, TimeProvider clock, Infrastructure.Observability.ContestsMetrics metrics, ILogger<PackBuilder> logger)
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
        // A run that issues the whole pack writes its two files while it issues, from each committed step's certificates
        // and file bytes (on a third worker beside the step's two renderers), instead of reading and drawing them all again
        // at the end; any other run (resumed, or certificates issued before it) builds them from the stored files.
        await using var streamed = certified.Count == 0 && todo.Count > 0 ? new StreamedPackFiles(store, PrintableTitle, ct) : null;
        var timing = new PackTiming();
        for (var i = 0; i < todo.Count; i += step)
        {
            if (await CancelledAsync(packId, ct))
            {
                return PackRun.Cancelled;
            }
            var chunk = todo.GetRange(i, Math.Min(step, todo.Count - i));
            pack = await IssueStepAsync(pack, round, chunk, ceremony, done + chunk.Count, streamed, timing, ct);
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
        timing.Issued = timing.Clock.Elapsed;
        var (pdf, zip) = await WriteFilesAsync(pack, awards, streamed, ct);
        pack.Complete(pdf, zip, clock.GetUtcNow().UtcDateTime);
        await db.SaveChangesAsync(ct);
        progress?.Report(pack);
        logger.LogInformation("Pack {PackId}: {Count} certificates issued in {IssuedSeconds:0.00} s ({RenderingSeconds:0.00} s rendering and storing files, " +
            "{WaitingSeconds:0.00} s waiting for the files' writers), files {Files} and completed at {CompletedSeconds:0.00} s",
            packId, timing.Certificates, timing.Issued.TotalSeconds, timing.Rendering.TotalSeconds, timing.Waiting.TotalSeconds,
            streamed?.Used == true ? "written while issuing" : "built from the stored files", timing.Clock.Elapsed.TotalSeconds);
        return PackRun.Completed;
    }

    /// <summary>Where a run's time went (logged when it completes).</summary>
    private sealed class PackTiming
    {
        public System.Diagnostics.Stopwatch Clock { get; } = System.Diagnostics.Stopwatch.StartNew();

        public TimeSpan Rendering { get; set; }

        public TimeSpan Waiting { get; set; }

        public TimeSpan Issued { get; set; }

        public int Certificates { get; set; }
    }

    /// <summary>Issues a step with the pack's progress; returns the pack as it now stands (not running if cancelled meanwhile).</summary>
    private async Task<DocumentPack> IssueStepAsync(DocumentPack pack, CertificateRound round, List<CertificateAward> chunk, Ceremony ceremony, int doneAfter,
        StreamedPackFiles? streamed, PackTiming timing, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                pack.Progress(doneAfter);
                var step = await certificates.IssueWithFilesAsync(round, chunk, ceremony, pack.RequestedByUserId, pack.Id, ct);
                timing.Rendering += step.Rendering;
                timing.Certificates += step.Certificates.Count;
                // Only a committed step goes into the files (a step that failed and is redone was rolled back).
                if (streamed is not null)
                {
                    var waiting = System.Diagnostics.Stopwatch.StartNew();
                    await streamed.AddAsync(step.Certificates);
                    timing.Waiting += waiting.Elapsed;
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
    /// The printable PDF and the ZIP of the single files. When this run issued every certificate of the pack, in print
    /// order, both were written while it issued (<see cref="StreamedPackFiles"/>) and are finished now; otherwise (a
    /// resumed pack, certificates issued before it or by another writer meanwhile) the ZIP is built from the stored files
    /// and the printable's pages are imported from them, which print the same.
    /// </summary>
    private async Task<(DocumentFile Pdf, DocumentFile Zip)> WriteFilesAsync(DocumentPack pack, IReadOnlyList<CertificateAward> awards,
        StreamedPackFiles? streamed, CancellationToken ct)
    {
        var entryIds = awards.Select(a => a.EntryId).ToList();
        var documents = (await db.Documents.AsNoTracking()
                .Where(d => d.RoundId == pack.RoundId && d.Kind == DocumentKind.Certificate && d.State == DocumentState.Valid && entryIds.Contains(d.EntryId!.Value))
                .Select(d => new { EntryId = d.EntryId!.Value, d.Number, d.Holder, d.Sha256 }).ToListAsync(ct))
            .ToDictionary(d => d.EntryId);
        if (streamed is not null)
        {
            var written = await streamed.FinishAsync();
            // The files hold exactly the pack's valid certificates, in print order.
            if (written.Count == awards.Count && awards.Select((a, i) => documents.TryGetValue(a.EntryId, out var d) && written[i] == d.Number).All(same => same))
            {
                var streamedPdf = await store.KeepPackAsync(pack.Id, ".pdf", streamed.PdfPath, ct);
                var streamedZip = await store.KeepPackAsync(pack.Id, ".zip", streamed.ZipPath, ct);
                streamed.Used = true;
                return (streamedPdf, streamedZip);
            }
        }
        var pdfTemp = store.NewTempPath();
        var zipTemp = store.NewTempPath();
        try
        {
            using (var printable = new PdfDocument())
            {
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

        // The ZIP of the stored files, in print order; each page also imported into <paramref name="printable"/>.
        async Task WriteZipAsync(string path, PdfDocument printable)
        {
            await using var zipStream = File.Create(path);
            using var zip = new ZipArchive(zipStream, ZipArchiveMode.Create);
            foreach (var award in awards)
            {
                var document = documents[award.EntryId];
                var bytes = await store.ReadAsync(document.Sha256, ct)
                    ?? throw new InvalidOperationException($"The file of certificate {document.Number} is missing or damaged in the storage.");
                using (var single = PdfReader.Open(new MemoryStream(bytes), PdfDocumentOpenMode.Import))
                {
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

/// <summary>
/// A pack's printable PDF and ZIP written while its steps are issued: each committed step's certificates are drawn as
/// pages of one document (one embedded font) and their stored bytes added to the ZIP, each file by its own worker, so
/// both are nearly done when the last step commits. Unfinished (cancelled, failed), its temporary files are deleted.
/// </summary>
internal sealed class StreamedPackFiles : IAsyncDisposable
{
    // A few steps ahead at most: a writer that falls behind holds the issuing back instead of the steps' bytes piling up.
    private const int StepsAhead = 3;

    private readonly Channel<IReadOnlyList<IssuedCertificate>> _pages = Channel.CreateBounded<IReadOnlyList<IssuedCertificate>>(
        new BoundedChannelOptions(StepsAhead) { SingleReader = true, SingleWriter = true });

    private readonly Channel<IReadOnlyList<IssuedCertificate>> _files = Channel.CreateBounded<IReadOnlyList<IssuedCertificate>>(
        new BoundedChannelOptions(StepsAhead) { SingleReader = true, SingleWriter = true });

    private readonly CancellationTokenSource _abandon;
    private readonly List<string> _numbers = [];
    private readonly Task _pdfWriter;
    private readonly Task _zipWriter;
    private bool _finished;

    public StreamedPackFiles(DocumentStore store, string title, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(store);
        _abandon = CancellationTokenSource.CreateLinkedTokenSource(ct);
        PdfPath = store.NewTempPath();
        ZipPath = store.NewTempPath();
        var token = _abandon.Token;
        _pdfWriter = Task.Run(() => WritePdfAsync(title, token), token);
        _zipWriter = Task.Run(() => WriteZipAsync(token), token);
    }

    public string PdfPath { get; }

    public string ZipPath { get; }

    /// <summary>Whether the pack kept these files (else they are deleted on dispose).</summary>
    public bool Used { get; set; }

    /// <summary>Adds a committed step's certificates, in print order (waits while a writer is <see cref="StepsAhead"/> steps behind).</summary>
    public async Task AddAsync(IReadOnlyList<IssuedCertificate> step)
    {
        ArgumentNullException.ThrowIfNull(step);
        if (step.Count == 0)
        {
            return;
        }
        _numbers.AddRange(step.Select(c => c.Certificate.Number));
        // A writer that failed completes its channel with its error: it is thrown here, and the pack fails.
        await _pages.Writer.WriteAsync(step, _abandon.Token);
        await _files.Writer.WriteAsync(step, _abandon.Token);
    }

    /// <summary>Finishes both files; returns the certificates' numbers as they were written, in order.</summary>
    public async Task<IReadOnlyList<string>> FinishAsync()
    {
        _finished = true;
        _pages.Writer.TryComplete();
        _files.Writer.TryComplete();
        await Task.WhenAll(_pdfWriter, _zipWriter);
        return _numbers;
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_finished)
            {
                // Abandoned: the run was cancelled or failed, and that is what its caller reports; the writers just stop.
                await _abandon.CancelAsync();
                _pages.Writer.TryComplete();
                _files.Writer.TryComplete();
                await Task.WhenAll(_pdfWriter, _zipWriter).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
        }
        finally
        {
            _abandon.Dispose();
            if (!Used)
            {
                File.Delete(PdfPath);
                File.Delete(ZipPath);
            }
        }
    }

    private async Task WritePdfAsync(string title, CancellationToken ct)
    {
        try
        {
            using var printable = new CertificatePdf.Printable(title);
            await foreach (var step in _pages.Reader.ReadAllAsync(ct))
            {
                foreach (var certificate in step)
                {
                    printable.Add(certificate.Certificate, certificate.Qr, certificate.Page);
                }
            }
            await File.WriteAllBytesAsync(PdfPath, printable.ToBytes(), ct);
        }
        catch (Exception ex)
        {
            _pages.Writer.TryComplete(ex);
            throw;
        }
    }

    private async Task WriteZipAsync(CancellationToken ct)
    {
        try
        {
            await using var zipStream = File.Create(ZipPath);
            using var zip = new ZipArchive(zipStream, ZipArchiveMode.Create);
            await foreach (var step in _files.Reader.ReadAllAsync(ct))
            {
                foreach (var (certificate, bytes, _) in step)
                {
                    var entry = zip.CreateEntry(PackBuilder.FileNameOf(certificate.Number, certificate.Award.Holder), CompressionLevel.Fastest);
                    await using var target = await entry.OpenAsync(ct);
                    await target.WriteAsync(bytes, ct);
                }
            }
        }
        catch (Exception ex)
        {
            _files.Writer.TryComplete(ex);
            throw;
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
