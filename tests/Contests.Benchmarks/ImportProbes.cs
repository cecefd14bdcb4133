using System.Data.Common;
using System.Diagnostics;
using System.Linq.Expressions;
using Contests.Web.Features.Registry.Import;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Contests.Benchmarks;

/// <summary>
/// What one import did to the database, recorded only between <see cref="Start"/> and <see cref="Stop"/>:
/// every command EF Core executed (<see cref="EfCommandCounter"/>), when EF began and committed the
/// transaction (<see cref="EfTransactionClock"/>), and on PostgreSQL every operation Npgsql traced
/// (<see cref="NpgsqlTrace"/>) — Npgsql traces each command it sends, EF's and raw ones alike, and since
/// 10.0 each COPY as one operation.
/// </summary>
internal sealed class ImportProbe
{
    private readonly Lock _lock = new();
    private readonly List<string> _efCommands = [];
    private readonly List<(string Name, string? Text, TimeSpan Duration)> _npgsql = [];
    private long _firstQuery;
    private long _transactionStarted;
    private long _transactionCommitted;
    private volatile bool _recording;

    public bool Recording => _recording;

    public IReadOnlyList<string> EfCommands
    {
        get
        {
            lock (_lock)
            {
                return [.. _efCommands];
            }
        }
    }

    /// <summary>Npgsql's operations: the span name, the SQL it names (if any), how long it took.</summary>
    public IReadOnlyList<(string Name, string? Text, TimeSpan Duration)> NpgsqlOperations
    {
        get
        {
            lock (_lock)
            {
                return [.. _npgsql];
            }
        }
    }

    /// <summary>
    /// <see cref="Stopwatch.GetTimestamp"/> when EF began its first query (compiling it, or running it when
    /// it was compiled before), or 0: the importer's first query comes right after it has read the file.
    /// </summary>
    public long FirstQuery => Interlocked.Read(ref _firstQuery);

    /// <summary><see cref="Stopwatch.GetTimestamp"/> when EF's transaction began, or 0.</summary>
    public long TransactionStarted => Interlocked.Read(ref _transactionStarted);

    /// <summary><see cref="Stopwatch.GetTimestamp"/> when EF's transaction was committed, or 0.</summary>
    public long TransactionCommitted => Interlocked.Read(ref _transactionCommitted);

    public void Start()
    {
        lock (_lock)
        {
            _efCommands.Clear();
            _npgsql.Clear();
            _firstQuery = _transactionStarted = _transactionCommitted = 0;
            _recording = true;
        }
    }

    public void Stop() => _recording = false;

    public void EfQueryStarting()
    {
        if (_recording)
        {
            Interlocked.CompareExchange(ref _firstQuery, Stopwatch.GetTimestamp(), 0);
        }
    }

    public void EfCommand(DbCommand command)
    {
        if (_recording)
        {
            EfQueryStarting();
            lock (_lock)
            {
                _efCommands.Add(command.CommandText);
            }
        }
    }

    public void Npgsql(Activity activity)
    {
        if (_recording)
        {
            var text = activity.GetTagItem("db.query.text") as string ?? activity.GetTagItem("db.statement") as string;
            lock (_lock)
            {
                _npgsql.Add((activity.DisplayName, text, activity.Duration));
            }
        }
    }

    public void TransactionBegan()
    {
        if (_recording)
        {
            Interlocked.CompareExchange(ref _transactionStarted, Stopwatch.GetTimestamp(), 0);
        }
    }

    public void TransactionCommit()
    {
        if (_recording)
        {
            Interlocked.Exchange(ref _transactionCommitted, Stopwatch.GetTimestamp());
        }
    }
}

/// <summary>Counts every command EF Core executes (queries, saves, raw SQL through EF), sync or async.</summary>
internal sealed class EfCommandCounter(ImportProbe probe) : DbCommandInterceptor
{
    public override InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result)
    {
        probe.EfCommand(command);
        return result;
    }

    public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData,
        InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        probe.EfCommand(command);
        return ValueTask.FromResult(result);
    }

    public override InterceptionResult<int> NonQueryExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<int> result)
    {
        probe.EfCommand(command);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command, CommandEventData eventData,
        InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        probe.EfCommand(command);
        return ValueTask.FromResult(result);
    }

    public override InterceptionResult<object> ScalarExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<object> result)
    {
        probe.EfCommand(command);
        return result;
    }

    public override ValueTask<InterceptionResult<object>> ScalarExecutingAsync(DbCommand command, CommandEventData eventData,
        InterceptionResult<object> result, CancellationToken cancellationToken = default)
    {
        probe.EfCommand(command);
        return ValueTask.FromResult(result);
    }
}

