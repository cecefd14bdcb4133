using Contests.Core.Common;
using Contests.Core.Programmes;

namespace Contests.Core.Tests.Programmes;

public sealed class FundingSourceTests
{
    private const int Officer = 3;
    private const string Abancay = "030101";
    private const string Tamburco = "030106";
    private static readonly DateTime Now = new(2026, 3, 10, 15, 0, 0, DateTimeKind.Utc);

    private static FundingSource Source(decimal committed = 10_000m)
    {
        var (result, source) = FundingSource.Create(1, "Municipalidad Provincial de Abancay", FundingSourceKind.Municipality, Money.Of(committed), Now);
        Assert.True(result.Succeeded);
        return source!;
    }

    private static Result Adjust(FundingSource source, FundingMovementKind kind, decimal amount, string reason = "Acta 12-2025, pagado antes del sistema") =>
        source.Adjust(kind, Money.Of(amount), reason, Officer, Now);

    [Fact]
    public void Create_PositiveCommitment_FullBalance()
    {
        var source = Source(10_000m);

        Assert.Equal(10_000m, source.Committed);
        Assert.Equal(0m, source.Allocated);
        Assert.Equal(0m, source.Paid);
        Assert.Equal(10_000m, source.Balance);
        Assert.Equal("Municipalidad Provincial de Abancay", source.Name);
    }

