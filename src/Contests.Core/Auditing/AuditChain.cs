namespace Contests.Core.Auditing;

/// <summary>Why a link of the audit chain is broken.</summary>
public enum AuditBreak
{
    /// <summary>The record's content no longer matches its own hash (it was edited).</summary>
    ContentChanged,

    /// <summary>The record does not point at the hash of the record before it (one was replaced or re-hashed).</summary>
    PreviousHashMismatch,

    /// <summary>A sequence number is missing (a record was deleted) or out of order.</summary>
    SequenceGap,

    /// <summary>
    /// The chain is consistent, but the record at a printed anchor has another hash: the chain was rewritten (and
    /// re-hashed) at or before the anchor.
    /// </summary>
    AnchorMismatch,

    /// <summary>The chain ends before the printed anchor's record: records were removed and the rest re-hashed.</summary>
    AnchorMissing,
}

/// <summary>
/// Result of checking the chain: how many records were read, the first broken link if any, and the head — the last
/// record's sequence and hash — that documents print as an <see cref="AuditAnchor"/>. <paramref name="LegacyRecords"/>
/// counts the records hashed by scheme 1 (without the actor's user id), all of which come before the first of scheme 2.
/// </summary>
public sealed record AuditVerification(long RecordsChecked, long? BrokenAtSequence, AuditBreak? Reason, AuditAnchor? Head = null,
    long LegacyRecords = 0)
{
    public bool IsIntact => BrokenAtSequence is null;
}

/// <summary>Checks an audit chain read in sequence order.</summary>
public static class AuditChain
{
    /// <summary>
    /// Walks the records in order and stops at the first one that is not what the chain says it should be; then, when
    /// an <paramref name="anchor"/> is given, checks that the record at its sequence carries its hash. Streams: it holds
    /// one record at a time.
    /// </summary>
    /// <remarks>
    /// A record verifies by the current scheme (every column in the hash), or by scheme 1 as long as no record of the
    /// current scheme came before it: chains written before the actor's user id entered the hash keep verifying, and
    /// nobody can turn a newer record into an old-style one to edit its user id unseen.
    /// </remarks>
    public static AuditVerification Verify(IEnumerable<AuditLink> linksInOrder, AuditAnchor? anchor = null)
    {
        ArgumentNullException.ThrowIfNull(linksInOrder);
        long count = 0;
        long legacy = 0;
        var current = false;
        long expectedSequence = 1;
        var previousHash = AuditLink.GenesisHash;
        var anchorSeen = anchor is null || (anchor.Sequence == 0 && anchor.Matches(AuditLink.GenesisHash));
        if (anchor is { Sequence: 0 } && !anchorSeen)
        {
            return new AuditVerification(0, 0, AuditBreak.AnchorMismatch);
        }
        foreach (var link in linksInOrder)
        {
            if (link.Sequence != expectedSequence)
            {
                return new AuditVerification(count, Math.Min(link.Sequence, expectedSequence), AuditBreak.SequenceGap, LegacyRecords: legacy);
            }
            if (string.Equals(link.ExpectedHash(), link.Hash, StringComparison.Ordinal))
            {
                current = true;
            }
            else if (!current && string.Equals(link.LegacyHash(), link.Hash, StringComparison.Ordinal))
            {
                legacy++;
            }
            else
            {
                return new AuditVerification(count, link.Sequence, AuditBreak.ContentChanged, LegacyRecords: legacy);
            }
            if (!string.Equals(link.PreviousHash, previousHash, StringComparison.Ordinal))
            {
                return new AuditVerification(count, link.Sequence, AuditBreak.PreviousHashMismatch, LegacyRecords: legacy);
            }
            if (anchor is not null && link.Sequence == anchor.Sequence)
            {
                if (!anchor.Matches(link.Hash))
                {
                    return new AuditVerification(count, link.Sequence, AuditBreak.AnchorMismatch, LegacyRecords: legacy);
                }
                anchorSeen = true;
            }
            previousHash = link.Hash;
            expectedSequence++;
            count++;
        }
        var head = count == 0 ? AuditAnchor.Genesis : AuditAnchor.At(count, previousHash);
        return anchorSeen
            ? new AuditVerification(count, null, null, head, legacy)
            : new AuditVerification(count, anchor!.Sequence, AuditBreak.AnchorMissing, head, legacy);
    }
}
