using Contests.Core.Auditing;

namespace Contests.Web.Features.Documents;

/// <summary>
/// The line documents print with the audit chain's head when they were issued. Whoever holds the paper can later run
/// <c>verify-audit --anchor SEQ:HASH</c>: a chain rewritten at or before that record no longer matches it.
/// </summary>
public static class AuditAnchorText
{
    public const string Label = "Ancla de auditoría";

    public static string Of(AuditAnchor anchor)
    {
        ArgumentNullException.ThrowIfNull(anchor);
        return $"{Label}: {anchor.Printed}";
    }
}
