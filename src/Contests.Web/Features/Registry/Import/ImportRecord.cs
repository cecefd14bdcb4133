namespace Contests.Web.Features.Registry.Import;

public enum ImportKind
{
    Households,
    Communities,
    Organizations,

    /// <summary>Follow-up visits of a round's entries (Features/FollowUp), not a registry import.</summary>
    FollowUpVisits,

    /// <summary>Answers of a household survey's wave (Features/Impact), not a registry import.</summary>
    SurveyAnswers,
}

public static class ImportKinds
{
    /// <summary>What the registry's import page and the <c>import</c> verb take.</summary>
    public static IReadOnlyList<ImportKind> Registry { get; } = [ImportKind.Households, ImportKind.Communities, ImportKind.Organizations];

    public static bool IsRegistry(ImportKind kind) => Registry.Contains(kind);
}

/// <summary>
/// One imported file: who, when, which file (name and SHA-256) and how many rows. Imported rows are
/// written in bulk, not one audited entity at a time, so each points here instead; this record itself
/// goes through the audit trail.
/// </summary>
public sealed class ImportRecord
{
    public const int FileNameMaxLength = 200;

    public ImportRecord(ImportKind kind, string fileName, string sha256, int rows, int? userId, DateTime importedUtc)
    {
        Kind = kind;
        FileName = fileName.Length > FileNameMaxLength ? fileName[..FileNameMaxLength] : fileName;
        Sha256 = sha256;
        Rows = rows;
        UserId = userId;
        ImportedUtc = importedUtc;
    }

    public int Id { get; private set; }

    public ImportKind Kind { get; private set; }

    public string FileName { get; private set; }

    public string Sha256 { get; private set; }

    public int Rows { get; private set; }

    public int? UserId { get; private set; }

    public DateTime ImportedUtc { get; private set; }
}
