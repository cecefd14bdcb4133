using Contests.Core.Common;
using Contests.Core.Registry;
using static Contests.Core.Tests.Registry.RegistryBuilders;

namespace Contests.Core.Tests.Registry;

public sealed class HouseholdDetailsTests
{
    private static (HouseholdDetails? Details, List<DomainError> Errors) Parse(HouseholdInput input, int currentYear = CurrentYear)
    {
        var errors = new List<DomainError>();
        var details = HouseholdDetails.Parse(input, currentYear, errors);
        return (details, errors);
    }

    [Fact]
    public void Parse_CompleteInput_ReadsEveryField()
    {
        var (details, errors) = Parse(ValidHouseholdInput());

        Assert.Empty(errors);
        Assert.NotNull(details);
        Assert.Equal(new PersonDetails("Juana Rosa", "Quispe Mamani", Dni.Parse("01234567"), Sex.Female, 1980), details.Head);
        Assert.Equal(new PersonDetails("Pedro", "Huamán Ccori", Dni.Parse("45678912"), Sex.Male, null), details.Partner);
        Assert.Equal(5, details.Members);
        Assert.Equal("+51 984 123 456", details.Phone);
        Assert.Equal("Juana Rosa Quispe Mamani", details.Head.FullName);
    }

    [Fact]
    public void Parse_WithoutPartner_PartnerIsNullAndOneMemberIsEnough()
    {
        var (details, errors) = Parse(HouseholdInputWithoutPartner());

        Assert.Empty(errors);
        Assert.Null(details!.Partner);
        Assert.Equal(1, details.Members);
    }

    [Fact]
    public void Parse_EmptyInput_ReportsEveryRequiredFieldAtOnce()
    {
        var (details, errors) = Parse(new HouseholdInput());

        Assert.Null(details);
        Assert.Equal(
            ["HeadBirthYear", "HeadDni", "HeadFirstNames", "HeadLastNames", "HeadSex", "Members"],
            errors.Select(e => e.Field).Order(StringComparer.Ordinal));
        Assert.Equal("Dni.Required", errors.Single(e => e.Field == "HeadDni").Code);
        Assert.All(errors.Where(e => e.Field != "HeadDni"), e => Assert.Equal("Validation.Required", e.Code));
    }

    [Fact]
    public void Parse_AddsToErrorsAlreadyCollected()
    {
        var errors = new List<DomainError> { new("Earlier.Problem") };

        var details = HouseholdDetails.Parse(ValidHouseholdInput(), CurrentYear, errors);

        Assert.NotNull(details);
        Assert.Single(errors);
    }

    [Fact]
    public void Parse_BadHeadDni_ErrorNextToHeadDni()
    {
        var (details, errors) = Parse(ValidHouseholdInput() with { HeadDni = "1234567" });

        Assert.Null(details);
        var error = Assert.Single(errors);
        Assert.Equal("Dni.Length", error.Code);
        Assert.Equal("HeadDni", error.Field);
        Assert.Equal<object>([8, 7], error.Arguments);
    }

    [Fact]
    public void Parse_BadPartnerDni_ErrorNextToPartnerDni()
    {
        var (_, errors) = Parse(ValidHouseholdInput() with { PartnerDni = "4567891X" });

        var error = Assert.Single(errors);
        Assert.Equal("Dni.NotDigits", error.Code);
        Assert.Equal("PartnerDni", error.Field);
    }

    [Theory]
    [InlineData("01234567")]
    [InlineData("0123-4567")]
    [InlineData(" 0123 4567 ")]
    public void Parse_PartnerWithTheHeadsDni_Refused(string partnerDni)
    {
        var (details, errors) = Parse(ValidHouseholdInput() with { PartnerDni = partnerDni });

        Assert.Null(details);
        var error = Assert.Single(errors);
        Assert.Equal("Household.PartnerSameDni", error.Code);
        Assert.Equal("PartnerDni", error.Field);
    }

    [Fact]
    public void Parse_PartnerWithoutDni_Accepted()
    {
        var (details, errors) = Parse(ValidHouseholdInput() with { PartnerDni = "  " });

        Assert.Empty(errors);
        Assert.Null(details!.Partner!.Dni);
    }

