using Contests.Core.Rounds;
using Contests.Web.Features.Rounds;
using Contests.Web.Infrastructure.Persistence;
using Contests.Web.Infrastructure.Scheduling;
using Contests.Web.Tests.Registry;
using Hangfire;
using Microsoft.EntityFrameworkCore;

namespace Contests.Web.Tests.Rounds;

/// <summary>
/// Dated phase changes with Hangfire running for real beside the app's own database: each test starts its
/// own app instances (hosts) on a database of its own, schedules through <see cref="PhaseMoves"/> a
/// couple of seconds ahead on the real clock, and polls until the date has come and gone.
/// </summary>
public abstract class SchedulingTests
{
    /// <summary>
    /// The most a test waits for what must happen (never how long something must not): jobs due in seconds take ten times
    /// that when the suite's other assemblies share the two cores (ten jobs beside two writers took 20 s once).
    /// </summary>
    protected static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    protected abstract DatabaseProvider Provider { get; }

    protected async Task ScheduledOpen_FiresOnTime_OpensTheRoundOnce_AuditedAsTheSchedulerAsync()
    {
        await using var database = await SharedDatabase.CreateAsync(Provider);
        var counter = new JobCounter();
        await using var app = await SchedulingApp.StartAsync(database, counter);
        var data = new RoundsData(app);
        await data.AddProgrammeAsync();
        var roundId = await data.AddRoundAsync("Concurso de riego 2026");
        var due = RoundsData.DueIn(TimeSpan.FromSeconds(3));

        var scheduleId = await data.ScheduleAsync(app, roundId, RoundPhase.Open, due);

        await Eventually.HoldsAsync(async () => (await data.RoundAsync(roundId)).Phase == RoundPhase.Open, Patience, () => app.Logs.ToString());
        var round = await data.RoundAsync(roundId);
        var change = Assert.Single(round.PhaseChanges);
        Assert.Equal((RoundPhase.Draft, RoundPhase.Open), (change.From, change.To));
        Assert.Equal(scheduleId, change.ScheduleId);
        Assert.Null(change.UserId);
        Assert.True(change.AtUtc >= due, $"moved at {change.AtUtc:O}, before its date {due:O}");
        var item = Assert.Single(round.Schedule);
        Assert.Equal(ScheduleState.Done, item.State);
        var actor = "scheduler:" + Assert.Single(counter.InstancesOf(scheduleId));
        var key = roundId.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var audited = await data.ReadAsync(db => db.AuditRecords
            .Where(a => a.EntityType == nameof(ContestRound) && a.EntityId == key && a.Action == "Modified" && a.After!.Contains("\"Phase\""))
            .Select(a => new { a.Actor, a.ActorUserId, a.After }).ToListAsync());
        var moved = Assert.Single(audited);
        Assert.Equal(actor, moved.Actor);
        Assert.Null(moved.ActorUserId);
        Assert.Contains("\"Phase\":\"Open\"", moved.After);
        Assert.Equal(1, counter.RunsOf(scheduleId));
        Assert.Empty(app.Logs.Errors);
    }

    protected async Task GuardFailsWhenDue_IsRecordedOnTheSchedule_RoundStays_AndItIsNotRetriedAsync()
    {
        await using var database = await SharedDatabase.CreateAsync(Provider);
        var counter = new JobCounter();
        await using var app = await SchedulingApp.StartAsync(database, counter);
        var data = new RoundsData(app);
        await data.AddProgrammeAsync();
        var roundId = await data.AddRoundAsync("Concurso sin inscritos", RoundPhase.Open);

        var scheduleId = await data.ScheduleAsync(app, roundId, RoundPhase.RegistrationClosed, RoundsData.DueIn(TimeSpan.FromSeconds(3)));

        await Eventually.HoldsAsync(async () => (await data.RoundAsync(roundId)).Schedule.Single().State != ScheduleState.Pending, Patience,
            () => app.Logs.ToString());
        var settled = (await data.RoundAsync(roundId)).Schedule.Single();
        Assert.Equal((ScheduleState.Failed, "Phase.NoEntries"), (settled.State, settled.FailureCodes));
        // A failed guard is an outcome, not a job failure: the job succeeded (no retry is scheduled), and a few
        // polling periods later nothing has run again or touched the row.
        await Eventually.HoldsAsync(() => Task.FromResult(app.JobOf(JobRegistry.PhaseKey(scheduleId)).State == "Succeeded"), Patience,
            () => "the job is " + app.JobOf(JobRegistry.PhaseKey(scheduleId)).State);
        await Task.Delay(TimeSpan.FromSeconds(2)); // four schedule polls
        var round = await data.RoundAsync(roundId);
        Assert.Equal(RoundPhase.Open, round.Phase);
        Assert.Single(round.PhaseChanges); // Draft → Open when it was set up, nothing since
        var after = round.Schedule.Single();
        Assert.Equal((ScheduleState.Failed, settled.SettledUtc), (after.State, after.SettledUtc));
        Assert.Equal(1, counter.RunsOf(scheduleId));
        Assert.Empty(app.Logs.Errors);
    }

