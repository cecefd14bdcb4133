using System.Globalization;
using System.Net;
using Contests.Core.Judging;
using Contests.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static Contests.Web.Tests.Judging.JudgingPages;
using static Contests.Web.Tests.Rounds.RoundPages;

namespace Contests.Web.Tests.Judging;

/// <summary>
/// Saves racing each other on the same sheet, from two devices of the same juror (a retry that overtook the first
/// try, a tablet and a phone): the database decides, each save is applied at most once, the loser is told why, and
/// nothing ends in a server error. Each race is run several times, resetting the sheet between runs.
/// </summary>
public abstract class SheetConcurrencyTests<TApp>(TApp app) : AppTest<TApp>(app) where TApp : ContestsApp
{
    private const int Races = 10;

    private JudgingData Data => new(App);

    [Fact]
    public async Task TheSameSubmit_SentTwiceAtOnce_IsAppliedOnce_AndBothAreToldItWasSubmitted()
    {
        var round = await Data.SeedAsync();
        var sheet = await Data.SheetOfAsync(round.Lrac, round.Entry(1));

        await RaceTheSameSubmitAsync(sheet);

        Assert.Equal(1, await Data.Registry.ReadAsync(db => db.ScoreSheets.CountAsync(s => s.JurorId == round.Lrac.MemberId && s.EntryId == round.Entry(1))));
        Assert.Equal(2 * Races, (await Data.ReadSheetAsync(sheet)).Revision); // each race: one submit, one reopen
    }

    [Fact]
    public async Task TheSameSubmit_SentTwiceAtOnce_LeavesOneAuditRecordPerSubmit()
    {
        var round = await Data.SeedAsync();
        var sheet = await Data.SheetOfAsync(round.Lrac, round.Entry(1));

        await RaceTheSameSubmitAsync(sheet);

        var submits = await Data.Registry.ReadAsync(db => db.AuditRecords.AsNoTracking()
            .Where(a => a.EntityType == nameof(ScoreSheet) && a.EntityId == Id(sheet) && a.Action == "Modified" && a.Actor == TestUsers.Lrac)
            .Select(a => a.After!).ToListAsync());
        Assert.Equal(Races, submits.Count);
        Assert.All(submits, after => Assert.Contains("\"State\":\"Submitted\"", after, StringComparison.Ordinal));
    }

    /// <summary>
    /// Sends the same submit (same save id, same revision) from two devices of t-lrac at once, <see cref="Races"/> times,
    /// reopening the sheet after each: both are told it was submitted, and it was, once.
    /// </summary>
    private async Task RaceTheSameSubmitAsync(int sheet)
    {
        using var phone = await JurorDevice.SignInAsync(App, TestUsers.Lrac);
        using var retry = await JurorDevice.SignInAsync(App, TestUsers.Lrac);
        for (var race = 0; race < Races; race++)
        {
            var before = await Data.ReadSheetAsync(sheet);
            var family = race.ToString(CultureInfo.InvariantCulture);
            var submit = new SheetInput(["12", "10", family], Guid.NewGuid(), before.Revision, Submit: true);

            var answers = await Task.WhenAll(phone.AutosaveAsync(sheet, submit), retry.AutosaveAsync(sheet, submit));

            Assert.All(answers, a => Assert.Equal((HttpStatusCode.OK, (true, before.Revision + 1, "Submitted")), (a.Status, a.Answer.Outcome)));
            var after = await Data.ReadSheetAsync(sheet);
            Assert.Equal((SheetState.Submitted, before.Revision + 1, submit.SaveId), (after.State, after.Revision, after.LastSaveId));
            Assert.Equal([12m, 10m, race], after.Points);
            await Data.ReopenAsync(sheet);
        }
    }

    [Fact]
    public async Task AnEditRacingASubmit_OneWins_TheOtherGetsAConflictSayingWhy()
    {
        var round = await Data.SeedAsync();
        var sheet = await Data.SheetOfAsync(round.Lrac, round.Entry(1));
        using var phone = await JurorDevice.SignInAsync(App, TestUsers.Lrac);
        using var tablet = await JurorDevice.SignInAsync(App, TestUsers.Lrac);
        var won = new Dictionary<string, int> { ["edit"] = 0, ["submit"] = 0 };

        for (var race = 0; race < Races; race++)
        {
            var seen = (await Data.ReadSheetAsync(sheet)).Revision;
            var edit = new SheetInput(["5", "5", "5"], Guid.NewGuid(), seen);
            var submit = new SheetInput(["12", "10", "9"], Guid.NewGuid(), seen, Submit: true);

            var answers = await Task.WhenAll(phone.AutosaveAsync(sheet, edit), tablet.AutosaveAsync(sheet, submit));

            var (edited, submitted) = (answers[0], answers[1]);
            var after = await Data.ReadSheetAsync(sheet);
            Assert.Equal(seen + 1, after.Revision);
            if (after.State == SheetState.Submitted)
            {
                won["submit"]++;
                Assert.Equal((HttpStatusCode.OK, (true, seen + 1, "Submitted")), (submitted.Status, submitted.Answer.Outcome));
                Assert.Equal((HttpStatusCode.Conflict, (false, seen + 1, "Submitted")), (edited.Status, edited.Answer.Outcome));
                Assert.Equal([new FieldError(null, Submitted)], edited.Answer.Errors);
                Assert.Equal(submit.SaveId, after.LastSaveId);
                Assert.Equal([12m, 10m, 9m], after.Points);
                await Data.ReopenAsync(sheet);
            }
            else
            {
                won["edit"]++;
                Assert.Equal((HttpStatusCode.OK, (true, seen + 1, "Draft")), (edited.Status, edited.Answer.Outcome));
                Assert.Equal((HttpStatusCode.Conflict, (false, seen + 1, "Draft")), (submitted.Status, submitted.Answer.Outcome));
                Assert.Equal([new FieldError(null, Conflict(seen, seen + 1))], submitted.Answer.Errors);
                Assert.Equal(edit.SaveId, after.LastSaveId);
                Assert.Equal([5m, 5m, 5m], after.Points);
            }
        }

        Assert.Equal(Races, won["edit"] + won["submit"]);
    }
}

public sealed class SheetConcurrencyTestsOnSqlite(SqliteApp app) : SheetConcurrencyTests<SqliteApp>(app);

public sealed class SheetConcurrencyTestsOnPostgres(PostgresApp app) : SheetConcurrencyTests<PostgresApp>(app);
