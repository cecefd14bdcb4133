using System.Globalization;

namespace Contests.Core.Auditing;

/// <summary>
/// A point of the audit chain written down outside the database — printed on actas, contracts, certificates and the
/// public results page as "SEQ:HASH…" (the record's sequence number and the first <see cref="PrintedLength"/> hex
/// digits of its hash). Whoever rewrites the chain consistently up to or before that record changes its hash, so the
/// printed anchor no longer matches (<see cref="AuditChain.Verify"/>).
/// </summary>
public sealed record AuditAnchor
{
    /// <summary>Hex digits printed: 64 bits, enough that no rewrite can be made to hit them by chance or by search.</summary>
    public const int PrintedLength = 16;

    private AuditAnchor(long sequence, string hash)
    {
        Sequence = sequence;
        Hash = hash;
    }

    public long Sequence { get; }

    /// <summary>The record's hash, whole (the head) or its first digits (an anchor read from paper).</summary>
    public string Hash { get; }

    /// <summary>The anchor before the first record (an empty chain).</summary>
    public static AuditAnchor Genesis { get; } = new(0, AuditLink.GenesisHash);

    /// <summary>The anchor at a record: its sequence and whole hash.</summary>
    public static AuditAnchor At(long sequence, string hash)
    {
        ArgumentNullException.ThrowIfNull(hash);
        return new AuditAnchor(sequence, hash);
    }

    /// <summary>What documents print: "SEQ:first 16 hex digits…".</summary>
    public string Printed => Sequence.ToString(CultureInfo.InvariantCulture) + ":" + Hash[..Math.Min(PrintedLength, Hash.Length)] + "…";

    /// <summary>"SEQ:HASH" with the whole hash, as <c>verify-audit</c> prints the head.</summary>
    public override string ToString() => Sequence.ToString(CultureInfo.InvariantCulture) + ":" + Hash;

    /// <summary>
    /// Reads "SEQ:HASH" as printed or typed: a sequence number (0 or more), a colon, and at least
    /// <see cref="PrintedLength"/> and at most 64 hex digits (any case; a trailing "…" or "..." is ignored).
    /// </summary>
    public static bool TryParse(string? text, out AuditAnchor? anchor)
    {
        anchor = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }
        var trimmed = text.Trim();
        if (trimmed.EndsWith('…'))
        {
            trimmed = trimmed[..^1];
        }
        else if (trimmed.EndsWith("...", StringComparison.Ordinal))
        {
            trimmed = trimmed[..^3];
        }
        var colon = trimmed.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0
            || !long.TryParse(trimmed.AsSpan(0, colon), NumberStyles.None, CultureInfo.InvariantCulture, out var sequence))
        {
            return false;
        }
        var hash = trimmed[(colon + 1)..].ToLowerInvariant();
        if (hash.Length is < PrintedLength or > 64 || !hash.All(char.IsAsciiHexDigitLower))
        {
            return false;
        }
        anchor = new AuditAnchor(sequence, hash);
        return true;
    }

    /// <summary>Whether the record at this anchor's sequence carries <paramref name="hash"/> (whose first digits this anchor holds).</summary>
    public bool Matches(string hash)
    {
        ArgumentNullException.ThrowIfNull(hash);
        return hash.StartsWith(Hash, StringComparison.Ordinal);
    }
}
