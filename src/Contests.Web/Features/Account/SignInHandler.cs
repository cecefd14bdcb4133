using System.Security.Claims;
using Contests.Core.Accounts;
using Contests.Web.Infrastructure.Auditing;
using Contests.Web.Infrastructure.Security;
using Contests.Web.Infrastructure.Persistence;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Contests.Web.Features.Account;

public enum SignInStatus
{
    Succeeded,
    InvalidCredentials,
    LockedOut,
    Inactive,
}

public sealed record SignInOutcome(SignInStatus Status, ClaimsPrincipal? Principal = null, DateTime? LockedUntilUtc = null);

/// <summary>
/// Checks a user name and password. Wrong passwords count towards a lockout; an unknown user name
/// costs the same time as a known one, so the answer does not tell which names exist.
/// </summary>
public sealed class SignInHandler(ContestsDbContext db, IPasswordHasher<User> hasher, TimeProvider clock, IOptions<SecurityOptions> options,
    AuditActor actor)
{
    private static readonly Lazy<string> DummyHash = new(() =>
        new PasswordHasher<User>().HashPassword(null!, "not-a-real-password-" + Guid.NewGuid()));

    public async Task<SignInOutcome> ExecuteAsync(string userName, string password, CancellationToken ct)
    {
        var name = UserName.TryParse(userName, out _);
        var user = name is null ? null : await db.Users.SingleOrDefaultAsync(u => u.UserName == name.Value, ct);
        if (user is null)
        {
            hasher.VerifyHashedPassword(null!, DummyHash.Value, password);
            return new SignInOutcome(SignInStatus.InvalidCredentials);
        }
        var now = clock.GetUtcNow().UtcDateTime;
        var policy = options.Value.Lockout;
        if (user.IsLockedOut(now))
        {
            return new SignInOutcome(SignInStatus.LockedOut, LockedUntilUtc: user.LockoutEndUtc);
        }
        var verification = hasher.VerifyHashedPassword(user, user.PasswordHash, password);
        if (verification == PasswordVerificationResult.Failed)
        {
            var locked = user.RecordFailedSignIn(now, policy);
            await db.SaveChangesAsync(ct);
            return locked
                ? new SignInOutcome(SignInStatus.LockedOut, LockedUntilUtc: user.LockoutEndUtc)
                : new SignInOutcome(SignInStatus.InvalidCredentials);
        }
        if (!user.CanSignIn(now).Succeeded)
        {
            return new SignInOutcome(SignInStatus.Inactive);
        }
        if (verification == PasswordVerificationResult.SuccessRehashNeeded)
        {
            user.UpgradePasswordHash(hasher.HashPassword(user, password));
        }
        user.RecordSuccessfulSignIn(now);
        actor.ActAs(user.UserName, user.Id); // the audit trail shows who signed in, not "anonymous"
        await db.SaveChangesAsync(ct);
        return new SignInOutcome(SignInStatus.Succeeded, UserPrincipal.Create(user));
    }
}
