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

    /// <summary>
    /// PBKDF2 rounds in the test apps (the app's default is 100,000: ~50 ms of CPU per sign-in, thousands of sign-ins per
    /// run). The test apps' hasher uses the same count, so a sign-in never upgrades the hash.
    /// </summary>
    public const int HashIterations = 1_000;

    /// <summary>The hasher the test apps use (<see cref="HashIterations"/> rounds); its output does not depend on the user.</summary>
    public static PasswordHasher<User> Hasher() =>
        new(Microsoft.Extensions.Options.Options.Create(new PasswordHasherOptions { IterationCount = HashIterations }));

    private static readonly Lazy<string> Hash = new(() => Hasher().HashPassword(null!, Password));

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
