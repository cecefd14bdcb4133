using System.Net;
using Contests.Web.Infrastructure.Persistence;
using Contests.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Contests.Web.Tests.Persistence;

/// <summary>A second app instance on the same database, as behind a load balancer or after a restart.</summary>
public sealed class SecondInstance(ContestsApp first) : ContestsApp
{
    public override DatabaseProvider Provider => first.Provider;

    public override string ConnectionString => first.ConnectionString;

    protected override Task CreateDatabaseAsync() => Task.CompletedTask;

    protected override Task DropDatabaseAsync() => Task.CompletedTask;
}

public abstract class InstancesTests<TApp>(TApp app) : AppTest<TApp>(app) where TApp : ContestsApp
{
    [Fact]
    public async Task SignInOnOneInstance_WorksOnAnother_BecauseKeysLiveInTheDatabase()
    {
        // Two instances started on the same database (the test app's own key ring predates the per-test
        // database reset, so it is not one of them).
        await using var one = new SecondInstance(App);
        await using var two = new SecondInstance(App);
        using var first = new AppClient(one.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false }));
        using var client = two.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var signIn = await first.PostFormAsync("/account/login", ("UserName", TestUsers.Auditor), ("Password", TestUsers.Password));
        var setCookie = signIn.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith(".contests.auth=", StringComparison.Ordinal));
        using var request = new HttpRequestMessage(HttpMethod.Get, "/audit");
        request.Headers.Add("Cookie", setCookie.Split(';')[0]);

        var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Registro de auditoría", await response.Content.ReadAsStringAsync());
        // …and the key that signed the cookie is the one stored in the database, not a file on this machine.
        using var scope = one.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<ContestsDbContext>();
        var stored = await db.DataProtectionKeys.Select(k => k.Xml).ToListAsync();
        Assert.Single(stored);
        Assert.Contains("<key id=", stored[0]);
    }

    [Fact]
    public async Task Health_ChecksTheDatabase()
    {
        using var client = App.NewClient();

        var response = await client.GetAsync("/health");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
    }
}

public sealed class InstancesTestsOnSqlite(SqliteApp app) : InstancesTests<SqliteApp>(app);

public sealed class InstancesTestsOnPostgres(PostgresApp app) : InstancesTests<PostgresApp>(app);
