using Contests.Core.Accounts;
using Contests.Core.Common;
using Contests.Web.Infrastructure.Persistence;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Contests.Web.Infrastructure.Mvc;

namespace Contests.Web.Features.Admin;

public sealed record UserRow(int Id, string UserName, string DisplayName, IReadOnlyList<Role> Roles, bool IsActive,
    DateTime? LockoutEndUtc, DateTime? LastSignInUtc);

public sealed record UserPage(IReadOnlyList<UserRow> Users, int Total, int Page, int PageSize, string? Search);

/// <summary>
/// An administrator's use cases on accounts: list, create, edit roles and status, set a password,
/// unlock. Guards that the system always keeps one active administrator.
/// </summary>
public sealed class UserAdministration(ContestsDbContext db, IPasswordHasher<User> hasher, TimeProvider clock)
{
    public const int PageSize = 25;

    public async Task<UserPage> ListAsync(string? search, int page, CancellationToken ct)
    {
        var query = db.Users.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(search))
        {
            var term = search.Trim().ToLowerInvariant();
            // ToLower() is what EF translates to SQL on both engines (LOWER); the term is already lower-case.
#pragma warning disable CA1304, CA1311, CA1862
            query = query.Where(u => u.UserName.Contains(term) || u.DisplayName.ToLower().Contains(term));
#pragma warning restore CA1304, CA1311, CA1862
        }
        var total = await query.CountAsync(ct);
        page = Paging.Clamp(page, total, PageSize);
        var users = await query.OrderBy(u => u.UserName).Skip((page - 1) * PageSize).Take(PageSize)
            .Select(u => new UserRow(u.Id, u.UserName, u.DisplayName, u.Roles.Select(r => r.Role).ToList(), u.IsActive,
                u.LockoutEndUtc, u.LastSignInUtc))
            .ToListAsync(ct);
        return new UserPage(users, total, page, PageSize, search);
    }

    public Task<User?> FindAsync(int id, CancellationToken ct) => db.Users.SingleOrDefaultAsync(u => u.Id == id, ct);

    /// <summary>Every reason the new account can't be created, all at once (nothing is written).</summary>
    public async Task<IReadOnlyList<DomainError>> ValidateNewAsync(string? userName, string? displayName, IReadOnlyCollection<Role> roles,
        string? password, CancellationToken ct)
    {
        var errors = new List<DomainError>();
        var name = UserName.TryParse(userName, out var nameError);
        if (nameError is not null)
        {
            errors.Add(nameError);
        }
        else if (await db.Users.AnyAsync(u => u.UserName == name!.Value, ct))
        {
            errors.Add(new DomainError("UserName.Taken", "UserName", name!.Value));
        }
        // A person's name as the app shows it ("Ing. Julio Céspedes"): the name rule, so no emoji reach an acta or a contract.
        Text.Name(displayName, User.DisplayNameMaxLength, "DisplayName", required: true, errors);
        if (roles.Count == 0)
        {
            errors.Add(new DomainError("Roles.Required", "Roles"));
        }
        errors.AddRange(PasswordPolicy.Check(password, userName ?? string.Empty, displayName).Errors);
        return errors;
    }

    /// <summary>Creates an account, or says every reason it can't (nothing is written then).</summary>
    /// <param name="userName">The sign-in name as typed.</param>
    /// <param name="displayName">The person's full name.</param>
    /// <param name="roles">One or more roles.</param>
    /// <param name="password">The initial password (checked by <see cref="PasswordPolicy"/>).</param>
    /// <param name="oneTime">
    /// The password was made by the administrator for the person (true from the screens): it works for
    /// <see cref="User.OneTimePasswordValidity"/> and only to choose their own. False when the person typed it themselves
    /// (the <c>create-admin</c> verb).
    /// </param>
    /// <param name="ct">Cancels the work.</param>
    public async Task<(Result Result, User? User)> CreateAsync(string userName, string displayName, IReadOnlyCollection<Role> roles,
        string password, bool oneTime, CancellationToken ct)
    {
        var errors = await ValidateNewAsync(userName, displayName, roles, password, ct);
        if (errors.Count > 0)
        {
            return (Result.Fail(errors), null);
        }
        var name = UserName.Parse(userName);
        var now = clock.GetUtcNow().UtcDateTime;
        var user = User.Create(name, displayName, roles, now);
        if (oneTime)
        {
            user.SetOneTimePasswordHash(hasher.HashPassword(user, password), now);
        }
        else
        {
            user.SetPasswordHash(hasher.HashPassword(user, password));
        }
        db.Users.Add(user);
        await db.SaveChangesAsync(ct);
        return (Result.Success(), user);
    }

    public async Task<Result> UpdateAsync(User user, int actingUserId, string displayName, IReadOnlyCollection<Role> roles, bool isActive,
        CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(user);
        var nameErrors = new List<DomainError>();
        var name = Text.Name(displayName, User.DisplayNameMaxLength, "DisplayName", required: true, nameErrors);
        if (name is null)
        {
            return Result.Fail(nameErrors);
        }
        if (roles.Count == 0)
        {
            return Result.Fail(new DomainError("Roles.Required", "Roles"));
        }
        var losesAdmin = user.HasRole(Role.Admin) && user.IsActive && (!roles.Contains(Role.Admin) || !isActive);
        if (losesAdmin && user.Id == actingUserId)
        {
            return Result.Fail(new DomainError("Users.CannotDemoteSelf", "Roles"));
        }
        if (losesAdmin && !await OtherActiveAdminExistsAsync(user.Id, ct))
        {
            return Result.Fail(new DomainError("Users.LastAdmin", "Roles"));
        }
        user.Rename(name);
        user.SetRoles(roles);
        if (isActive)
        {
            user.Activate();
        }
        else
        {
            user.Deactivate();
        }
        await db.SaveChangesAsync(ct);
        return Result.Success();
    }

    public async Task<Result> SetPasswordAsync(User user, string password, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(user);
        var check = PasswordPolicy.Check(password, user.UserName, user.DisplayName);
        if (!check.Succeeded)
        {
            return check;
        }
        // Made by the administrator for someone else: one-time, so the administrator can't go on acting as them.
        user.SetOneTimePasswordHash(hasher.HashPassword(user, password), clock.GetUtcNow().UtcDateTime);
        user.Unlock();
        await db.SaveChangesAsync(ct);
        return Result.Success();
    }

    public async Task UnlockAsync(User user, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(user);
        user.Unlock();
        await db.SaveChangesAsync(ct);
    }

    private Task<bool> OtherActiveAdminExistsAsync(int userId, CancellationToken ct) =>
        db.Users.AnyAsync(u => u.Id != userId && u.IsActive && u.Roles.Any(r => r.Role == Role.Admin), ct);
}
