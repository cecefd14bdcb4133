using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Contests.E2E;

/// <summary>
/// Signs in as each demo role and walks every page it reaches by GET links from the menu and the pages
/// themselves (same origin, downloads and sign-out skipped), in Spanish and in English, on a 360 px wide
/// phone. Every page must show no unresolved resource key (a localizer that misses a key returns the key,
/// e.g. <c>Nav.Rounds.Hint</c>), must not scroll sideways, and must pass axe-core's WCAG 2.2 AA rules.
/// Pages that differ only by a record's id are visited once, not once per record, and axe (the slow part)
/// runs on the Spanish pass only — the English pass checks keys and widths, which change with the words —
/// and once per kind of page and set of forms across the roles (see <see cref="FirstOfItsKindAsync"/>).
/// Each page's findings are also written as they come to <c>screenshots/crawl-{user}.txt</c>.
/// </summary>
[Collection(E2ECollection.Name)]
public sealed partial class CrawlTests(AppServer server, ITestOutputHelper output) : BrowserTest(server)
{
    private const int Width = 360;
    private const int SamePageKindLimit = 1;
    private const int PageLimit = 80;

    private static readonly HashSet<string> AxeChecked = new(StringComparer.Ordinal);

    private static BrowserNewContextOptions NarrowPhone => new()
    {
        ViewportSize = new ViewportSize { Width = Width, Height = 740 },
        IsMobile = true,
        HasTouch = true,
    };

    [Theory]
    [InlineData("admin")]
    [InlineData("oficial")]
    [InlineData("clar")]
    [InlineData("finanzas")]
    [InlineData("auditor")]
    [InlineData("seguimiento")]
    public Task Every_page_a_role_reaches_shows_no_raw_key_fits_360px_and_passes_axe(string userName) =>
        InBrowserAsync(async page =>
        {
            var clock = Stopwatch.StartNew();
            await SignInAsync(page, userName);
            await Expect(page).ToHaveURLAsync(Server.BaseUrl + "/");
            var problems = new List<string>();
            var visited = 0;
            Directory.CreateDirectory(ScreenshotDirectory);
            await using var log = new StreamWriter(Path.Combine(ScreenshotDirectory, $"crawl-{userName}.txt")) { AutoFlush = true };

            foreach (var language in new[] { "Español", "English" })
            {
                await page.GotoAsync("/");
                await page.Locator("footer").GetByRole(AriaRole.Button, new() { Name = language, Exact = true }).ClickAsync();
                await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", language == "English" ? "en" : "es-PE");
                visited += await CrawlAsync(page, "/", language, language == "Español", problems, log);
            }

            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{userName}: {visited} pages in both languages, {clock.Elapsed.TotalSeconds:0.0} s"));
            Assert.True(visited >= 4, $"{userName} reached only {visited} pages: the crawl is broken");
            Assert.True(problems.Count == 0, $"{problems.Count} problems:\n" + string.Join('\n', problems));
        }, NarrowPhone, userName);

    /// <summary>
    /// Someone who has not signed in starts at the public home (<c>/public</c>) and follows its links: the bases of the
    /// open rounds and the published results — the pages the programme's people read on their own phones.
    /// </summary>
    [Fact]
    public Task Every_public_page_an_anonymous_visitor_reaches_shows_no_raw_key_fits_360px_and_passes_axe() =>
        InBrowserAsync(async page =>
        {
            var problems = new List<string>();
            var reached = new List<string>();
            var visited = 0;
            Directory.CreateDirectory(ScreenshotDirectory);
            await using var log = new StreamWriter(Path.Combine(ScreenshotDirectory, "crawl-public.txt")) { AutoFlush = true };

            foreach (var language in new[] { "Español", "English" })
            {
                await page.GotoAsync("/public");
                await page.Locator("footer").GetByRole(AriaRole.Button, new() { Name = language, Exact = true }).ClickAsync();
                await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", language == "English" ? "en" : "es-PE");
                visited += await CrawlAsync(page, "/public", language, language == "Español", problems, log, reached);
            }

            output.WriteLine($"anonymous: {visited} pages in both languages: {string.Join(", ", reached.Distinct(StringComparer.Ordinal))}");
            Assert.Contains(reached, u => PublicBases().IsMatch(u));
            Assert.Contains(reached, u => PublicResults().IsMatch(u));
            Assert.True(problems.Count == 0, $"{problems.Count} problems:\n" + string.Join('\n', problems));
        }, NarrowPhone, "public");

