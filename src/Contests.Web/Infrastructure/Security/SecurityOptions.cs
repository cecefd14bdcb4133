using Contests.Core.Accounts;

namespace Contests.Web.Infrastructure.Security;

/// <summary><c>Security</c> section: lockout and login rate limit.</summary>
public sealed class SecurityOptions
{
    public const string Section = "Security";

    public int MaxFailedSignIns { get; set; } = LockoutPolicy.Default.MaxFailedAttempts;

    public int LockoutMinutes { get; set; } = (int)LockoutPolicy.Default.Duration.TotalMinutes;

    /// <summary>Sign-in posts allowed per client address per minute (beyond that: HTTP 429).</summary>
    public int LoginAttemptsPerMinute { get; set; } = 20;

    /// <summary>Addresses of reverse proxies whose X-Forwarded-For is trusted (so the rate limit sees the real client).</summary>
    public IList<string> TrustedProxies { get; } = [];

    public LockoutPolicy Lockout => new(MaxFailedSignIns, TimeSpan.FromMinutes(LockoutMinutes));
}
