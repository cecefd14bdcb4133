using Contests.Core.Accounts;

namespace Contests.Core.Tests.Accounts;

public sealed class PasswordPolicyTests
{
    [Theory]
    [InlineData(null, "Password.Required")]
    [InlineData("", "Password.Required")]
    [InlineData("corta", "Password.TooShort")]
    [InlineData("123456789", "Password.TooShort")]
    [InlineData("mariaquispe", "Password.SameAsUserName")]
    public void Check_Refuses(string? password, string code)
    {
        var result = PasswordPolicy.Check(password, "mariaquispe");

        Assert.False(result.Succeeded);
        Assert.Contains(result.Errors, e => e.Code == code && e.Field == "Password");
    }

    [Fact]
    public void Check_TooShort_CarriesTheMinimum() =>
        Assert.Equal(PasswordPolicy.MinLength, PasswordPolicy.Check("abc", "x").Errors.Single().Arguments.Single());

    [Fact]
    public void Check_TooLong_Refused() =>
        Assert.Equal("Password.TooLong", PasswordPolicy.Check(new string('a', PasswordPolicy.MaxLength + 1), "x").Errors.Single().Code);

    [Theory]
    [InlineData("cosecha de papa nativa")]
    [InlineData("pachamama2026")]
    [InlineData("test-password-1")]
    [InlineData("quinua y kiwicha")]
    [InlineData("rosales del campo")]
    [InlineData("Tr8#kq!Zp2vW")]
    public void Check_LongEnoughAndUnpredictable_Accepted(string password) =>
        Assert.True(PasswordPolicy.Check(password, "mariaquispe", "María Quispe Huamán").Succeeded);

    [Theory]
    [InlineData("aaaaaaaaaaaa")]
    [InlineData("AAAAAAAAAAAA")]
    [InlineData("123456789012")]
    [InlineData("1234567890")]
    [InlineData("abcdefghijkl")]
    [InlineData("lkjihgfedcba")]
    [InlineData("0987654321")]
    [InlineData("abababababab")]
    [InlineData("abcabcabcabc")]
    [InlineData("1111122222")]
    public void Check_RepeatedOrSequentialCharacters_Refused(string password)
    {
        var errors = PasswordPolicy.Check(password, "mariaquispe").Errors;

        Assert.Contains(errors, e => e.Code == "Password.Predictable" && e.Field == "Password");
    }

    [Theory]
    [InlineData("qwertyuiop")]
    [InlineData("Password123")]
    [InlineData("password2026!")]
    [InlineData("iloveyou123")]
    [InlineData("contraseña123")]
    [InlineData("TEAMOMUCHO")]
    [InlineData("alianzalima1901")]
    [InlineData("universitario")]
    [InlineData("1q2w3e4r5t6y")]
    [InlineData("machupicchu")]
    public void Check_CommonPassword_Refused(string password)
    {
        var errors = PasswordPolicy.Check(password, "mariaquispe").Errors;

        Assert.Equal("Password.Common", Assert.Single(errors).Code);
    }

    [Fact]
    public void CommonList_HoldsAFewThousandPasswords_NoneOfThemTheDemoPassword()
    {
        Assert.InRange(PasswordPolicy.CommonCount, 2_000, 20_000);
        Assert.False(PasswordPolicy.IsCommon("pachamama2026"));
    }

    [Theory]
    [InlineData("rquispe2026!", "rquispe", "Rosa Quispe", null)]
    [InlineData("RosaQuispe1990", "rquispe", "Rosa Quispe", null)]
    [InlineData("quispe rosa 77", "rquispe", "Rosa Quispe", null)]
    [InlineData("Huamán Mamani", "jhuaman", "José Huaman Mamani", null)]
    [InlineData("mi dni 46260837", "clar.46260837", "Juana Condori", null)]
    [InlineData("x46260837yz", "clar.46260837", "Juana Condori", null)]
    [InlineData("clave 41234567", "jcondori", "Juana Condori", "41234567")]
    public void Check_BuiltFromTheUsersOwnData_Refused(string password, string userName, string displayName, string? dni)
    {
        var errors = PasswordPolicy.Check(password, userName, displayName, dni).Errors;

        Assert.Contains(errors, e => e.Code == "Password.Personal" && e.Field == "Password");
    }
}