    [Fact]
    public void Create_TrimsTheName()
    {
        var (_, source) = FundingSource.Create(1, "  FIDA  ", FundingSourceKind.ProjectLoanOrGrant, Money.Of(1m), Now);

        Assert.Equal("FIDA", source!.Name);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-0.01)]
    [InlineData(-5000)]
    public void Create_NonPositiveCommitment_Refused(double committed)
    {
        var (result, source) = FundingSource.Create(1, "FIDA", FundingSourceKind.ProjectLoanOrGrant, Money.Of((decimal)committed), Now);

        Assert.Null(source);
        var error = Assert.Single(result.Errors);
        Assert.Equal("Funding.CommittedPositive", error.Code);
        Assert.Equal("Committed", error.Field);
    }

    [Fact]
    public void Balance_IsCommittedMinusAllocatedMinusPaid()
    {
        var source = Source(10_000m);

        Assert.True(Adjust(source, FundingMovementKind.Allocated, 3_000m).Succeeded);
        Assert.True(Adjust(source, FundingMovementKind.Paid, 1_500.50m).Succeeded);
        Assert.True(Adjust(source, FundingMovementKind.Allocated, -500m, "Corrección: premio anulado").Succeeded);

        Assert.Equal(2_500m, source.Allocated);
        Assert.Equal(1_500.50m, source.Paid);
        Assert.Equal(5_999.50m, source.Balance);
        Assert.Equal(3, source.Movements.Count);
    }

    [Fact]
    public void Adjust_RecordsTheMovementWithACleanReason()
    {
        var source = Source();

        Adjust(source, FundingMovementKind.Paid, 250m, "  Pago   anterior  ");

        var movement = Assert.Single(source.Movements);
        Assert.Equal(FundingMovementKind.Paid, movement.Kind);
        Assert.Equal(250m, movement.Amount);
        Assert.Equal("Pago anterior", movement.Reason);
        Assert.Equal(Officer, movement.UserId);
        Assert.Equal(Now, movement.OccurredUtc);
    }

    [Fact]
    public void Adjust_ZeroAmount_Refused()
    {
        var source = Source();

        var result = Adjust(source, FundingMovementKind.Allocated, 0m);

        var error = Assert.Single(result.Errors);
        Assert.Equal("Funding.AmountZero", error.Code);
        Assert.Equal("Amount", error.Field);
        Assert.Empty(source.Movements);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("\t")]
    public void Adjust_BlankReason_Refused(string reason)
    {
        var source = Source();

        var result = Adjust(source, FundingMovementKind.Allocated, 100m, reason);

        var error = Assert.Single(result.Errors);
        Assert.Equal("Funding.ReasonRequired", error.Code);
        Assert.Equal("Reason", error.Field);
        Assert.Empty(source.Movements);
    }

    [Fact]
    public void Adjust_UpToTheWholeBalance_Allowed()
    {
        var source = Source(1_000m);

        Assert.True(Adjust(source, FundingMovementKind.Allocated, 600m).Succeeded);
        Assert.True(Adjust(source, FundingMovementKind.Paid, 400m).Succeeded);

        Assert.Equal(0m, source.Balance);
    }

    [Theory]
    [InlineData(FundingMovementKind.Allocated)]
    [InlineData(FundingMovementKind.Paid)]
    public void Adjust_MoreThanTheBalance_RefusedAsOverdrawn(FundingMovementKind kind)
    {
        var source = Source(1_000m);
        Adjust(source, FundingMovementKind.Allocated, 700m);

        var result = Adjust(source, kind, 300.01m);

        var error = Assert.Single(result.Errors);
        Assert.Equal("Funding.Overdrawn", error.Code);
        Assert.Equal("Amount", error.Field);
        Assert.Equal<object>([300m], error.Arguments);
        Assert.Equal(300m, source.Balance);
    }

    [Fact]
    public void Adjust_NegativeCorrectionBelowZero_Refused()
    {
        var source = Source();
        Adjust(source, FundingMovementKind.Paid, 300m);

        var result = Adjust(source, FundingMovementKind.Paid, -300.01m, "Corrección");

        var error = Assert.Single(result.Errors);
        Assert.Equal("Funding.BelowZero", error.Code);
        Assert.Equal<object>([300m], error.Arguments);
        Assert.Equal(300m, source.Paid);
    }

    [Fact]
    public void Adjust_NegativeCorrectionOfTheOtherKind_Refused()
    {
        var source = Source();
        Adjust(source, FundingMovementKind.Paid, 300m);

        var result = Adjust(source, FundingMovementKind.Allocated, -100m, "Corrección");

        var error = Assert.Single(result.Errors);
        Assert.Equal("Funding.BelowZero", error.Code);
        Assert.Equal<object>([0m], error.Arguments);
    }

    [Fact]
    public void Adjust_NegativeCorrectionToExactlyZero_Allowed()
    {
        var source = Source();
        Adjust(source, FundingMovementKind.Allocated, 300m);

        Assert.True(Adjust(source, FundingMovementKind.Allocated, -300m, "Corrección").Succeeded);

        Assert.Equal(0m, source.Allocated);
        Assert.Equal(10_000m, source.Balance);
    }

    [Fact]
    public void Update_CommitmentBelowAllocatedPlusPaid_Refused()
    {
        var source = Source(10_000m);
        Adjust(source, FundingMovementKind.Allocated, 4_000m);
        Adjust(source, FundingMovementKind.Paid, 2_000m);

        var result = source.Update("Municipalidad", FundingSourceKind.Municipality, Money.Of(5_999.99m));

        var error = Assert.Single(result.Errors);
        Assert.Equal("Funding.CommittedBelowUsed", error.Code);
        Assert.Equal("Committed", error.Field);
        Assert.Equal<object>([6_000m], error.Arguments);
        Assert.Equal(10_000m, source.Committed);
        Assert.Equal("Municipalidad Provincial de Abancay", source.Name);
    }

    [Fact]
    public void Update_CommitmentDownToExactlyWhatIsUsed_Allowed()
    {
        var source = Source(10_000m);
        Adjust(source, FundingMovementKind.Allocated, 4_000m);
        Adjust(source, FundingMovementKind.Paid, 2_000m);

        var result = source.Update(" Minera Las Bambas ", FundingSourceKind.PrivateCompany, Money.Of(6_000m));

        Assert.True(result.Succeeded);
        Assert.Equal(6_000m, source.Committed);
        Assert.Equal(0m, source.Balance);
        Assert.Equal("Minera Las Bambas", source.Name);
        Assert.Equal(FundingSourceKind.PrivateCompany, source.Kind);
    }

    [Fact]
    public void Update_NonPositiveCommitment_Refused() =>
        Assert.Equal(
            "Funding.CommittedPositive",
            Assert.Single(Source().Update("FIDA", FundingSourceKind.ProjectLoanOrGrant, Money.Zero).Errors).Code);

    [Theory]
    [InlineData(Theme.Terraces, Abancay)]
    [InlineData(Theme.HealthyHome, Tamburco)]
    [InlineData(Theme.BusinessPlans, "250101")]
    public void Allows_NoRestriction_Everything(Theme theme, string district) =>
        Assert.True(Source().Allows(theme, district));

    [Theory]
    [InlineData(Theme.Terraces, true)]
    [InlineData(Theme.Irrigation, true)]
    [InlineData(Theme.HealthyHome, false)]
    public void Allows_RestrictedThemes_OnlyThoseThemesInAnyDistrict(Theme theme, bool expected)
    {
        var source = Source();
        source.Restrict([Theme.Terraces, Theme.Irrigation], []);

        Assert.Equal(expected, source.Allows(theme, Abancay));
        Assert.Equal(expected, source.Allows(theme, Tamburco));
    }

    [Theory]
    [InlineData(Abancay, true)]
    [InlineData(Tamburco, false)]
    public void Allows_RestrictedDistricts_OnlyThoseDistrictsForAnyTheme(string district, bool expected)
    {
        var source = Source();
        source.Restrict([], [Abancay]);

        Assert.Equal(expected, source.Allows(Theme.Terraces, district));
        Assert.Equal(expected, source.Allows(Theme.HealthyHome, district));
    }

    [Theory]
    [InlineData(Theme.Terraces, Abancay, true)]
    [InlineData(Theme.Terraces, Tamburco, false)]
    [InlineData(Theme.HealthyHome, Abancay, false)]
    [InlineData(Theme.HealthyHome, Tamburco, false)]
    public void Allows_ThemeAndDistrictRestricted_BothMustMatch(Theme theme, string district, bool expected)
    {
        var source = Source();
        source.Restrict([Theme.Terraces], [Abancay]);

        Assert.Equal(expected, source.Allows(theme, district));
    }

    [Fact]
    public void Restrict_AgainReplacesThePreviousRestriction()
    {
        var source = Source();
        source.Restrict([Theme.Terraces], [Abancay]);

        source.Restrict([Theme.Irrigation], [Tamburco]);

        Assert.False(source.Allows(Theme.Terraces, Tamburco));
        Assert.False(source.Allows(Theme.Irrigation, Abancay));
        Assert.True(source.Allows(Theme.Irrigation, Tamburco));
        Assert.Equal([Theme.Irrigation], source.Themes.Select(t => t.Theme));
        Assert.Equal([Tamburco], source.Districts.Select(d => d.Ubigeo));
    }

    [Fact]
    public void Restrict_Empty_LiftsTheRestriction()
    {
        var source = Source();
        source.Restrict([Theme.Terraces], [Abancay]);

        source.Restrict([], []);

        Assert.True(source.Allows(Theme.HealthyHome, Tamburco));
        Assert.Empty(source.Themes);
        Assert.Empty(source.Districts);
    }

    [Fact]
    public void Restrict_Duplicates_KeptOnce()
    {
        var source = Source();

        source.Restrict([Theme.Terraces, Theme.Terraces], [Abancay, Abancay]);

        Assert.Single(source.Themes);
        Assert.Single(source.Districts);
    }
}
