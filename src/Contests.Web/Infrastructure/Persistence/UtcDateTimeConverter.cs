using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Contests.Web.Infrastructure.Persistence;

/// <summary>
/// Every stored time is UTC. SQLite hands times back without a kind; this marks them UTC, and
/// refuses local times on the way in so a server's time zone can never leak into the data.
/// </summary>
internal sealed class UtcDateTimeConverter() : ValueConverter<DateTime, DateTime>(
    v => ToStore(v),
    v => DateTime.SpecifyKind(v, DateTimeKind.Utc))
{
    private static DateTime ToStore(DateTime value) => value.Kind switch
    {
        DateTimeKind.Local => throw new InvalidOperationException("Times are stored in UTC; got a local time."),
        _ => DateTime.SpecifyKind(value, DateTimeKind.Utc),
    };
}
