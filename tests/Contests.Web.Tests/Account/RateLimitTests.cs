using System.Net;
using Contests.Web.Tests.Infrastructure;

namespace Contests.Web.Tests.Account;

/// <summary>An app whose login allows only three posts a minute per client address.</summary>
public sealed class StrictLoginLimitApp : SqliteApp
{
    protected override int LoginAttemptsPerMinute => 3;
}

public sealed class RateLimitTests(StrictLoginLimitApp app) : AppTest<StrictLoginLimitApp>(app)
{
    [Fact]
    public async Task LoginPosts_BeyondTheLimit_Get429WithSpanishMessage()
    {
        using var client = App.NewClient();
        for (var i = 0; i < 3; i++)
        {
            var ok = await client.PostFormAsync("/account/login", ("UserName", "nobody"), ("Password", "wrong-password"));
            Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        }

        var limited = await client.PostFormAsync("/account/login", ("UserName", TestUsers.Officer), ("Password", TestUsers.Password));

        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.Equal("60", limited.Headers.RetryAfter?.ToString());
        Assert.Contains("Demasiados intentos de inicio de sesión", await limited.Content.ReadAsStringAsync());
        // Pages other than the login post are not limited.
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/account/login")).StatusCode);
    }
}
