using Contests.Core.Accounts;
using Contests.Web.Infrastructure.Auditing;
using Contests.Web.Infrastructure.Persistence;
using Microsoft.AspNetCore.Identity;

namespace Contests.Web.Tests.Infrastructure;

/// <summary>One account per role, present in every clean test database.</summary>
public static class TestUsers
{
    public const string Password = "test-password-1";
    public const string Admin = "t-admin";
    public const string Officer = "t-officer";
    public const string Lrac = "t-lrac";
    public const string Finance = "t-finance";
    public const string Auditor = "t-auditor";
    public const string Monitoring = "t-monitoring";

    public static IReadOnlyDictionary<string, Role> ByName { get; } = new Dictionary<string, Role>
    {
        [Admin] = Role.Admin,
        [Officer] = Role.ProjectOfficer,
        [Lrac] = Role.LracMember,
        [Finance] = Role.FinanceOfficer,
        [Auditor] = Role.Auditor,
        [Monitoring] = Role.Monitoring,
    };

    // PBKDF2 is slow on purpose; the default hasher's output does not depend on the user, so hash once.
    private static readonly Lazy<string> Hash = new(() => new PasswordHasher<User>().HashPassword(null!, Password));

    public static async Task SeedAsync(IServiceProvider services, TimeProvider clock)
    {
        using var scope = services.CreateScope();
        scope.ServiceProvider.GetRequiredService<AuditActor>().ActAs("test-seed");
        var db = scope.ServiceProvider.GetRequiredService<ContestsDbContext>();
        foreach (var (name, role) in ByName)
        {
            var user = User.Create(UserName.Parse(name), $"Test {role}", [role], clock.GetUtcNow().UtcDateTime);
            user.SetPasswordHash(Hash.Value);
            db.Users.Add(user);
        }
        await db.SaveChangesAsync();
    }
}
