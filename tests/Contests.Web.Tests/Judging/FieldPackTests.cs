using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Contests.Core.Judging;
using Contests.Core.Rounds;
using Contests.Web.Tests.Infrastructure;
using Contests.Web.Tests.Rounds;
using Microsoft.EntityFrameworkCore;
using static Contests.Web.Tests.Judging.JudgingPages;
using static Contests.Web.Tests.Rounds.RoundPages;

namespace Contests.Web.Tests.Judging;

/// <summary>
/// The juror's field pack (<c>GET /judging/field-pack</c>), what "Preparar para el campo" keeps on the phone: by role (jurors
/// only) and by resource (their own sheets of rounds they sit on, never one blocked by a conflict), with only what the sheet
/// shows (no DNI); and the fresh token the phone's queued saves go out with (<c>GET /judging/field-token</c>).
/// </summary>
public abstract class FieldPackTests<TApp>(TApp app) : AppTest<TApp>(app) where TApp : ContestsApp
{
    private JudgingData Data => new(App);

    private static IEnumerable<string> PropertyNames(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object => element.EnumerateObject().SelectMany(p => PropertyNames(p.Value).Prepend(p.Name)),
        JsonValueKind.Array => element.EnumerateArray().SelectMany(PropertyNames),
        _ => [],
    };

    private static async Task<JsonElement> PackAsync(AppClient client)
    {
        var response = await client.GetAsync("/judging/field-pack");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(response.Headers.CacheControl?.NoStore, "The pack is the juror's: never kept by the browser's cache.");
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return json.RootElement.Clone();
    }

    private static List<int> SheetIds(JsonElement pack) => [.. pack.GetProperty("sheets").EnumerateArray().Select(s => s.GetProperty("id").GetInt32())];

