using Contests.Core.Auditing;

namespace Contests.Web.Infrastructure.Auditing;

/// <summary>
/// One change to one audited entity: who, when, what before and after. Append-only and
/// hash-chained (see <see cref="AuditChain"/>); written only by <see cref="AuditInterceptor"/>.
/// </summary>
public sealed class AuditRecord
{
    public const int ActorMaxLength = 160;
    public const int EntityTypeMaxLength = 100;
    public const int EntityIdMaxLength = 100;

    private AuditRecord()
    {
        Actor = Action = EntityType = EntityId = PreviousHash = Hash = string.Empty;
    }

    public long Id { get; private set; }

    public long Sequence { get; private set; }

    public DateTime OccurredUtc { get; private set; }

    /// <summary>The signed-in user's id, or null for the system, the CLI or an anonymous request.</summary>
    public int? ActorUserId { get; private set; }

    /// <summary>Who, as shown to auditors: "user name (id)", "cli:root", "system".</summary>
    public string Actor { get; private set; }

    /// <summary>Added, Modified or Deleted.</summary>
    public string Action { get; private set; }

    public string EntityType { get; private set; }

    public string EntityId { get; private set; }

    /// <summary>JSON object of the changed properties' values before the change (null when added).</summary>
    public string? Before { get; private set; }

    /// <summary>JSON object of the changed properties' values after the change (null when deleted).</summary>
    public string? After { get; private set; }

    public string PreviousHash { get; private set; }

    public string Hash { get; private set; }

    internal static AuditRecord Chain(AuditLink previous, DateTime occurredUtc, int? actorUserId, string actor,
        string action, string entityType, string entityId, string? before, string? after)
    {
        var sequence = previous.Sequence + 1;
        var occurred = AuditLink.TruncateToMilliseconds(occurredUtc);
        var hash = AuditLink.ComputeHash(sequence, occurred, actorUserId, actor, action, entityType, entityId, before, after, previous.Hash);
        return new AuditRecord
        {
            Sequence = sequence,
            OccurredUtc = occurred,
            ActorUserId = actorUserId,
            Actor = actor,
            Action = action,
            EntityType = entityType,
            EntityId = entityId,
            Before = before,
            After = after,
            PreviousHash = previous.Hash,
            Hash = hash,
        };
    }

    public AuditLink ToLink() =>
        new(Sequence, OccurredUtc, ActorUserId, Actor, Action, EntityType, EntityId, Before, After, PreviousHash, Hash);
}
