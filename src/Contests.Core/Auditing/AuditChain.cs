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
}

/// <summary>Result of checking the chain: how many records were read and the first broken link, if any.</summary>
public sealed record AuditVerification(long RecordsChecked, long? BrokenAtSequence, AuditBreak? Reason)
{
    public bool IsIntact => BrokenAtSequence is null;
}

/// <summary>Checks an audit chain read in sequence order.</summary>
public static class AuditChain
{
    /// <summary>
    /// Walks the records in order and stops at the first one that is not what the chain says it
    /// should be. Streams: it holds one record at a time.
    /// </summary>
    public static AuditVerification Verify(IEnumerable<AuditLink> linksInOrder)
    {
        ArgumentNullException.ThrowIfNull(linksInOrder);
        long count = 0;
        long expectedSequence = 1;
        var previousHash = AuditLink.GenesisHash;
        foreach (var link in linksInOrder)
        {
            if (link.Sequence != expectedSequence)
            {
                return new AuditVerification(count, Math.Min(link.Sequence, expectedSequence), AuditBreak.SequenceGap);
            }
            if (!string.Equals(link.ExpectedHash(), link.Hash, StringComparison.Ordinal))
            {
                return new AuditVerification(count, link.Sequence, AuditBreak.ContentChanged);
            }
            if (!string.Equals(link.PreviousHash, previousHash, StringComparison.Ordinal))
            {
                return new AuditVerification(count, link.Sequence, AuditBreak.PreviousHashMismatch);
            }
            previousHash = link.Hash;
            expectedSequence++;
            count++;
        }
        return new AuditVerification(count, null, null);
    }
}
