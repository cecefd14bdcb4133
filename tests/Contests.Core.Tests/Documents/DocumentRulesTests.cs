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
}
