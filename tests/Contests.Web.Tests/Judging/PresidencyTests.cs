using System.Net;
using System.Text.RegularExpressions;
using Contests.Core.Judging;
using Contests.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static Contests.Web.Tests.Rounds.RoundPages;

namespace Contests.Web.Tests.Judging;

/// <summary>
/// The LRAC president's board on the juror side (docs/architecture.md#rules-judging: only the president reopens a sent sheet, with a reason):
/// states but no points, reopening with a reason (audited as the president), never for an entry they are conflicted
/// with, and nothing at all for anyone who does not preside the round.
/// </summary>
public abstract partial class PresidencyTests<TApp>(TApp app) : AppTest<TApp>(app) where TApp : ContestsApp
{
    private JudgingData Data => new(App);

    private static string Board(int roundId) => $"/judging/rounds/{Id(roundId)}/committee";

    private static string ReopenAction(int roundId, int sheetId) => $"/judging/rounds/{Id(roundId)}/sheets/{Id(sheetId)}/reopen";

    [Fact]
    public async Task President_SeesEverySheetsState_ButNoPoints_AndALinkFromTheirList()
    {
        var round = await Data.SeedAsync();
        var secretarys = await Data.SheetOfAsync(round.Other, round.Entry(2));
        await Data.SubmitAsync(secretarys, 17m, 13m, 11m);
        using var president = await App.SignedInClientAsync(TestUsers.Lrac);

        var list = await president.GetPageAsync("/judging");
        var board = await president.GetPageAsync(Board(round.Id));

        Assert.Contains($"href=\"{Board(round.Id)}\"", list);
        var rows = SheetRows(board);
        Assert.Equal(10, rows.Count); // two jurors for each of the five entries
        Assert.Equal("Submitted", rows[secretarys]);
        Assert.Contains($"N.° 2 — ", HtmlPage.Text(board));
        Assert.Contains("1 de 10 fichas enviadas.", HtmlPage.Text(board));
        // Points are the jurors' own: the board shows none (17, 13 and 11 appear nowhere as values).
        Assert.DoesNotContain(">17<", board);
        Assert.DoesNotContain("Points", board);
        Assert.Contains($"action=\"{ReopenAction(round.Id, secretarys)}\"", board);
        Assert.Single(Regex.Matches(board, "/reopen\""));
    }

    [Fact]
    public async Task President_ReopensASubmittedSheet_WithAReason_AuditedAsThePresident()
    {
        var round = await Data.SeedAsync();
        var sheet = await Data.SheetOfAsync(round.Other, round.Entry(2));
        await Data.SubmitAsync(sheet, 17m, 13m, 11m);
        using var president = await App.SignedInClientAsync(TestUsers.Lrac);

        var response = await president.PostFormAsync(Board(round.Id), ReopenAction(round.Id, sheet), ("reason", "La secretaria anotó 17 en vez de 7."));

        await RedirectsToAsync(response, Board(round.Id));
        var board = await president.GetPageAsync(Board(round.Id));
        Assert.Equal("Ficha reabierta; el motivo quedó registrado.", Flash(board));
        Assert.Equal("Draft", SheetRows(board)[sheet]);
        Assert.Contains("reabierta 1 vez/veces", HtmlPage.Text(board));
        var saved = await Data.ReadSheetAsync(sheet);
        Assert.Equal((SheetState.Draft, 1, "La secretaria anotó 17 en vez de 7.", (DateTime?)null),
            (saved.State, saved.Reopened, saved.ReopenReason, saved.SubmittedUtc));
        Assert.Equal([17m, 13m, 11m], saved.Points); // reopened as it was: the juror corrects it
        var audit = await Data.Registry.ReadAsync(db => db.AuditRecords.AsNoTracking()
            .Where(a => a.EntityType == nameof(ScoreSheet) && a.EntityId == Id(sheet) && a.Action == "Modified")
            .OrderByDescending(a => a.Sequence).FirstAsync());
        Assert.Equal((TestUsers.Lrac, (int?)round.Lrac.UserId), (audit.Actor, audit.ActorUserId));
        Assert.Contains("\"ReopenReason\":\"La secretaria anotó 17 en vez de 7.\"", audit.After);

        // The secretary finds it to correct in their own list.
        using var secretary = await App.SignedInClientAsync(round.Other.UserName);
        Assert.Contains($"href=\"/judging/sheets/{sheet}\" class=\"sheet-link\" data-sheet=\"{sheet}\" data-entry=\"{round.Entry(2)}\" data-state=\"Drafted\"",
            await secretary.GetPageAsync("/judging"));
    }

