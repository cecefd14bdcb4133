using Contests.Core.Common;
using Contests.Core.Registry;
using static Contests.Core.Tests.Registry.RegistryBuilders;

namespace Contests.Core.Tests.Registry;

public sealed class OrganizationTests
{
    private static (OrganizationDetails? Details, List<DomainError> Errors) Parse(OrganizationInput input)
    {
        var errors = new List<DomainError>();
        var details = OrganizationDetails.Parse(input, errors);
        return (details, errors);
    }

    [Fact]
    public void Parse_CompleteInput_ReadsEveryField()
    {
        var (details, errors) = Parse(ValidOrganizationInput());

        Assert.Empty(errors);
        Assert.NotNull(details);
        Assert.Equal("Asociación de Mujeres Emprendedoras de Ccollpa", details.Name);
        Assert.Equal(OrganizationType.WomensGroup, details.Type);
        Assert.Equal(Ruc.Parse("20600012348"), details.Ruc);
        Assert.Null(details.RegistryNumber);
        Assert.Equal("030101", details.District.Value);
        Assert.Equal("Juana Quispe Mamani", details.PresidentName);
        Assert.Equal(Dni.Parse("01234567"), details.PresidentDni);
        Assert.Equal("Rosa Huamán Ccori", details.TreasurerName);
        Assert.Equal(Dni.Parse("45678912"), details.TreasurerDni);
    }

    [Fact]
    public void Parse_EmptyInput_ReportsEveryProblemAtOnce()
    {
        var (details, errors) = Parse(new OrganizationInput());

        Assert.Null(details);
        Assert.Equal(
            ["Name", "PresidentDni", "PresidentName", "Ruc", "TreasurerDni", "TreasurerName", "Type", "Ubigeo"],
            errors.Select(e => e.Field).Order(StringComparer.Ordinal));
        Assert.Equal("Organization.RucOrRegistry", errors.Single(e => e.Field == "Ruc").Code);
    }

    [Fact]
    public void Parse_NeitherRucNorRegistryNumber_Refused()
    {
        var (details, errors) = Parse(ValidOrganizationInput() with { Ruc = " ", RegistryNumber = null });

        Assert.Null(details);
        var error = Assert.Single(errors);
        Assert.Equal("Organization.RucOrRegistry", error.Code);
        Assert.Equal("Ruc", error.Field);
    }

    [Fact]
    public void Parse_RegistryNumberWithoutRuc_Accepted()
    {
        var (details, errors) = Parse(ValidOrganizationInput() with { Ruc = null, RegistryNumber = " 11023456 " });

        Assert.Empty(errors);
        Assert.Null(details!.Ruc);
        Assert.Equal("11023456", details.RegistryNumber);
    }

    [Fact]
    public void Parse_RucWithWrongCheckDigit_ErrorOnRucField()
    {
        // 2060001234 calls for 8 (see RucTests).
        var (details, errors) = Parse(ValidOrganizationInput() with { Ruc = "20600012349" });

        Assert.Null(details);
        var error = Assert.Single(errors);
        Assert.Equal("Ruc.CheckDigit", error.Code);
        Assert.Equal("Ruc", error.Field);
        Assert.Equal<object>([8, 9], error.Arguments);
    }

    [Fact]
    public void Parse_BadRucNextToRegistryNumber_StillRefused()
    {
        var (_, errors) = Parse(ValidOrganizationInput() with { Ruc = "2060001234", RegistryNumber = "11023456" });

        var error = Assert.Single(errors);
        Assert.Equal("Ruc.Length", error.Code);
        Assert.Equal("Ruc", error.Field);
    }

    [Theory]
    [InlineData("01234567")]
    [InlineData("0123-4567")]
    public void Parse_PresidentAndTreasurerSameDni_Refused(string treasurerDni)
    {
        var (details, errors) = Parse(ValidOrganizationInput() with { TreasurerDni = treasurerDni });

        Assert.Null(details);
        var error = Assert.Single(errors);
        Assert.Equal("Organization.SameBoardMember", error.Code);
        Assert.Equal("TreasurerDni", error.Field);
    }

    [Fact]
    public void Parse_BadTreasurerDni_OnlyTheDniError()
    {
        var (_, errors) = Parse(ValidOrganizationInput() with { TreasurerDni = "0123456" });

        var error = Assert.Single(errors);
        Assert.Equal("Dni.Length", error.Code);
        Assert.Equal("TreasurerDni", error.Field);
    }

