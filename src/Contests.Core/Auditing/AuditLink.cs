using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Contests.Core.Auditing;

/// <summary>
/// The fields of one audit record that its hash covers. Records form a chain: each stores the hash
/// of the one before it, so changing, removing or inserting a record breaks every link after it.
/// </summary>
public sealed record AuditLink(
    long Sequence,
    DateTime OccurredUtc,
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

    /// <summary>
    /// The record's hash: SHA-256 (hex, lower-case) of the previous record's hash, the record's sequence
    /// number and the hash of its content (<see cref="ComputeContentHash"/>), as the ASCII text
    /// "previous:sequence:content". Kept that plain so the database can link a record itself — PostgreSQL
    /// appends to the chain in the same round trip that takes the chain's lock.
    /// </summary>
    public static string ComputeHash(long sequence, DateTime occurredUtc, string actor, string action,
        string entityType, string entityId, string? before, string? after, string previousHash) =>
        Link(previousHash, sequence, ComputeContentHash(occurredUtc, actor, action, entityType, entityId, before, after));

    /// <summary>The hash that chains a record whose content hash is <paramref name="contentHash"/> to its predecessor.</summary>
    public static string Link(string previousHash, long sequence, string contentHash)
    {
        ArgumentNullException.ThrowIfNull(previousHash);
        ArgumentNullException.ThrowIfNull(contentHash);
        var text = previousHash + ":" + sequence.ToString(CultureInfo.InvariantCulture) + ":" + contentHash;
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
    }

    /// <summary>
    /// SHA-256 (hex, lower-case) of the record's content in a fixed order, fields separated by U+001F and a
    /// missing before/after written as U+0000 (so null and empty differ). Time is hashed to the millisecond
    /// because that is what every database keeps.
    /// </summary>
    public static string ComputeContentHash(DateTime occurredUtc, string actor, string action, string entityType, string entityId,
        string? before, string? after)
    {
        var canonical = string.Join('\u001f',
            TruncateToMilliseconds(occurredUtc).ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture),
            actor, action, entityType, entityId, before ?? "\u0000", after ?? "\u0000");
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonical)));
    }

    public static DateTime TruncateToMilliseconds(DateTime utc) =>
        new(utc.Ticks - (utc.Ticks % TimeSpan.TicksPerMillisecond), DateTimeKind.Utc);

    public string ExpectedHash() =>
        ComputeHash(Sequence, OccurredUtc, Actor, Action, EntityType, EntityId, Before, After, PreviousHash);
}