    [Fact]
    public async Task Reopen_WithoutAReason_IsRefused_KeepingTheBoard_AndChangingNothing()
    {
        var round = await Data.SeedAsync();
        var sheet = await Data.SheetOfAsync(round.Other, round.Entry(2));
        await Data.SubmitAsync(sheet, 17m, 13m, 11m);
        using var president = await App.SignedInClientAsync(TestUsers.Lrac);

        var response = await president.PostFormAsync(Board(round.Id), ReopenAction(round.Id, sheet), ("reason", "   "));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains($"<p class=\"error\" role=\"alert\" id=\"reopen-{sheet}-error\">Indique por qué se reabre la ficha.</p>", html);
        Assert.Contains($"aria-describedby=\"reopen-{sheet}-error\"", html);
        var saved = await Data.ReadSheetAsync(sheet);
        Assert.Equal((SheetState.Submitted, 0, (string?)null), (saved.State, saved.Reopened, saved.ReopenReason));
    }

    [Fact]
    public async Task President_CannotReopenASheetOfAnEntryTheyAreConflictedWith()
    {
        var round = await Data.SeedAsync();
        await Data.DeclareAsync(round.Id, round.Lrac.MemberId, round.Entry(5), "Hilda es mi comadre.");
        var sheet = await Data.SheetOfAsync(round.Other, round.Entry(5));
        await Data.SubmitAsync(sheet, 17m, 13m, 11m);
        using var president = await App.SignedInClientAsync(TestUsers.Lrac);

        var board = await president.GetPageAsync(Board(round.Id));
        var forged = await president.PostFormAsync(Board(round.Id), ReopenAction(round.Id, sheet), ("reason", "Quiero verla de nuevo."));

        Assert.DoesNotContain(ReopenAction(round.Id, sheet), board);
        Assert.Contains("Usted tiene conflicto de interés con esta entrada: no puede reabrir sus fichas.", HtmlPage.Text(board));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, forged.StatusCode);
        Assert.Contains("Usted tiene conflicto de interés con esta entrada: una ficha suya solo la reabre la oficina del proyecto.",
            HtmlPage.Text(await forged.Content.ReadAsStringAsync()));
        Assert.Equal(SheetState.Submitted, (await Data.ReadSheetAsync(sheet)).State);
    }

    [Fact]
    public async Task AJurorWhoDoesNotPreside_FindsNoBoard_AndCannotReopen()
    {
        var round = await Data.SeedAsync();
        var sheet = await Data.SheetOfAsync(round.Lrac, round.Entry(1));
        await Data.SubmitAsync(sheet, 17m, 13m, 11m);
        using var secretary = await App.SignedInClientAsync(round.Other.UserName);

        var board = await secretary.GetAsync(Board(round.Id));
        var reopen = await secretary.PostFormAsync("/judging", ReopenAction(round.Id, sheet), ("reason", "Me equivoqué."));

        Assert.Equal(HttpStatusCode.NotFound, board.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, reopen.StatusCode);
        Assert.DoesNotContain("/committee", await secretary.GetPageAsync("/judging"));
        Assert.Equal(SheetState.Submitted, (await Data.ReadSheetAsync(sheet)).State);
    }

    /// <summary>Each sheet row of the board: sheet id → state.</summary>
    private static Dictionary<int, string> SheetRows(string html) =>
        SheetRowPattern().Matches(html).ToDictionary(m => int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture), m => m.Groups[2].Value);

    [GeneratedRegex("<li data-sheet=\"(\\d+)\" data-state=\"(\\w+)\">")]
    private static partial Regex SheetRowPattern();
}

public sealed class PresidencyTestsOnSqlite(SqliteApp app) : PresidencyTests<SqliteApp>(app);

public sealed class PresidencyTestsOnPostgres(PostgresApp app) : PresidencyTests<PostgresApp>(app);