/// <summary>Notes when EF starts compiling a query (it is only called when the query isn't in EF's cache yet).</summary>
internal sealed class EfQueryClock(ImportProbe probe) : IQueryExpressionInterceptor
{
    public Expression QueryCompilationStarting(Expression queryExpression, QueryExpressionEventData eventData)
    {
        probe.EfQueryStarting();
        return queryExpression;
    }
}

/// <summary>Notes when the import's transaction begins and commits: the boundaries of the write phase.</summary>
internal sealed class EfTransactionClock(ImportProbe probe) : DbTransactionInterceptor
{
    public override DbTransaction TransactionStarted(DbConnection connection, TransactionEndEventData eventData, DbTransaction result)
    {
        probe.TransactionBegan();
        return result;
    }

    public override ValueTask<DbTransaction> TransactionStartedAsync(DbConnection connection, TransactionEndEventData eventData, DbTransaction result,
        CancellationToken cancellationToken = default)
    {
        probe.TransactionBegan();
        return ValueTask.FromResult(result);
    }

    public override void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) => probe.TransactionCommit();

    public override Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        probe.TransactionCommit();
        return Task.CompletedTask;
    }
}

/// <summary>
/// Listens to Npgsql's <see cref="ActivitySource"/> ("Npgsql") for the whole process and hands each finished
/// operation to the probe of the run in progress. Activities are only created while a probe records.
/// </summary>
internal sealed class NpgsqlTrace : IDisposable
{
    private readonly ActivityListener _listener;
    private volatile ImportProbe? _probe;

    public NpgsqlTrace()
    {
        _listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == "Npgsql",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) =>
                _probe?.Recording == true ? ActivitySamplingResult.AllDataAndRecorded : ActivitySamplingResult.None,
            ActivityStopped = activity => _probe?.Npgsql(activity),
        };
        ActivitySource.AddActivityListener(_listener);
    }

    public void Attach(ImportProbe? probe) => _probe = probe;

    public void Dispose() => _listener.Dispose();
}

/// <summary>
/// The importer's progress reports with the time each arrived. Reading, Validating and Done are reported on
/// the importer's own thread; Writing comes through a <see cref="Progress{T}"/> the importer makes itself,
/// which posts to the thread pool, so those arrive late and in any order: they are only counted.
/// </summary>
internal sealed class PhaseClock : IProgress<ImportProgress>
{
    private readonly Lock _lock = new();

    public long Reading { get; private set; }

    /// <summary>When the report that every row has been validated came (the loop over the rows is over).</summary>
    public long AllValidated { get; private set; }

    public int ValidatingReports { get; private set; }

    public int WritingReports { get; private set; }

    /// <summary>"Writing" reports that arrived after "Done" (the thread pool ran them late).</summary>
    public int WritingAfterDone { get; private set; }

    public long Done { get; private set; }

    public void Report(ImportProgress value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var now = Stopwatch.GetTimestamp();
        lock (_lock)
        {
            switch (value.Phase)
            {
                case ImportPhase.Reading when Reading == 0:
                    Reading = now;
                    break;
                case ImportPhase.Validating:
                    ValidatingReports++;
                    if (value.Done == value.Total)
                    {
                        AllValidated = now;
                    }
                    break;
                case ImportPhase.Writing:
                    WritingReports++;
                    if (Done != 0)
                    {
                        WritingAfterDone++;
                    }
                    break;
                case ImportPhase.Done:
                    Done = now;
                    break;
                default:
                    break;
            }
        }
    }
}

/// <summary>
/// An experiment, off unless asked for (<c>--sqlite-cache-mb</c>): a larger SQLite page cache on every connection
/// EF opens, to see how much of the SQLite write is the default 2 MiB cache spilling while five B-trees
/// (the table and its indexes) grow in random DNI order.
/// </summary>
internal sealed class SqlitePragma(string sql) : DbConnectionInterceptor
{
    public static SqlitePragma CacheSize(int mebibytes) =>
        new(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"PRAGMA cache_size = -{mebibytes * 1024};"));

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) => Execute(connection);

    public override Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Execute(connection);
        return Task.CompletedTask;
    }

    private void Execute(DbConnection connection)
    {
        if (connection is not Microsoft.Data.Sqlite.SqliteConnection)
        {
            return;
        }
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
