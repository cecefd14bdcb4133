using System.Net;
using Contests.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;

namespace Contests.Web.Tests.Account;

/// <summary>
/// Makes every request come from a loopback address, as a client on the same host (a test server has no client
/// address): 127.0.0.1, or the one in the test's <c>X-Test-Peer</c> header (any 127.x.x.x is loopback), so each test
/// has a rate-limit budget of its own. Runs before the app's own pipeline, so the forwarded-headers middleware sees it.
/// </summary>
internal sealed class LoopbackClient : Microsoft.AspNetCore.Hosting.IStartupFilter
{
    public const string PeerHeader = "X-Test-Peer";

    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Use((context, nextMiddleware) =>
        {
            context.Connection.RemoteIpAddress = IPAddress.TryParse(context.Request.Headers[PeerHeader].ToString(), out var peer) && IPAddress.IsLoopback(peer)
                ? peer
                : IPAddress.Loopback;
            return nextMiddleware(context);
        });
        next(app);
    };

    public static AppClient From(AppClient client, string peer)
    {
        client.Http.DefaultRequestHeaders.Add(PeerHeader, peer);
        return client;
    }

    public static void AddTo(IWebHostBuilder builder) =>
        builder.ConfigureTestServices(s => s.AddSingleton<Microsoft.AspNetCore.Hosting.IStartupFilter, LoopbackClient>());
}

/// <summary>An app whose login allows only three posts a minute per client address, with clients on the same host and no trusted proxy.</summary>
public sealed class StrictLoginLimitApp : SqliteApp
{
    protected override int LoginAttemptsPerMinute => 3;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        LoopbackClient.AddTo(builder);
    }
}

public sealed class StrictLoginLimitPostgresApp : PostgresApp
{
    protected override int LoginAttemptsPerMinute => 3;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        LoopbackClient.AddTo(builder);
    }
}

/// <summary>The same, behind a reverse proxy on 127.0.0.1 that is configured as trusted.</summary>
public sealed class TrustedProxyApp : SqliteApp
{
    protected override int LoginAttemptsPerMinute => 3;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Security:TrustedProxies:0", "127.0.0.1");
        LoopbackClient.AddTo(builder);
    }
}

public sealed class TrustedProxyPostgresApp : PostgresApp
{
    protected override int LoginAttemptsPerMinute => 3;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Security:TrustedProxies:0", "127.0.0.1");
        LoopbackClient.AddTo(builder);
    }
}

internal static class ForwardedFor
{
    public static Task<HttpResponseMessage> LoginAsync(AppClient client, string? forwardedFor, string userName = "nobody",
        string password = "wrong-password")
    {
        client.Http.DefaultRequestHeaders.Remove("X-Forwarded-For");
        if (forwardedFor is not null)
        {
            client.Http.DefaultRequestHeaders.Add("X-Forwarded-For", forwardedFor);
        }
        return client.PostFormAsync("/account/login", ("UserName", userName), ("Password", password));
    }
}

public abstract class RateLimitTests<TApp>(TApp app) : AppTest<TApp>(app) where TApp : ContestsApp
{
    [Fact]
    public async Task LoginPosts_BeyondTheLimit_Get429WithSpanishMessage()
    {
        using var client = LoopbackClient.From(App.NewClient(), "127.0.0.11");
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

    [Fact]
    public async Task ForwardedFor_FromTheSameHost_WithNoTrustedProxy_IsIgnored_SoTheLimitCannotBeDodged()
    {
        using var client = LoopbackClient.From(App.NewClient(), "127.0.0.12");
        for (var i = 1; i <= 3; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await ForwardedFor.LoginAsync(client, $"203.0.113.{i}")).StatusCode);
        }

        var limited = await ForwardedFor.LoginAsync(client, "203.0.113.99", TestUsers.Officer, TestUsers.Password);

        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
    }

    [Fact]
    public async Task ChangePassword_SharesTheSignInLimit_BeyondItGets429_AndNothingChanges()
    {
        using var client = LoopbackClient.From(App.NewClient(), "127.0.0.13");
        await client.SignInAsync(TestUsers.Lrac, TestUsers.Password); // the first of three posts this minute
        var hashBefore = await PasswordHashAsync(TestUsers.Lrac);
        for (var i = 1; i <= 2; i++)
        {
            var wrong = await client.PostFormAsync("/account/password",
                ("CurrentPassword", $"guess-{i}-password"), ("NewPassword", "quinua y kiwicha"), ("ConfirmPassword", "quinua y kiwicha"));
            Assert.Equal(HttpStatusCode.OK, wrong.StatusCode);
        }

        var limited = await client.PostFormAsync("/account/password",
            ("CurrentPassword", TestUsers.Password), ("NewPassword", "quinua y kiwicha"), ("ConfirmPassword", "quinua y kiwicha"));

        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.Equal(hashBefore, await PasswordHashAsync(TestUsers.Lrac));
    }

    private async Task<string> PasswordHashAsync(string userName)
    {
        using var scope = App.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<Contests.Web.Infrastructure.Persistence.ContestsDbContext>();
        return db.Users.AsNoTracking().Single(u => u.UserName == userName).PasswordHash;
    }
}

public sealed class RateLimitTestsOnSqlite(StrictLoginLimitApp app) : RateLimitTests<StrictLoginLimitApp>(app);

public sealed class RateLimitTestsOnPostgres(StrictLoginLimitPostgresApp app) : RateLimitTests<StrictLoginLimitPostgresApp>(app);

public abstract class TrustedProxyTests<TApp>(TApp app) : AppTest<TApp>(app) where TApp : ContestsApp
{
    [Fact]
    public async Task ForwardedFor_FromAConfiguredProxy_NamesTheClient_EachClientHasItsOwnLimit()
    {
        using var client = App.NewClient();
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await ForwardedFor.LoginAsync(client, "203.0.113.7")).StatusCode);
        }

        Assert.Equal(HttpStatusCode.TooManyRequests, (await ForwardedFor.LoginAsync(client, "203.0.113.7")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await ForwardedFor.LoginAsync(client, "203.0.113.8", TestUsers.Officer, TestUsers.Password)).StatusCode);
    }
}

public sealed class TrustedProxyTestsOnSqlite(TrustedProxyApp app) : TrustedProxyTests<TrustedProxyApp>(app);

public sealed class TrustedProxyTestsOnPostgres(TrustedProxyPostgresApp app) : TrustedProxyTests<TrustedProxyPostgresApp>(app);
