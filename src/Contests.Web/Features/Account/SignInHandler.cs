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
    Inactive,
    OneTimePasswordExpired,
}

public sealed record SignInOutcome(SignInStatus Status, ClaimsPrincipal? Principal = null);

/// <summary>
/// Checks a user name and password. Wrong passwords count towards a lockout. Nothing in the answer or its timing
/// tells which names exist: an unknown name, a wrong password and any password for a locked account all get
/// <see cref="SignInStatus.InvalidCredentials"/> after one password hash (the generic message states the lockout
/// rule). Only someone who typed the right password learns more (deactivated, one-time password expired).
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
        // Hashed even when locked, so a locked account costs the same time as an unknown name.
        var verification = hasher.VerifyHashedPassword(user, user.PasswordHash, password);
        if (user.IsLockedOut(now))
        {
            // Not even the right password says "locked": that would confirm the name exists, and a correct guess.
            return new SignInOutcome(SignInStatus.InvalidCredentials);
        }
        if (verification == PasswordVerificationResult.Failed)
        {
            user.RecordFailedSignIn(now, options.Value.Lockout);
            await db.SaveChangesAsync(ct);
            return new SignInOutcome(SignInStatus.InvalidCredentials);
        }
        if (!user.CanSignIn(now).Succeeded)
        {
            return new SignInOutcome(SignInStatus.Inactive);
        }
        if (user.IsPasswordExpired(now))
        {
            return new SignInOutcome(SignInStatus.OneTimePasswordExpired);
        }
        if (verification == PasswordVerificationResult.SuccessRehashNeeded)
        {
            user.UpgradePasswordHash(hasher.HashPassword(user, password));
        }
        user.RecordSuccessfulSignIn(now);
        actor.ActAs(user.UserName, user.Id); // the audit trail shows who signed in, not "anonymous"
        // Sessions long unused can't be used any more (their cookie expired): drop them while we are here.
        var idleSince = now - UserSession.PurgeAfter;
        await db.UserSessions.Where(s => s.UserId == user.Id && s.LastSeenUtc < idleSince).ExecuteDeleteAsync(ct);
        var session = UserSession.Start(user.Id, now);
        db.UserSessions.Add(session);
        await db.SaveChangesAsync(ct);
        return new SignInOutcome(SignInStatus.Succeeded, UserPrincipal.Create(user, session.Id));
    }
}
