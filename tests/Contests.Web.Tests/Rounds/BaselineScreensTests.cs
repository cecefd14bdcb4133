using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using Contests.Core.Rounds;
using Contests.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;
using static Contests.Web.Tests.Rounds.RoundPages;

namespace Contests.Web.Tests.Rounds;

/// <summary>An entry's "before" record: its activities, and photos kept on disk by their SHA-256.</summary>
public abstract class BaselineScreensTests<TApp>(TApp app) : AppTest<TApp>(app) where TApp : ContestsApp
{
    private RoundData Data => new(App);

    private async Task<(int Round, int Entry)> EntryAsync()
    {
        var world = await Data.WorldAsync();
        var round = await Data.RoundAsync(world, RoundPhase.Open);
        return (round, await Data.EnterHouseholdAsync(round, world.Juana));
    }

    private static Task<HttpResponseMessage> SaveBaselineAsync(AppClient officer, int round, int entry, params (string, string)[] fields) =>
        officer.PostFormAsync($"/rounds/{round}/entries/{entry}", $"/rounds/{round}/entries/{entry}/baseline", fields);

    [Fact]
    public async Task Baseline_Saved_IsShownOnTheEntry_AndTheDashboardsMissingCountDrops()
    {
        var (round, entry) = await EntryAsync();
        using var officer = await App.SignedInClientAsync(TestUsers.Officer);
        var before = await officer.GetPageAsync($"/rounds/{round}");

        var response = await SaveBaselineAsync(officer, round, entry,
            ("Items[0].Activity", "Terrazas de formación lenta"), ("Items[0].Quantity", "120"), ("Items[0].Unit", "m lineales"),
            ("Items[0].EstimatedValue", "850.00"), ("Items[0].Notes", "Solo en la parte alta"),
            ("Items[1].Activity", "Zanjas de infiltración"), ("Items[1].Quantity", "12.5"), ("Items[1].Unit", "m lineales"),
            ("Items[1].EstimatedValue", ""), ("Items[1].Notes", ""),
            ("Items[2].Activity", ""), ("Items[2].Quantity", ""), ("Items[2].Unit", ""), ("Items[2].EstimatedValue", ""), ("Items[2].Notes", ""));

        await RedirectsToAsync(response, $"/rounds/{round}/entries/{entry}");
        var page = await officer.GetPageAsync($"/rounds/{round}/entries/{entry}");
        Assert.Equal("Línea de base guardada.", Flash(page));
        Assert.Equal("Terrazas de formación lenta", HtmlPage.InputValue(page, "Items[0].Activity"));
        Assert.Equal("850.00", HtmlPage.InputValue(page, "Items[0].EstimatedValue"));
        Assert.Equal("12.5", HtmlPage.InputValue(page, "Items[1].Quantity"));
        var saved = Assert.Single(await Data.ReadEntriesAsync(round)).Baseline.OrderBy(b => b.Position).ToList();
        Assert.Equal([("Terrazas de formación lenta", 120m, "m lineales", (decimal?)850m, "Solo en la parte alta"), ("Zanjas de infiltración", 12.5m, "m lineales", null, null)],
            saved.Select(b => (b.Activity, b.Quantity, b.Unit, b.EstimatedValue, b.Notes)));
        Assert.Contains("1 Sin línea de base", HtmlPage.Text(before));
        Assert.Equal("Ccollpa 1 1 1 0", Row(before, "Ccollpa"));
        var after = await officer.GetPageAsync($"/rounds/{round}");
        Assert.Contains("0 Sin línea de base", HtmlPage.Text(after));
        Assert.Equal("Ccollpa 1 1 ✓ 0", Row(after, "Ccollpa"));
        Assert.Contains("Quispe Mamani, Juana Mujer Ccollpa Sí Inscrito", HtmlPage.Text(await officer.GetPageAsync($"/rounds/{round}/entries")));
    }

    [Fact]
    public async Task Baseline_WithoutUnit_SaysSoNextToTheUnit_NamingTheColumn_SavesNothing()
    {
        var (round, entry) = await EntryAsync();
        using var officer = await App.SignedInClientAsync(TestUsers.Officer);

        var response = await SaveBaselineAsync(officer, round, entry,
            ("Items[0].Activity", "Terrazas de formación lenta"), ("Items[0].Quantity", "120"), ("Items[0].Unit", " "), ("Items[0].EstimatedValue", "850,50"));

        var html = await HtmlAsync(response, HttpStatusCode.UnprocessableEntity);
        Assert.Equal("Complete el campo «Unidad».", HtmlPage.ErrorOf(html, "Items[0]_Unit"));
        Assert.Null(HtmlPage.ErrorOf(html, "Items[0]_EstimatedValue")); // a decimal comma is a decimal point
        Assert.Equal("850,50", HtmlPage.InputValue(html, "Items[0].EstimatedValue"));
        Assert.Null(HtmlPage.ErrorOf(html, "Items[0]_Activity"));
        Assert.Equal("Terrazas de formación lenta", HtmlPage.InputValue(html, "Items[0].Activity"));
        Assert.Empty(Assert.Single(await Data.ReadEntriesAsync(round)).Baseline);
        Assert.Contains("1 Sin línea de base", HtmlPage.Text(await officer.GetPageAsync($"/rounds/{round}")));
    }

