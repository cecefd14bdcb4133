using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using Contests.Core.Monitoring;
using Contests.Web.Tests.Infrastructure;
using Contests.Web.Tests.Rounds;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;

namespace Contests.Web.Tests.FollowUp;

/// <summary>
/// Photos on a follow-up visit: chosen on the visit form and checked like the baseline's (by content, metadata stripped, a
/// copy for phones); shown on the entry's follow-up section to whoever reads the round; a bad file refuses the visit
/// with its message on the photos' field, keeps what was typed and writes nothing.
/// </summary>
public abstract class VisitPhotoTests<TApp>(TApp app) : AppTest<TApp>(app) where TApp : ContestsApp
{
    private FollowUpData Data => new(App);

    private static string New(int round, int entry) => $"/rounds/{round}/entries/{entry}/visits/new";

    /// <summary>A complete visit on the entry's day (cuyes 20 → 35, S/ 400.00 → S/ 700.50).</summary>
    private static readonly (string, string)[] Visit =
    [
        ("VisitedOn", "2026-11-23"), ("VisitedBy", "Officer"), ("VisitorName", "Rosa Huamán (oficial)"),
        ("Items[0].Position", "0"), ("Items[0].Quantity", "35"), ("Items[0].Value", "700,50"),
        ("Items[1].Position", "1"), ("Items[1].Quantity", "1.5"), ("Items[1].Value", ""),
        ("OwnInvestment", "1,200.00"), ("InvestmentKept", "true"), ("Notes", "Galpón nuevo"),
    ];

    [Fact]
    public async Task Record_WithPhotos_StoresThemWithoutMetadata_AndReadersOfTheRoundSeeThem()
    {
        var (round, entry) = await Data.EntryWithBaselineAsync();
        await using var host = new StorageHost(App);
        using var officer = await host.SignedInAsync(TestUsers.Officer);

        var response = await PostVisitAsync(officer, New(round, entry), Visit,
            ("galpón después.png", Images.Png(64, 48, 0x3A7D44), "image/png"), ("cuyes.jpg", Images.RealJpeg(800, 600, gps: true), "image/jpeg"));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var visit = Assert.Single(await Data.VisitsAsync());
        var photos = await Data.Rounds.Registry.ReadAsync(db => db.Set<FollowUpPhoto>().AsNoTracking().Where(p => p.VisitId == visit.Id).OrderBy(p => p.Id).ToListAsync());
        Assert.Equal(["galpón después.png", "cuyes.jpg"], photos.Select(p => p.FileName));
        Assert.Equal((64, 48, "image/png"), (photos[0].Width, photos[0].Height, photos[0].ContentType));
        foreach (var photo in photos)
        {
            var stored = await File.ReadAllBytesAsync(host.PathOf(photo.Sha256, photo.ContentType == "image/png" ? ".png" : ".jpg"));
            Assert.Equal(photo.Sha256, Convert.ToHexStringLower(SHA256.HashData(stored)));
            Assert.True(File.Exists(host.PathOf(photo.PhoneSha256, ".jpg")));
        }
        // The phone's GPS position is not kept.
        Assert.Null(SixLabors.ImageSharp.Image.Identify(await File.ReadAllBytesAsync(host.PathOf(photos[1].Sha256, ".jpg"))).Metadata.ExifProfile);

        // An auditor reads the round: the entry page links each photo, served as stored; the LRAC does not read rounds.
        using var auditor = await host.SignedInAsync(TestUsers.Auditor);
        var page = await auditor.GetPageAsync($"/rounds/{round}/entries/{entry}");
        var url = $"/rounds/{round}/entries/{entry}/visits/{visit.Id}/photos/{photos[0].Id}";
        Assert.Contains($"data-visit-photos=\"2\"", page, StringComparison.Ordinal);
        Assert.Contains($"href=\"{url}\"", page, StringComparison.Ordinal);
        var full = await auditor.GetAsync(url);
        var phone = await auditor.GetAsync(url + "/phone");
        Assert.Equal(HttpStatusCode.OK, full.StatusCode);
        Assert.Equal("image/png", full.Content.Headers.ContentType!.MediaType);
        Assert.Equal(photos[0].Sha256, Convert.ToHexStringLower(SHA256.HashData(await full.Content.ReadAsByteArrayAsync())));
        Assert.Equal("image/jpeg", phone.Content.Headers.ContentType!.MediaType);
        using var lrac = await host.SignedInAsync(TestUsers.Lrac);
        Assert.Equal("/account/denied", (await lrac.GetAsync(url)).Headers.Location!.AbsolutePath);
        // A photo is reached only through its own visit and entry.
        Assert.Equal(HttpStatusCode.NotFound, (await auditor.GetAsync($"/rounds/{round}/entries/{entry}/visits/{visit.Id + 1}/photos/{photos[0].Id}")).StatusCode);
    }