    protected async Task AppDownAtTheDueTime_TheChangeHappensWhenAnInstanceComesBackAsync()
    {
        await using var database = await SharedDatabase.CreateAsync(Provider);
        var counter = new JobCounter();
        int roundId, lostId, scheduleId, lostScheduleId;
        DateTime due;
        string? storedJob;
        var before = await SchedulingApp.StartAsync(database, counter);
        await using (before)
        {
            var setup = new RoundsData(before);
            await setup.AddProgrammeAsync();
            roundId = await setup.AddRoundAsync("Concurso de terrazas");
            lostId = await setup.AddRoundAsync("Concurso de viviendas saludables");
            due = RoundsData.DueIn(TimeSpan.FromSeconds(4));
            scheduleId = await setup.ScheduleAsync(before, roundId, RoundPhase.Open, due);
            // The other date was saved but the process died before it reached the scheduler.
            lostScheduleId = await setup.ScheduleWithoutSchedulerAsync(lostId, RoundPhase.Open, due);
            (storedJob, var storedState) = before.JobOf(JobRegistry.PhaseKey(scheduleId));
            Assert.Equal("Scheduled", storedState);
            Assert.Null(before.JobOf(JobRegistry.PhaseKey(lostScheduleId)).JobId);
        }
        Assert.True(DateTime.UtcNow < due, "the first instance was still up at the due time: the test proves nothing");
        // Down past the date.
        await Task.Delay(due - DateTime.UtcNow + TimeSpan.FromSeconds(1.5));

        await using var after = await SchedulingApp.StartAsync(database, counter, first: false);

        var data = new RoundsData(after);
        await Eventually.HoldsAsync(async () => await data.ReadAsync(db => db.Rounds.CountAsync(r => r.Phase == RoundPhase.Open)) == 2, Patience,
            () => after.Logs.ToString());
        foreach (var (id, schedule) in new[] { (roundId, scheduleId), (lostId, lostScheduleId) })
        {
            var round = await data.RoundAsync(id);
            Assert.Equal(schedule, Assert.Single(round.PhaseChanges).ScheduleId);
            Assert.Equal(ScheduleState.Done, Assert.Single(round.Schedule).State);
            Assert.Equal(1, counter.RunsOf(schedule));
        }
        // The stored job is the one that ran (reconciling left it alone); the lost date got a job of its own.
        // (Hangfire marks a job succeeded a moment after the handler committed.)
        await Eventually.HoldsAsync(() => Task.FromResult(after.JobOf(JobRegistry.PhaseKey(scheduleId)) == (storedJob, "Succeeded")
            && after.JobOf(JobRegistry.PhaseKey(lostScheduleId)).State == "Succeeded"), Patience, () => after.Logs.ToString());
        Assert.Contains(after.Logs.Lines, l => l.Message.StartsWith("Reconciled 2 pending", StringComparison.Ordinal));
        Assert.Empty(before.Logs.Errors);
        Assert.Empty(after.Logs.Errors);
    }
}

