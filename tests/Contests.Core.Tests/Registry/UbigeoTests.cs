using Contests.Core.Registry;

namespace Contests.Core.Tests.Registry;

public sealed class UbigeoTests
{
    [Theory]
    [InlineData("030101")] // Abancay, Abancay, Apurímac
    [InlineData("080101")] // Cusco
    [InlineData("250101")] // Callería, Coronel Portillo, Ucayali: the last department
    [InlineData("010101")]
    public void TryParse_ValidDistrict_Accepted(string input)
    {
        var ubigeo = Ubigeo.TryParse(input, "Ubigeo", out var error);

        Assert.Null(error);
        Assert.Equal(input, ubigeo!.Value);
    }

    [Fact]
    public void Codes_AreTheFirstTwoAndFourDigits()
    {
        var abancay = Ubigeo.Parse("030101");

        Assert.Equal("03", abancay.DepartmentCode);
        Assert.Equal("0301", abancay.ProvinceCode);
    }

    [Fact]
    public void TryParse_Separators_Dropped() =>
        Assert.Equal("030101", Ubigeo.TryParse(" 03-01-01 ", "Ubigeo", out _)!.Value);

    [Theory]
    [InlineData("000101", "00")]
    [InlineData("260101", "26")]
    [InlineData("990101", "99")]
    public void TryParse_DepartmentOutsideOneToTwentyFive_SaysWhichDepartment(string input, string department)
    {
        Assert.Null(Ubigeo.TryParse(input, "Ubigeo", out var error));

        Assert.Equal("Ubigeo.Department", error!.Code);
        Assert.Equal<object>([department, Ubigeo.DepartmentCount], error.Arguments);
    }

    [Fact]
    public void TryParse_ProvinceZero_Refused()
    {
        Assert.Null(Ubigeo.TryParse("030001", "Ubigeo", out var error));

        Assert.Equal("Ubigeo.Province", error!.Code);
    }

    [Fact]
    public void TryParse_DistrictZero_Refused()
    {
        Assert.Null(Ubigeo.TryParse("030100", "Ubigeo", out var error));

        Assert.Equal("Ubigeo.District", error!.Code);
    }

    [Theory]
    [InlineData("30101", "Ubigeo.Length")]
    [InlineData("0301011", "Ubigeo.Length")]
    [InlineData("03O101", "Ubigeo.NotDigits")]
    [InlineData("", "Ubigeo.Required")]
    public void TryParse_NotSixDigits_SaysWhy(string input, string code)
    {
        Assert.Null(Ubigeo.TryParse(input, "DistrictUbigeo", out var error));

        Assert.Equal(code, error!.Code);
        Assert.Equal("DistrictUbigeo", error.Field);
    }

    [Fact]
    public void TryParse_SpreadsheetDroppedLeadingZero_SaysSixExpectedFiveGiven()
    {
        Assert.Null(Ubigeo.TryParse("30101", "Ubigeo", out var error));

        Assert.Equal<object>([6, 5], error!.Arguments);
    }

    [Fact]
    public void District_TakesItsCodesFromTheUbigeo()
    {
        var district = District.Create(Ubigeo.Parse("030101"), "  Abancay ");

        Assert.Equal("030101", district.Ubigeo);
        Assert.Equal("0301", district.ProvinceCode);
        Assert.Equal("03", district.DepartmentCode);
        Assert.Equal("Abancay", district.Name);
    }
}