    private async Task<int> CrawlAsync(IPage page, string start, string language, bool runAxe, List<string> problems, StreamWriter log,
        List<string>? reached = null)
    {
        var queue = new Queue<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal) { start };
        var kinds = new Dictionary<string, int>(StringComparer.Ordinal) { [Kind(start)] = 1 };
        queue.Enqueue(start);
        var visited = 0;
        while (queue.Count > 0 && visited < PageLimit)
        {
            var url = queue.Dequeue();
            var found = problems.Count;
            var started = Stopwatch.GetTimestamp();
            IResponse? response;
            try
            {
                response = await page.GotoAsync(url);
            }
            catch (PlaywrightException e) when (e.Message.Contains("Download", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }
            var type = response is null ? null : await response.HeaderValueAsync("content-type");
            if (type is null || !type.StartsWith("text/html", StringComparison.Ordinal))
            {
                continue;
            }
            visited++;
            reached?.Add(url);
            var where = $"[{language}] {url}";
            if (response!.Status >= 400)
            {
                problems.Add(string.Create(CultureInfo.InvariantCulture, $"{where}: HTTP {response.Status} from a link"));
                await log.WriteLineAsync("  " + problems[^1]);
                continue;
            }

            foreach (var token in await VisibleTextTokensAsync(page))
            {
                if (RawKey().IsMatch(token))
                {
                    problems.Add($"{where}: unresolved resource key '{token}'");
                }
            }

            var overflow = await page.EvaluateAsync<string[]>(OverflowScript, Width);
            if (overflow.Length > 0)
            {
                problems.Add($"{where}: wider than {Width}px ({overflow[0]}); widest: {string.Join(" | ", overflow.Skip(1))}");
            }

            if (runAxe && await FirstOfItsKindAsync(page, url))
            {
                foreach (var violation in await Axe.ViolationsAsync(page))
                {
                    var nodes = string.Join(" | ", violation.Nodes.Select(Shorten));
                    problems.Add($"{where}: axe {violation.Id} ({violation.Impact}) {violation.Help}: {nodes}");
                }
            }
            await log.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"{where} {Stopwatch.GetElapsedTime(started).TotalSeconds:0.0}s"));
            foreach (var problem in problems.Skip(found))
            {
                await log.WriteLineAsync("  " + problem);
            }

