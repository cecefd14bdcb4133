using System.Net;
using Contests.Web.Cli;
using Contests.Web.Infrastructure.Auditing;
using Contests.Web.Infrastructure.Persistence;
using Contests.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Contests.Web.Tests.Audit;

public abstract class AuditTrailTests<TApp>(TApp app) : AppTest<TApp>(app) where TApp : ContestsApp
{
    private async Task<List<AuditRecord>> RecordsAsync()
    {
        using var scope = App.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<ContestsDbContext>().AuditRecords.AsNoTracking()
            .OrderBy(a => a.Sequence).ToListAsync();
    }

    private async Task ExecuteSqlAsync(string sql)
    {
        using var scope = App.Services.CreateScope();
        await scope.ServiceProvider.GetRequiredService<ContestsDbContext>().Database.ExecuteSqlRawAsync(sql);
    }

    private async Task CreateUserAsAdminAsync()
    {
        using var admin = await App.SignedInClientAsync(TestUsers.Admin);
        var response = await admin.PostFormAsync("/admin/users/new",
            ("UserName", "mhuaman"), ("DisplayName", "Marcelina Huamán"), ("Roles", "LracMember"), ("Password", "papa amarilla 2026"));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
    }

    [Fact]
    public async Task CreatingAUser_RecordsWhoWhenAndWhat_WithSecretsRedacted()
    {
        await CreateUserAsAdminAsync();

        var records = await RecordsAsync();
        var added = records.Single(r => r.EntityType == "User" && r.Action == "Added" && r.After!.Contains("mhuaman"));
        Assert.StartsWith(TestUsers.Admin, added.Actor);
        Assert.NotNull(added.ActorUserId);
        Assert.Equal(App.Clock.GetUtcNow().UtcDateTime, added.OccurredUtc);
        Assert.Null(added.Before);
        Assert.Contains("\"DisplayName\":\"Marcelina Huamán\"", added.After);
        Assert.Contains("\"PasswordHash\":\"***\"", added.After);
        Assert.DoesNotContain("AQAAAA", added.After); // no hash material
        var role = records.Single(r => r.EntityType == "UserRole" && r.EntityId == $"{added.EntityId},LracMember");
        Assert.Equal("Added", role.Action);
    }

    [Fact]
    public async Task Modification_RecordsOnlyChangedValues_BeforeAndAfter()
    {
        await CreateUserAsAdminAsync();
        var id = (await RecordsAsync()).Single(r => r.EntityType == "User" && r.After!.Contains("mhuaman")).EntityId;
        using var admin = await App.SignedInClientAsync(TestUsers.Admin);

        await admin.PostFormAsync($"/admin/users/{id}", ("DisplayName", "Marcelina Huamán Quispe"), ("Roles", "LracMember"), ("IsActive", "true"));

        var change = (await RecordsAsync()).Last(r => r.EntityType == "User" && r.EntityId == id && r.Action == "Modified");
        Assert.Equal("{\"DisplayName\":\"Marcelina Huamán\"}", change.Before);
        Assert.Equal("{\"DisplayName\":\"Marcelina Huamán Quispe\"}", change.After);
    }