    [Fact]
    public async Task Record_WithAFileThatIsNoPhoto_KeepsWhatWasTyped_SaysSoOnThePhotos_WritesNothing()
    {
        var (round, entry) = await Data.EntryWithBaselineAsync();
        await using var host = new StorageHost(App);
        using var officer = await host.SignedInAsync(TestUsers.Officer);

        var response = await PostVisitAsync(officer, New(round, entry), Visit,
            ("acta.pdf", "%PDF-1.4 not a photo"u8.ToArray(), "image/jpeg"), ("ok.png", Images.Png(32, 32, 0x112233), "image/png"));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.False(string.IsNullOrEmpty(HtmlPage.ErrorOf(html, "Photos")), "the photos' field says what is wrong");
        Assert.Equal("35", HtmlPage.InputValue(html, "Items[0].Quantity"));
        Assert.Equal("Rosa Huamán (oficial)", HtmlPage.InputValue(html, "VisitorName"));
        Assert.Empty(await Data.VisitsAsync());
        Assert.Empty(host.Files);
    }

    [Fact]
    public async Task Edit_AddsPhotos_UpToSixPerVisit_ThenRefusesMore_KeepingTheStoredVisit()
    {
        var (round, entry) = await Data.EntryWithBaselineAsync();
        await using var host = new StorageHost(App);
        using var officer = await host.SignedInAsync(TestUsers.Officer);
        Assert.Equal(HttpStatusCode.Redirect, (await PostVisitAsync(officer, New(round, entry), Visit,
            [.. Enumerable.Range(1, 5).Select(i => ($"f{i}.png", Images.Png(16, 16, i * 0x101010), "image/png"))])).StatusCode);
        var visit = Assert.Single(await Data.VisitsAsync());
        var edit = $"/rounds/{round}/entries/{entry}/visits/{visit.Id}/edit";

        var sixth = await PostVisitAsync(officer, edit, Visit, ("f6.png", Images.Png(16, 16, 0x606060), "image/png"));
        var seventh = await PostVisitAsync(officer, edit, [.. Visit.Where(f => f.Item1 != "Notes"), ("Notes", "otra nota")],
            ("f7.png", Images.Png(16, 16, 0x707070), "image/png"));

        Assert.Equal(HttpStatusCode.Redirect, sixth.StatusCode);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, seventh.StatusCode);
        var html = await seventh.Content.ReadAsStringAsync();
        Assert.Contains("6", HtmlPage.ErrorOf(html, "Photos") ?? string.Empty, StringComparison.Ordinal);
        Assert.Contains("otra nota", html, StringComparison.Ordinal);
        var stored = await Data.Rounds.Registry.ReadAsync(db => db.FollowUpVisits.AsNoTracking().Include(v => v.Photos).SingleAsync());
        Assert.Equal(6, stored.Photos.Count);
        Assert.Equal("Galpón nuevo", stored.Notes);
    }

    /// <summary>Posts the visit form as a browser does: multipart, with the form's antiforgery token and the files under "Photos".</summary>
    private static async Task<HttpResponseMessage> PostVisitAsync(AppClient client, string action, (string Name, string Value)[] fields,
        params (string FileName, byte[] Data, string ContentType)[] files)
    {
        var token = AppClient.Token(await client.GetPageAsync(action));
        using var content = new MultipartFormDataContent();
        foreach (var (name, value) in fields)
        {
            content.Add(new StringContent(value), name);
        }
        foreach (var (fileName, data, contentType) in files)
        {
            var file = new ByteArrayContent(data);
            file.Headers.ContentType = new MediaTypeHeaderValue(contentType);
            content.Add(file, "Photos", fileName);
        }
        content.Add(new StringContent(token), "__RequestVerificationToken");
        return await client.Http.PostAsync(new Uri(action, UriKind.Relative), content);
    }

    /// <summary>The app with its files in a folder of its own, removed afterwards.</summary>
    private sealed class StorageHost : IAsyncDisposable
    {
        private readonly WebApplicationFactory<Program> _factory;
        private readonly string _storage = Directory.CreateTempSubdirectory("contests-visit-photos-").FullName;

        public StorageHost(ContestsApp app) => _factory = app.WithWebHostBuilder(b => b.UseSetting("Storage:Path", _storage));

        public async Task<AppClient> SignedInAsync(string user)
        {
            var client = new AppClient(_factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true }));
            await client.SignInAsync(user, TestUsers.Password);
            return client;
        }

        public string PathOf(string sha256, string extension) => Path.Combine(_storage, "photos", sha256[..2], sha256 + extension);

        public IEnumerable<string> Files => Directory.Exists(_storage) ? Directory.EnumerateFiles(_storage, "*", SearchOption.AllDirectories) : [];

        public async ValueTask DisposeAsync()
        {
            await _factory.DisposeAsync();
            Directory.Delete(_storage, recursive: true);
        }
    }
}

public sealed class VisitPhotoTestsOnSqlite(SqliteApp app) : VisitPhotoTests<SqliteApp>(app);

public sealed class VisitPhotoTestsOnPostgres(PostgresApp app) : VisitPhotoTests<PostgresApp>(app);
