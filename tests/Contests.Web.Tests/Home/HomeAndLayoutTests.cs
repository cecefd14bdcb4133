using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Contests.Web.Features.Shared;
using Contests.Web.Tests.Infrastructure;

namespace Contests.Web.Tests.Home;

/// <summary>
/// The home page and the layout every page shares: tiles whose texts exist in both languages (no raw
/// resource key), the menu with sign-out, the icon and the web-app manifest a phone needs to install it.
/// </summary>
public abstract partial class HomeAndLayoutTests<TApp>(TApp app) : AppTest<TApp>(app) where TApp : ContestsApp
{
    [Theory]
    [InlineData(TestUsers.Admin, "es-PE")]
    [InlineData(TestUsers.Officer, "es-PE")]
    [InlineData(TestUsers.Lrac, "es-PE")]
    [InlineData(TestUsers.Finance, "es-PE")]
    [InlineData(TestUsers.Auditor, "es-PE")]
    [InlineData(TestUsers.Monitoring, "es-PE")]
    [InlineData(TestUsers.Admin, "en")]
    [InlineData(TestUsers.Lrac, "en")]
    public async Task Home_EachRole_ShowsTilesWithTextNeverARawResourceKey(string user, string culture)
    {
        using var client = await App.SignedInClientAsync(user);
        await client.PostFormAsync("/", "/account/language", ("culture", culture), ("returnUrl", "/"));

        var html = await client.GetPageAsync("/");

        Assert.Contains($"<html lang=\"{culture}\">", html);
        var tiles = Tile().Matches(html).Select(m => (Key: m.Groups[1].Value, Text: HtmlPage.Text(m.Groups[2].Value))).ToList();
        Assert.NotEmpty(tiles);
        foreach (var (key, text) in tiles)
        {
            var words = text.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            Assert.True(words.Length >= 3, $"tile {key} has no hint: '{text}'");
            Assert.DoesNotContain(words, w => RawKey().IsMatch(w));
        }
        Assert.DoesNotMatch(RawKeyInText(), HtmlPage.Text(html));
    }

    [Fact]
    public void Navigation_EveryLabelAndHintKey_ExistsInSpanishAndEnglish()
    {
        foreach (var file in new[] { "SharedResource.resx", "SharedResource.en.resx" })
        {
            var keys = ResourceKeys(file);
            foreach (var item in Navigation.Items)
            {
                Assert.Contains(item.LabelKey, keys);
                if (item.Path != "/")
                {
                    Assert.True(item.HintKey is not null && keys.Contains(item.HintKey), $"{item.LabelKey}: hint {item.HintKey ?? "(none)"} missing in {file}");
                }
            }
        }
    }