public sealed class SchedulingTestsOnSqlite : SchedulingTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.Sqlite;

    [Fact]
    public Task ScheduledOpen_FiresOnTime_OpensTheRoundOnce_AuditedAsTheScheduler() => ScheduledOpen_FiresOnTime_OpensTheRoundOnce_AuditedAsTheSchedulerAsync();

    [Fact]
    public Task GuardFailsWhenDue_IsRecordedOnTheSchedule_RoundStays_AndItIsNotRetried() => GuardFailsWhenDue_IsRecordedOnTheSchedule_RoundStays_AndItIsNotRetriedAsync();

    [Fact]
    public Task AppDownAtTheDueTime_TheChangeHappensWhenAnInstanceComesBack() => AppDownAtTheDueTime_TheChangeHappensWhenAnInstanceComesBackAsync();

    /// <summary>
    /// Ten jobs write the app's SQLite file in the same second while the app keeps writing audited changes (Hangfire's own
    /// file beside it is busy too). Everyone waits for the write lock; nobody gets "database is locked".
    /// </summary>
    [Fact]
    public async Task JobsAndRequestsWritingAtOnce_QueueForTheFile_NothingIsLocked()
    {
        await using var database = await SharedDatabase.CreateAsync(DatabaseProvider.Sqlite);
        var counter = new JobCounter();
        await using var app = await SchedulingApp.StartAsync(database, counter);
        var data = new RoundsData(app);
        await data.AddProgrammeAsync();
        var rounds = new List<int>();
        for (var i = 0; i < 10; i++)
        {
            rounds.Add(await data.AddRoundAsync($"Concurso {i + 1}"));
        }
        var due = RoundsData.DueIn(TimeSpan.FromSeconds(4));
        var schedules = await Task.WhenAll(rounds.Select(id => data.ScheduleAsync(app, id, RoundPhase.Open, due)));

        await new RegistryData(app).AddTerritoryAsync();
        var writes = 0;
        using var stop = new CancellationTokenSource();
        var writers = Enumerable.Range(0, 2).Select(w => Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                await new RegistryData(app).AddCommunityAsync($"Comunidad {w}-{Interlocked.Increment(ref writes)}");
            }
        })).ToList();
        try
        {
            await Eventually.HoldsAsync(async () => await data.ReadAsync(db => db.Rounds.CountAsync(r => r.Phase == RoundPhase.Open)) == rounds.Count,
                Patience, () => app.Logs.ToString());
        }
        finally
        {
            await stop.CancelAsync();
            await Task.WhenAll(writers);
        }

        Assert.All(schedules, s => Assert.Equal(1, counter.RunsOf(s)));
        Assert.True(writes > 10, $"only {writes} writes ran beside the jobs");
        var locked = app.Logs.Lines.Where(l => l.ToString().Contains("database is locked", StringComparison.OrdinalIgnoreCase)).ToList();
        Assert.True(locked.Count == 0, string.Join('\n', locked));
        Assert.Empty(app.Logs.Errors);
    }

    /// <summary>
    /// The job does not catch: what it throws reaches Hangfire, which records it and marks the job failed. A batch job is not
    /// retried by Hangfire (the batch's own back-off does that, and a batch that doesn't exist has none): one run.
    /// </summary>
    [Fact]
    public async Task JobThatThrows_HangfireRecordsTheError_AndDoesNotRetryIt()
    {
        await using var database = await SharedDatabase.CreateAsync(DatabaseProvider.Sqlite);
        var counter = new JobCounter();
        await using var app = await SchedulingApp.StartAsync(database, counter);
        var jobs = app.Services.GetRequiredService<Hangfire.IBackgroundJobClient>();

        // Batch 999 does not exist: the execution throws.
        var id = jobs.Enqueue<PayoutBatchJob>(j => j.RunAsync(999, JobTitles.Batch(999), null, CancellationToken.None));

        await Eventually.HoldsAsync(() => Task.FromResult(StateOf(app, id) == "Failed"), Patience, () => app.Logs.ToString());
        using (var connection = app.Services.GetRequiredService<JobStorage>().GetConnection())
        {
            var failed = connection.GetStateData(id);
            Assert.Equal("System.InvalidOperationException", failed.Data["ExceptionType"]);
            Assert.Contains("Batch 999 does not exist", failed.Data["ExceptionMessage"], StringComparison.Ordinal);
        }
        await Task.Delay(TimeSpan.FromSeconds(2));
        Assert.Equal("Failed", StateOf(app, id));
        Assert.Equal(1, counter.RunsOfBatch(999));
    }

    private static string? StateOf(SchedulingApp app, string jobId)
    {
        using var connection = app.Services.GetRequiredService<Hangfire.JobStorage>().GetConnection();
        return connection.GetStateData(jobId)?.Name;
    }
}

