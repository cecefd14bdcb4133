using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Contests.Web.Infrastructure.Auditing;

/// <summary>
/// Every entity is audited unless its configuration says otherwise; secrets are recorded as
/// "changed" without their value. Model annotations, so the rule sits next to the mapping.
/// </summary>
public static class AuditModelExtensions
{
    private const string ExcludedAnnotation = "Contests:NotAudited";
    private const string RedactedAnnotation = "Contests:RedactedInAudit";

    public static EntityTypeBuilder<T> ExcludedFromAudit<T>(this EntityTypeBuilder<T> builder) where T : class =>
        builder.HasAnnotation(ExcludedAnnotation, true);

    public static PropertyBuilder<T> RedactedInAudit<T>(this PropertyBuilder<T> builder) =>
        builder.HasAnnotation(RedactedAnnotation, true);

    public static bool IsAudited(this IReadOnlyEntityType entityType) =>
        entityType.FindAnnotation(ExcludedAnnotation)?.Value is not true;

    public static bool IsRedactedInAudit(this IReadOnlyProperty property) =>
        property.FindAnnotation(RedactedAnnotation)?.Value is true;
}
