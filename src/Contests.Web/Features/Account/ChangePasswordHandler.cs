using Contests.Core.Accounts;
using Contests.Core.Common;
using Contests.Web.Infrastructure.Persistence;
using Contests.Web.Infrastructure.Security;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Contests.Web.Features.Account;

/// <summary>What became of a change of one's own password.</summary>
/// <param name="Result">Success, or what is wrong (on the form's fields).</param>
/// <param name="User">The user with the new password, on success.</param>
/// <param name="LockedUntilUtc">Set when the account is locked (now or by this attempt): nothing was checked or changed.</param>
public sealed record ChangePasswordOutcome(Result Result, User? User = null, DateTime? LockedUntilUtc = null);

/// <summary>
/// A user changes their own password, proving they know the current one. The current password is guessed under
/// the same limits as at sign-in (a stolen session must not become a way to try passwords): each wrong one counts
/// towards the lockout, a locked account changes nothing, and the post is rate-limited like the sign-in.
/// </summary>
public sealed class ChangePasswordHandler(ContestsDbContext db, IPasswordHasher<User> hasher, TimeProvider clock,
    IOptions<SecurityOptions> options)
{
    public async Task<ChangePasswordOutcome> ExecuteAsync(int userId, string currentPassword, string newPassword, CancellationToken ct)
    {
        var user = await db.Users.SingleAsync(u => u.Id == userId, ct);
        var now = clock.GetUtcNow().UtcDateTime;
        if (user.IsLockedOut(now))
        {
            return new ChangePasswordOutcome(Result.Fail(new DomainError("SignIn.LockedOut")), LockedUntilUtc: user.LockoutEndUtc);
        }
        if (hasher.VerifyHashedPassword(user, user.PasswordHash, currentPassword) == PasswordVerificationResult.Failed)
        {
            var locked = user.RecordFailedSignIn(now, options.Value.Lockout);
            await db.SaveChangesAsync(ct);
            return locked
                ? new ChangePasswordOutcome(Result.Fail(new DomainError("SignIn.LockedOut")), LockedUntilUtc: user.LockoutEndUtc)
                : new ChangePasswordOutcome(Result.Fail(new DomainError("Password.CurrentWrong", nameof(ChangePasswordForm.CurrentPassword))));
        }
        var check = PasswordPolicy.Check(newPassword, user.UserName, user.DisplayName);
        if (check.Succeeded && string.Equals(newPassword, currentPassword, StringComparison.Ordinal))
        {
            // A one-time password must really be replaced; for anyone else "new" means new, too.
            check = Result.Fail(new DomainError("Password.SameAsCurrent"));
        }
        if (!check.Succeeded)
        {
            return new ChangePasswordOutcome(Result.Fail(check.Errors.Select(e => e with { Field = nameof(ChangePasswordForm.NewPassword) }).ToList()));
        }
        user.Unlock(); // the right current password clears the count of wrong ones, as a sign-in does
        user.SetPasswordHash(hasher.HashPassword(user, newPassword));
        await db.SaveChangesAsync(ct);
        return new ChangePasswordOutcome(Result.Success(), user);
    }
}