    [Fact]
    public async Task AContextThatSavesAgain_KeepsNoAuditRecord_AndAuditsEachSave()
    {
        using var scope = App.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<ContestsDbContext>();
        var user = Contests.Core.Accounts.User.Create(Contests.Core.Accounts.UserName.Parse("dos.veces"), "Dos Veces",
            [Contests.Core.Accounts.Role.Auditor], App.Clock.GetUtcNow().UtcDateTime);
        db.Users.Add(user);
        await db.SaveChangesAsync();
        Assert.Empty(db.ChangeTracker.Entries<AuditRecord>());

        user.Rename("Dos Veces Quispe");
        await db.SaveChangesAsync();

        Assert.Empty(db.ChangeTracker.Entries<AuditRecord>());
        var mine = (await RecordsAsync()).Where(r => r.EntityType == "User" && r.EntityId == user.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(["Added", "Modified"], mine.Select(r => r.Action));
        Assert.Equal("{\"DisplayName\":\"Dos Veces\"}", mine[1].Before);
        Assert.Equal("{\"DisplayName\":\"Dos Veces Quispe\"}", mine[1].After);
    }

    [Fact]
    public async Task SignIn_IsAttributedToThePersonWhoSignedIn()
    {
        using var officer = await App.SignedInClientAsync(TestUsers.Officer);

        var record = (await RecordsAsync()).Last(r => r.EntityType == "User" && r.Action == "Modified");

        Assert.Equal(TestUsers.Officer, record.Actor);
        Assert.Equal(record.EntityId, record.ActorUserId!.Value.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Contains("LastSignInUtc", record.After);
    }

    [Fact]
    public async Task Chain_IsIntact_AndLinked()
    {
        await CreateUserAsAdminAsync();

        var records = await RecordsAsync();

        Assert.Equal(Enumerable.Range(1, records.Count).Select(i => (long)i), records.Select(r => r.Sequence));
        for (var i = 1; i < records.Count; i++)
        {
            Assert.Equal(records[i - 1].Hash, records[i].PreviousHash);
        }
        using var scope = App.Services.CreateScope();
        Assert.True(scope.ServiceProvider.GetRequiredService<AuditVerifier>().Verify().IsIntact);
    }

    [Fact]
    public async Task Database_RefusesToUpdateOrDeleteAuditRecords()
    {
        await CreateUserAsAdminAsync();

        await Assert.ThrowsAnyAsync<Exception>(() => ExecuteSqlAsync("UPDATE audit_records SET actor = 'someone else' WHERE sequence = 1"));
        await Assert.ThrowsAnyAsync<Exception>(() => ExecuteSqlAsync("DELETE FROM audit_records WHERE sequence = 1"));
        Assert.NotEqual("someone else", (await RecordsAsync())[0].Actor);
    }

    [Fact]
    public async Task TamperingWithOneRecord_IsDetectedByVerifyAudit()
    {
        await CreateUserAsAdminAsync();
        var target = (await RecordsAsync()).Single(r => r.EntityType == "User" && r.After!.Contains("mhuaman"));
        // Someone with database access gets past the append-only trigger and edits a record.
        await ExecuteSqlAsync(App.Provider == DatabaseProvider.Postgres
            ? "ALTER TABLE audit_records DISABLE TRIGGER audit_records_no_change"
            : "DROP TRIGGER audit_records_no_update");
        await ExecuteSqlAsync($"UPDATE audit_records SET after = replace(after, 'LracMember', 'Admin') WHERE sequence = {target.Sequence}");
        await ExecuteSqlAsync($"UPDATE audit_records SET actor = 'system' WHERE sequence = {target.Sequence}");

        var output = new StringWriter();
        var exit = await CliRunner.RunAsync(App.Services, ["verify-audit"], output);

        Assert.Equal(1, exit);
        Assert.Contains($"BROKEN at record {target.Sequence}: ContentChanged", output.ToString());
        using var auditor = await App.SignedInClientAsync(TestUsers.Auditor);
        var page = await auditor.GetPageAsync("/audit/verify");
        Assert.Contains($"La cadena de auditoría está rota en el registro #{target.Sequence}: su contenido fue alterado", page);
    }

    [Fact]
    public async Task VerifyAudit_IntactChain_ExitsZero()
    {
        await CreateUserAsAdminAsync();
        var output = new StringWriter();

        var exit = await CliRunner.RunAsync(App.Services, ["verify-audit"], output);

        Assert.Equal(0, exit);
        Assert.Matches(@"Audit chain intact: \d+ records verified\.", output.ToString());
        var head = (await RecordsAsync())[^1];
        Assert.Contains($"Head: {head.Sequence}:{head.Hash}", output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ChangedActorUserId_IsDetected()
    {
        await CreateUserAsAdminAsync();
        var target = (await RecordsAsync()).Single(r => r.EntityType == "User" && r.After!.Contains("mhuaman"));
        using var scope = App.Services.CreateScope();
        var other = await scope.ServiceProvider.GetRequiredService<ContestsDbContext>().Users
            .Where(u => u.UserName == TestUsers.Auditor).Select(u => u.Id).SingleAsync(); // someone other than who did it
        await ExecuteSqlAsync(App.Provider == DatabaseProvider.Postgres
            ? "ALTER TABLE audit_records DISABLE TRIGGER audit_records_no_change"
            : "DROP TRIGGER audit_records_no_update");
        await ExecuteSqlAsync($"UPDATE audit_records SET actor_user_id = {other} WHERE sequence = {target.Sequence}");

        var output = new StringWriter();
        var exit = await CliRunner.RunAsync(App.Services, ["verify-audit"], output);

        Assert.Equal(1, exit);
        Assert.Contains($"BROKEN at record {target.Sequence}: ContentChanged", output.ToString());
    }

    [Fact]
    public async Task ConsistentRewrite_PassesThePlainCheck_ButNotTheAnchorPrintedAfterIt()
    {
        await CreateUserAsAdminAsync();
        var records = await RecordsAsync();
        var printed = Core.Auditing.AuditAnchor.At(records[^1].Sequence, records[^1].Hash).Printed; // what a document issued now prints
        var target = records.Single(r => r.EntityType == "User" && r.After!.Contains("mhuaman"));

        await AuditRewrite.RewriteFromAsync(App, target.Sequence,
            link => link with { After = link.After!.Replace("LracMember", "Admin", StringComparison.Ordinal), ActorUserId = null });

        var plain = new StringWriter();
        Assert.Equal(0, await CliRunner.RunAsync(App.Services, ["verify-audit"], plain));
        var anchored = new StringWriter();
        Assert.Equal(1, await CliRunner.RunAsync(App.Services, ["verify-audit", "--anchor", printed], anchored));
        Assert.Contains($"does NOT match the anchor {records[^1].Sequence}:{records[^1].Hash[..16]}", anchored.ToString(), StringComparison.Ordinal);
        using var auditor = await App.SignedInClientAsync(TestUsers.Auditor);
        Assert.Contains("data-break=\"AnchorMismatch\"", await auditor.GetPageAsync("/audit/verify?anchor=" + Uri.EscapeDataString(printed)),
            StringComparison.Ordinal);
        Assert.Contains("data-chain=\"intact\"", await auditor.GetPageAsync("/audit/verify"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task VerifyAudit_AnchorNotAsPrinted_IsAUsageError_AndThePageSaysSo()
    {
        Assert.Equal(2, await CliRunner.RunAsync(App.Services, ["verify-audit", "--anchor", "12:abc"], new StringWriter()));
        using var auditor = await App.SignedInClientAsync(TestUsers.Auditor);
        Assert.Contains("data-error-for=\"anchor\"", await auditor.GetPageAsync("/audit/verify?anchor=12%3Aabc"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ConcurrentChanges_KeepOneLinearChain()
    {
        var tasks = Enumerable.Range(0, 8).Select(async i =>
        {
            using var scope = App.Services.CreateScope();
            var users = scope.ServiceProvider.GetRequiredService<Contests.Web.Features.Admin.UserAdministration>();
            var (result, _) = await users.CreateAsync($"user{i}", $"User {i}", [Contests.Core.Accounts.Role.Auditor], "papa amarilla 2026", oneTime: true, default);
            Assert.True(result.Succeeded);
        });

        await Task.WhenAll(tasks);

        using var check = App.Services.CreateScope();
        var verification = check.ServiceProvider.GetRequiredService<AuditVerifier>().Verify();
        Assert.True(verification.IsIntact, $"broken at {verification.BrokenAtSequence}: {verification.Reason}");
        Assert.Equal(8, (await RecordsAsync()).Count(r => r.EntityType == "User" && r.Action == "Added" && r.Actor == "system" && r.After!.Contains("\"UserName\":\"user")));
    }

    [Fact]
    public async Task FailedSave_LeavesNoRecord_AndTheNextSaveGoesThrough()
    {
        var before = (await RecordsAsync()).Count;
        using (var scope = App.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ContestsDbContext>();
            var now = App.Clock.GetUtcNow().UtcDateTime;
            db.Users.Add(Contests.Core.Accounts.User.Create(Contests.Core.Accounts.UserName.Parse("gemelo"), "Uno", [Contests.Core.Accounts.Role.Auditor], now));
            db.Users.Add(Contests.Core.Accounts.User.Create(Contests.Core.Accounts.UserName.Parse("gemelo"), "Dos", [Contests.Core.Accounts.Role.Auditor], now));
            await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync());
        }

        // The failed save let go of what it held (the SQLite write gate, its transaction): the next one completes.
        using (var scope = App.Services.CreateScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<Contests.Web.Features.Admin.UserAdministration>();
            var (result, _) = await users.CreateAsync("despues", "Después", [Contests.Core.Accounts.Role.Auditor], "papa amarilla 2026", oneTime: true, default)
                .WaitAsync(TimeSpan.FromSeconds(30));
            Assert.True(result.Succeeded);
        }

        var records = await RecordsAsync();
        Assert.DoesNotContain(records.Skip(before), r => r.After?.Contains("gemelo", StringComparison.Ordinal) == true);
        Assert.Contains(records.Skip(before), r => r.EntityType == "User" && r.After!.Contains("\"UserName\":\"despues\"", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AuditPage_ShowsChangesInLimaTime_AndFilters()
    {
        await CreateUserAsAdminAsync();
        using var auditor = await App.SignedInClientAsync(TestUsers.Auditor);

        var html = await auditor.GetPageAsync("/audit?entity=User");

        Assert.Contains("Marcelina Huamán", html);
        Assert.Contains("23/11/2026 09:00", html); // 14:00 UTC
        Assert.DoesNotContain("UserRole #", html);
    }
}

public sealed class AuditTrailTestsOnSqlite(SqliteApp app) : AuditTrailTests<SqliteApp>(app)
{
    [Fact]
    public async Task Connections_WaitForTheWriteLock_InsteadOfFailingAtOnce()
    {
        using var scope = App.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<ContestsDbContext>();
        await db.Database.OpenConnectionAsync();
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.CommandText = "PRAGMA busy_timeout;";

        Assert.Equal((long)SqliteBusyTimeout.Milliseconds, await command.ExecuteScalarAsync());
    }

    [Fact]
    public async Task AuditedSave_WaitsForAWriterOutsideTheApp_AndIsRecorded()
    {
        // Another connection (another process, a CLI verb) holds SQLite's write lock for a moment.
        await using var other = new Microsoft.Data.Sqlite.SqliteConnection(App.ConnectionString);
        await other.OpenAsync();
        await using var holding = other.BeginTransaction(deferred: false); // BEGIN IMMEDIATE: the write lock, now

        using var scope = App.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<Contests.Web.Features.Admin.UserAdministration>();
        // Microsoft.Data.Sqlite runs "async" calls synchronously: the save gets its own thread, as a request would.
        var save = Task.Run(() => users.CreateAsync("esperando", "Esperando", [Contests.Core.Accounts.Role.Auditor], "papa amarilla 2026", oneTime: true, default));
        await Task.Delay(300);
        Assert.False(save.IsCompleted);
        await holding.CommitAsync();

        var (result, _) = await save.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.True(result.Succeeded);
        using var check = App.Services.CreateScope();
        Assert.True(check.ServiceProvider.GetRequiredService<AuditVerifier>().Verify().IsIntact);
    }
}

public sealed class AuditTrailTestsOnPostgres(PostgresApp app) : AuditTrailTests<PostgresApp>(app);
