using Contests.Web.Features.Payouts;
using Contests.Web.Tests.Infrastructure;

namespace Contests.Web.Tests.Payouts;

/// <summary>
/// Two executors on the same batch of 1,000 at the same moment — two scheduler firings, two instances, the scheduler and
/// an operator's CLI: the batch row's lock lets one execute it; the other waits, then finds it executed.
/// </summary>
public abstract class BatchInstancesTests<TApp>(TApp app) : AppTest<TApp>(app) where TApp : ContestsApp
{
    private const int Payouts = 1000;

    [Fact]
    public async Task TwoRunnersAtOnce_OneExecutes_TheOtherFindsItExecuted_OneFileEachIdOnce()
    {
        var round = await new PayoutData(App).FinalAsync(pedroVerified: true);
        var batch = await BulkPayouts.ScheduleAsync(App, round, Payouts);
        var runner = App.Services.GetRequiredService<BatchRunner>();
        var go = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        var runs = Enumerable.Range(1, 2).Select(i => Task.Run(async () =>
        {
            await go.Task;
            return await runner.RunAsync(batch.Id, $"test:{i}", null, CancellationToken.None);
        })).ToList();
        go.SetResult();
        var results = await Task.WhenAll(runs);

        Assert.Equal([BatchRun.Executed, BatchRun.AlreadyExecuted], results.Order());
        await BatchAssert.ExecutedOnceAsync(App, batch);
    }
}

public sealed class BatchInstancesTestsOnSqlite(SqliteApp app) : BatchInstancesTests<SqliteApp>(app);

public sealed class BatchInstancesTestsOnPostgres(PostgresApp app) : BatchInstancesTests<PostgresApp>(app)
{
    [Fact]
    public async Task TwoProcessesAtOnce_OneExecutes_TheOtherFindsItExecuted_OneFileEachIdOnce()
    {
        var round = await new PayoutData(App).FinalAsync(pedroVerified: true);
        var batch = await BulkPayouts.ScheduleAsync(App, round, 1000);

        using var one = BatchProcess.Start(App, batch.Id);
        using var two = BatchProcess.Start(App, batch.Id);
        Assert.Equal(0, await one.ExitAsync());
        Assert.Equal(0, await two.ExitAsync());

        var outcomes = new[] { one.Output, two.Output }
            .Select(o => o.Split('\n').Single(l => l.StartsWith($"batch {batch.Id}: ", StringComparison.Ordinal))).Order(StringComparer.Ordinal);
        Assert.Equal([$"batch {batch.Id}: AlreadyExecuted", $"batch {batch.Id}: Executed"], outcomes);
        await BatchAssert.ExecutedOnceAsync(App, batch);
    }
}
