using System.Data.Common;
using Contests.Core.Rounds;
using Contests.Web.Features.Home;
using Contests.Web.Infrastructure.Persistence;
using Contests.Web.Tests.Infrastructure;
using Contests.Web.Tests.Rounds;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Contests.Web.Tests.Home;

/// <summary>
/// The public home asks the database the same number of questions whatever the number of published rounds it lists: the
/// appeals deadlines of all of them come from one query (it used to be one query per round).
/// </summary>
public abstract class PublicHomeQueryTests<TApp>(TApp app) : AppTest<TApp>(app) where TApp : ContestsApp
{
    [Fact]
    public async Task Build_OneOrFifteenPublishedRounds_SameNumberOfQueries()
    {
        var data = new RoundsData(App);
        await data.AddProgrammeAsync();
        await PublishAsync(data, 1);
        var (one, listedOne) = await BuildCountingAsync();

        await PublishAsync(data, 14);
        var (fifteen, listedFifteen) = await BuildCountingAsync();

        Assert.Equal((1, 15), (listedOne, listedFifteen));
        Assert.Equal(one, fifteen);
        Assert.True(one <= 3, $"{one} queries for one published round.");
    }

    /// <summary>Rounds in Published (set straight in the database: the phase is what the home reads, not how it got there).</summary>
    private static async Task PublishAsync(RoundsData data, int count)
    {
        for (var i = 0; i < count; i++)
        {
            var id = await data.AddRoundAsync($"Concurso publicado {i}", RoundPhase.Open);
            await data.ReadAsync(db => db.Rounds.Where(r => r.Id == id).ExecuteUpdateAsync(s => s.SetProperty(r => r.Phase, RoundPhase.Published)));
        }
    }

    private async Task<(int Queries, int Results)> BuildCountingAsync()
    {
        using var scope = App.Services.CreateScope();
        var options = scope.ServiceProvider.GetRequiredService<DbContextOptions<ContestsDbContext>>();
        var counter = new CommandCounter();
        await using var db = new ContestsDbContext(new DbContextOptionsBuilder<ContestsDbContext>(options).AddInterceptors(counter).Options);
        var page = await new PublicHome(db, App.Clock).BuildAsync(CancellationToken.None);
        return (counter.Count, page.Results.Count);
    }

    private sealed class CommandCounter : DbCommandInterceptor
    {
        private int _count;

        public int Count => _count;

        public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData,
            InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            Interlocked.Increment(ref _count);
            return base.ReaderExecutingAsync(command, eventData, result, cancellationToken);
        }

        public override ValueTask<InterceptionResult<object>> ScalarExecutingAsync(DbCommand command, CommandEventData eventData,
            InterceptionResult<object> result, CancellationToken cancellationToken = default)
        {
            Interlocked.Increment(ref _count);
            return base.ScalarExecutingAsync(command, eventData, result, cancellationToken);
        }
    }
}

public sealed class PublicHomeQueryTestsOnSqlite(SqliteApp app) : PublicHomeQueryTests<SqliteApp>(app);

public sealed class PublicHomeQueryTestsOnPostgres(PostgresApp app) : PublicHomeQueryTests<PostgresApp>(app);
