using Contests.Core.Rounds;
using Contests.Web.Features.Rounds;
using Contests.Web.Infrastructure.Persistence;
using Contests.Web.Infrastructure.Scheduling;
using Contests.Web.Tests.Registry;
using Microsoft.EntityFrameworkCore;
using Quartz;

namespace Contests.Web.Tests.Rounds;

/// <summary>
/// Dated phase changes with Quartz running for real on the app's own database: each test starts its
/// own app instances (hosts) on a database of its own, schedules through <see cref="PhaseMoves"/> a
/// couple of seconds ahead on the real clock, and polls until the date has come and gone.
/// </summary>
public abstract class SchedulingTests
{
    protected static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    protected abstract DatabaseProvider Provider { get; }

    protected async Task ScheduledOpen_FiresOnTime_OpensTheRoundOnce_AuditedAsTheSchedulerAsync()
    {
        await using var database = await SharedDatabase.CreateAsync(Provider);
        var counter = new JobCounter();
        await using var app = await SchedulingApp.StartAsync(database, counter);
        var data = new RoundsData(app);
        await data.AddProgrammeAsync();
        var roundId = await data.AddRoundAsync("Concurso de riego 2026");
        var due = RoundsData.DueIn(TimeSpan.FromSeconds(1));

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
        var actor = "scheduler:" + await app.InstanceIdAsync();
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

        var scheduleId = await data.ScheduleAsync(app, roundId, RoundPhase.RegistrationClosed, RoundsData.DueIn(TimeSpan.FromSeconds(1)));

        await Eventually.HoldsAsync(async () => (await data.RoundAsync(roundId)).Schedule.Single().State != ScheduleState.Pending, Patience,
            () => app.Logs.ToString());
        var settled = (await data.RoundAsync(roundId)).Schedule.Single();
        Assert.Equal((ScheduleState.Failed, "Phase.NoEntries"), (settled.State, settled.FailureCodes));
        // A failed guard is an outcome, not a job failure: Quartz is done with the one-shot trigger, and
        // a few idle periods later nothing has fired again or touched the row.
        var scheduler = await app.Services.GetRequiredService<ISchedulerFactory>().GetScheduler();
        await Eventually.HoldsAsync(async () => !await scheduler.Exists(QuartzPhaseScheduler.TriggerOf(scheduleId)), Patience,
            () => "the trigger is still stored");
        await Task.Delay(TimeSpan.FromSeconds(2)); // two idle periods
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
        var before = await SchedulingApp.StartAsync(database, counter);
        await using (before)
        {
            var setup = new RoundsData(before);
            await setup.AddProgrammeAsync();
            roundId = await setup.AddRoundAsync("Concurso de terrazas");
            lostId = await setup.AddRoundAsync("Concurso de viviendas saludables");
            due = RoundsData.DueIn(TimeSpan.FromSeconds(2.5));
            scheduleId = await setup.ScheduleAsync(before, roundId, RoundPhase.Open, due);
            // The other date was saved but the process died before it reached Quartz.
            lostScheduleId = await setup.ScheduleWithoutSchedulerAsync(lostId, RoundPhase.Open, due);
        }
        Assert.True(DateTime.UtcNow < due, "the first instance was still up at the due time: the test proves nothing");
        // Down past the date by more than the misfire threshold (one second in these apps).
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
        // They came through Quartz's misfire handling (FireNow), not as ordinary late firings.
        Assert.Contains(after.Logs.Lines, l => l.Message.Contains("missed their scheduled fire-time", StringComparison.Ordinal));
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
    /// Quartz and EF write the same SQLite file: ten jobs fire in the same second while the app keeps
    /// writing audited changes. Everyone waits for the write lock; nobody gets "database is locked".
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
        var due = RoundsData.DueIn(TimeSpan.FromSeconds(2));
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

    /// <summary>The job does not catch: what it throws reaches Quartz, which logs it and keeps the trigger for a retry.</summary>
    [Fact]
    public async Task JobThatThrows_QuartzLogsTheError_AndKeepsTheTriggerForARetry()
    {
        await using var database = await SharedDatabase.CreateAsync(DatabaseProvider.Sqlite);
        var counter = new JobCounter();
        await using var app = await SchedulingApp.StartAsync(database, counter);
        var scheduler = await app.Services.GetRequiredService<ISchedulerFactory>().GetScheduler();
        // A job whose data names no round: RunScheduledAsync is never reached, reading the data throws.
        var job = JobBuilder.Create<PhaseTransitionJob>().WithIdentity(PhaseTransitionJob.KeyOf(999)).RequestRecovery().Build();
        var trigger = TriggerBuilder.Create().WithIdentity(QuartzPhaseScheduler.TriggerOf(999)).StartNow().Build();

        await scheduler.ScheduleJob(job, trigger);

        await Eventually.HoldsAsync(() => Task.FromResult(app.Logs.Errors.Count > 0), Patience, () => app.Logs.ToString());
        var error = app.Logs.Errors[0];
        Assert.StartsWith("Quartz", error.Category, StringComparison.Ordinal);
        Assert.NotNull(error.Exception);
        // The job's [RetryPolicy] puts the trigger back for a first retry 30 s later.
        await Eventually.HoldsAsync(async () => (await scheduler.GetTrigger(trigger.Key))?.NextFireTimeUtc > DateTimeOffset.UtcNow + TimeSpan.FromSeconds(20),
            Patience, () => "no retry stored");
        Assert.Equal(1, counter.RunsOf(999));
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

    /// <summary>Two clustered instances on one database, twenty dates due in the same second: each change happens once, on one node.</summary>
    [PostgresFact]
    public async Task TwoInstances_Clustered_EachDatedChangeRunsExactlyOnce()
    {
        await using var database = await SharedDatabase.CreateAsync(DatabaseProvider.Postgres);
        var counter = new JobCounter();
        await using var one = await SchedulingApp.StartAsync(database, counter);
        await using var two = await SchedulingApp.StartAsync(database, counter, first: false);
        Assert.NotEqual(await one.InstanceIdAsync(), await two.InstanceIdAsync());
        var data = new RoundsData(one);
        await data.AddProgrammeAsync();
        var rounds = new List<int>();
        for (var i = 0; i < 20; i++)
        {
            rounds.Add(await data.AddRoundAsync($"Concurso {i + 1}"));
        }
        var due = RoundsData.DueIn(TimeSpan.FromSeconds(2.5));

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
        string[] instances = [await one.InstanceIdAsync(), await two.InstanceIdAsync()];
        Assert.All(scheduled.SelectMany(s => counter.InstancesOf(s.Schedule)), n => Assert.Contains(n, instances));
        Assert.Empty(one.Logs.Errors);
        Assert.Empty(two.Logs.Errors);
    }
}
