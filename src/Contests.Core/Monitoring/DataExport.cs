namespace Contests.Core.Monitoring;

/// <summary>What can be exported (CSV or XLSX), each a table of the programme's data.</summary>
public enum ExportKind
{
    Participants,
    ScoreSheets,
    Awards,
    Payouts,
    Visits,
    Indicators,
}

/// <summary>
/// One export of the programme's data as a file: who took what, in which format, with which filters and whether it
/// held DNIs. Recorded before the file is served, so that a download cut short is on record too; the audit
/// interceptor puts it in the hash-chained trail.
/// </summary>
public sealed class DataExport
{
    public const int FormatMaxLength = 8;
    public const int FiltersMaxLength = 400;

    private DataExport()
    {
        Format = Filters = string.Empty;
    }

    public int Id { get; private set; }

    public ExportKind Kind { get; private set; }

    /// <summary>"csv" or "xlsx".</summary>
    public string Format { get; private set; }

    /// <summary>The filters as read (<c>Year=2026;Round=3</c>, the indicator table for a CSV); empty for everything.</summary>
    public string Filters { get; private set; }

    /// <summary>Whether the file held DNIs (only roles that see them in full get them).</summary>
    public bool IncludesDni { get; private set; }

    public int UserId { get; private set; }

    public DateTime ExportedUtc { get; private set; }

    public static DataExport Record(ExportKind kind, string format, string? filters, bool includesDni, int userId, DateTime nowUtc)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(format);
        if (format.Length > FormatMaxLength)
        {
            throw new ArgumentException("An export's format is longer than recorded.", nameof(format));
        }
        filters ??= string.Empty;
        return new DataExport
        {
            Kind = kind,
            Format = format,
            Filters = filters.Length > FiltersMaxLength ? filters[..FiltersMaxLength] : filters,
            IncludesDni = includesDni,
            UserId = userId,
            ExportedUtc = nowUtc,
        };
    }
}
