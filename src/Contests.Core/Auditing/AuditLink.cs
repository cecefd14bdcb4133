using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Contests.Core.Auditing;

/// <summary>
/// The fields of one audit record that its hash covers — every column but the table's surrogate key. Records form a
/// chain: each stores the hash of the one before it, so changing, removing or inserting a record breaks every link after it.
/// </summary>
public sealed record AuditLink(
    long Sequence,
    DateTime OccurredUtc,
    int? ActorUserId,
    string Actor,
    string Action,
    string EntityType,
    string EntityId,
    string? Before,
    string? After,
    string PreviousHash,
    string Hash)
{
    /// <summary>The hash of the first record's predecessor.</summary>
    public const string GenesisHash = "0000000000000000000000000000000000000000000000000000000000000000";

    /// <summary>Written first in the content of records hashed by the current scheme, so no record of scheme 1 can pass for one.</summary>
    private const string SchemeTwo = "v2";

    /// <summary>
    /// The record's hash: SHA-256 (hex, lower-case) of the previous record's hash, the record's sequence number and the
    /// hash of its content (<see cref="ComputeContentHash"/>), as the ASCII text "previous:sequence:content". Kept that
    /// plain so the database can link a record itself — PostgreSQL appends to the chain in the same round trip that
    /// takes the chain's lock.
    /// </summary>
    public static string ComputeHash(long sequence, DateTime occurredUtc, int? actorUserId, string actor, string action,
        string entityType, string entityId, string? before, string? after, string previousHash) =>
        Link(previousHash, sequence, ComputeContentHash(occurredUtc, actorUserId, actor, action, entityType, entityId, before, after));

    /// <summary>The hash that chains a record whose content hash is <paramref name="contentHash"/> to its predecessor.</summary>
    public static string Link(string previousHash, long sequence, string contentHash)
    {
        ArgumentNullException.ThrowIfNull(previousHash);
        ArgumentNullException.ThrowIfNull(contentHash);
        var text = previousHash + ":" + sequence.ToString(CultureInfo.InvariantCulture) + ":" + contentHash;
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
    }

    /// <summary>
    /// SHA-256 (hex, lower-case) of the record's content (scheme 2): "v2", then the time, the actor's user id, the actor,
    /// action, entity type and key, before and after, separated by U+001F; a missing user id, before or after is written
    /// as U+0000 (so null and empty differ). Time is hashed to the millisecond because that is what every database keeps.
    /// </summary>
    public static string ComputeContentHash(DateTime occurredUtc, int? actorUserId, string actor, string action, string entityType,
        string entityId, string? before, string? after) =>
        Sha256(string.Join('\u001f', SchemeTwo, Time(occurredUtc),
            actorUserId?.ToString(CultureInfo.InvariantCulture) ?? "\u0000", actor, action, entityType, entityId, before ?? "\u0000", after ?? "\u0000"));

    /// <summary>
    /// The content hash of scheme 1, which records written before scheme 2 carry: the same fields without the actor's user id.
    /// Such records still verify (see <see cref="AuditChain.Verify"/>), but only before the first record of scheme 2.
    /// </summary>
    public static string ComputeLegacyContentHash(DateTime occurredUtc, string actor, string action, string entityType, string entityId,
        string? before, string? after) =>
        Sha256(string.Join('\u001f', Time(occurredUtc), actor, action, entityType, entityId, before ?? "\u0000", after ?? "\u0000"));

    public static DateTime TruncateToMilliseconds(DateTime utc) =>
        new(utc.Ticks - (utc.Ticks % TimeSpan.TicksPerMillisecond), DateTimeKind.Utc);

    /// <summary>The hash this record must carry under the current scheme.</summary>
    public string ExpectedHash() =>
        ComputeHash(Sequence, OccurredUtc, ActorUserId, Actor, Action, EntityType, EntityId, Before, After, PreviousHash);

    /// <summary>The hash this record would carry had it been written under scheme 1.</summary>
    public string LegacyHash() =>
        Link(PreviousHash, Sequence, ComputeLegacyContentHash(OccurredUtc, Actor, Action, EntityType, EntityId, Before, After));

    private static string Time(DateTime utc) =>
        TruncateToMilliseconds(utc).ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture);

    private static string Sha256(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
}
