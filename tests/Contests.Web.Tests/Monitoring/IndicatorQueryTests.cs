using System.Collections.Concurrent;
using System.Data.Common;
using System.Text.RegularExpressions;
using Contests.Web.Features.Monitoring;
using Contests.Web.Infrastructure.Persistence;
using Contests.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Logging.Abstractions;

namespace Contests.Web.Tests.Monitoring;

/// <summary>
/// How the indicators ask the database (the figures themselves are held to Core's definitions by
/// <see cref="IndicatorSumsTests{TApp}"/>): the database counts the entries — no command brings back a row per household's
/// entry, only sums, counts, the communities' and organizations' entries and the visited ones — and with every round chosen
/// no command that reads the entries carries a list of round ids (with one, SQLite walked the entries through an index row
/// by row).
/// </summary>
public abstract partial class IndicatorQueryTests<TApp>(TApp app) : AppTest<TApp>(app) where TApp : ContestsApp
{
    [Fact]
    public async Task Compute_EveryRound_CountsTheEntriesInTheDatabaseWithoutRoundIds()
    {
        var commands = await ComputeRecordingAsync(oneRound: false);

        AssertNoRowPerHouseholdEntry(commands);
        // Neither the counts nor the reads that look the entries up carry a list of round ids.
        Assert.All(commands.Where(c => ReadsEntries().IsMatch(c.Sql)), c => Assert.Equal(0, c.Parameters));
    }

    [Fact]
    public async Task Compute_OneRound_CountsTheEntriesOfThatRoundOnly()
    {
        var commands = await ComputeRecordingAsync(oneRound: true);

        AssertNoRowPerHouseholdEntry(commands);
        Assert.All(commands.Where(c => ReadsEntries().IsMatch(c.Sql)),
            c => Assert.True(c.Parameters > 0, "the round's id is a parameter of every query that reads the entries"));
    }

    [Fact]
    public async Task Compute_Funding_SummedByTheDatabase()
    {
        var commands = await ComputeRecordingAsync(oneRound: false);

        var reads = commands.Where(c => Regex.IsMatch(c.Sql, "\\b\"?award_funding\"? AS ", RegexOptions.IgnoreCase, TimeSpan.FromSeconds(1))).ToList();
        Assert.True(reads.Count == 1, $"{reads.Count} commands read award_funding");
        Assert.Contains("GROUP BY", reads[0].Sql, StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>
    /// Every command whose rows are entries groups or counts them, or keeps only the communities' and organizations' entries
    /// (tens) or the visited ones (the results' thousands).
    /// </summary>
    private static void AssertNoRowPerHouseholdEntry(IReadOnlyList<(string Sql, int Parameters)> commands)
    {
        var rows = commands.Where(c => ReadsEntryRows().IsMatch(c.Sql)).ToList();
        Assert.NotEmpty(rows);
        Assert.All(rows, c => Assert.True(Narrow().IsMatch(c.Sql), $"a command reads the entries row by row:\n{c.Sql}"));
    }

    /// <summary>The demo's indicators, every round or the round of its first entry, with the commands they sent.</summary>
    private async Task<IReadOnlyList<(string Sql, int Parameters)>> ComputeRecordingAsync(bool oneRound)
    {
        await App.ResetToDemoAsync();
        using var scope = App.Services.CreateScope();
        var filter = oneRound
            ? new IndicatorFilter(null, null, null, null,
                await scope.ServiceProvider.GetRequiredService<ContestsDbContext>().Entries.OrderBy(e => e.Id).Select(e => e.RoundId).FirstAsync())
            : IndicatorFilter.All;
        var options = scope.ServiceProvider.GetRequiredService<DbContextOptions<ContestsDbContext>>();
        var recorder = new CommandRecorder();
        var recording = new DbContextOptionsBuilder<ContestsDbContext>(options).AddInterceptors(recorder).Options;
        await using var db = new ContestsDbContext(recording);
        var page = new IndicatorPage(db, recording, NullLogger<IndicatorPage>.Instance);
        var rounds = await page.RoundsAsync(CancellationToken.None);
        var report = await page.ReportAsync(rounds, filter, CancellationToken.None);
        Assert.True(report.Entries > 0, "the demo has entries to count");
        return recorder.Commands;
    }

    /// <summary>A command that reads the entries table (SQLite quotes the name, PostgreSQL doesn't need to).</summary>
    [GeneratedRegex("FROM \"?entries\"? ", RegexOptions.IgnoreCase)]
    private static partial Regex ReadsEntries();

    /// <summary>A command whose rows are entries: its first FROM is the entries table (not a sum that looks entries up).</summary>
    [GeneratedRegex("^SELECT (?:(?!FROM ).)*FROM \"?entries\"? ", RegexOptions.IgnoreCase | RegexOptions.Singleline)]
    private static partial Regex ReadsEntryRows();

    /// <summary>What keeps a read of the entries short: a grouping, a count, a level other than households, a visit.</summary>
    [GeneratedRegex("GROUP BY|COUNT\\(|<> 'Households'|follow_up_visits", RegexOptions.IgnoreCase)]
    private static partial Regex Narrow();

    private sealed class CommandRecorder : DbCommandInterceptor
    {
        // The page reads on several contexts at once.
        private readonly ConcurrentQueue<(string, int)> _commands = [];

        public IReadOnlyList<(string Sql, int Parameters)> Commands => [.. _commands];

        public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData,
            InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            _commands.Enqueue((command.CommandText, command.Parameters.Count));
            return base.ReaderExecutingAsync(command, eventData, result, cancellationToken);
        }

        public override ValueTask<InterceptionResult<object>> ScalarExecutingAsync(DbCommand command, CommandEventData eventData,
            InterceptionResult<object> result, CancellationToken cancellationToken = default)
        {
            _commands.Enqueue((command.CommandText, command.Parameters.Count));
            return base.ScalarExecutingAsync(command, eventData, result, cancellationToken);
        }
    }
}

public sealed class IndicatorQueryTestsOnSqlite(SqliteApp app) : IndicatorQueryTests<SqliteApp>(app);

public sealed class IndicatorQueryTestsOnPostgres(PostgresApp app) : IndicatorQueryTests<PostgresApp>(app);
