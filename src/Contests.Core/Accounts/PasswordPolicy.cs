using Contests.Core.Common;

namespace Contests.Core.Accounts;

/// <summary>
/// What a password must be. Length matters more than symbols (NIST SP 800-63B), so the rule is a
/// minimum length, a maximum that keeps hashing cheap, and not the same as the user name.
/// </summary>
public static class PasswordPolicy
{
    public const int MinLength = 10;
    public const int MaxLength = 128;

    public static Result Check(string? password, string userName)
    {
        if (string.IsNullOrEmpty(password))
        {
            return Result.Fail(new DomainError("Password.Required", "Password"));
        }
        var errors = new List<DomainError>();
        if (password.Length < MinLength)
        {
            errors.Add(new DomainError("Password.TooShort", "Password", MinLength));
        }
        if (password.Length > MaxLength)
        {
            errors.Add(new DomainError("Password.TooLong", "Password", MaxLength));
        }
        if (string.Equals(password.Trim(), userName.Trim(), StringComparison.OrdinalIgnoreCase))
        {
            errors.Add(new DomainError("Password.SameAsUserName", "Password"));
        }
        return Result.Fail(errors);
    }
}
