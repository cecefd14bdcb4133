using System.Net;
using System.Net.Http.Headers;
using Contests.Core.Judging;
using Contests.Core.Rounds;
using Contests.Web.Tests.Infrastructure;
using Contests.Web.Tests.Rounds;
using Microsoft.EntityFrameworkCore;
using static Contests.Web.Tests.Judging.JudgingPages;
using static Contests.Web.Tests.Rounds.RoundPages;

namespace Contests.Web.Tests.Judging;

/// <summary>
/// What a juror reaches: their own sheets only (by resource — someone else's sheet, a conflicted entry, another
/// round's sheet is simply not found), and what the other roles reach of the juror's pages (nothing).
/// </summary>
public abstract class JurorAccessTests<TApp>(TApp app) : AppTest<TApp>(app) where TApp : ContestsApp
{
    private JudgingData Data => new(App);

    private static SheetInput Draft(params string?[] points) => new(points, Guid.NewGuid(), 0);

    [Fact]
    public async Task MyList_HasOnlyMyOwnSheets_NotOtherJurorsNorConflictedEntries()
    {
        var round = await Data.SeedAsync();
        using var lrac = await App.SignedInClientAsync(TestUsers.Lrac);
        using var neighbour = await App.SignedInClientAsync(round.Neighbour.UserName);

        var mine = await lrac.GetPageAsync("/judging");
        var his = await neighbour.GetPageAsync("/judging");

        List<int> own = [];
        foreach (var number in new[] { 1, 2, 3, 4 })
        {
            own.Add(await Data.SheetOfAsync(round.Lrac, round.Entry(number)));
        }
        Assert.Equal(
        [
            (own[0], "N.° 1 — Quispe Mamani, Juana Ccollpa Sin empezar"),
            (own[1], "N.° 2 — Huamán Ccori, Pedro Ccollpa Sin empezar"),
            (own[2], "N.° 3 — Condori Taipe, Rosa Ccollpa Sin empezar"),
            (own[3], "N.° 4 — Ccori Layme, María Villa Ampay Sin empezar"),
        ], MySheets(mine));
        Assert.Contains($"Mis fichas de calificación {RoundData.RoundName} 0 de 4 fichas enviadas Fichas del comité (presidencia) {JudgingData.FieldPart}", HtmlPage.Text(mine));
        // Pedro sits on the LRAC but never sees his own household nor his community's entries.
        Assert.Equal(
        [
            (await Data.SheetOfAsync(round.Neighbour, round.Entry(4)), "N.° 4 — Ccori Layme, María Villa Ampay Sin empezar"),
            (await Data.SheetOfAsync(round.Neighbour, round.Entry(5)), "N.° 5 — Layme Chipana, Hilda Villa Ampay Sin empezar"),
        ], MySheets(his));
    }

    [Fact]
    public async Task AnotherJurorsSheet_IsNotFound_ForEveryActionOnIt()
    {
        var round = await Data.SeedAsync();
        var theirs = await Data.SheetOfAsync(round.Other, round.Entry(5));
        using var juror = await JurorDevice.SignInAsync(App, TestUsers.Lrac);

        Assert.Equal(HttpStatusCode.NotFound, (await juror.Client.GetAsync(Sheet(theirs))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await juror.Client.GetAsync(Sheet(theirs) + "/photos/1")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound,
            (await juror.Client.PostFormAsync("/judging", Sheet(theirs), Draft("10", "10", "10").Fields())).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await juror.Client.PostFormAsync("/judging", Sheet(theirs) + "/autosave", Draft("10", "10", "10").Fields())).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound,
            (await juror.Client.PostFormAsync("/judging", Sheet(theirs) + "/autosave", (Draft("10", "10", "10") with { Submit = true }).Fields())).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await juror.Client.PostFormAsync("/judging", Sheet(theirs) + "/conflict", ("reason", "No quiero."))).StatusCode);

