using Contests.Web.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Contests.Web.Tests.Persistence;

/// <summary>The options every context of the app is built with, whatever the database.</summary>
public sealed class ProviderOptionsTests
{
    /// <summary>
    /// A query that loads two collections compiles without EF's "no QuerySplittingBehavior configured" warning (it was
    /// logged at the first use of each such query): the behaviour is chosen, one command per query.
    /// </summary>
    [Theory]
    [InlineData(DatabaseProvider.Sqlite, "Data Source=:memory:")]
    [InlineData(DatabaseProvider.Postgres, "Host=127.0.0.1;Database=none")]
    public void QueryLoadingTwoCollections_CompilesAsOneCommand_WithoutTheSplittingWarning(DatabaseProvider provider, string connection)
    {
        var builder = new DbContextOptionsBuilder<ContestsDbContext>();
        PersistenceSetup.UseProvider(builder, new DatabaseOptions { Provider = provider, ConnectionString = connection });
        builder.ConfigureWarnings(w => w.Throw(RelationalEventId.MultipleCollectionIncludeWarning));
        using var db = new ContestsDbContext(builder.Options);

        var sql = db.Entries.Include(e => e.Baseline).Include(e => e.Photos).ToQueryString();

        Assert.Single(sql.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
            s => s.Contains("SELECT", StringComparison.OrdinalIgnoreCase));
    }
}