    [Fact]
    public void Parse_PartnerWithoutSex_Accepted()
    {
        var (details, errors) = Parse(ValidHouseholdInput() with { PartnerSex = null });

        Assert.Empty(errors);
        Assert.Null(details!.Partner!.Sex);
    }

    [Theory]
    [InlineData("45678912", null, null, null, "PartnerFirstNames,PartnerLastNames")]
    [InlineData(null, "M", null, null, "PartnerFirstNames,PartnerLastNames")]
    [InlineData(null, null, "Pedro", null, "PartnerLastNames")]
    [InlineData(null, null, null, "Huamán", "PartnerFirstNames")]
    public void Parse_AnyPartnerFieldGiven_PartnerNamesRequired(
        string? dni, string? sex, string? firstNames, string? lastNames, string missing)
    {
        var input = HouseholdInputWithoutPartner() with
        {
            PartnerDni = dni,
            PartnerSex = sex,
            PartnerFirstNames = firstNames,
            PartnerLastNames = lastNames,
            Members = "2",
        };

        var (details, errors) = Parse(input);

        Assert.Null(details);
        Assert.Equal(missing.Split(','), errors.Select(e => e.Field));
        Assert.All(errors, e => Assert.Equal("Validation.Required", e.Code));
    }

    [Theory]
    [InlineData("1")]
    [InlineData("0")]
    public void Parse_PartnerButFewerThanTwoMembers_Refused(string members)
    {
        var (details, errors) = Parse(ValidHouseholdInput() with { Members = members });

        Assert.Null(details);
        var error = Assert.Single(errors);
        Assert.Equal("Household.MembersWithPartner", error.Code);
        Assert.Equal("Members", error.Field);
        Assert.Equal<object>([2, HouseholdDetails.MaxMembers], error.Arguments);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("31")]
    [InlineData("tres")]
    [InlineData("-1")]
    [InlineData("2.5")]
    public void Parse_MembersOutOfRange_Refused(string members)
    {
        var (_, errors) = Parse(HouseholdInputWithoutPartner() with { Members = members });

        var error = Assert.Single(errors);
        Assert.Equal("Household.Members", error.Code);
        Assert.Equal<object>([1, HouseholdDetails.MaxMembers], error.Arguments);
    }

    [Theory]
    [InlineData("2")]
    [InlineData("30")]
    [InlineData(" 12 ")]
    public void Parse_MembersWithinRange_Accepted(string members) =>
        Assert.Empty(Parse(ValidHouseholdInput() with { Members = members }).Errors);

    [Theory]
    [InlineData(2026, "1900")]
    [InlineData(2026, "2012")] // exactly MinHeadAge (14) this year
    [InlineData(2030, "2016")]
    public void Parse_BirthYearWithinBounds_Accepted(int currentYear, string birthYear)
    {
        var (details, errors) = Parse(ValidHouseholdInput() with { HeadBirthYear = birthYear }, currentYear);

        Assert.Empty(errors);
        Assert.Equal(int.Parse(birthYear, System.Globalization.CultureInfo.InvariantCulture), details!.Head.BirthYear);
    }

    [Theory]
    [InlineData(2026, "1899", 2012)]
    [InlineData(2026, "2013", 2012)] // thirteen this year: too young to head a household
    [InlineData(2026, "2026", 2012)]
    [InlineData(2030, "2017", 2016)]
    [InlineData(2026, "19x0", 2012)]
    [InlineData(2026, "-1980", 2012)]
    public void Parse_BirthYearOutOfBounds_SaysTheRange(int currentYear, string birthYear, int latest)
    {
        var (_, errors) = Parse(ValidHouseholdInput() with { HeadBirthYear = birthYear }, currentYear);

        var error = Assert.Single(errors);
        Assert.Equal("Person.BirthYear", error.Code);
        Assert.Equal("HeadBirthYear", error.Field);
        Assert.Equal<object>([HouseholdDetails.OldestBirthYear, latest], error.Arguments);
    }

