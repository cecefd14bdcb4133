using Contests.Core.Accounts;
using Contests.Core.Common;
using Contests.Web.Infrastructure.Persistence;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Contests.Web.Features.Account;

/// <summary>A user changes their own password, proving they know the current one.</summary>
public sealed class ChangePasswordHandler(ContestsDbContext db, IPasswordHasher<User> hasher)
{
    public async Task<(Result Result, User? User)> ExecuteAsync(int userId, string currentPassword, string newPassword, CancellationToken ct)
    {
        var user = await db.Users.SingleAsync(u => u.Id == userId, ct);
        if (hasher.VerifyHashedPassword(user, user.PasswordHash, currentPassword) == PasswordVerificationResult.Failed)
        {
            return (Result.Fail(new DomainError("Password.CurrentWrong", nameof(ChangePasswordForm.CurrentPassword))), null);
        }
        var check = PasswordPolicy.Check(newPassword, user.UserName);
        if (!check.Succeeded)
        {
            return (Result.Fail(check.Errors.Select(e => e with { Field = nameof(ChangePasswordForm.NewPassword) }).ToList()), null);
        }
        user.SetPasswordHash(hasher.HashPassword(user, newPassword));
        await db.SaveChangesAsync(ct);
        return (Result.Success(), user);
    }
}