    [Fact]
    public async Task Layout_SignedIn_HasTheMenuOutsideItsToggle_WithSignOut()
    {
        using var client = await App.SignedInClientAsync(TestUsers.Admin);

        var html = await client.GetPageAsync("/rounds");

        // A closed <details> renders none of its content: the menu must not be inside the toggle.
        var toggle = Regex.Match(html, "<details class=\"menu\">(.*?)</details>", RegexOptions.Singleline);
        Assert.True(toggle.Success);
        Assert.DoesNotContain("<nav", toggle.Groups[1].Value, StringComparison.Ordinal);
        Assert.Contains("aria-controls=\"main-menu\"", toggle.Groups[1].Value, StringComparison.Ordinal);
        var nav = Regex.Match(html, "<nav id=\"main-menu\"[^>]*>(.*?)</nav>", RegexOptions.Singleline);
        Assert.True(nav.Success);
        Assert.Contains("aria-current=\"page\" data-nav=\"Nav.Rounds\"", nav.Groups[1].Value, StringComparison.Ordinal);
        Assert.Contains("id=\"sign-out\"", nav.Groups[1].Value, StringComparison.Ordinal);
        Assert.Contains("action=\"/account/logout\"", nav.Groups[1].Value, StringComparison.Ordinal);
        Assert.Contains("name=\"__RequestVerificationToken\"", nav.Groups[1].Value, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Favicon_IsServedWithoutSignIn_AsAnIcon()
    {
        using var client = App.NewClient();

        using var response = await client.GetAsync("/favicon.ico");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("image/x-icon", response.Content.Headers.ContentType?.MediaType);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        // ICONDIR: reserved 0, type 1 (icon), at least one image.
        Assert.True(bytes.Length > 22 && bytes[0] == 0 && bytes[1] == 0 && bytes[2] == 1 && bytes[3] == 0 && bytes[4] >= 1);
    }

    [Fact]
    public async Task Manifest_IsLinkedFromEveryPage_AndDescribesAnInstallableApp()
    {
        using var client = App.NewClient();
        var login = await client.GetPageAsync("/account/login");
        Assert.Contains("<link rel=\"manifest\" href=\"/manifest.webmanifest\">", login);
        Assert.Contains("<link rel=\"icon\" href=\"/favicon.ico\"", login);

        using var response = await client.GetAsync("/manifest.webmanifest");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/manifest+json", response.Content.Headers.ContentType?.MediaType);
        using var manifest = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var root = manifest.RootElement;
        Assert.False(string.IsNullOrWhiteSpace(root.GetProperty("name").GetString()));
        Assert.False(string.IsNullOrWhiteSpace(root.GetProperty("short_name").GetString()));
        Assert.Equal("/", root.GetProperty("start_url").GetString());
        Assert.Equal("standalone", root.GetProperty("display").GetString());
        Assert.Matches("^#[0-9a-f]{6}$", root.GetProperty("theme_color").GetString());
        Assert.Matches("^#[0-9a-f]{6}$", root.GetProperty("background_color").GetString());
        var icons = root.GetProperty("icons").EnumerateArray().ToList();
        foreach (var size in new[] { "192x192", "512x512" })
        {
            var icon = Assert.Single(icons, i => i.GetProperty("sizes").GetString() == size);
            Assert.Equal("image/png", icon.GetProperty("type").GetString());
            using var png = await client.GetAsync(icon.GetProperty("src").GetString()!);
            Assert.Equal(HttpStatusCode.OK, png.StatusCode);
            Assert.Equal("image/png", png.Content.Headers.ContentType?.MediaType);
            var bytes = await png.Content.ReadAsByteArrayAsync();
            // The PNG's IHDR holds its width and height (big-endian) at bytes 16 and 20.
            var pixels = int.Parse(size.Split('x')[0], System.Globalization.CultureInfo.InvariantCulture);
            Assert.Equal(pixels, System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(16, 4)));
            Assert.Equal(pixels, System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(20, 4)));
        }
    }

    private static HashSet<string> ResourceKeys(string file)
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Contests.sln")))
        {
            dir = dir.Parent;
        }
        var path = Path.Combine(dir!.FullName, "src/Contests.Web/Resources", file);
        return XDocument.Load(path).Root!.Elements("data").Select(d => (string)d.Attribute("name")!).ToHashSet(StringComparer.Ordinal);
    }

    [GeneratedRegex("<a class=\"tile\" href=\"[^\"]*\" data-tile=\"([^\"]+)\">(.*?)</a>", RegexOptions.Singleline)]
    private static partial Regex Tile();

    // A resource key the localizer could not find comes back as the key itself: Nav.Rounds.Hint.
    [GeneratedRegex(@"^[A-Z][A-Za-z]+(\.[A-Z][A-Za-z]+)+$")]
    private static partial Regex RawKey();

    [GeneratedRegex(@"(?<![\w.])[A-Z][a-z]+[A-Za-z]*(\.[A-Z][A-Za-z]+)+(?![\w.])")]
    private static partial Regex RawKeyInText();
}

public sealed class HomeAndLayoutTestsOnSqlite(SqliteApp app) : HomeAndLayoutTests<SqliteApp>(app);

public sealed class HomeAndLayoutTestsOnPostgres(PostgresApp app) : HomeAndLayoutTests<PostgresApp>(app);
