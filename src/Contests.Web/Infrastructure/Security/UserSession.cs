using System.Security.Cryptography;
using Contests.Core.Accounts;
using Contests.Web.Infrastructure.Auditing;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Contests.Web.Infrastructure.Security;

/// <summary>
/// One signed-in browser. The sign-in cookie names its session; the cookie is accepted only while the row exists,
/// so signing out (which deletes the row) ends that cookie on the server — a copy of it no longer works — while the
/// person's other devices stay signed in. A password or role change still ends every session (security stamp).
/// Not audited: sign-ins are audited on the user (last sign-in), and the row changes on every hour of use.
/// </summary>
public sealed class UserSession
{
    /// <summary>A cookie unused this long expires (sliding).</summary>
    public static readonly TimeSpan IdleTimeout = TimeSpan.FromHours(10);

    /// <summary>
    /// Housekeeping: a session unused this long (far beyond any cookie's life) is removed at the person's next sign-in.
    /// </summary>
    public static readonly TimeSpan PurgeAfter = TimeSpan.FromDays(30);

    /// <summary>How stale <see cref="LastSeenUtc"/> may get before a request writes it again (one write per hour of use, not per request).</summary>
    public static readonly TimeSpan TouchEvery = TimeSpan.FromHours(1);

    public const int IdLength = 32;

    private UserSession()
    {
        Id = string.Empty;
    }

    private UserSession(string id, int userId, DateTime nowUtc)
    {
        Id = id;
        UserId = userId;
        CreatedUtc = nowUtc;
        LastSeenUtc = nowUtc;
    }

    public string Id { get; private set; }

    public int UserId { get; private set; }

    public DateTime CreatedUtc { get; private set; }

    public DateTime LastSeenUtc { get; private set; }

    /// <summary>A new session with an unguessable id (128 random bits).</summary>
    public static UserSession Start(int userId, DateTime nowUtc) =>
        new(Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(IdLength / 2)), userId, nowUtc);
}

internal sealed class UserSessionConfiguration : IEntityTypeConfiguration<UserSession>
{
    public void Configure(EntityTypeBuilder<UserSession> builder)
    {
        builder.ToTable("user_sessions");
        builder.ExcludedFromAudit();
        builder.HasKey(s => s.Id);
        builder.Property(s => s.Id).HasMaxLength(UserSession.IdLength);
        builder.HasOne<User>().WithMany().HasForeignKey(s => s.UserId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(s => s.UserId);
    }
}
