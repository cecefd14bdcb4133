using Contests.Core.Accounts;
using Contests.Web.Cli;
using Contests.Web.Infrastructure.Persistence;
using Contests.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Contests.Web.Tests.Cli;

/// <summary>The admin verbs. One class, so the password variable is never set by two tests at once.</summary>
public sealed class CliTests(SqliteApp app) : AppTest<SqliteApp>(app)
{
    private async Task<(int Exit, string Output)> RunAsync(params string[] args)
    {
        var output = new StringWriter();
        var exit = await CliRunner.RunAsync(App.Services, args, output);
        return (exit, output.ToString());
    }

    [Fact]
    public async Task CreateAdmin_MakesAnAdministratorWhoCanSignIn_AuditedAsTheCli()
    {
        Environment.SetEnvironmentVariable("CONTESTS_ADMIN_PASSWORD", "cordillera blanca");
        try
        {
            var (exit, output) = await RunAsync("create-admin", "--user", "RQuispe", "--name", "Rosa Quispe");

            Assert.Equal(0, exit);
            Assert.Contains("Administrator 'rquispe' created", output);
            using var client = await App.SignedInClientAsync("rquispe", "cordillera blanca");
            Assert.Contains("Usuarios", await client.GetPageAsync("/admin/users"));
            using var scope = App.Services.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<ContestsDbContext>();
            Assert.True((await db.Users.SingleAsync(u => u.UserName == "rquispe")).HasRole(Role.Admin));
            Assert.StartsWith("cli:", (await db.AuditRecords.FirstAsync(a => a.EntityType == "User" && a.After!.Contains("rquispe"))).Actor);
        }
        finally
        {
            Environment.SetEnvironmentVariable("CONTESTS_ADMIN_PASSWORD", null);
        }
    }

    [Fact]
    public async Task CreateAdmin_BadPasswordOrTakenName_ExitsOneWithTheReason_AndWritesNothing()
    {
        Environment.SetEnvironmentVariable("CONTESTS_ADMIN_PASSWORD", "corta");
        try
        {
            var (exit, output) = await RunAsync("create-admin", "--user", TestUsers.Admin, "--name", "Otra");

            Assert.Equal(1, exit);
            Assert.Contains("La contraseña debe tener al menos 10 caracteres.", output);
            Assert.Contains($"Ya existe el usuario «{TestUsers.Admin}».", output);
            using var scope = App.Services.CreateScope();
            Assert.Equal(TestUsers.ByName.Count, await scope.ServiceProvider.GetRequiredService<ContestsDbContext>().Users.CountAsync());
        }
        finally
        {
            Environment.SetEnvironmentVariable("CONTESTS_ADMIN_PASSWORD", null);
        }
    }

    [Fact]
    public async Task CreateAdmin_WithoutUser_IsAUsageError() =>
        Assert.Equal(2, (await RunAsync("create-admin", "--name", "Sin usuario")).Exit);

    [Fact]
    public async Task SeedDemo_AddsTheDemoAccounts_AndIsSafeToRepeat()
    {
        var (first, output) = await RunAsync("seed-demo");
        var (second, _) = await RunAsync("seed-demo");

        Assert.Equal(0, first);
        Assert.Equal(0, second);
        Assert.Contains("password for all", output);
        using var scope = App.Services.CreateScope();
        var names = await scope.ServiceProvider.GetRequiredService<ContestsDbContext>().Users.Select(u => u.UserName).ToListAsync();
        Assert.All(Contests.Web.Demo.DemoSeeder.Accounts, a => Assert.Single(names, a.UserName));
    }

    [Fact]
    public async Task Migrate_OnAnUpToDateDatabase_SaysSo()
    {
        var (exit, output) = await RunAsync("migrate");

        Assert.Equal(0, exit);
        var latest = typeof(ContestsDbContext).Assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith("db/sqlite/V", StringComparison.Ordinal)).Max(n => n["db/sqlite/".Length..n.IndexOf("__", StringComparison.Ordinal)]);
        Assert.Contains($"Schema up to date at {latest}.", output);
    }

    [Fact]
    public async Task SchemaScript_PrintsTheModelsTables() =>
        Assert.Contains("CREATE TABLE \"audit_records\"", (await RunAsync("schema-script", "--provider", "sqlite")).Output);
}
