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
        var hash = AuditLink.ComputeHash(sequence, at, 2, "oficial (2)", "Modified", "ScoreSheet", "7", "{\"Score\":0}", after, previous);
        return new AuditLink(sequence, at, 2, "oficial (2)", "Modified", "ScoreSheet", "7", "{\"Score\":0}", after, previous, hash);
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
        var exact = AuditLink.ComputeHash(1, T0.AddTicks(1234), null, "a", "Added", "User", "1", null, "{}", AuditLink.GenesisHash);
        var stored = AuditLink.ComputeHash(1, T0, null, "a", "Added", "User", "1", null, "{}", AuditLink.GenesisHash);

        Assert.Equal(stored, exact);
    }

    [Fact]
    public void ComputeHash_NullAndEmptyAreDifferent()
    {
        var withNull = AuditLink.ComputeHash(1, T0, null, "a", "Added", "User", "1", null, "{}", AuditLink.GenesisHash);
        var withEmpty = AuditLink.ComputeHash(1, T0, null, "a", "Added", "User", "1", "", "{}", AuditLink.GenesisHash);

        Assert.NotEqual(withNull, withEmpty);
    }

    [Fact]
    public void ComputeHash_IsTheLinkOfPreviousSequenceAndContent_AsPlainAsciiText()
    {
        var content = AuditLink.ComputeContentHash(T0, 2, "oficial (2)", "Modified", "ScoreSheet", "7", null, "{\"Score\":1}");
        var expected = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(
            System.Text.Encoding.ASCII.GetBytes(AuditLink.GenesisHash + ":12:" + content)));

        // What PostgreSQL computes with encode(sha256(convert_to(previous || ':' || sequence || ':' || content, 'UTF8')), 'hex').
        Assert.Equal(expected, AuditLink.ComputeHash(12, T0, 2, "oficial (2)", "Modified", "ScoreSheet", "7", null, "{\"Score\":1}", AuditLink.GenesisHash));
        Assert.Equal(64, content.Length);
        Assert.Matches("^[0-9a-f]{64}$", expected);
    }

    [Fact]
    public void Verify_ARenumberedRecord_IsCaught()
    {
        var links = Chain(3);
        links[2] = links[2] with { Sequence = 4 };

        Assert.False(AuditChain.Verify(links).IsIntact);
        Assert.NotEqual(AuditLink.ComputeHash(3, T0, null, "a", "Added", "User", "1", null, "{}", AuditLink.GenesisHash),
            AuditLink.ComputeHash(4, T0, null, "a", "Added", "User", "1", null, "{}", AuditLink.GenesisHash));
    }

    /// <summary>Rewrites the chain from <paramref name="from"/> on with other content, every record re-hashed consistently.</summary>
    private static List<AuditLink> RewrittenFrom(List<AuditLink> chain, int from)
    {
        var rewritten = chain.Take(from - 1).ToList();
        var previous = from == 1 ? AuditLink.GenesisHash : rewritten[^1].Hash;
        foreach (var link in chain.Skip(from - 1))
        {
            var after = link.Sequence == from ? "{\"Score\":99}" : link.After;
            var hash = AuditLink.ComputeHash(link.Sequence, link.OccurredUtc, link.ActorUserId, link.Actor, link.Action, link.EntityType, link.EntityId,
                link.Before, after, previous);
            rewritten.Add(link with { After = after, PreviousHash = previous, Hash = hash });
            previous = hash;
        }
        return rewritten;
    }

    /// <summary>A record as written before the actor's user id entered the hash (scheme 1).</summary>
    private static AuditLink Legacy(long sequence, int? userId, string previous)
    {
        var link = new AuditLink(sequence, T0.AddSeconds(sequence), userId, "oficial", "Modified", "Household", "3", null, "{}", previous, "");
        return link with { Hash = link.LegacyHash() };
    }

    [Fact]
    public void Verify_ChangedActorUserId_IsDetected()
    {
        var chain = Chain(5);
        chain[2] = chain[2] with { ActorUserId = 1 };

        var result = AuditChain.Verify(chain);

        Assert.Equal(3, result.BrokenAtSequence);
        Assert.Equal(AuditBreak.ContentChanged, result.Reason);
    }

    [Fact]
    public void Verify_ActorUserIdFromNoneToSome_IsDetected()
    {
        var link = new AuditLink(1, T0, null, "cli:root", "Added", "User", "1", null, "{}", AuditLink.GenesisHash, "");
        link = link with { Hash = link.ExpectedHash() };

        Assert.True(AuditChain.Verify([link]).IsIntact);
        Assert.Equal(AuditBreak.ContentChanged, AuditChain.Verify([link with { ActorUserId = 0 }]).Reason);
    }

    [Fact]
    public void Verify_IntactChain_ReportsItsHead()
    {
        var chain = Chain(10);

        var head = AuditChain.Verify(chain).Head!;

        Assert.Equal(10, head.Sequence);
        Assert.Equal(chain[^1].Hash, head.Hash);
        Assert.Equal($"10:{chain[^1].Hash}", head.ToString());
        Assert.Equal($"10:{chain[^1].Hash[..16]}…", head.Printed);
        Assert.Equal(AuditAnchor.Genesis, AuditChain.Verify([]).Head);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(4)]
    [InlineData(7)]
    public void ConsistentRewrite_AtOrBeforeThePrintedAnchor_PassesThePlainCheck_ButNotTheAnchor(int from)
    {
        var chain = Chain(10);
        Assert.True(AuditAnchor.TryParse(AuditAnchor.At(7, chain[6].Hash).Printed, out var printed));
        var rewritten = RewrittenFrom(chain, from);

        var plain = AuditChain.Verify(rewritten);
        var anchored = AuditChain.Verify(rewritten, printed);

        Assert.True(plain.IsIntact);
        Assert.False(anchored.IsIntact);
        Assert.Equal(7, anchored.BrokenAtSequence);
        Assert.Equal(AuditBreak.AnchorMismatch, anchored.Reason);
        Assert.True(AuditChain.Verify(chain, printed).IsIntact);
    }

    [Fact]
    public void ConsistentRewrite_AfterTheAnchor_IsNotWhatTheAnchorCovers()
    {
        var chain = Chain(10);
        var anchor = AuditAnchor.At(7, chain[6].Hash);

        Assert.True(AuditChain.Verify(RewrittenFrom(chain, 8), anchor).IsIntact);
    }

    [Fact]
    public void ChainCutShortBeforeTheAnchor_IsAnchorMissing()
    {
        var chain = Chain(10);
        var anchor = AuditAnchor.At(9, chain[8].Hash);

        var result = AuditChain.Verify(chain.Take(6), anchor);

        Assert.Equal(AuditBreak.AnchorMissing, result.Reason);
        Assert.Equal(9, result.BrokenAtSequence);
    }

    [Fact]
    public void ChangedActorUserId_RehashedConsistently_FailsTheAnchor()
    {
        var chain = Chain(6);
        var anchor = AuditAnchor.At(6, chain[5].Hash);
        var forged = new List<AuditLink>();
        var previous = AuditLink.GenesisHash;
        foreach (var link in chain)
        {
            var userId = link.Sequence == 2 ? 1 : link.ActorUserId;
            var hash = AuditLink.ComputeHash(link.Sequence, link.OccurredUtc, userId, link.Actor, link.Action, link.EntityType, link.EntityId,
                link.Before, link.After, previous);
            forged.Add(link with { ActorUserId = userId, PreviousHash = previous, Hash = hash });
            previous = hash;
        }

        Assert.True(AuditChain.Verify(forged).IsIntact);
        Assert.Equal(AuditBreak.AnchorMismatch, AuditChain.Verify(forged, anchor).Reason);
    }

    [Fact]
    public void RecordsWrittenBeforeTheUserIdWasHashed_StillVerify_UpToTheFirstOfTheCurrentScheme()
    {
        var chain = new List<AuditLink>();
        var previous = AuditLink.GenesisHash;
        for (var i = 1; i <= 3; i++)
        {
            chain.Add(Legacy(i, 2, previous));
            previous = chain[^1].Hash;
        }
        foreach (var link in Chain(2))
        {
            var current = link with { Sequence = link.Sequence + 3, PreviousHash = previous };
            current = current with { Hash = current.ExpectedHash() };
            chain.Add(current);
            previous = current.Hash;
        }

        var result = AuditChain.Verify(chain);

        Assert.True(result.IsIntact, $"{result.Reason} at {result.BrokenAtSequence}");
        Assert.Equal(5, result.RecordsChecked);
        Assert.Equal(3, result.LegacyRecords);
    }

    [Fact]
    public void ARecordOfTheOldScheme_AfterOneOfTheCurrent_IsABreak()
    {
        // Rewriting a newer record the old way (so its user id is outside the hash) is caught, re-hashed or not.
        var chain = Chain(3);
        chain[2] = Legacy(3, 1, chain[1].Hash) with { Sequence = 3 };

        var result = AuditChain.Verify(chain);

        Assert.Equal(3, result.BrokenAtSequence);
        Assert.Equal(AuditBreak.ContentChanged, result.Reason);
    }

    [Theory]
    [InlineData("1234:0123456789abcdef", 1234, "0123456789abcdef")]
    [InlineData(" 7:0123456789ABCDEF0123… ", 7, "0123456789abcdef0123")]
    [InlineData("7:0123456789abcdef...", 7, "0123456789abcdef")]
    public void Anchor_ReadsWhatIsPrintedOrTyped(string text, long sequence, string hash)
    {
        Assert.True(AuditAnchor.TryParse(text, out var anchor));
        Assert.Equal(sequence, anchor!.Sequence);
        Assert.Equal(hash, anchor.Hash);
    }

    [Theory]
    [InlineData("")]
    [InlineData("1234")]
    [InlineData("1234:0123456789abcde")]
    [InlineData("-1:0123456789abcdef")]
    [InlineData("12:0123456789abcdeg")]
    [InlineData(":0123456789abcdef")]
    public void Anchor_RefusesWhatIsNotOne(string text) => Assert.False(AuditAnchor.TryParse(text, out _));
}
