using Contests.Core.Documents;
using Contests.Core.Rounds;
using static Contests.Core.Tests.Documents.DocumentBuilders;

namespace Contests.Core.Tests.Documents;

/// <summary>Certificates exist once the results are published.</summary>
public sealed class DocumentRulesTests
{
    private static readonly RoundPhase[] Allowed = [RoundPhase.Published, RoundPhase.Final, RoundPhase.Paying, RoundPhase.Closed];

    [Theory]
    [InlineData(RoundPhase.Published)]
    [InlineData(RoundPhase.Final)]
    [InlineData(RoundPhase.Paying)]
    [InlineData(RoundPhase.Closed)]
    public void CanIssueCertificates_OncePublished_IsAllowed(RoundPhase phase)
    {
        Succeeds(DocumentRules.CanIssueCertificates(phase));
    }

    [Fact]
    public void CanIssueCertificates_EveryOtherPhase_IsRefusedNotYet_WithThePhase()
    {
        var refused = Enum.GetValues<RoundPhase>().Except(Allowed).ToArray();
        Assert.NotEmpty(refused);

        foreach (var phase in refused)
        {
            var result = DocumentRules.CanIssueCertificates(phase);

            var error = Assert.Single(result.Errors);
            Assert.Equal("Certificate.NotYet", error.Code);
            Assert.Null(error.Field);
            Assert.Equal([phase], error.Arguments);
        }
    }

    [Fact]
    public void CanIssueCertificates_EveryPhase_IsAllowedExactlyWhenPublishedOrLater()
    {
        foreach (var phase in Enum.GetValues<RoundPhase>())
        {
            Assert.Equal(Allowed.Contains(phase), DocumentRules.CanIssueCertificates(phase).Succeeded);
        }
    }

    public static TheoryData<DocumentKind, decimal, int, decimal, bool> Addenda => new()
    {
        // kind, amount after, place after, score after → stays valid (before: S/ 600.00, 1st, 85)
        { DocumentKind.Certificate, 600m, 1, 85m, true },
        { DocumentKind.Certificate, 600m, 2, 85m, false },
        { DocumentKind.Certificate, 600m, 1, 84.5m, false },
        { DocumentKind.Certificate, 599.99m, 1, 85m, false },
        { DocumentKind.Certificate, 0m, 1, 85m, false },
        { DocumentKind.Contract, 600m, 1, 85m, true },
        { DocumentKind.Contract, 600m, 2, 84.5m, true },
        { DocumentKind.Contract, 600.01m, 1, 85m, false },
        { DocumentKind.Contract, 0m, 1, 85m, false },
    };

    [Theory]
    [MemberData(nameof(Addenda))]
    public void SurvivesAddendum_WhenWhatItPrintsOfTheAwardIsUnchanged(DocumentKind kind, decimal amount, int place, decimal final, bool valid)
    {
        Assert.Equal(valid, DocumentRules.SurvivesAddendum(kind, (600m, 1, 85m), (amount, place, final)));
    }

    [Theory]
    [InlineData(DocumentKind.Certificate)]
    [InlineData(DocumentKind.Contract)]
    public void SurvivesAddendum_NotWithoutAnAwardBeforeOrAfter(DocumentKind kind)
    {
        Assert.False(DocumentRules.SurvivesAddendum(kind, null, (600m, 1, 85m)));
        Assert.False(DocumentRules.SurvivesAddendum(kind, (600m, 1, 85m), null));
    }

    [Fact]
    public void SurvivesAddendum_OnlyFollowsCertificatesAndContracts()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => DocumentRules.SurvivesAddendum(DocumentKind.Acta, (1m, 1, 1m), (1m, 1, 1m)));
    }
}