    [Fact]
    public void Parse_BadUbigeo_ErrorOnUbigeoField()
    {
        var (_, errors) = Parse(ValidOrganizationInput() with { Ubigeo = "030100" });

        var error = Assert.Single(errors);
        Assert.Equal("Ubigeo.District", error.Code);
        Assert.Equal("Ubigeo", error.Field);
    }

    [Theory]
    [InlineData("Grupo de mujeres", OrganizationType.WomensGroup)]
    [InlineData("  GRUPO   DE  MUJERES ", OrganizationType.WomensGroup)]
    [InlineData("WomensGroup", OrganizationType.WomensGroup)]
    [InlineData("Mujeres", OrganizationType.WomensGroup)]
    [InlineData("Asociación de productores", OrganizationType.ProducersAssociation)]
    [InlineData("ProducersAssociation", OrganizationType.ProducersAssociation)]
    [InlineData("Empresa comunal", OrganizationType.CommunityEnterprise)]
    [InlineData("CommunityEnterprise", OrganizationType.CommunityEnterprise)]
    [InlineData("Otra", OrganizationType.Other)]
    [InlineData("Other", OrganizationType.Other)]
    public void Parse_Type_ReadInSpanishOrByItsName(string type, OrganizationType expected)
    {
        var (details, errors) = Parse(ValidOrganizationInput() with { Type = type });

        Assert.Empty(errors);
        Assert.Equal(expected, details!.Type);
    }

    [Fact]
    public void Parse_UnknownType_SaysWhatWasTyped()
    {
        var (details, errors) = Parse(ValidOrganizationInput() with { Type = " Cooperativa " });

        Assert.Null(details);
        var error = Assert.Single(errors);
        Assert.Equal("Organization.Type", error.Code);
        Assert.Equal("Type", error.Field);
        Assert.Equal<object>(["Cooperativa"], error.Arguments);
    }

    [Fact]
    public void Create_CopiesDetailsAndKeysTheName()
    {
        var organization = Organization.Create(ValidOrganizationDetails(), Now);

        Assert.Equal("ASOCIACION DE MUJERES EMPRENDEDORAS DE CCOLLPA", organization.NameKey);
        Assert.Equal("20600012348", organization.Ruc);
        Assert.Equal("01234567", organization.PresidentDni);
        Assert.Equal("45678912", organization.TreasurerDni);
        Assert.True(organization.IsWomensOrganization);
    }

    [Fact]
    public void IsWomensOrganization_OnlyForWomensGroups()
    {
        var organization = Organization.Create(ValidOrganizationDetails(ValidOrganizationInput() with { Type = "Productores" }), Now);

        Assert.False(organization.IsWomensOrganization);
    }

    [Fact]
    public void AddMember_NewHousehold_Added()
    {
        var organization = Organization.Create(ValidOrganizationDetails(), Now);

        Assert.True(organization.AddMember(11, Now).Succeeded);
        Assert.True(organization.AddMember(12, Now).Succeeded);

        Assert.Equal([11, 12], organization.Members.Select(m => m.HouseholdId));
    }

    [Fact]
    public void AddMember_Twice_RefusedAsAlreadyMember()
    {
        var organization = Organization.Create(ValidOrganizationDetails(), Now);
        organization.AddMember(11, Now);

        var result = organization.AddMember(11, Now.AddDays(1));

        Assert.Equal("Organization.AlreadyMember", Assert.Single(result.Errors).Code);
        Assert.Single(organization.Members);
    }

    [Fact]
    public void RemoveMember_ThenAddAgain_Allowed()
    {
        var organization = Organization.Create(ValidOrganizationDetails(), Now);
        organization.AddMember(11, Now);

        organization.RemoveMember(11);

        Assert.Empty(organization.Members);
        Assert.True(organization.AddMember(11, Now).Succeeded);
    }

    [Fact]
    public void Parse_PersonalRuc_RefusedBecauseAnOrganizationIsALegalPerson()
    {
        // 10460278975: prefix 10 (a natural person's RUC) with a valid check digit.
        var (details, errors) = Parse(ValidOrganizationInput() with { Ruc = "10460278975" });

        Assert.Null(details);
        var error = Assert.Single(errors);
        Assert.Equal("Organization.RucNotLegalEntity", error.Code);
        Assert.Equal("Ruc", error.Field);
    }
}