    [Fact]
    public async Task FieldPack_HoldsOnlyMyOwnSheets_WithWhatTheSheetShows_AndNoDni()
    {
        var round = await Data.SeedAsync();
        var first = await Data.SheetOfAsync(round.Lrac, round.Entry(1));
        await Data.SubmitAsync(await Data.SheetOfAsync(round.Lrac, round.Entry(2)), 18m, 12m, 11m);
        using var lrac = await App.SignedInClientAsync(TestUsers.Lrac);
        using var neighbour = await App.SignedInClientAsync(round.Neighbour.UserName);

        var response = await lrac.GetAsync("/judging/field-pack");
        var text = await response.Content.ReadAsStringAsync();
        var mine = await PackAsync(lrac);
        var his = await PackAsync(neighbour);

        List<int> own = [];
        foreach (var number in new[] { 1, 2, 3, 4 })
        {
            own.Add(await Data.SheetOfAsync(round.Lrac, round.Entry(number)));
        }
        Assert.Equal(own, SheetIds(mine));
        Assert.Equal([await Data.SheetOfAsync(round.Neighbour, round.Entry(4)), await Data.SheetOfAsync(round.Neighbour, round.Entry(5))], SheetIds(his));
        var sheet = mine.GetProperty("sheets")[0];
        Assert.Equal((Sheet(first), 1, "Quispe Mamani, Juana", "Draft", 0),
            (sheet.GetProperty("url").GetString(), sheet.GetProperty("entryNumber").GetInt32(), sheet.GetProperty("competitor").GetString(),
             sheet.GetProperty("state").GetString(), sheet.GetProperty("revision").GetInt32()));
        Assert.Equal([JudgingData.Works, JudgingData.Water, JudgingData.Family],
            sheet.GetProperty("criteria").EnumerateArray().Select(c => c.GetProperty("name").GetString()));
        var submitted = mine.GetProperty("sheets")[1];
        Assert.Equal(("Submitted", 1), (submitted.GetProperty("state").GetString(), submitted.GetProperty("revision").GetInt32()));
        Assert.Equal([18m, 12m, 11m], submitted.GetProperty("points").EnumerateArray().Select(p => p.GetDecimal()));
        Assert.Equal(round.Lrac.UserId, mine.GetProperty("user").GetInt32());
        // Nothing the sheet doesn't show: no DNI of the juror, of any household head or partner.
        // (Property names, not the whole text: the pack's random antiforgery token may hold "dNi" by chance.)
        using var document = JsonDocument.Parse(text);
        Assert.DoesNotContain(PropertyNames(document.RootElement), n => n.Contains("dni", StringComparison.OrdinalIgnoreCase));
        Assert.DoesNotContain(JudgingData.LracDni, text, StringComparison.Ordinal);
        Assert.DoesNotContain(JudgingData.NeighbourDni, text, StringComparison.Ordinal);
        Assert.DoesNotContain("01234567", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FieldPack_LeavesOutTheSheetsBlockedByAConflictFoundAfterAssignment()
    {
        var round = await Data.SeedAsync();
        using var officer = await App.SignedInClientAsync(TestUsers.Officer);
        // Juana's household registers a partner whose DNI is the juror's: her entry is his own household, Ccollpa his community.
        var edit = $"/registry/households/{Id(round.World.Juana)}/edit";
        await RedirectsToAsync(await officer.PostFormAsync(edit, ("CommunityId", Id(round.World.Ccollpa)), ("HeadFirstNames", "Juana"),
            ("HeadLastNames", "Quispe Mamani"), ("HeadDni", "01234567"), ("HeadSex", "F"), ("HeadBirthYear", "1978"),
            ("PartnerFirstNames", "Lucio"), ("PartnerLastNames", "Huamaní Ccahua"), ("PartnerDni", JudgingData.LracDni), ("PartnerSex", "M"),
            ("Members", "4")), $"/registry/households/{Id(round.World.Juana)}");
        using var lrac = await App.SignedInClientAsync(TestUsers.Lrac);

        var pack = await PackAsync(lrac);

        Assert.Equal([await Data.SheetOfAsync(round.Lrac, round.Entry(4))], SheetIds(pack));
    }

    [Theory]
    [InlineData(TestUsers.Admin)]
    [InlineData(TestUsers.Officer)]
    [InlineData(TestUsers.Finance)]
    [InlineData(TestUsers.Auditor)]
    public async Task FieldPackAndToken_AreForJurorsOnly(string user)
    {
        await Data.SeedAsync();
        using var client = await App.SignedInClientAsync(user);
        using var anonymous = App.NewClient();

        foreach (var url in new[] { "/judging/field-pack", "/judging/field-token" })
        {
            Assert.Equal("/account/denied", Redirects.PathOf(await client.GetAsync(url)));
            Assert.Equal("/account/login", Redirects.PathOf(await anonymous.GetAsync(url)));
        }
    }

    [Fact]
    public async Task AQueuedSave_GoesOutWithTheFreshToken_AndItsResendIsAppliedOnce()
    {
        var round = await Data.SeedAsync();
        var sheet = await Data.SheetOfAsync(round.Lrac, round.Entry(1));
        using var lrac = await App.SignedInClientAsync(TestUsers.Lrac);
        using var json = JsonDocument.Parse(await lrac.GetPageAsync("/judging/field-token"));
        var token = json.RootElement.GetProperty("token").GetString()!;
        var save = new SheetInput(["15", "10", null], Guid.NewGuid(), 0);

        async Task<HttpResponseMessage> SendAsync(SheetInput input)
        {
            using var content = new FormUrlEncodedContent(input.Fields().Select(f => new KeyValuePair<string, string>(f.Name, f.Value))
                .Append(new KeyValuePair<string, string>("__RequestVerificationToken", token)));
            return await lrac.Http.PostAsync(new Uri(Sheet(sheet) + "/autosave", UriKind.Relative), content);
        }

        var sent = await SendAsync(save);
        var again = await SendAsync(save); // the answer was lost on the way back: the phone sends it again
        var submit = new SheetInput(["15", "10", "9"], Guid.NewGuid(), 1, Submit: true);
        var submitted = await SendAsync(submit);
        var submittedAgain = await SendAsync(submit);

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK],
            new[] { sent.StatusCode, again.StatusCode, submitted.StatusCode, submittedAgain.StatusCode });
        var stored = await Data.ReadSheetAsync(sheet);
        Assert.Equal((SheetState.Submitted, 2, submit.SaveId), (stored.State, stored.Revision, stored.LastSaveId));
        Assert.Equal([15m, 10m, 9m], stored.Points);
        Assert.Equal(2.ToString(CultureInfo.InvariantCulture),
            JsonDocument.Parse(await submittedAgain.Content.ReadAsStringAsync()).RootElement.GetProperty("revision").GetRawText());
    }

