using Contests.Core.Accounts;

namespace Contests.Core.Tests.Accounts;

public sealed class UserNameTests
{
    [Theory]
    [InlineData("jquispe", "jquispe")]
    [InlineData("  JQuispe ", "jquispe")]
    [InlineData("ana.mamani-2", "ana.mamani-2")]
    [InlineData("clar_01", "clar_01")]
    public void TryParse_Valid_NormalizesToLowerCase(string input, string expected)
    {
        var name = UserName.TryParse(input, out var error);

        Assert.Null(error);
        Assert.Equal(expected, name!.Value);
    }

    [Theory]
    [InlineData(null, "UserName.Required")]
    [InlineData("", "UserName.Required")]
    [InlineData("ab", "UserName.Invalid")]
    [InlineData("josé", "UserName.Invalid")]
    [InlineData("juan perez", "UserName.Invalid")]
    [InlineData(".juan", "UserName.Invalid")]
    public void TryParse_Invalid_SaysWhy(string? input, string code)
    {
        Assert.Null(UserName.TryParse(input, out var error));
        Assert.Equal(code, error!.Code);
        Assert.Equal("UserName", error.Field);
    }

    [Fact]
    public void TryParse_TooLong_Refused() =>
        Assert.Null(UserName.TryParse(new string('a', UserName.MaxLength + 1), out _));
}
