using Contests.Core.Accounts;

namespace Contests.Core.Tests.Accounts;

public sealed class ApiKeyTests
{
    private static readonly DateTime Now = new(2026, 12, 7, 5, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void Issue_ReturnsATokenOnce_AndKeepsOnlyItsHashAndPrefix()
    {
        var (result, key, token) = ApiKey.Issue("  FIDA — seguimiento ", 3, Now);

        Assert.True(result.Succeeded);
        Assert.Matches("^ctk_[a-z0-9]{8}_[A-Za-z0-9_-]{43}$", token);
        Assert.Equal("FIDA — seguimiento", key!.Name);
        Assert.Equal(token!.Substring(4, 8), key.Prefix);
        Assert.Equal(64, key.SecretHash.Length);
        Assert.DoesNotContain(token[13..], key.SecretHash, StringComparison.Ordinal);
        Assert.Equal(ApiKey.HashOf(token), key.SecretHash);
        Assert.Equal(key.Prefix, ApiKey.PrefixOf(token));
    }

    [Fact]
    public void Issue_TwiceGivesDifferentTokens()
    {
        var first = ApiKey.Issue("a", 1, Now).Token;
        var second = ApiKey.Issue("a", 1, Now).Token;

        Assert.NotEqual(first, second);
    }

    [Theory]
    [InlineData(null, "Validation.Required")]
    [InlineData("   ", "Validation.Required")]
    [InlineData("Clave 🔑", "Text.Symbol")]
    public void Issue_WithoutAUsableName_IsRefusedOnTheNameField(string? name, string code)
    {
        var (result, key, token) = ApiKey.Issue(name, 1, Now);

        var error = Assert.Single(result.Errors);
        Assert.Equal(code, error.Code);
        Assert.Equal(nameof(ApiKey.Name), error.Field);
        Assert.Null(key);
        Assert.Null(token);
    }

    [Fact]
    public void Accepts_OnlyTheWholeToken_UntilRevoked()
    {
        var (_, key, token) = ApiKey.Issue("SIIR", 1, Now);
        var otherSecret = token![..13] + new string('A', 43);

        Assert.True(key!.Accepts(token));
        Assert.False(key.Accepts(otherSecret));
        Assert.False(key.Accepts(token + "x"));
        Assert.True(key.Revoke(2, Now).Succeeded);
        Assert.False(key.Accepts(token));
        Assert.Equal(2, key.RevokedByUserId);
        Assert.Equal("ApiKeys.AlreadyRevoked", Assert.Single(key.Revoke(2, Now).Errors).Code);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("Bearer")]
    [InlineData("ctk_ABCDEFGH_secret")]
    [InlineData("ctk_abcdefgh-secret")]
    [InlineData("xyz_abcdefgh_secret")]
    public void PrefixOf_SomethingNotShapedLikeAKey_IsNull(string? token) => Assert.Null(ApiKey.PrefixOf(token));
}
