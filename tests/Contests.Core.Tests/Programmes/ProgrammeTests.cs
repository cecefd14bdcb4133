using Contests.Core.Common;
using Contests.Core.Programmes;

namespace Contests.Core.Tests.Programmes;

public sealed class ProgrammeTests
{
    [Fact]
    public void Create_TrimsAndPaysInSoles()
    {
        var programme = Programme.Create("  Sierra Sur II ", " FIDA ");

        Assert.Equal("Sierra Sur II", programme.Name);
        Assert.Equal("FIDA", programme.Funder);
        Assert.Equal(Money.CurrencyCode, programme.Currency);
    }

    [Fact]
    public void AddOffice_New_Added()
    {
        var programme = Programme.Create("Sierra Sur II", "FIDA");

        Assert.True(programme.AddOffice(" Oficina Local Abancay ", "Abancay", "Rosa Ccori").Succeeded);

        var office = Assert.Single(programme.Offices);
        Assert.Equal("Oficina Local Abancay", office.Name);
    }

    [Theory]
    [InlineData("oficina local  ABANCAY")]
    [InlineData("Oficina Local Abancay.")]
    public void AddOffice_SameNameTypedDifferently_RefusedAsDuplicate(string name)
    {
        var programme = Programme.Create("Sierra Sur II", "FIDA");
        programme.AddOffice("Oficina Local Abancay", "Abancay", "Rosa Ccori");

        var result = programme.AddOffice(name, "Abancay", "Pedro Huamán");

        var error = Assert.Single(result.Errors);
        Assert.Equal("Office.Duplicate", error.Code);
        Assert.Equal("Name", error.Field);
        Assert.Single(programme.Offices);
    }
}