    [Theory]
    [InlineData("F", Sex.Female)]
    [InlineData("f", Sex.Female)]
    [InlineData("Mujer", Sex.Female)]
    [InlineData(" MUJER ", Sex.Female)]
    [InlineData("Femenino", Sex.Female)]
    [InlineData("M", Sex.Male)]
    [InlineData("m", Sex.Male)]
    [InlineData("Hombre", Sex.Male)]
    [InlineData("Varón", Sex.Male)]
    [InlineData("Masculino", Sex.Male)]
    public void Parse_SexCodes_Read(string code, Sex expected)
    {
        var (details, errors) = Parse(ValidHouseholdInput() with { HeadSex = code });

        Assert.Empty(errors);
        Assert.Equal(expected, details!.Head.Sex);
    }

    [Theory]
    [InlineData("X")]
    [InlineData("Otro")]
    public void Parse_UnknownSex_SaysWhatWasTyped(string code)
    {
        var (_, errors) = Parse(ValidHouseholdInput() with { HeadSex = $" {code} " });

        var error = Assert.Single(errors);
        Assert.Equal("Person.Sex", error.Code);
        Assert.Equal("HeadSex", error.Field);
        Assert.Equal<object>([code], error.Arguments);
    }

    [Fact]
    public void Parse_UnknownPartnerSex_ErrorOnPartnerSex() =>
        Assert.Equal("PartnerSex", Assert.Single(Parse(ValidHouseholdInput() with { PartnerSex = "?" }).Errors).Field);

    [Theory]
    [InlineData("F", true)]
    [InlineData("Mujer", true)]
    [InlineData("M", false)]
    [InlineData("Hombre", false)]
    public void WomenHeaded_FollowsTheHeadsSex(string headSex, bool expected)
    {
        var (details, _) = Parse(ValidHouseholdInput() with { HeadSex = headSex });

        Assert.Equal(expected, details!.WomenHeaded);
    }

    [Theory]
    [InlineData("984123456")]
    [InlineData("+51 984 123 456")]
    [InlineData("(083) 32-1234")]
    [InlineData("083-321234")]
    [InlineData("123456")]
    public void Parse_Phone_Accepted(string phone)
    {
        var (details, errors) = Parse(ValidHouseholdInput() with { Phone = phone });

        Assert.Empty(errors);
        Assert.Equal(phone, details!.Phone);
    }

    [Theory]
    [InlineData("12345")] // five digits
    [InlineData("1234567890123456")] // sixteen digits
    [InlineData("984 123 456 ext 2")] // letters
    [InlineData("984123456/984654321")] // two numbers
    [InlineData("+51 (984) - 123 - 456")] // 21 characters
    public void Parse_BadPhone_Refused(string phone)
    {
        var (details, errors) = Parse(ValidHouseholdInput() with { Phone = phone });

        Assert.Null(details);
        var error = Assert.Single(errors);
        Assert.Equal("Household.Phone", error.Code);
        Assert.Equal("Phone", error.Field);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("  ")]
    public void Parse_NoPhone_IsNull(string? phone) =>
        Assert.Null(Parse(ValidHouseholdInput() with { Phone = phone }).Details!.Phone);

    [Theory]
    [InlineData("Juana2")]
    [InlineData("juana@correo.pe")]
    [InlineData("Juana_Rosa")]
    public void Parse_NameWithDigitsOrSymbols_Refused(string name)
    {
        var (_, errors) = Parse(ValidHouseholdInput() with { HeadFirstNames = name });

        var error = Assert.Single(errors);
        Assert.Equal("Person.NameCharacters", error.Code);
        Assert.Equal("HeadFirstNames", error.Field);
    }

    [Fact]
    public void Parse_NameWithApostropheAndHyphen_Accepted() =>
        Assert.Empty(Parse(ValidHouseholdInput() with { HeadLastNames = "D'Ángelo Quispe-Mamani" }).Errors);

    [Fact]
    public void Parse_NameTooLong_Refused()
    {
        var (_, errors) = Parse(ValidHouseholdInput() with { HeadLastNames = new string('a', HouseholdDetails.NameMaxLength + 1) });

        Assert.Equal("Validation.MaxLength", Assert.Single(errors).Code);
    }

    [Fact]
    public void Parse_NamesCleaned()
    {
        var (details, _) = Parse(ValidHouseholdInput() with { HeadFirstNames = "  Juana   Rosa " });

        Assert.Equal("Juana Rosa", details!.Head.FirstNames);
    }
}