            var links = await page.EvalOnSelectorAllAsync<string[]>("header nav a[href], main a[href]",
                "as => as.filter(a => !a.hasAttribute('download')).map(a => a.href)");
            foreach (var link in links)
            {
                if (!link.StartsWith(Server.BaseUrl + "/", StringComparison.Ordinal))
                {
                    continue;
                }
                var local = link[Server.BaseUrl.Length..];
                var hash = local.IndexOf('#', StringComparison.Ordinal);
                if (hash >= 0)
                {
                    local = local[..hash];
                }
                if (local.Length == 0 || Skip().IsMatch(local) || !seen.Add(local))
                {
                    continue;
                }
                var kind = Kind(local);
                kinds[kind] = kinds.GetValueOrDefault(kind) + 1;
                if (kinds[kind] <= SamePageKindLimit)
                {
                    queue.Enqueue(local);
                }
            }
        }
        return visited;
    }

    // The visible words of the page and its title, labels, placeholders and button values.
    private static async Task<string[]> VisibleTextTokensAsync(IPage page)
    {
        var text = await page.EvaluateAsync<string>("""
            () => [document.title, document.body.innerText,
                   ...[...document.querySelectorAll('[aria-label],[placeholder],[title],[alt],input[type=submit],input[type=button]')]
                      .map(e => [e.getAttribute('aria-label'), e.getAttribute('placeholder'), e.getAttribute('title'), e.getAttribute('alt'),
                                 e.matches('input[type=submit],input[type=button]') ? e.value : null].filter(Boolean).join(' '))].join(' ')
            """);
        return text.Split((char[])[' ', '\n', '\r', '\t', '\u00a0'], StringSplitOptions.RemoveEmptyEntries)
            .Select(t => t.Trim(':', ',', ';', '(', ')', '«', '»', '"', '\'', '·', '…', '¿', '?', '¡', '!'))
            .ToArray();
    }

    // Empty when the page fits; else the page's width and the right edges of the elements that stick out furthest.
    private const string OverflowScript = """
        (width) => {
          const doc = document.documentElement;
          const total = Math.max(doc.scrollWidth, document.body.scrollWidth);
          if (total <= width) return [];
          const out = [...document.body.querySelectorAll('*')]
            .map(e => [e, e.getBoundingClientRect().right])
            .filter(([e, r]) => r > width + 0.5 && ![...e.children].some(c => c.getBoundingClientRect().right > width + 0.5))
            .sort((a, b) => b[1] - a[1]).slice(0, 4)
            .map(([e, r]) => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') + (e.className && typeof e.className === 'string' ? '.' + e.className.trim().split(/\s+/).join('.') : '')
                             + ' → ' + Math.round(r) + 'px');
          return [total + 'px', ...out];
        }
        """;

    // /rounds/12/entries/3 and /rounds/7/entries/9 are the same kind of page.
    private static string Kind(string local)
    {
        var query = local.IndexOf('?', StringComparison.Ordinal);
        var path = query < 0 ? local : local[..query];
        var keys = query < 0 ? string.Empty
            : "?" + string.Join('&', local[(query + 1)..].Split('&').Select(p => p.Split('=')[0]).Order(StringComparer.Ordinal));
        return Digits().Replace(path, "/{n}") + keys;
    }

    /// <summary>
    /// Whether axe has yet to check a page of this kind with these forms (any role, this run). Axe is the slow
    /// part (seconds a page, against a tenth of a second for the rest): a page every role reaches the same way
    /// is checked once, and again only for a role that sees other forms on it (an officer's edit forms).
    /// </summary>
    private static async Task<bool> FirstOfItsKindAsync(IPage page, string url)
    {
        var forms = await page.EvalOnSelectorAllAsync<string[]>("form", "fs => fs.map(f => f.getAttribute('action') || '')");
        var key = Kind(url) + "|" + string.Join(",", forms.Select(f => Digits().Replace(f, "/#")).Order(StringComparer.Ordinal));
        lock (AxeChecked)
        {
            return AxeChecked.Add(key);
        }
    }

    private static string Shorten(string html) => html.Length <= 120 ? html : html[..120] + "…";

    // A resource key the localizer could not find comes back as the key itself.
    [GeneratedRegex(@"^[A-Z][A-Za-z]+(\.[A-Z][A-Za-z]+)+$")]
    private static partial Regex RawKey();

    // Downloads, files, images and sign-out are not pages to check; nor is /jobs, Hangfire's own dashboard (its markup is the library's).
    [GeneratedRegex(@"(\.(pdf|csv|zip|xml|png|jpe?g|webp|ico|svg|webmanifest)(\?|$))|/file(\?|$)|/photos/|/template(/|\?|$)|logout|^/jobs(/|\?|$)", RegexOptions.IgnoreCase)]
    private static partial Regex Skip();

    [GeneratedRegex(@"/\d+(?=/|$)")]
    private static partial Regex Digits();

    [GeneratedRegex(@"^/public/rounds/\d+$")]
    private static partial Regex PublicBases();

    [GeneratedRegex(@"^/public/rounds/\d+/results$")]
    private static partial Regex PublicResults();
}