public sealed class SchedulingTestsOnPostgres : SchedulingTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.Postgres;

    [PostgresFact]
    public Task ScheduledOpen_FiresOnTime_OpensTheRoundOnce_AuditedAsTheScheduler() => ScheduledOpen_FiresOnTime_OpensTheRoundOnce_AuditedAsTheSchedulerAsync();

    [PostgresFact]
    public Task GuardFailsWhenDue_IsRecordedOnTheSchedule_RoundStays_AndItIsNotRetried() => GuardFailsWhenDue_IsRecordedOnTheSchedule_RoundStays_AndItIsNotRetriedAsync();

    [PostgresFact]
    public Task AppDownAtTheDueTime_TheChangeHappensWhenAnInstanceComesBack() => AppDownAtTheDueTime_TheChangeHappensWhenAnInstanceComesBackAsync();

    /// <summary>Two instances (two Hangfire servers) on one database, twenty dates due in the same second: each change happens once.</summary>
    [PostgresFact]
    public async Task TwoInstances_Clustered_EachDatedChangeRunsExactlyOnce()
    {
        await using var database = await SharedDatabase.CreateAsync(DatabaseProvider.Postgres);
        var counter = new JobCounter();
        await using var one = await SchedulingApp.StartAsync(database, counter);
        await using var two = await SchedulingApp.StartAsync(database, counter, first: false);
        var data = new RoundsData(one);
        await data.AddProgrammeAsync();
        var rounds = new List<int>();
        for (var i = 0; i < 20; i++)
        {
            rounds.Add(await data.AddRoundAsync($"Concurso {i + 1}"));
        }
        var due = RoundsData.DueIn(TimeSpan.FromSeconds(5));

        // Half the calendars are saved on each instance, all at once, all due in the same second.
        var scheduled = (await Task.WhenAll(rounds.Select(async (roundId, i) =>
            (Round: roundId, Schedule: await data.ScheduleAsync(i % 2 == 0 ? one : two, roundId, RoundPhase.Open, due))))).ToList();

        await Eventually.HoldsAsync(async () => await data.ReadAsync(db => db.Rounds.CountAsync(r => r.Phase == RoundPhase.Open)) == rounds.Count,
            Patience, () => one.Logs + "\n" + two.Logs);
        // Give a second firing, if there were one, an idle period to happen before counting.
        await Task.Delay(TimeSpan.FromSeconds(1));

        foreach (var (roundId, scheduleId) in scheduled)
        {
            var round = await data.RoundAsync(roundId);
            Assert.Equal(scheduleId, Assert.Single(round.PhaseChanges).ScheduleId);
            Assert.Equal(ScheduleState.Done, Assert.Single(round.Schedule).State);
            Assert.Equal(1, counter.RunsOf(scheduleId));
        }
        Assert.Empty(one.Logs.Errors);
        Assert.Empty(two.Logs.Errors);
    }

    /// <summary>
    /// Two Hangfire servers on one database, one job for the same batch of 1,000 enqueued from each at once (past the
    /// registry, which would keep one): both run; the batch row's lock lets one execute it and the other find it executed.
    /// </summary>
    [PostgresFact]
    public async Task TwoServers_OneBatchTwiceAtOnce_ExecutedOnce_OneFileEachIdOnce()
    {
        await using var database = await SharedDatabase.CreateAsync(DatabaseProvider.Postgres);
        var counter = new JobCounter();
        await using var one = await SchedulingApp.StartAsync(database, counter, realClock: false);
        await using var two = await SchedulingApp.StartAsync(database, counter, first: false, realClock: false);
        var round = await new Payouts.PayoutData(one).FinalAsync(pedroVerified: true);
        var batch = await Payouts.BulkPayouts.ScheduleAsync(one, round, 1000);

        var ids = await Task.WhenAll(new[] { one, two }.Select(app => Task.Run(() => app.Services.GetRequiredService<Hangfire.IBackgroundJobClient>()
            .Enqueue<PayoutBatchJob>(j => j.RunAsync(batch.Id, JobTitles.Batch(batch.Id), null, CancellationToken.None)))));

        await Eventually.HoldsAsync(() => Task.FromResult(ids.All(id => StateOf(one, id) == "Succeeded")), Patience,
            () => string.Join(", ", ids.Select(id => StateOf(one, id))) + "\n" + one.Logs + "\n" + two.Logs);
        Assert.Equal(2, counter.RunsOfBatch(batch.Id));
        await Payouts.BatchAssert.ExecutedOnceAsync(one, batch);
        Assert.Empty(one.Logs.Errors);
        Assert.Empty(two.Logs.Errors);
    }

    private static string? StateOf(SchedulingApp app, string jobId)
    {
        using var connection = app.Services.GetRequiredService<Hangfire.JobStorage>().GetConnection();
        return connection.GetStateData(jobId)?.Name;
    }
}