        var sheet = await Data.ReadSheetAsync(theirs);
        Assert.Equal((SheetState.Draft, 0, (decimal?)null), (sheet.State, sheet.Revision, sheet.Points[0]));
        Assert.Empty(await Data.Registry.ReadAsync(db => db.DeclaredConflicts.ToListAsync()));
    }

    [Fact]
    public async Task ASheetOfAConflictedEntry_IsNotFound_ForTheConflictedJuror()
    {
        var round = await Data.SeedAsync();
        using var neighbour = await App.SignedInClientAsync(round.Neighbour.UserName);

        // Every sheet of his own household (N.° 2) and of his community's entries is someone else's.
        foreach (var number in new[] { 1, 2, 3 })
        {
            foreach (var juror in new[] { round.Lrac, round.Other })
            {
                var sheet = await Data.SheetOfAsync(juror, round.Entry(number));
                Assert.Equal(HttpStatusCode.NotFound, (await neighbour.GetAsync(Sheet(sheet))).StatusCode);
            }
        }
    }

    [Fact]
    public async Task ASheetOfAnotherRound_IsNotFound_ForTheJurorAndThroughTheWrongRoundForTheOfficer()
    {
        var round = await Data.SeedAsync();
        var later = await Data.Rounds.RoundAsync(round.World, RoundPhase.Judging, rules: JudgingData.Rules(round.World.SourceId),
            name: "Concurso interfamiliar Abancay 2027");
        var entry = await Data.Rounds.EnterHouseholdAsync(later, round.World.Juana);
        var seat = await Data.AddMemberAsync(later, round.Other.UserId, new LracMemberInput
        {
            FullName = JudgingData.OtherName, Dni = JudgingData.OtherDni, Affiliation = Affiliation.Other, AffiliationName = "Municipalidad Provincial de Abancay",
            Role = LracRole.President, FieldJuror = true,
        });
        await Data.AssignAsync(later);
        var elsewhere = await Data.SheetOfAsync(seat, entry);
        var here = await Data.SheetOfAsync(round.Lrac, round.Entry(1));
        using var juror = await App.SignedInClientAsync(TestUsers.Lrac);
        using var officer = await App.SignedInClientAsync(TestUsers.Officer);

        Assert.Equal(HttpStatusCode.NotFound, (await juror.GetAsync(Sheet(elsewhere))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await officer.GetAsync(PaperSheet(round.Id, elsewhere))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await officer.GetAsync(PaperSheet(later, here))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await officer.PostFormAsync(PaperSheet(round.Id, here), PaperSheet(later, here),
            Draft("10", "10", "10").Fields())).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await officer.GetAsync(PaperSheet(later, elsewhere))).StatusCode);
        Assert.Equal(0, (await Data.ReadSheetAsync(here)).Revision);
    }

    [Theory]
    [InlineData(TestUsers.Admin)]
    [InlineData(TestUsers.Officer)]
    [InlineData(TestUsers.Finance)]
    [InlineData(TestUsers.Auditor)]
    public async Task OtherRoles_CannotUseTheJurorsPages(string user)
    {
        var round = await Data.SeedAsync();
        var sheet = await Data.SheetOfAsync(round.Lrac, round.Entry(1));
        using var client = await App.SignedInClientAsync(user);

        foreach (var url in new[] { "/judging", Sheet(sheet), Sheet(sheet) + "/photos/1" })
        {
            Assert.Equal("/account/denied", Redirects.PathOf(await client.GetAsync(url)));
        }
        foreach (var action in new[] { Sheet(sheet), Sheet(sheet) + "/autosave", Sheet(sheet) + "/conflict" })
        {
            var response = await client.PostFormAsync("/account/password", action, [.. Draft("10", "10", "10").Fields(), ("reason", "x")]);
            Assert.Equal("/account/denied", Redirects.PathOf(response));
        }
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/account/denied")).StatusCode);
        Assert.Equal(0, (await Data.ReadSheetAsync(sheet)).Revision);
        Assert.DoesNotContain("href=\"/judging\"", await client.GetPageAsync("/"));
    }

    [Fact]
    public async Task TheSheet_ShowsTheEntrysBeforeAndItsPhotos_ToItsJurorsOnly_AndKeepsWhatWasAchieved()
    {
        var round = await Data.SeedAsync();
        var entry = round.Entry(1);
        using var officer = await App.SignedInClientAsync(TestUsers.Officer);
        await RedirectsToAsync(await officer.PostFormAsync($"/rounds/{round.Id}/entries/{entry}", $"/rounds/{round.Id}/entries/{entry}/baseline",
            ("Items[0].Activity", "Terrazas de formación lenta"), ("Items[0].Quantity", "120"), ("Items[0].Unit", "m lineales"),
            ("Items[0].EstimatedValue", ""), ("Items[0].Notes", "")), $"/rounds/{round.Id}/entries/{entry}");
        var png = Images.Png(32, 24, 0x3A7D44);
        await RedirectsToAsync(await UploadAsync(officer, round.Id, entry, png), $"/rounds/{round.Id}/entries/{entry}");
        var photo = await Data.Registry.ReadAsync(db => db.Entries.Where(e => e.Id == entry).SelectMany(e => e.Photos).Select(p => p.Id).SingleAsync());
        var sheet = await Data.SheetOfAsync(round.Lrac, entry);
        using var juror = await JurorDevice.SignInAsync(App, TestUsers.Lrac);

        var page = await juror.Client.GetPageAsync(Sheet(sheet));

        Assert.Contains("Antes y ahora Terrazas de formación lenta — antes: 120 m lineales", HtmlPage.Text(page));
        // The phone-sized copy first, the original behind its own link.
        Assert.Contains($"<a href=\"{Sheet(sheet)}/photos/{photo}/phone\" class=\"button secondary\" data-photo=\"phone\">Foto 1</a>", page);
        Assert.Contains($"<a href=\"{Sheet(sheet)}/photos/{photo}\" class=\"muted\" data-photo=\"original\">Original (32 × 24)</a>", page);
        var served = await juror.Client.GetAsync($"{Sheet(sheet)}/photos/{photo}");
        Assert.Equal(HttpStatusCode.OK, served.StatusCode);
        Assert.Equal("image/png", served.Content.Headers.ContentType!.MediaType);
        Assert.Equal(0x3A7D44, Images.ColourAt(await served.Content.ReadAsByteArrayAsync(), 5, 5));
        var phone = await juror.Client.GetAsync($"{Sheet(sheet)}/photos/{photo}/phone");
        Assert.Equal(("image/jpeg", (32, 24)), (phone.Content.Headers.ContentType!.MediaType, Images.Size(await phone.Content.ReadAsByteArrayAsync())));
        Assert.Equal(HttpStatusCode.NotFound, (await juror.Client.GetAsync($"{Sheet(await Data.SheetOfAsync(round.Lrac, round.Entry(2)))}/photos/{photo}/phone")).StatusCode);
        // Through a sheet of another entry the photo isn't there; through someone else's sheet, no sheet is.
        Assert.Equal(HttpStatusCode.NotFound, (await juror.Client.GetAsync($"{Sheet(await Data.SheetOfAsync(round.Lrac, round.Entry(2)))}/photos/{photo}")).StatusCode);
        using var neighbour = await App.SignedInClientAsync(round.Neighbour.UserName);
        Assert.Equal(HttpStatusCode.NotFound, (await neighbour.GetAsync($"{Sheet(sheet)}/photos/{photo}")).StatusCode);

        var (status, answer) = await juror.AutosaveAsync(sheet, Draft("15", null, null) with { Achieved = ["95,5"] });

        Assert.Equal((HttpStatusCode.OK, true, 1), (status, answer.Ok, answer.Revision));
        Assert.Equal([95.5m], (await Data.ReadSheetAsync(sheet)).Achieved);
        Assert.Equal("95.5", HtmlPage.InputValue(await juror.Client.GetPageAsync(Sheet(sheet)), "Achieved[0]"));

        var (refused, why) = await juror.AutosaveAsync(sheet, new SheetInput(["15", null, null], Guid.NewGuid(), 1) { Achieved = ["-3"] });

        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused);
        Assert.Equal([new FieldError("Achieved[0]", "Lo logrado debe ser una cantidad de cero o más, con hasta 2 decimales.")], why.Errors);
        Assert.Equal([95.5m], (await Data.ReadSheetAsync(sheet)).Achieved);
    }

    /// <summary>Uploads a PNG as the entry page's photo form does (multipart, field "photo", with that form's token).</summary>
    private static async Task<HttpResponseMessage> UploadAsync(AppClient officer, int round, int entry, byte[] png)
    {
        var action = $"/rounds/{round}/entries/{entry}/photos";
        var token = FormToken(await officer.GetPageAsync($"/rounds/{round}/entries/{entry}"), action);
        using var content = new MultipartFormDataContent();
        var file = new ByteArrayContent(png);
        file.Headers.ContentType = new MediaTypeHeaderValue("image/png");
        content.Add(file, "photo", "chacra antes.png");
        content.Add(new StringContent(token), "__RequestVerificationToken");
        return await officer.Http.PostAsync(new Uri(action, UriKind.Relative), content);
    }
}

public sealed class JurorAccessTestsOnSqlite(SqliteApp app) : JurorAccessTests<SqliteApp>(app);

public sealed class JurorAccessTestsOnPostgres(PostgresApp app) : JurorAccessTests<PostgresApp>(app);
