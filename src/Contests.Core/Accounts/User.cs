using Contests.Core.Common;

namespace Contests.Core.Accounts;

/// <summary>
/// A person who signs in. The password is kept only as a hash made outside the domain; the
/// security stamp changes whenever credentials or roles change, which signs the user out everywhere.
/// </summary>
public sealed class User
{
    public const int DisplayNameMaxLength = 120;

    /// <summary>How long a one-time password (made for someone else to hand over) can be used to sign in.</summary>
    public static readonly TimeSpan OneTimePasswordValidity = TimeSpan.FromDays(14);

    private readonly List<UserRole> _roles = [];

    private User(string userName, string displayName, DateTime createdUtc)
    {
        UserName = userName;
        DisplayName = displayName;
        CreatedUtc = createdUtc;
        PasswordHash = string.Empty;
        SecurityStamp = NewStamp();
        IsActive = true;
    }

    public int Id { get; private set; }

    public string UserName { get; private set; }

    public string DisplayName { get; private set; }

    public string PasswordHash { get; private set; }

    public string SecurityStamp { get; private set; }

    public bool IsActive { get; private set; }

    public int FailedSignInCount { get; private set; }

    public DateTime? LockoutEndUtc { get; private set; }

    public DateTime CreatedUtc { get; private set; }

    public DateTime? LastSignInUtc { get; private set; }

    /// <summary>
    /// The password was made by someone else (a juror's one-time password): the person must choose their own
    /// before doing anything else, so whoever made it cannot act as them.
    /// </summary>
    public bool MustChangePassword { get; private set; }

    /// <summary>When a one-time password stops signing in; null for a password the person chose.</summary>
    public DateTime? PasswordExpiresUtc { get; private set; }

    public IReadOnlyCollection<UserRole> Roles => _roles.AsReadOnly();

    public static User Create(UserName userName, string displayName, IEnumerable<Role> roles, DateTime nowUtc)
    {
        ArgumentNullException.ThrowIfNull(userName);
        var user = new User(userName.Value, CleanDisplayName(displayName), nowUtc);
        user.SetRoles(roles);
        return user;
    }

    public bool HasRole(Role role) => _roles.Exists(r => r.Role == role);

    public bool IsLockedOut(DateTime nowUtc) => LockoutEndUtc is { } end && end > nowUtc;

    /// <summary>A one-time password that was not changed in time no longer signs in.</summary>
    public bool IsPasswordExpired(DateTime nowUtc) => PasswordExpiresUtc is { } end && end <= nowUtc;

    /// <summary>Whether a correct password may sign in now (active and not locked out).</summary>
    public Result CanSignIn(DateTime nowUtc)
    {
        if (!IsActive)
        {
            return Result.Fail(new DomainError("SignIn.Inactive"));
        }
        if (IsLockedOut(nowUtc))
        {
            return Result.Fail(new DomainError("SignIn.LockedOut", null, LockoutEndUtc!.Value));
        }
        return Result.Success();
    }

    /// <summary>Counts a wrong password; locks the account when the policy's limit is reached.</summary>
    /// <returns>True when this failure locked the account.</returns>
    public bool RecordFailedSignIn(DateTime nowUtc, LockoutPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        if (IsLockedOut(nowUtc))
        {
            return false;
        }
        FailedSignInCount++;
        if (FailedSignInCount < policy.MaxFailedAttempts)
        {
            return false;
        }
        LockoutEndUtc = nowUtc + policy.Duration;
        FailedSignInCount = 0;
        return true;
    }

    public void RecordSuccessfulSignIn(DateTime nowUtc)
    {
        FailedSignInCount = 0;
        LockoutEndUtc = null;
        LastSignInUtc = nowUtc;
    }

    /// <summary>Sets a new password hash (made by the host's hasher) and signs out other sessions.</summary>
    public void SetPasswordHash(string hash)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(hash);
        PasswordHash = hash;
        SecurityStamp = NewStamp();
        MustChangePassword = false;
        PasswordExpiresUtc = null;
    }

    /// <summary>
    /// Sets a password made for the person by someone else: it signs in only until
    /// <see cref="OneTimePasswordValidity"/> has passed, and only to choose a new one.
    /// </summary>
    public void SetOneTimePasswordHash(string hash, DateTime nowUtc)
    {
        SetPasswordHash(hash);
        MustChangePassword = true;
        PasswordExpiresUtc = nowUtc + OneTimePasswordValidity;
    }

    /// <summary>Re-hashing after an algorithm upgrade changes the hash, not the credentials.</summary>
    public void UpgradePasswordHash(string hash)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(hash);
        PasswordHash = hash;
    }

    public void Rename(string displayName) => DisplayName = CleanDisplayName(displayName);

    public void SetRoles(IEnumerable<Role> roles)
    {
        ArgumentNullException.ThrowIfNull(roles);
        var wanted = roles.Distinct().ToHashSet();
        if (wanted.SetEquals(_roles.Select(r => r.Role)))
        {
            return;
        }
        _roles.RemoveAll(r => !wanted.Contains(r.Role));
        foreach (var role in wanted.Where(w => !_roles.Exists(r => r.Role == w)).Order())
        {
            _roles.Add(new UserRole(role));
        }
        SecurityStamp = NewStamp();
    }

    public void Unlock()
    {
        LockoutEndUtc = null;
        FailedSignInCount = 0;
    }

    public void Deactivate()
    {
        IsActive = false;
        SecurityStamp = NewStamp();
    }

    public void Activate() => IsActive = true;

    private static string CleanDisplayName(string displayName)
    {
        var clean = (displayName ?? string.Empty).Trim();
        if (clean.Length == 0 || clean.Length > DisplayNameMaxLength)
        {
            throw new ArgumentException($"A display name has 1 to {DisplayNameMaxLength} characters.", nameof(displayName));
        }
        return clean;
    }

    private static string NewStamp() => Guid.NewGuid().ToString("N");
}

/// <summary>One role held by a user.</summary>
public sealed class UserRole
{
    internal UserRole(Role role) => Role = role;

    public int UserId { get; private set; }

    public Role Role { get; private set; }
}
