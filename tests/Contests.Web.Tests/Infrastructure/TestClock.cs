namespace Contests.Web.Tests.Infrastructure;

/// <summary>A clock the test moves by hand (lockout expiry, scheduled phases …).</summary>
public sealed class TestClock : TimeProvider
{
    private DateTimeOffset _now = new(2026, 11, 23, 14, 0, 0, TimeSpan.Zero);

    public override DateTimeOffset GetUtcNow() => _now;

    public void Advance(TimeSpan by) => _now += by;

    public void Reset() => _now = new DateTimeOffset(2026, 11, 23, 14, 0, 0, TimeSpan.Zero);
}
