namespace Contests.Core.Accounts;

/// <summary>After this many wrong passwords in a row the account is locked for a while.</summary>
public sealed record LockoutPolicy(int MaxFailedAttempts, TimeSpan Duration)
{
    public static LockoutPolicy Default { get; } = new(5, TimeSpan.FromMinutes(15));
}
