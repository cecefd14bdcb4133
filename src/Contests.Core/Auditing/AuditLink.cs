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
    /// SHA-256 (hex, lower-case) of the record's fields in a fixed order. Time is hashed to the
    /// millisecond because that is what every database keeps.
    /// </summary>
    public static string ComputeHash(long sequence, DateTime occurredUtc, string actor, string action,
        string entityType, string entityId, string? before, string? after, string previousHash)
    {
        var canonical = string.Join('\u001f',
            sequence.ToString(CultureInfo.InvariantCulture),
            TruncateToMilliseconds(occurredUtc).ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture),
            actor, action, entityType, entityId, before ?? "\u0000", after ?? "\u0000", previousHash);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonical)));
    }

    public static DateTime TruncateToMilliseconds(DateTime utc) =>
        new(utc.Ticks - (utc.Ticks % TimeSpan.TicksPerMillisecond), DateTimeKind.Utc);

    public string ExpectedHash() =>
        ComputeHash(Sequence, OccurredUtc, Actor, Action, EntityType, EntityId, Before, After, PreviousHash);
}
