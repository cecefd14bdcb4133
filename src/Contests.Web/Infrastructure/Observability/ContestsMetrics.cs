using System.Diagnostics.Metrics;

namespace Contests.Web.Infrastructure.Observability;

/// <summary>
/// The app's own measurements, beside ASP.NET Core's request durations by route: score-sheet saves, how long payout
/// batches take, certificate packs built. Exported at <c>/metrics</c> (see <see cref="MetricsSetup"/>); the names follow
/// OpenTelemetry's conventions and appear in Prometheus with dots as underscores (<c>contests_score_sheet_saves_total</c>).
/// </summary>
public sealed class ContestsMetrics
{
    public const string MeterName = "Contests";

    private readonly Counter<long> _sheetSaves;
    private readonly Histogram<double> _batchDuration;
    private readonly Counter<long> _packsBuilt;

    public ContestsMetrics(IMeterFactory meters)
    {
        ArgumentNullException.ThrowIfNull(meters);
        var meter = meters.Create(MeterName);
        _sheetSaves = meter.CreateCounter<long>("contests.score_sheet.saves", "{save}", "Score sheets saved or submitted (stored, not refused).");
        _batchDuration = meter.CreateHistogram<double>("contests.payout_batch.duration", "s", "How long a payout batch's execution took, by outcome.");
        _packsBuilt = meter.CreateCounter<long>("contests.certificate_pack.built", "{pack}", "Certificate packs completed.");
    }

    /// <param name="submitted">A submission (final) rather than a draft save.</param>
    public void ScoreSheetSaved(bool submitted) =>
        _sheetSaves.Add(1, new KeyValuePair<string, object?>("submitted", submitted));

    /// <param name="duration">From the runner's start to its end, failures included.</param>
    /// <param name="outcome">How the run ended: what the runner returned (<c>Executed</c>, <c>AlreadyExecuted</c> …), or <c>Failed</c>.</param>
    public void BatchRan(TimeSpan duration, string outcome) =>
        _batchDuration.Record(duration.TotalSeconds, new KeyValuePair<string, object?>("outcome", outcome));

    public void PackBuilt() => _packsBuilt.Add(1);
}