    [Fact]
    public async Task Baseline_WithADecimalComma_InQuantityAndValue_IsSavedAsTheDecimalPoint()
    {
        var (round, entry) = await EntryAsync();
        using var officer = await App.SignedInClientAsync(TestUsers.Officer);

        var response = await SaveBaselineAsync(officer, round, entry,
            ("Items[0].Activity", "Zanjas de infiltración"), ("Items[0].Quantity", "12,5"), ("Items[0].Unit", "m lineales"), ("Items[0].EstimatedValue", "850,50"));

        await RedirectsToAsync(response, $"/rounds/{round}/entries/{entry}");
        var saved = Assert.Single(Assert.Single(await Data.ReadEntriesAsync(round)).Baseline);
        Assert.Equal((12.5m, (decimal?)850.50m), (saved.Quantity, saved.EstimatedValue));
    }

    [Fact]
    public async Task Baseline_WithNoActivity_AsksForOne()
    {
        var (round, entry) = await EntryAsync();
        using var officer = await App.SignedInClientAsync(TestUsers.Officer);

        var response = await SaveBaselineAsync(officer, round, entry, ("Items[0].Activity", ""), ("Items[0].Quantity", ""), ("Items[0].Unit", ""));

        Assert.Equal("Escriba al menos una actividad.", HtmlPage.ErrorOf(await HtmlAsync(response, HttpStatusCode.UnprocessableEntity), "Items"));
    }

    // ---- photos -----------------------------------------------------------------------------------

    /// <summary>
    /// The app with its files in a folder of this test (the test app leaves <c>Storage:Path</c> unset,
    /// which would write under the source tree). Same database, clock and scheduler as the test's app.
    /// </summary>
    private sealed class PhotoHost : IAsyncDisposable
    {
        private readonly WebApplicationFactory<Program> _factory;

        public PhotoHost(ContestsApp app)
        {
            Storage = Directory.CreateTempSubdirectory("contests-photos-").FullName;
            _factory = app.WithWebHostBuilder(b => b.UseSetting("Storage:Path", Storage));
        }

        public string Storage { get; }

