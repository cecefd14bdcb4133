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
    [InlineData("1234567890")]
    public void Check_LongEnough_Accepted(string password) =>
        Assert.True(PasswordPolicy.Check(password, "mariaquispe").Succeeded);
}
