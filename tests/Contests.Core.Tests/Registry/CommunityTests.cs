using Contests.Core.Common;
using Contests.Core.Registry;

namespace Contests.Core.Tests.Registry;

public sealed class CommunityTests
{
    private static readonly DateTime Now = RegistryBuilders.Now;

    private static CommunityDetails Details(string name, string ubigeo = "030101")
    {
        var errors = new List<DomainError>();
        var details = CommunityDetails.Parse(new CommunityInput { Name = name, Ubigeo = ubigeo }, errors);
        Assert.Empty(errors);
        return details!;
    }

    [Fact]
    public void Parse_Valid_CleansTheName()
    {
        var details = Details("  Comunidad   Campesina Ccollpa ");

        Assert.Equal("Comunidad Campesina Ccollpa", details.Name);
        Assert.Equal("030101", details.District.Value);
        Assert.Null(details.RegistryNumber);
    }

    [Fact]
    public void Parse_Empty_ReportsNameAndUbigeoAtOnce()
    {
        var errors = new List<DomainError>();

        Assert.Null(CommunityDetails.Parse(new CommunityInput(), errors));

        Assert.Equal(["Name", "Ubigeo"], errors.Select(e => e.Field).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Parse_BadUbigeo_ErrorOnUbigeoField()
    {
        var errors = new List<DomainError>();

        CommunityDetails.Parse(new CommunityInput { Name = "Ccollpa", Ubigeo = "260101" }, errors);

        var error = Assert.Single(errors);
        Assert.Equal("Ubigeo.Department", error.Code);
        Assert.Equal("Ubigeo", error.Field);
    }

    [Fact]
    public void Create_SameNameTypedDifferently_SameKey()
    {
        var a = Community.Create(Details("Comunidad  Campesina de Huancané"), Now);
        var b = Community.Create(Details("COMUNIDAD CAMPESINA DE HUANCANE"), Now);

        Assert.Equal(a.NameKey, b.NameKey);
        Assert.NotEqual(a.Name, b.Name);
    }

    [Fact]
    public void Update_RenamesAndRecomputesTheKey()
    {
        var community = Community.Create(Details("Ccollpa"), Now);

        community.Update(Details("Santa Rosa de Ñuñoa", "080101"));

        Assert.Equal("SANTA ROSA DE ÑUÑOA", community.NameKey);
        Assert.Equal("080101", community.DistrictUbigeo);
    }
}