        public async Task<AppClient> OfficerAsync()
        {
            var client = new AppClient(_factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true }));
            await client.SignInAsync(TestUsers.Officer, TestUsers.Password);
            return client;
        }

        public string PathOf(string sha256, string extension) => Path.Combine(Storage, "photos", sha256[..2], sha256 + extension);

        public IEnumerable<string> Files => Directory.Exists(Storage) ? Directory.EnumerateFiles(Storage, "*", SearchOption.AllDirectories) : [];

        public async ValueTask DisposeAsync()
        {
            await _factory.DisposeAsync();
            Directory.Delete(Storage, recursive: true);
        }
    }

    /// <summary>Posts a file as the entry page's upload form does (multipart, field "photo", with that form's token).</summary>
    private static async Task<HttpResponseMessage> UploadAsync(AppClient officer, int round, int entry, byte[] data, string fileName, string contentType)
    {
        var action = $"/rounds/{round}/entries/{entry}/photos";
        var token = FormToken(await officer.GetPageAsync($"/rounds/{round}/entries/{entry}"), action);
        using var content = new MultipartFormDataContent();
        var file = new ByteArrayContent(data);
        file.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        content.Add(file, "photo", fileName);
        content.Add(new StringContent(token), "__RequestVerificationToken");
        return await officer.Http.PostAsync(new Uri(action, UriKind.Relative), content);
    }

    private static string Sha256(byte[] data) => Convert.ToHexStringLower(SHA256.HashData(data));

    [Fact]
    public async Task Photo_ARealPng_IsStoredByItsChecksum_AndServedBackAsStored()
    {
        var (round, entry) = await EntryAsync();
        await using var host = new PhotoHost(App);
        using var officer = await host.OfficerAsync();
        var png = Images.Png(64, 48, 0x3A7D44);

        var response = await UploadAsync(officer, round, entry, png, "chacra antes.png", "image/png");

        await RedirectsToAsync(response, $"/rounds/{round}/entries/{entry}");
        var photo = Assert.Single(Assert.Single(await Data.ReadEntriesAsync(round)).Photos);
        // What is stored is the decoded photo written again (without metadata), named by its own checksum.
        var stored = await File.ReadAllBytesAsync(host.PathOf(photo.Sha256, ".png"));
        var sha = Sha256(stored);
        Assert.Equal((sha, "image/png", (long)stored.Length, 64, 48, "chacra antes.png"), (photo.Sha256, photo.ContentType, photo.Bytes, photo.Width, photo.Height, photo.FileName));
        Assert.Equal(0x3A7D44, Images.ColourAt(stored, 10, 10));
        Assert.Equal(new[] { host.PathOf(sha, ".png"), host.PathOf(photo.PhoneSha256!, ".jpg"), host.PathOf(photo.PhoneSha256!, ".field.jpg") }.Order(StringComparer.Ordinal), host.Files.Order(StringComparer.Ordinal));
        var page = await officer.GetPageAsync($"/rounds/{round}/entries/{entry}");
        Assert.Equal("Foto agregada.", Flash(page));
        Assert.Contains($"chacra antes.png · Original (64 × 48) · {sha[..12]}", HtmlPage.Text(page));
        Assert.Contains("Fotos (1 / 6)", HtmlPage.Text(page));

        var served = await officer.GetAsync($"/rounds/{round}/entries/{entry}/photos/{photo.Id}");

        Assert.Equal(HttpStatusCode.OK, served.StatusCode);
        Assert.Equal("image/png", served.Content.Headers.ContentType!.MediaType);
        Assert.Equal(stored, await served.Content.ReadAsByteArrayAsync());
        Assert.Equal(HttpStatusCode.NotFound, (await officer.GetAsync($"/rounds/{round}/entries/{entry}/photos/{photo.Id + 1}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await officer.GetAsync($"/rounds/{round + 1}/entries/{entry}/photos/{photo.Id}")).StatusCode);
    }

    /// <summary>Posts the entry page's one form as the *Subir foto* button does: the activities typed so far and the photo.</summary>
    private static async Task<HttpResponseMessage> UploadWithBaselineAsync(AppClient officer, int round, int entry, byte[] data, params (string, string)[] fields)
    {
        var action = $"/rounds/{round}/entries/{entry}/photos";
        var token = FormToken(await officer.GetPageAsync($"/rounds/{round}/entries/{entry}"), action);
        using var content = new MultipartFormDataContent();
        foreach (var (name, value) in fields)
        {
            content.Add(new StringContent(value), name);
        }
        if (data.Length > 0)
        {
            var file = new ByteArrayContent(data);
            file.Headers.ContentType = new MediaTypeHeaderValue("image/png");
            content.Add(file, "photo", "antes.png");
        }
        content.Add(new StringContent(token), "__RequestVerificationToken");
        return await officer.Http.PostAsync(new Uri(action, UriKind.Relative), content);
    }

    private static readonly (string, string)[] TypedBaseline =
    [
        ("Items[0].Activity", "Terrazas de formación lenta"), ("Items[0].Quantity", "120"), ("Items[0].Unit", "m lineales"),
        ("Items[0].EstimatedValue", "850.00"), ("Items[0].Notes", "Solo en la parte alta"),
        ("Items[1].Activity", ""), ("Items[1].Quantity", ""), ("Items[1].Unit", ""), ("Items[1].EstimatedValue", ""), ("Items[1].Notes", ""),
    ];

    [Fact]
    public async Task Photo_UploadedWithAnUnsavedBaseline_AddsThePhoto_AndGivesTheActivitiesBackAsTyped()
    {
        var (round, entry) = await EntryAsync();
        await using var host = new PhotoHost(App);
        using var officer = await host.OfficerAsync();
        var page = await officer.GetPageAsync($"/rounds/{round}/entries/{entry}");
        Assert.Contains($"formaction=\"/rounds/{round}/entries/{entry}/photos\"", page); // the upload button belongs to the baseline's form

        var response = await UploadWithBaselineAsync(officer, round, entry, Images.Png(32, 24, 0x3A7D44), TypedBaseline);

        var html = await HtmlAsync(response, HttpStatusCode.OK);
        Assert.Equal("Terrazas de formación lenta", HtmlPage.InputValue(html, "Items[0].Activity"));
        Assert.Equal("120", HtmlPage.InputValue(html, "Items[0].Quantity"));
        Assert.Equal("850.00", HtmlPage.InputValue(html, "Items[0].EstimatedValue"));
        Assert.Equal("Solo en la parte alta", HtmlPage.InputValue(html, "Items[0].Notes"));
        Assert.StartsWith("Foto agregada. Las actividades que escribió aún no están guardadas", Flash(html));
        var stored = Assert.Single(await Data.ReadEntriesAsync(round));
        Assert.Single(stored.Photos);
        Assert.Empty(stored.Baseline); // kept on the page, not saved behind the officer's back
    }

    [Fact]
    public async Task Photo_Refused_StillGivesTheUnsavedActivitiesBack()
    {
        var (round, entry) = await EntryAsync();
        await using var host = new PhotoHost(App);
        using var officer = await host.OfficerAsync();

        var response = await UploadWithBaselineAsync(officer, round, entry, [], TypedBaseline);

        var html = await HtmlAsync(response, HttpStatusCode.UnprocessableEntity);
        Assert.NotNull(HtmlPage.ErrorOf(html, "Photo"));
        Assert.Equal("Terrazas de formación lenta", HtmlPage.InputValue(html, "Items[0].Activity"));
        Assert.Equal("m lineales", HtmlPage.InputValue(html, "Items[0].Unit"));
        var stored = Assert.Single(await Data.ReadEntriesAsync(round));
        Assert.Empty(stored.Photos);
        Assert.Empty(stored.Baseline);
    }

    [Fact]
    public async Task Photo_WithTheBaselineAsSaved_GoesBackToTheEntry()
    {
        var (round, entry) = await EntryAsync();
        await using var host = new PhotoHost(App);
        using var officer = await host.OfficerAsync();
        await RedirectsToAsync(await SaveBaselineAsync(officer, round, entry, TypedBaseline), $"/rounds/{round}/entries/{entry}");

        var response = await UploadWithBaselineAsync(officer, round, entry, Images.Png(32, 24, 0x3A7D44), TypedBaseline);

        await RedirectsToAsync(response, $"/rounds/{round}/entries/{entry}");
        Assert.Equal("Foto agregada.", Flash(await officer.GetPageAsync($"/rounds/{round}/entries/{entry}")));
    }

    [Fact]
    public async Task Photo_AJpeg_IsServedAsJpeg()
    {
        var (round, entry) = await EntryAsync();
        await using var host = new PhotoHost(App);
        using var officer = await host.OfficerAsync();
        var jpeg = Images.RealJpeg(640, 480);

        var response = await UploadAsync(officer, round, entry, jpeg, "IMG_2041.JPG", "image/jpeg");

        await RedirectsToAsync(response, $"/rounds/{round}/entries/{entry}");
        var photo = Assert.Single(Assert.Single(await Data.ReadEntriesAsync(round)).Photos);
        Assert.Equal(("image/jpeg", 640, 480), (photo.ContentType, photo.Width, photo.Height));
        Assert.True(File.Exists(host.PathOf(photo.Sha256, ".jpg")));
        var served = await officer.GetAsync($"/rounds/{round}/entries/{entry}/photos/{photo.Id}");
        Assert.Equal("image/jpeg", served.Content.Headers.ContentType!.MediaType);
        Assert.Equal(await File.ReadAllBytesAsync(host.PathOf(photo.Sha256, ".jpg")), await served.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task Photo_ATinyPngClaiming20000By20000Pixels_IsRefusedBeforeDecoding_NothingStored()
    {
        var (round, entry) = await EntryAsync();
        await using var host = new PhotoHost(App);
        using var officer = await host.OfficerAsync();
        var bomb = Images.PngClaiming(20_000, 20_000);
        Assert.True(bomb.Length < 100, $"{bomb.Length} bytes");

        var response = await UploadAsync(officer, round, entry, bomb, "mapa.png", "image/png");

        var message = HtmlPage.ErrorOf(await HtmlAsync(response, HttpStatusCode.UnprocessableEntity), "Photo");
        Assert.Contains("20000 × 20000", message, StringComparison.Ordinal);
        Assert.Contains("40 megapíxeles", message, StringComparison.Ordinal);
        Assert.Empty(Assert.Single(await Data.ReadEntriesAsync(round)).Photos);
        Assert.Empty(host.Files);
    }

    [Fact]
    public async Task Photo_APngWhosePixelsAreDamaged_IsRefusedAsDamaged_NothingStored()
    {
        var (round, entry) = await EntryAsync();
        await using var host = new PhotoHost(App);
        using var officer = await host.OfficerAsync();
        // Signature, header and end as a header check reads them; one byte of the compressed pixels changed (its CRC no longer matches).
        var png = Images.Png(64, 48, 0x3A7D44);
        png[8 + 25 + 8 + 3] ^= 0xFF;

        var response = await UploadAsync(officer, round, entry, png, "chacra.png", "image/png");

        Assert.Equal("No se pudo abrir la foto: el archivo está dañado o incompleto. Súbala de nuevo desde el teléfono o la cámara.",
            HtmlPage.ErrorOf(await HtmlAsync(response, HttpStatusCode.UnprocessableEntity), "Photo"));
        Assert.Empty(Assert.Single(await Data.ReadEntriesAsync(round)).Photos);
        Assert.Empty(host.Files);
    }

    [Fact]
    public async Task Photo_AJpegWithGps_IsStoredAndServedWithoutItsMetadata_BothSizes()
    {
        var (round, entry) = await EntryAsync();
        await using var host = new PhotoHost(App);
        using var officer = await host.OfficerAsync();
        var jpeg = Images.RealJpeg(800, 600, gps: true);
        Assert.True(Images.HasGps(jpeg)); // the upload has it

        await RedirectsToAsync(await UploadAsync(officer, round, entry, jpeg, "casa.jpg", "image/jpeg"), $"/rounds/{round}/entries/{entry}");

        var photo = Assert.Single(Assert.Single(await Data.ReadEntriesAsync(round)).Photos);
        foreach (var path in new[] { host.PathOf(photo.Sha256, ".jpg"), host.PathOf(photo.PhoneSha256!, ".jpg") })
        {
            var stored = await File.ReadAllBytesAsync(path);
            Assert.False(Images.HasGps(stored));
            Assert.False(Images.HasExifSegment(stored), path);
        }
        foreach (var url in new[] { $"/rounds/{round}/entries/{entry}/photos/{photo.Id}", $"/rounds/{round}/entries/{entry}/photos/{photo.Id}/phone" })
        {
            var served = await officer.GetAsync(url);
            Assert.Equal(HttpStatusCode.OK, served.StatusCode);
            var bytes = await served.Content.ReadAsByteArrayAsync();
            Assert.False(Images.HasGps(bytes));
            Assert.False(Images.HasExifSegment(bytes), url);
        }
    }

    [Fact]
    public async Task Photo_ServedToPhones_IsAResizedJpegOfAtMost1280PxAnd200KB_WithALinkToTheOriginal()
    {
        var (round, entry) = await EntryAsync();
        await using var host = new PhotoHost(App);
        using var officer = await host.OfficerAsync();
        var jpeg = Images.RealJpeg(4000, 3000);
        Assert.True(jpeg.Length > ImageCheck.PhoneMaxBytes, $"{jpeg.Length} bytes");

        await RedirectsToAsync(await UploadAsync(officer, round, entry, jpeg, "chacra.jpg", "image/jpeg"), $"/rounds/{round}/entries/{entry}");

        var photo = Assert.Single(Assert.Single(await Data.ReadEntriesAsync(round)).Photos);
        var page = await officer.GetPageAsync($"/rounds/{round}/entries/{entry}");
        Assert.Contains($"<img src=\"/rounds/{round}/entries/{entry}/photos/{photo.Id}/phone\"", page, StringComparison.Ordinal);
        Assert.Contains($"<a href=\"/rounds/{round}/entries/{entry}/photos/{photo.Id}\" data-photo=\"original\">Original (4000 × 3000)</a>", page, StringComparison.Ordinal);
        var phone = await officer.GetAsync($"/rounds/{round}/entries/{entry}/photos/{photo.Id}/phone");
        Assert.Equal(HttpStatusCode.OK, phone.StatusCode);
        Assert.Equal("image/jpeg", phone.Content.Headers.ContentType!.MediaType);
        var bytes = await phone.Content.ReadAsByteArrayAsync();
        Assert.InRange(bytes.Length, 1, ImageCheck.PhoneMaxBytes);
        Assert.Equal((1280, 960), Images.Size(bytes));
        var original = await officer.GetAsync($"/rounds/{round}/entries/{entry}/photos/{photo.Id}");
        Assert.Equal((4000, 3000), Images.Size(await original.Content.ReadAsByteArrayAsync()));
    }

    [Fact]
    public async Task Photo_ATextFileNamedJpg_IsRefused_NothingStored()
    {
        var (round, entry) = await EntryAsync();
        await using var host = new PhotoHost(App);
        using var officer = await host.OfficerAsync();

        var response = await UploadAsync(officer, round, entry, "Lista de asistentes: Juana, Pedro, María\n"u8.ToArray(), "foto.jpg", "image/jpeg");

        var html = await HtmlAsync(response, HttpStatusCode.UnprocessableEntity);
        Assert.Equal("El archivo no es una foto JPEG, PNG o WebP (aunque su nombre lo diga) o está incompleto.", HtmlPage.ErrorOf(html, "Photo"));
        Assert.Empty(Assert.Single(await Data.ReadEntriesAsync(round)).Photos);
        Assert.Empty(host.Files);
    }

    [Fact]
    public async Task Photo_ATruncatedPng_IsRefused()
    {
        var (round, entry) = await EntryAsync();
        await using var host = new PhotoHost(App);
        using var officer = await host.OfficerAsync();
        var png = Images.Png(64, 48, 0x3A7D44);

        var response = await UploadAsync(officer, round, entry, png[..(png.Length - 20)], "corte.png", "image/png");

        Assert.Contains("no es una foto JPEG, PNG o WebP", HtmlPage.ErrorOf(await HtmlAsync(response, HttpStatusCode.UnprocessableEntity), "Photo"));
        Assert.Empty(host.Files);
    }

    [Fact]
    public async Task Photo_Of20MB_IsRefused_StatingTheLimit_NothingStored()
    {
        var (round, entry) = await EntryAsync();
        await using var host = new PhotoHost(App);
        using var officer = await host.OfficerAsync();
        var big = new byte[20 * 1024 * 1024];
        Images.Png(64, 48, 0x3A7D44).CopyTo(big, 0);

        var response = await UploadAsync(officer, round, entry, big, "panorama.png", "image/png");

        var html = await HtmlAsync(response, HttpStatusCode.UnprocessableEntity);
        Assert.Equal("La foto pesa 20 MB; el límite es 10 MB.", HtmlPage.ErrorOf(html, "Photo"));
        Assert.Empty(Assert.Single(await Data.ReadEntriesAsync(round)).Photos);
        Assert.Empty(host.Files);
    }

    [Fact]
    public async Task Photo_TheSameOneTwice_IsRefused_AndKeptOnce()
    {
        var (round, entry) = await EntryAsync();
        await using var host = new PhotoHost(App);
        using var officer = await host.OfficerAsync();
        var png = Images.Png(64, 48, 0x3A7D44);
        await RedirectsToAsync(await UploadAsync(officer, round, entry, png, "antes.png", "image/png"), $"/rounds/{round}/entries/{entry}");

        var response = await UploadAsync(officer, round, entry, png, "antes (copia).png", "image/png");

        Assert.Equal("Esa foto ya está agregada.", HtmlPage.ErrorOf(await HtmlAsync(response, HttpStatusCode.UnprocessableEntity), "Photo"));
        Assert.Single(Assert.Single(await Data.ReadEntriesAsync(round)).Photos);
        Assert.Equal(3, host.Files.Count()); // the photo, its copy for phones and its field copy, once
    }

    [Fact]
    public async Task Photo_ChangedOnDiskAfterUpload_IsNeverServed()
    {
        var (round, entry) = await EntryAsync();
        await using var host = new PhotoHost(App);
        using var officer = await host.OfficerAsync();
        var png = Images.Png(64, 48, 0x3A7D44);
        await RedirectsToAsync(await UploadAsync(officer, round, entry, png, "antes.png", "image/png"), $"/rounds/{round}/entries/{entry}");
        var photo = Assert.Single(Assert.Single(await Data.ReadEntriesAsync(round)).Photos);
        var altered = Images.Png(64, 48, 0xFF0000);
        await File.WriteAllBytesAsync(host.PathOf(photo.Sha256, ".png"), altered);

        var served = await officer.GetAsync($"/rounds/{round}/entries/{entry}/photos/{photo.Id}");

        Assert.Equal(HttpStatusCode.InternalServerError, served.StatusCode);
        Assert.NotEqual("image/png", served.Content.Headers.ContentType?.MediaType);
        var body = await served.Content.ReadAsByteArrayAsync();
        Assert.DoesNotContain("IHDR", System.Text.Encoding.Latin1.GetString(body), StringComparison.Ordinal);
        Assert.Contains("El archivo de la foto falta o no coincide con su suma de control: avise al administrador.", System.Text.Encoding.UTF8.GetString(body));
    }

    [Fact]
    public async Task Photo_UploadedAgainAfterItsFileWasDamaged_IsStoredIntactAndServed()
    {
        var world = await Data.WorldAsync();
        var round = await Data.RoundAsync(world, RoundPhase.Open);
        var juana = await Data.EnterHouseholdAsync(round, world.Juana);
        var pedro = await Data.EnterHouseholdAsync(round, world.Pedro);
        await using var host = new PhotoHost(App);
        using var officer = await host.OfficerAsync();
        var png = Images.Png(64, 48, 0x3A7D44);
        await RedirectsToAsync(await UploadAsync(officer, round, juana, png, "antes.png", "image/png"), $"/rounds/{round}/entries/{juana}");
        var first = Assert.Single((await Data.ReadEntriesAsync(round)).Single(e => e.Id == juana).Photos);
        var intact = await File.ReadAllBytesAsync(host.PathOf(first.Sha256, ".png"));
        await File.WriteAllBytesAsync(host.PathOf(first.Sha256, ".png"), Images.Png(64, 48, 0xFF0000));

        await RedirectsToAsync(await UploadAsync(officer, round, pedro, png, "antes.png", "image/png"), $"/rounds/{round}/entries/{pedro}");

        var photo = Assert.Single((await Data.ReadEntriesAsync(round)).Single(e => e.Id == pedro).Photos);
        Assert.Equal(first.Sha256, photo.Sha256); // the same photo is written the same way
        var served = await officer.GetAsync($"/rounds/{round}/entries/{pedro}/photos/{photo.Id}");
        Assert.Equal(HttpStatusCode.OK, served.StatusCode);
        Assert.Equal(intact, await served.Content.ReadAsByteArrayAsync());
    }

    /// <summary>Withdraws the entry, then posts a photo from the entry page opened before (it still has the upload form).</summary>
    private async Task<(HttpResponseMessage Response, PhotoHost Host)> UploadToWithdrawnEntryAsync(int round, int entry)
    {
        var host = new PhotoHost(App);
        using var officer = await host.OfficerAsync();
        var token = FormToken(await officer.GetPageAsync($"/rounds/{round}/entries/{entry}"), $"/rounds/{round}/entries/{entry}/photos");
        await RedirectsToAsync(await officer.PostFormAsync($"/rounds/{round}/entries/{entry}", $"/rounds/{round}/entries/{entry}/withdraw", ("Reason", "Se retiró.")),
            $"/rounds/{round}/entries/{entry}");
        using var content = new MultipartFormDataContent
        {
            { new ByteArrayContent(Images.Png(8, 8, 0x123456)), "photo", "antes.png" },
            { new StringContent(token), "__RequestVerificationToken" },
        };
        return (await officer.Http.PostAsync(new Uri($"/rounds/{round}/entries/{entry}/photos", UriKind.Relative), content), host);
    }

    [Fact]
    public async Task Photo_OfAWithdrawnEntry_IsRefused_NothingStored()
    {
        var (round, entry) = await EntryAsync();

        var (response, host) = await UploadToWithdrawnEntryAsync(round, entry);

        await using (host)
        {
            Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
            Assert.Empty(Assert.Single(await Data.ReadEntriesAsync(round)).Photos);
            Assert.Empty(host.Files);
        }
    }

    [Fact]
    public async Task Photo_OfAWithdrawnEntry_SaysWhyItWasRefused()
    {
        var (round, entry) = await EntryAsync();

        var (response, host) = await UploadToWithdrawnEntryAsync(round, entry);

        await using (host)
        {
            Assert.Contains("El participante ya está «Retirado».", HtmlPage.Text(await HtmlAsync(response, HttpStatusCode.UnprocessableEntity)));
        }
    }
}

/// <summary>Small, real image files built in code.</summary>
internal static class Images
{
    /// <summary>A valid PNG of one colour (8-bit RGB, zlib-compressed scanlines, CRCs).</summary>
    public static byte[] Png(int width, int height, int rgb)
    {
        using var pixels = new MemoryStream();
        using (var zlib = new ZLibStream(pixels, CompressionLevel.Optimal, leaveOpen: true))
        {
            var row = new byte[1 + (3 * width)];
            for (var x = 0; x < width; x++)
            {
                row[1 + (3 * x)] = (byte)(rgb >> 16);
                row[2 + (3 * x)] = (byte)(rgb >> 8);
                row[3 + (3 * x)] = (byte)rgb;
            }
            for (var y = 0; y < height; y++)
            {
                zlib.Write(row);
            }
        }
        var header = new byte[13];
        System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(header, width);
        System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4), height);
        header[8] = 8; // bit depth
        header[9] = 2; // truecolour
        using var png = new MemoryStream();
        png.Write([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]);
        Chunk(png, "IHDR"u8, header);
        Chunk(png, "IDAT"u8, pixels.ToArray());
        Chunk(png, "IEND"u8, []);
        return png.ToArray();
    }

    /// <summary>
    /// A baseline JPEG's structure: start of image, a start-of-frame with the size, a start of scan, some
    /// entropy-coded bytes, end of image — what a header check reads, but no image a decoder can open.
    /// </summary>
    public static byte[] Jpeg(int width, int height) =>
    [
        0xFF, 0xD8,
        0xFF, 0xE0, 0x00, 0x10, (byte)'J', (byte)'F', (byte)'I', (byte)'F', 0x00, 0x01, 0x01, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00,
        0xFF, 0xC0, 0x00, 0x11, 0x08, (byte)(height >> 8), (byte)height, (byte)(width >> 8), (byte)width, 0x03,
        0x01, 0x22, 0x00, 0x02, 0x11, 0x01, 0x03, 0x11, 0x01,
        0xFF, 0xDA, 0x00, 0x0C, 0x03, 0x01, 0x00, 0x02, 0x11, 0x03, 0x11, 0x00, 0x3F, 0x00,
        0xF9, 0xFE, 0x8A, 0x28, 0xA0, 0x0F, 0xFF, 0xD9,
    ];

    /// <summary>A valid PNG of a few dozen bytes whose header claims <paramref name="width"/> × <paramref name="height"/> (a "decompression bomb").</summary>
    public static byte[] PngClaiming(int width, int height)
    {
        var header = new byte[13];
        System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(header, width);
        System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4), height);
        header[8] = 8;
        header[9] = 2;
        using var png = new MemoryStream();
        png.Write([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]);
        Chunk(png, "IHDR"u8, header);
        Chunk(png, "IDAT"u8, [0x78, 0x9C, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01]);
        Chunk(png, "IEND"u8, []);
        return png.ToArray();
    }

    /// <summary>
    /// A real JPEG (quality 90) of a smooth scene — sky to field gradients with a few bands, as a landscape photo
    /// compresses — optionally with the EXIF a phone writes: camera, date and the GPS position (Abancay).
    /// </summary>
    public static byte[] RealJpeg(int width, int height, bool gps = false)
    {
        using var image = new SixLabors.ImageSharp.Image<SixLabors.ImageSharp.PixelFormats.Rgb24>(width, height);
        image.ProcessPixelRows(rows =>
        {
            for (var y = 0; y < rows.Height; y++)
            {
                var row = rows.GetRowSpan(y);
                for (var x = 0; x < row.Length; x++)
                {
                    var band = ((x / 97) + (y / 61)) % 3 == 0 ? 40 : 0;
                    row[x] = new SixLabors.ImageSharp.PixelFormats.Rgb24((byte)(60 + band + (x * 120 / width)), (byte)(90 + (y * 140 / height)), (byte)(200 - (y * 150 / height)));
                }
            }
        });
        if (gps)
        {
            var exif = new SixLabors.ImageSharp.Metadata.Profiles.Exif.ExifProfile();
            exif.SetValue(SixLabors.ImageSharp.Metadata.Profiles.Exif.ExifTag.Make, "Samsung");
            exif.SetValue(SixLabors.ImageSharp.Metadata.Profiles.Exif.ExifTag.GPSLatitudeRef, "S");
            exif.SetValue(SixLabors.ImageSharp.Metadata.Profiles.Exif.ExifTag.GPSLatitude, [new(13, 1), new(38, 1), new(2_130, 100)]);
            exif.SetValue(SixLabors.ImageSharp.Metadata.Profiles.Exif.ExifTag.GPSLongitudeRef, "W");
            exif.SetValue(SixLabors.ImageSharp.Metadata.Profiles.Exif.ExifTag.GPSLongitude, [new(72, 1), new(52, 1), new(4_410, 100)]);
            image.Metadata.ExifProfile = exif;
        }
        using var output = new MemoryStream();
        image.Save(output, new SixLabors.ImageSharp.Formats.Jpeg.JpegEncoder { Quality = 90 });
        return output.ToArray();
    }

    /// <summary>Whether an image's EXIF carries a GPS latitude.</summary>
    public static bool HasGps(byte[] image) =>
        SixLabors.ImageSharp.Image.Identify(image).Metadata.ExifProfile?.GetValue(SixLabors.ImageSharp.Metadata.Profiles.Exif.ExifTag.GPSLatitude) is not null;

    /// <summary>Whether a JPEG has an APP1 "Exif" segment at all.</summary>
    public static bool HasExifSegment(byte[] jpeg) => jpeg.AsSpan().IndexOf("Exif\0\0"u8) >= 0;

    public static (int Width, int Height) Size(byte[] image)
    {
        var info = SixLabors.ImageSharp.Image.Identify(image);
        return (info.Width, info.Height);
    }

    /// <summary>The RGB colour of one pixel.</summary>
    public static int ColourAt(byte[] image, int x, int y)
    {
        using var decoded = SixLabors.ImageSharp.Image.Load<SixLabors.ImageSharp.PixelFormats.Rgb24>(image);
        var pixel = decoded[x, y];
        return (pixel.R << 16) | (pixel.G << 8) | pixel.B;
    }

    private static void Chunk(Stream png, ReadOnlySpan<byte> type, byte[] data)
    {
        var length = new byte[4];
        System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(length, data.Length);
        png.Write(length);
        var typed = new byte[4 + data.Length];
        type.CopyTo(typed);
        data.CopyTo(typed, 4);
        png.Write(typed);
        var crc = new byte[4];
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(crc, Crc32(typed));
        png.Write(crc);
    }

    private static uint Crc32(byte[] data)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in data)
        {
            crc ^= b;
            for (var k = 0; k < 8; k++)
            {
                crc = (crc & 1) != 0 ? 0xEDB88320u ^ (crc >> 1) : crc >> 1;
            }
        }
        return ~crc;
    }
}

public sealed class BaselineScreensTestsOnSqlite(SqliteApp app) : BaselineScreensTests<SqliteApp>(app);

public sealed class BaselineScreensTestsOnPostgres(PostgresApp app) : BaselineScreensTests<PostgresApp>(app);