    /// <summary>The codes and messages of a refused queued save, as the phone's outbox keeps them.</summary>
    private static async Task<List<(string? Code, string? Message)>> ReasonsAsync(HttpResponseMessage response)
    {
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return [.. json.RootElement.GetProperty("errors").EnumerateArray()
            .Select(e => (e.GetProperty("code").GetString(), e.GetProperty("message").GetString()))];
    }

    [Fact]
    public async Task AQueuedSave_RefusedByTheServer_AnswersWhyWithACode_AndWritesNothing()
    {
        var round = await Data.SeedAsync();
        var sheet = await Data.SheetOfAsync(round.Lrac, round.Entry(1));
        var theirs = await Data.SheetOfAsync(round.Other, round.Entry(5));
        using var lrac = await App.SignedInClientAsync(TestUsers.Lrac);
        using var json = JsonDocument.Parse(await lrac.GetPageAsync("/judging/field-token"));
        var token = json.RootElement.GetProperty("token").GetString()!;

        async Task<HttpResponseMessage> SendAsync(int id, SheetInput input)
        {
            using var content = new FormUrlEncodedContent(input.Fields().Select(f => new KeyValuePair<string, string>(f.Name, f.Value))
                .Append(new KeyValuePair<string, string>("__RequestVerificationToken", token)));
            return await lrac.Http.PostAsync(new Uri(Sheet(id) + "/autosave", UriKind.Relative), content);
        }

        // Saved from the tablet meanwhile: the phone's save went out over revision 0.
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(sheet, new SheetInput(["15", "10", null], Guid.NewGuid(), 0))).StatusCode);
        var stale = await SendAsync(sheet, new SheetInput(["5", "5", "5"], Guid.NewGuid(), 0));
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        Assert.Equal(["Sheet.Conflict"], (await ReasonsAsync(stale)).Select(r => r.Code));
        Assert.Equal([15m, 10m, null], (await Data.ReadSheetAsync(sheet)).Points);

        // Another juror's sheet, and a sheet the juror gave up (a conflict declared from another device): not theirs, and told so.
        var other = await SendAsync(theirs, new SheetInput(["10", "10", "10"], Guid.NewGuid(), 0));
        await RedirectsToAsync(await lrac.PostFormAsync(Sheet(sheet), Sheet(sheet) + "/conflict", ("reason", "Es mi sobrina.")), "/judging");
        var gone = await SendAsync(sheet, new SheetInput(["20", "15", "15"], Guid.NewGuid(), 1, Submit: true));

        const string Gone = "Esta ficha ya no es suya para calificar: el participante fue retirado o usted ya no califica esta ficha. No se guardó lo que se envió.";
        Assert.Equal([HttpStatusCode.NotFound, HttpStatusCode.NotFound], new[] { other.StatusCode, gone.StatusCode });
        Assert.Equal([("Sheet.Gone", Gone)], await ReasonsAsync(gone));
        Assert.Equal(["Sheet.Gone"], (await ReasonsAsync(other)).Select(r => r.Code));
        Assert.Equal(0, (await Data.ReadSheetAsync(theirs)).Revision);
        Assert.Null(await Data.SheetIdAsync(round.Lrac.MemberId, round.Entry(1)));
    }

    [Fact]
    public async Task FieldPack_LinksThePhotosFieldCopies_SmallAndUpright_MadeAgainWhenMissingOnDisk()
    {
        var round = await Data.SeedAsync();
        var entry = round.Entry(1);
        using var officer = await App.SignedInClientAsync(TestUsers.Officer);
        await RedirectsToAsync(await UploadAsync(officer, round.Id, entry, Images.RealJpeg(2400, 1800)), $"/rounds/{round.Id}/entries/{entry}");
        var photo = await Data.Registry.ReadAsync(db => db.Entries.Where(e => e.Id == entry).SelectMany(e => e.Photos).Select(p => p.Id).SingleAsync());
        var sheet = await Data.SheetOfAsync(round.Lrac, entry);
        using var lrac = await App.SignedInClientAsync(TestUsers.Lrac);

        var pack = await PackAsync(lrac);

        var field = $"{Sheet(sheet)}/photos/{photo}/field";
        Assert.Equal([field], pack.GetProperty("sheets")[0].GetProperty("photos").EnumerateArray().Select(p => p.GetString()));
        var served = await lrac.GetAsync(field);
        var bytes = await served.Content.ReadAsByteArrayAsync();
        var phone = await (await lrac.GetAsync($"{Sheet(sheet)}/photos/{photo}/phone")).Content.ReadAsByteArrayAsync();
        Assert.Equal((HttpStatusCode.OK, "image/jpeg", (640, 480)), (served.StatusCode, served.Content.Headers.ContentType!.MediaType, Images.Size(bytes)));
        Assert.True(bytes.Length <= ImageCheck.FieldMaxBytes && bytes.Length < phone.Length, $"Field copy {bytes.Length} bytes, phone copy {phone.Length}.");
        // Made at upload; a photo without one on disk (stored before there were field copies, or the file lost) gets it on request.
        var kept = Directory.GetFiles(App.FilesPath, "*.field.jpg", SearchOption.AllDirectories);
        Assert.Single(kept);
        File.Delete(kept[0]);
        var again = await lrac.GetAsync(field);
        Assert.Equal((HttpStatusCode.OK, bytes.Length), (again.StatusCode, (await again.Content.ReadAsByteArrayAsync()).Length));
        Assert.True(File.Exists(kept[0]));
        // Only the sheet's juror reaches it.
        using var neighbour = await App.SignedInClientAsync(round.Neighbour.UserName);
        Assert.Equal(HttpStatusCode.NotFound, (await neighbour.GetAsync(field)).StatusCode);
    }

    private static async Task<HttpResponseMessage> UploadAsync(AppClient officer, int round, int entry, byte[] jpeg)
    {
        var action = $"/rounds/{round}/entries/{entry}/photos";
        var token = FormToken(await officer.GetPageAsync($"/rounds/{round}/entries/{entry}"), action);
        using var content = new MultipartFormDataContent();
        var file = new ByteArrayContent(jpeg);
        file.Headers.ContentType = new MediaTypeHeaderValue("image/jpeg");
        content.Add(file, "photo", "chacra antes.jpg");
        content.Add(new StringContent(token), "__RequestVerificationToken");
        return await officer.Http.PostAsync(new Uri(action, UriKind.Relative), content);
    }

    [Fact]
    public async Task SigningOut_TellsTheBrowserToClearWhatThePhoneKept()
    {
        await Data.SeedAsync();
        using var lrac = await App.SignedInClientAsync(TestUsers.Lrac);

        var response = await lrac.PostFormAsync("/judging", "/account/logout");

        Assert.Equal("/account/login", Redirects.PathOf(response));
        Assert.Equal(["\"storage\""], response.Headers.GetValues("Clear-Site-Data"));
        Assert.Equal("/account/login", Redirects.PathOf(await lrac.GetAsync("/judging/field-pack")));
    }
}

public sealed class FieldPackTestsOnSqlite(SqliteApp app) : FieldPackTests<SqliteApp>(app);

public sealed class FieldPackTestsOnPostgres(PostgresApp app) : FieldPackTests<PostgresApp>(app);
