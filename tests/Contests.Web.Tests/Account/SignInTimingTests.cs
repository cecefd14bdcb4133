using System.Net;
using Contests.Core.Accounts;
using Contests.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.TestHost;

namespace Contests.Web.Tests.Account;

/// <summary>The app's password hasher, counting how many passwords it checks (the slow step of a sign-in).</summary>
public sealed class CountingHasher : IPasswordHasher<User>
{
    private readonly PasswordHasher<User> _inner = TestUsers.Hasher();
    private int _verified;

    public int Verified => Volatile.Read(ref _verified);

    public string HashPassword(User user, string password) => _inner.HashPassword(user, password);

    public PasswordVerificationResult VerifyHashedPassword(User user, string hashedPassword, string providedPassword)
    {
        Interlocked.Increment(ref _verified);
        return _inner.VerifyHashedPassword(user, hashedPassword, providedPassword);
    }

    public static void AddTo(IWebHostBuilder builder, CountingHasher hasher) =>
        builder.ConfigureTestServices(s => s.AddSingleton<IPasswordHasher<User>>(hasher));
}

public sealed class CountingHasherApp : SqliteApp
{
    public CountingHasher Hasher { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        CountingHasher.AddTo(builder, Hasher);
    }
}

public sealed class CountingHasherPostgresApp : PostgresApp
{
    public CountingHasher Hasher { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        CountingHasher.AddTo(builder, Hasher);
    }
}

/// <summary>
/// An unknown name and a locked account cost the same: one password hash each (a PBKDF2 check takes far longer
/// than the rest of the request), so timing does not tell which names exist.
/// </summary>
public abstract class SignInTimingTests<TApp>(TApp app, Func<TApp, CountingHasher> hasher) : AppTest<TApp>(app) where TApp : ContestsApp
{
    private async Task<int> HashesForAsync(AppClient client, string userName, string password)
    {
        var before = hasher(App).Verified;
        var response = await client.PostFormAsync("/account/login", ("UserName", userName), ("Password", password));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return hasher(App).Verified - before;
    }

    [Fact]
    public async Task UnknownName_WrongPassword_AndLockedAccount_EachCheckOnePassword()
    {
        using var client = App.NewClient();
        Assert.Equal(1, await HashesForAsync(client, "t-nobody", "wrong-password"));
        for (var i = 1; i <= 5; i++)
        {
            Assert.Equal(1, await HashesForAsync(client, TestUsers.Finance, $"wrong-{i}-password"));
        }

        Assert.Equal(1, await HashesForAsync(client, TestUsers.Finance, "wrong-6-password"));
        Assert.Equal(1, await HashesForAsync(client, TestUsers.Finance, TestUsers.Password));
        Assert.Equal(1, await HashesForAsync(client, "t-nobody", TestUsers.Password));
    }
}

public sealed class SignInTimingTestsOnSqlite(CountingHasherApp app) : SignInTimingTests<CountingHasherApp>(app, a => a.Hasher);

public sealed class SignInTimingTestsOnPostgres(CountingHasherPostgresApp app) : SignInTimingTests<CountingHasherPostgresApp>(app, a => a.Hasher);
