using Contests.Core.Auditing;

namespace Contests.Core.Tests.Auditing;

public sealed class AuditChainTests
{
    private static readonly DateTime T0 = new(2026, 11, 23, 14, 0, 0, DateTimeKind.Utc);

    /// <summary>Builds a valid chain of n records, the way the writer does.</summary>
    private static List<AuditLink> Chain(int n)
    {
        var links = new List<AuditLink>();
        var previous = AuditLink.GenesisHash;
        for (var i = 1; i <= n; i++)
        {
            var link = Link(i, T0.AddSeconds(i), $"{{\"Score\":{i}}}", previous);
            links.Add(link);
            previous = link.Hash;
        }
        return links;
    }

    private static AuditLink Link(long sequence, DateTime at, string after, string previous)
    {
        var hash = AuditLink.ComputeHash(sequence, at, "oficial (2)", "Modified", "ScoreSheet", "7", "{\"Score\":0}", after, previous);
        return new AuditLink(sequence, at, "oficial (2)", "Modified", "ScoreSheet", "7", "{\"Score\":0}", after, previous, hash);
    }

    [Fact]
    public void Verify_IntactChain_ReportsAllRecords()
    {
        var result = AuditChain.Verify(Chain(10));

        Assert.True(result.IsIntact);
        Assert.Equal(10, result.RecordsChecked);
    }

    [Fact]
    public void Verify_EmptyChain_IsIntact() => Assert.True(AuditChain.Verify([]).IsIntact);

    [Fact]
    public void Verify_EditedContent_BreaksAtThatRecord()
    {
        var chain = Chain(10);
        chain[6] = chain[6] with { After = "{\"Score\":20}" };

        var result = AuditChain.Verify(chain);

        Assert.False(result.IsIntact);
        Assert.Equal(7, result.BrokenAtSequence);
        Assert.Equal(AuditBreak.ContentChanged, result.Reason);
        Assert.Equal(6, result.RecordsChecked);
    }

    [Fact]
    public void Verify_EditedAndRehashedRecord_BreaksAtTheNextRecord()
    {
        var chain = Chain(10);
        chain[3] = Link(4, chain[3].OccurredUtc, "{\"Score\":20}", chain[3].PreviousHash);

        var result = AuditChain.Verify(chain);

        Assert.Equal(5, result.BrokenAtSequence);
        Assert.Equal(AuditBreak.PreviousHashMismatch, result.Reason);
    }

    [Fact]
    public void Verify_DeletedRecord_IsASequenceGap()
    {
        var chain = Chain(10);
        chain.RemoveAt(4);

        var result = AuditChain.Verify(chain);

        Assert.Equal(5, result.BrokenAtSequence);
        Assert.Equal(AuditBreak.SequenceGap, result.Reason);
    }

    [Fact]
    public void Verify_ChangedTimestamp_IsDetected()
    {
        var chain = Chain(3);
        chain[1] = chain[1] with { OccurredUtc = chain[1].OccurredUtc.AddHours(-1) };

        Assert.Equal(2, AuditChain.Verify(chain).BrokenAtSequence);
    }

    [Fact]
    public void ComputeHash_IgnoresSubMillisecondTicks_BecauseDatabasesDropThem()
    {
        var exact = AuditLink.ComputeHash(1, T0.AddTicks(1234), "a", "Added", "User", "1", null, "{}", AuditLink.GenesisHash);
        var stored = AuditLink.ComputeHash(1, T0, "a", "Added", "User", "1", null, "{}", AuditLink.GenesisHash);

        Assert.Equal(stored, exact);
    }

    [Fact]
    public void ComputeHash_NullAndEmptyAreDifferent()
    {
        var withNull = AuditLink.ComputeHash(1, T0, "a", "Added", "User", "1", null, "{}", AuditLink.GenesisHash);
        var withEmpty = AuditLink.ComputeHash(1, T0, "a", "Added", "User", "1", "", "{}", AuditLink.GenesisHash);

        Assert.NotEqual(withNull, withEmpty);
    }

    [Fact]
    public void ComputeHash_IsTheLinkOfPreviousSequenceAndContent_AsPlainAsciiText()
    {
        var content = AuditLink.ComputeContentHash(T0, "oficial (2)", "Modified", "ScoreSheet", "7", null, "{\"Score\":1}");
        var expected = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(
            System.Text.Encoding.ASCII.GetBytes(AuditLink.GenesisHash + ":12:" + content)));

        // What PostgreSQL computes with encode(sha256(convert_to(previous || ':' || sequence || ':' || content, 'UTF8')), 'hex').
        Assert.Equal(expected, AuditLink.ComputeHash(12, T0, "oficial (2)", "Modified", "ScoreSheet", "7", null, "{\"Score\":1}", AuditLink.GenesisHash));
        Assert.Equal(64, content.Length);
        Assert.Matches("^[0-9a-f]{64}$", expected);
    }

    [Fact]
    public void Verify_ARenumberedRecord_IsCaught()
    {
        var links = Chain(3);
        links[2] = links[2] with { Sequence = 4 };

        Assert.False(AuditChain.Verify(links).IsIntact);
        Assert.NotEqual(AuditLink.ComputeHash(3, T0, "a", "Added", "User", "1", null, "{}", AuditLink.GenesisHash),
            AuditLink.ComputeHash(4, T0, "a", "Added", "User", "1", null, "{}", AuditLink.GenesisHash));
    }
}
