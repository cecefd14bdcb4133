using Contests.Core.Accounts;
using Contests.Web.Infrastructure.Auditing;
using Contests.Web.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Contests.Web.Tests.Infrastructure;

/// <summary>
/// Every test starts from the same clean database: what an earlier test wrote is gone (the audit trail too), numbering
/// starts again, and the applied migrations are still recorded. PostgreSQL empties the tables in place; the schema
/// tests' app copies the template again.
/// </summary>
public abstract class ResetTests<TApp>(TApp app) : AppTest<TApp>(app) where TApp : ContestsApp
{
    [Fact]
    public async Task Reset_LeavesOnlyTheTestUsersAndTheirAudit_NumbersStartAgain_MigrationsStayApplied()
    {
        var clean = await StateAsync();
        var firstId = await AddUserAsync("zz-one");
        await AddUserAsync("zz-two");
        Assert.NotEqual(clean, await StateAsync());

        await App.ResetAsync();

        Assert.Equal(clean, await StateAsync());
        Assert.Equal(firstId, await AddUserAsync("zz-three"));
        using var scope = App.Services.CreateScope();
        var report = await scope.ServiceProvider.GetRequiredService<MigrationRunner>().MigrateAsync();
        Assert.Empty(report.Applied);
    }

    private async Task<string> StateAsync()
    {
        using var scope = App.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<ContestsDbContext>();
        var users = await db.Users.OrderBy(u => u.Id).Select(u => u.Id + ":" + u.UserName).ToListAsync();
        var audit = await db.AuditRecords.CountAsync();
        return string.Join(',', users) + $" audit={audit}";
    }

    private async Task<int> AddUserAsync(string name)
    {
        using var scope = App.Services.CreateScope();
        scope.ServiceProvider.GetRequiredService<AuditActor>().ActAs("test-seed");
        var db = scope.ServiceProvider.GetRequiredService<ContestsDbContext>();
        var user = User.Create(UserName.Parse(name), name, [Role.Auditor], App.Clock.GetUtcNow().UtcDateTime);
        db.Users.Add(user);
        await db.SaveChangesAsync();
        return user.Id;
    }
}

public sealed class ResetTestsOnSqlite(SqliteApp app) : ResetTests<SqliteApp>(app);

public sealed class ResetTestsOnPostgres(PostgresApp app) : ResetTests<PostgresApp>(app);

public sealed class ResetTestsOnRecreatedPostgres(RecreatedPostgresApp app) : ResetTests<RecreatedPostgresApp>(app);
